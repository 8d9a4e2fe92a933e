// `harden report [paths] --format html|md`: lints like `harden`, then prints the hardening report instead of findings.
import { readFile } from 'node:fs/promises';
import { stripBom, TextIndex, workloads } from '../engine';
import type { ReportCommand } from './args';
import { ConfigResolver } from './config';
import { collectFiles } from './files';
import { formatReportHtml } from './formatters/reportHtml';
import { formatReportMarkdown } from './formatters/reportMarkdown';
import { buildReport, type WorkloadSpan } from './hardeningReport';
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
    edits: false,
    quiet: false,
    onWarning: warn,
    onFailure: (m) => failures.add(m),
  });
  const spans = new Map<string, WorkloadSpan[]>();
  for (const r of reports) if (r.kind === 'kubernetes') spans.set(r.path, await workloadSpans(r.abs));
  const report = buildReport(reports, VERSION, await repoSignals(cwd), spans);
  process.stdout.write(command.format === 'html' ? formatReportHtml(report) : formatReportMarkdown(report));
  for (const m of failures) warn(m);
  return failures.size > 0 ? 2 : 0;
}

/** The objects with a pod spec of a manifest, by line (a file that cannot be read again has none). */
async function workloadSpans(abs: string): Promise<WorkloadSpan[]> {
  let text: string;
  try {
    text = stripBom(await readFile(abs, 'utf8')).text;
  } catch {
    return [];
  }
  const index = new TextIndex(text);
  return workloads(text).map((w) => {
    const range = index.range(w.start, w.end);
    return { kind: w.kind, name: w.name, startLine: range.start.line + 1, endLine: range.end.line + 1 };
  });
}
