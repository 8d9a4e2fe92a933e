import { parseCommand, USAGE, type FailOn, type LintCommand } from './args';
import { ConfigResolver } from './config';
import { oneLine, UsageError } from './errors';
import { collectFiles } from './files';
import { formatJson } from './formatters/json';
import { formatSarif } from './formatters/sarif';
import { CompactReporter } from './formatters/compact';
import { TextReporter } from './formatters/text';
import { lintFiles } from './lint';
import { countFindings, type Counts } from './report';
import { reportCommand } from './reportCommand';
import { formatRules } from './rules';
import { VERSION } from './version';

/** Exit codes: 0 clean, 1 findings at or above --fail-on or too many warnings, 2 usage, configuration or internal error. */
export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;

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
  // Text and compact go out file by file as they are linted; JSON and SARIF are one document each, written at the end.
  const out = (s: string) => process.stdout.write(s);
  const text =
    command.format === 'text'
      ? new TextReporter(out, {
          color: command.color,
          width: process.stdout.isTTY === true ? process.stdout.columns : undefined,
        })
      : command.format === 'compact'
        ? new CompactReporter(out)
        : undefined;
  const reports = await lintFiles(accepted, {
    cwd,
    configs,
    fix: command.fix,
    quiet: command.quiet,
    reportUnusedIgnores: command.reportUnusedIgnores,
    onWarning: warn,
    onFailure: (m) => failures.add(m),
    onReport: text && ((r) => text.file(r)),
  });
  const counts = countFindings(reports);
  if (text) text.end(counts);
  else process.stdout.write(command.format === 'json' ? formatJson(reports) : formatSarif(reports, cwd));
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
