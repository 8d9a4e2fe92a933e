// `harden report [paths] --format html|md`: lints like `harden`, then prints the hardening report instead of findings.
import type { ReportCommand } from './args';
import { ConfigResolver } from './config';
import { collectFiles } from './files';
import { formatReportHtml } from './formatters/reportHtml';
import { formatReportMarkdown } from './formatters/reportMarkdown';
import { buildReport } from './hardeningReport';
import { lintFiles } from './lint';
import { repoSignals } from './repoSignals';
import { VERSION } from './version';

/** The report on stdout; exit 0, or 2 when a file could not be linted (the report is still printed). */
export async function reportCommand(command: ReportCommand): Promise<number> {
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
  const reports = await lintFiles(accepted, {
    cwd,
    configs,
    fix: false,
    quiet: false,
    onWarning: warn,
    onFailure: (m) => failures.add(m),
  });
  const report = buildReport(reports, VERSION, await repoSignals(cwd));
  process.stdout.write(command.format === 'html' ? formatReportHtml(report) : formatReportMarkdown(report));
  for (const m of failures) warn(m);
  return failures.size > 0 ? 2 : 0;
}
