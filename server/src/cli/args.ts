import { parseArgs } from 'node:util';
import { LATEST_PSS_VERSION, PSS_VERSIONS, rulesById, SEVERITIES, type ConfigLayer, type PssLevel } from '../engine';
import { oneLine, UsageError } from './errors';

export type LintFormat = 'text' | 'compact' | 'json' | 'sarif';
/** The lowest severity that fails the run (exit 1); `never` reports only. */
export type FailOn = 'error' | 'warning' | 'info' | 'never';
export const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'info', 'never'];
export type RulesFormat = 'text' | 'json' | 'markdown';

export interface LintCommand {
  command: 'lint';
  paths: string[];
  format: LintFormat;
  fix: boolean;
  config?: string;
  /** `--rule`, `--pss-level` and `--pss-version`: the highest settings layer. */
  overrides: ConfigLayer;
  maxWarnings?: number;
  failOn: FailOn;
  quiet: boolean;
  color: boolean;
  ignore: string[];
  reportUnusedIgnores: boolean;
  /** Worker threads; undefined: one per core for larger runs, none for a few files. */
  jobs?: number;
  /** `--shard i/n`: lint only the files whose path hash falls in part `index` (1-based) of `count`. */
  shard?: { index: number; count: number };
}

export interface RulesCommand {
  command: 'rules';
  format: RulesFormat;
}

/** `harden report`: the hardening report of the given paths. */
export interface ReportCommand {
  command: 'report';
  paths: string[];
  format: 'html' | 'md';
  config?: string;
  overrides: ConfigLayer;
  ignore: string[];
}

export interface MergeSarifCommand {
  command: 'merge-sarif';
  paths: string[];
}

export type Command =
  LintCommand | RulesCommand | ReportCommand | MergeSarifCommand | { command: 'help' } | { command: 'version' };

export const USAGE = `Usage: harden [options] [paths...]
       harden rules [--format text|json|markdown]
       harden report [paths...] [--format html|md] [--config f] [--rule id=sev] [--pss-level l] [--ignore p]
       harden merge-sarif <a.sarif> <b.sarif>...   (one SARIF log of several, e.g. of shards, on stdout)

Lints Dockerfiles and Kubernetes manifests under the given files and folders (default: .).
Folders are walked respecting .gitignore; node_modules and .git are skipped. Files named
explicitly are always linted. To lint a folder named "rules" or "report", write ./rules.
harden report prints a hardening report (one row per practice, counts per rule and file, an
explained score) as self-contained HTML (default) or Markdown.

Options:
  --format <text|compact|json|sarif>  Output format (default: text); compact is one
                                 "path:line:col: severity message [rule-id]" line per finding
  --fix                          Apply safe fixes in place
  --config <file>                Use this .harden.yaml instead of the nearest one
  --rule <id>=<severity>         Set a rule's severity (off|hint|info|warning|error); repeatable
  --pss-level <level>            Pod Security Standards level: baseline|restricted
  --pss-version <version>        Pod Security Standards version: ${PSS_VERSIONS[0]}..${LATEST_PSS_VERSION}|latest
  --ignore <pattern>             Skip paths matching a .gitignore-style pattern; repeatable
  --fail-on <severity>           Exit 1 when a finding is at or above error|warning|info;
                                 never reports only (default: error)
  --max-warnings <n>             Exit 1 when there are more than n warnings (also with --fail-on never)
  --report-unused-ignores        Report each harden-ignore comment that suppressed nothing (warning)
  --quiet                        Report errors only
  --jobs <n>                     Lint on n worker threads (default: one per core; 1: no workers)
  --shard <i>/<n>                Lint only part i of n of the files (a stable split by path, for CI jobs
                                 in parallel; merge their SARIF with harden merge-sarif). Every manifest
                                 is still read, so cross-file findings are those of one whole run
  --color, --no-color            Force or disable colors (default: on when stdout is a terminal)
  -h, --help                     Show this help
  -v, --version                  Show the version

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above --fail-on (default: errors) or too many
warnings, 2 usage or configuration error.
Precedence: command-line options > --config or nearest .harden.yaml > .hadolint.yaml next to a Dockerfile > defaults.
`;

const OPTIONS = {
  format: { type: 'string' },
  fix: { type: 'boolean' },
  config: { type: 'string' },
  rule: { type: 'string', multiple: true },
  'pss-level': { type: 'string' },
  'pss-version': { type: 'string' },
  ignore: { type: 'string', multiple: true },
  'max-warnings': { type: 'string' },
  'fail-on': { type: 'string' },
  quiet: { type: 'boolean' },
  'report-unused-ignores': { type: 'boolean' },
  jobs: { type: 'string' },
  shard: { type: 'string' },
  color: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

type Values = ReturnType<typeof parse>['values'];

function parse(argv: string[]) {
  return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, allowNegative: true, strict: true });
}

/** `env` and `isTTY` decide the default color; `--color`/`--no-color` win. */
export function parseCommand(argv: string[], env: NodeJS.ProcessEnv, isTTY: boolean): Command {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (e) {
    throw new UsageError(`${oneLine(e).split(/\.(?:\s|$)/)[0]} (see harden --help)`);
  }
  const { values, positionals } = parsed;
  if (values.help) return { command: 'help' };
  if (values.version) return { command: 'version' };
  if (positionals[0] === 'rules') return rulesCommand(values, positionals.slice(1));
  if (positionals[0] === 'report') return reportCommand(values, positionals.slice(1));
  if (positionals[0] === 'merge-sarif') return mergeSarifCommand(values, positionals.slice(1));

  return {
    command: 'lint',
    paths: positionals,
    format: oneOf('--format', values.format ?? 'text', ['text', 'compact', 'json', 'sarif'] as const),
    fix: values.fix ?? false,
    config: values.config,
    overrides: overrides(values),
    maxWarnings: values['max-warnings'] === undefined ? undefined : count('--max-warnings', values['max-warnings']),
    failOn: oneOf('--fail-on', values['fail-on'] ?? 'error', FAIL_ON),
    quiet: values.quiet ?? false,
    color: values.color ?? defaultColor(env, isTTY),
    ignore: values.ignore ?? [],
    reportUnusedIgnores: values['report-unused-ignores'] ?? false,
    jobs: values.jobs === undefined ? undefined : positive('--jobs', values.jobs),
    shard: values.shard === undefined ? undefined : shard(values.shard),
  };
}

function mergeSarifCommand(values: Values, rest: string[]): MergeSarifCommand {
  const extra = Object.keys(values).filter((k) => k !== 'color');
  if (extra.length > 0) throw new UsageError(`option --${extra[0]} does not apply to harden merge-sarif`);
  if (rest.length === 0) throw new UsageError('harden merge-sarif expects SARIF files to merge');
  return { command: 'merge-sarif', paths: rest };
}

function positive(option: string, value: string): number {
  const n = count(option, value);
  if (n === 0) throw new UsageError(`${option} expects a positive integer, got "${value}"`);
  return n;
}

function shard(value: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(value);
  const index = m ? Number(m[1]) : 0;
  const total = m ? Number(m[2]) : 0;
  if (!m || index < 1 || index > total)
    throw new UsageError(`--shard expects <i>/<n> with 1 <= i <= n, got "${value}"`);
  return { index, count: total };
}

function rulesCommand(values: Values, rest: string[]): RulesCommand {
  if (rest.length > 0) throw new UsageError(`harden rules takes no paths (got "${rest[0]}")`);
  const extra = Object.keys(values).filter((k) => k !== 'format' && k !== 'color');
  if (extra.length > 0) throw new UsageError(`option --${extra[0]} does not apply to harden rules`);
  return {
    command: 'rules',
    format: oneOf('--format', values.format ?? 'text', ['text', 'json', 'markdown'] as const),
  };
}

const REPORT_OPTIONS = ['format', 'config', 'rule', 'pss-level', 'pss-version', 'ignore', 'color'];

function reportCommand(values: Values, paths: string[]): ReportCommand {
  const extra = Object.keys(values).filter((k) => !REPORT_OPTIONS.includes(k));
  if (extra.length > 0) throw new UsageError(`option --${extra[0]} does not apply to harden report`);
  return {
    command: 'report',
    paths,
    format: oneOf('--format', values.format ?? 'html', ['html', 'md'] as const),
    config: values.config,
    overrides: overrides(values),
    ignore: values.ignore ?? [],
  };
}

function overrides(values: Values): ConfigLayer {
  const layer: ConfigLayer = {};
  for (const spec of values.rule ?? []) {
    const eq = spec.lastIndexOf('=');
    if (eq <= 0) throw new UsageError(`--rule expects <id>=<severity>, got "${spec}"`);
    const id = spec.slice(0, eq).trim();
    const severity = spec.slice(eq + 1).trim();
    if (!rulesById.has(id)) throw new UsageError(`--rule: unknown rule "${id}" (see harden rules)`);
    (layer.rules ??= {})[id] = oneOf(`--rule ${id}`, severity, SEVERITIES);
  }
  if (values['pss-level'] !== undefined) {
    layer.pss = { level: oneOf('--pss-level', values['pss-level'], ['baseline', 'restricted'] as readonly PssLevel[]) };
  }
  if (values['pss-version'] !== undefined) {
    const version = values['pss-version'];
    if (version !== 'latest' && !PSS_VERSIONS.includes(version)) {
      throw new UsageError(
        `--pss-version must be latest or one of ${PSS_VERSIONS[0]}..${LATEST_PSS_VERSION}, got "${version}"`,
      );
    }
    layer.pss = { ...layer.pss, version };
  }
  return layer;
}

function oneOf<T extends string>(option: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${option} must be one of ${allowed.join(', ')}, got "${value}"`);
}

function count(option: string, value: string): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`${option} expects a non-negative integer, got "${value}"`);
  return Number(value);
}

function defaultColor(env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return isTTY;
}
