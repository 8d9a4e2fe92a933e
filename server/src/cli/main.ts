import { parseCommand, USAGE, type FailOn, type LintCommand } from './args';
import { ConfigResolver } from './config';
import { oneLine, UsageError } from './errors';
import { collectFiles } from './files';
import { availableParallelism } from 'node:os';
import { isMainThread } from 'node:worker_threads';
import { CompactReporter } from './formatters/compact';
import { JsonStream, SarifStream, type Reporter } from './formatters/stream';
import { TextReporter } from './formatters/text';
import { lintFiles } from './lint';
import { mergeSarifFiles } from './mergeSarif';
import { lintOnWorkers } from './pool';
import { countFindings, type Counts, type FileReport } from './report';
import { reportCommand } from './reportCommand';
import { formatRules } from './rules';
import { inShard } from './shard';
import { VERSION } from './version';
import { runWorker } from './worker';

/** Exit codes: 0 clean, 1 findings at or above --fail-on or too many warnings, 2 usage, configuration or internal error. */
export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;

/** Fewer files than this are linted on the main thread: starting workers would cost more than they save. */
const MIN_FILES_FOR_WORKERS = 32;

async function main(argv: string[]): Promise<number> {
  const command = parseCommand(argv, process.env, process.stdout.isTTY === true);
  switch (command.command) {
    case 'help':
      process.stdout.write(USAGE);
      return EXIT.ok;
    case 'version':
      process.stdout.write(`${VERSION}\n`);
      return EXIT.ok;
    case 'rules':
      process.stdout.write(formatRules(command.format));
      return EXIT.ok;
    case 'merge-sarif':
      process.stdout.write(await mergeSarifFiles(command.paths));
      return EXIT.ok;
    case 'lint':
      return lintCommand(command);
    case 'report':
      return reportCommand(command);
  }
}

async function lintCommand(command: LintCommand): Promise<number> {
  const cwd = process.cwd();
  const warn = (message: string) => process.stderr.write(`harden: ${message}\n`);
  const failures = new Set<string>();
  const configs = await ConfigResolver.create(cwd, command.overrides, command.config);
  const candidates = await collectFiles(command.paths.length > 0 ? command.paths : ['.'], {
    cwd,
    ignore: command.ignore,
    onWarning: warn,
  });
  const accepted = [];
  for (const c of candidates) if (await configs.accepts(c)) accepted.push(c);
  // Every format goes out file by file as the files are linted, in path order; text's summary comes last.
  const out = (s: string) => process.stdout.write(s);
  const counts = countFindings([]);
  const text =
    command.format === 'text'
      ? new TextReporter(out, {
          color: command.color,
          width: process.stdout.isTTY === true ? process.stdout.columns : undefined,
        })
      : undefined;
  const reporter: Reporter =
    command.format === 'json'
      ? new JsonStream(out)
      : command.format === 'sarif'
        ? new SarifStream(out, cwd)
        : command.format === 'compact'
          ? new CompactReporter(out)
          : { file: (f) => text!.file(f), end: () => text!.end(counts) };
  const onReport = (r: FileReport) => {
    countFindings([r], counts);
    reporter.file(r);
  };
  const shard = command.shard;
  const lints = shard && ((c: { abs: string }) => inShard(c.abs, cwd, shard));
  // SARIF carries each safe fix's edits; the other formats need only whether there is one.
  const edits = command.format === 'sarif';
  const jobs = command.jobs ?? (accepted.length >= MIN_FILES_FOR_WORKERS ? availableParallelism() : 1);
  // --fix writes files and --report-unused-ignores re-lints each file with other settings: both on one thread.
  if (jobs > 1 && !command.fix && !command.reportUnusedIgnores) {
    await lintOnWorkers(accepted, {
      jobs,
      script: __filename,
      cwd,
      overrides: command.overrides,
      config: command.config,
      edits,
      quiet: command.quiet,
      lints,
      onWarning: warn,
      onFailure: (m) => failures.add(m),
      onReport,
    });
  } else {
    await lintFiles(accepted, {
      cwd,
      configs,
      fix: command.fix,
      edits,
      lints,
      quiet: command.quiet,
      reportUnusedIgnores: command.reportUnusedIgnores,
      onWarning: warn,
      onFailure: (m) => failures.add(m),
      onReport,
    });
  }
  reporter.end();
  for (const m of failures) warn(m);
  if (failures.size > 0) return EXIT.usage;
  if (command.maxWarnings !== undefined && counts.warning > command.maxWarnings) {
    warn(`too many warnings (${counts.warning}); --max-warnings is ${command.maxWarnings}`);
    return EXIT.problems;
  }
  return failing(counts, command.failOn) > 0 ? EXIT.problems : EXIT.ok;
}

/** How many findings are at or above the `--fail-on` threshold (hints never fail a run). */
export function failing(c: Counts, failOn: FailOn): number {
  switch (failOn) {
    case 'never':
      return 0;
    case 'error':
      return c.error;
    case 'warning':
      return c.error + c.warning;
    case 'info':
      return c.error + c.warning + c.info;
  }
}

if (!isMainThread) runWorker();
else
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(
        e instanceof UsageError ? `harden: ${e.message}\n` : `harden: internal error: ${oneLine(e)}\n`,
      );
      process.exitCode = EXIT.usage;
    },
  );
