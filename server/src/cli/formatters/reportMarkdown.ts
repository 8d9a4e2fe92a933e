import { docsUrl } from '../../engine';
import { REPORT_SEVERITIES, SCORE_EXPLANATION, type HardeningReport } from '../hardeningReport';

const cell = (s: string | number) =>
  String(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/\r?\n/g, ' ');
const pct = (n: number | undefined) => (n === undefined ? 'n/a' : `${n}%`);

/** `harden report --format md`: the same tables as the HTML page, for a pull request comment or a wiki. */
export function formatReportMarkdown(report: HardeningReport): string {
  const out: string[] = ['# Hardening report', ''];
  const dockerfiles = report.files.filter((f) => f.kind === 'dockerfile').length;
  const manifests = report.files.length - dockerfiles;
  out.push(
    `**Score: ${pct(report.score)}** — ${dockerfiles} Dockerfile${dockerfiles === 1 ? '' : 's'}, ` +
      `${manifests} Kubernetes manifest${manifests === 1 ? '' : 's'}; ` +
      REPORT_SEVERITIES.map((s) => `${report.counts[s]} ${s}`).join(', ') +
      ` (harden ${report.version}).`,
    '',
    `How the score is computed: ${SCORE_EXPLANATION}`,
    '',
    '## Practices',
    '',
    '| Practice | Score | Files passing | Workloads passing | Errors | Warnings | Info | Hints | Rules |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  );
  for (const p of report.practices) {
    const passing = p.files === 0 ? 'no files' : `${p.files - p.failing} / ${p.files}`;
    const workloads = p.workloads ? `${p.workloads.total - p.workloads.failing} / ${p.workloads.total}` : '';
    const c = p.counts;
    out.push(
      `| ${cell(p.title)} | ${pct(p.score)} | ${passing} | ${workloads} | ${c.error} | ${c.warning} | ${c.info} | ${c.hint} | ${p.rules.length} |`,
    );
  }
  const advice = report.practices.filter((p) => p.advice);
  if (advice.length > 0) {
    out.push('', 'Beyond the files:', '');
    for (const p of advice) out.push(`- **${cell(p.title)}**: ${cell(p.advice!)}`);
  }
  out.push('', '## Rules with findings', '');
  if (report.rules.length === 0) out.push('None.');
  else {
    out.push(
      '| Rule | Practice | Files | Errors | Warnings | Info | Hints |',
      '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
    );
    for (const r of report.rules) {
      const c = r.counts;
      out.push(
        `| [${r.id}](${docsUrl(r.id)}) | ${r.practice} | ${r.files} | ${c.error} | ${c.warning} | ${c.info} | ${c.hint} |`,
      );
    }
  }
  if (report.workloads.length > 0) {
    out.push('', '## Workloads', '');
    out.push(
      '| Workload | File | Errors | Warnings | Info | Hints | Practices failing |',
      '| --- | --- | ---: | ---: | ---: | ---: | --- |',
    );
    for (const w of report.workloads) {
      const c = w.counts;
      const where = `${w.path}:${w.startLine}`;
      out.push(
        `| ${cell(`${w.kind}/${w.name ?? '(unnamed)'}`)} | [${cell(where)}](${encodeURI(w.path)}) | ${c.error} | ${c.warning} | ${c.info} | ${c.hint} | ${w.failing.join(', ')} |`,
      );
    }
  }
  out.push('', '## Files', '');
  if (report.files.length === 0) out.push('No Dockerfile or Kubernetes manifest was found.');
  else {
    out.push('| File | Kind | Errors | Warnings | Info | Hints |', '| --- | --- | ---: | ---: | ---: | ---: |');
    for (const f of report.files) {
      const c = f.counts;
      out.push(
        `| [${cell(f.path)}](${encodeURI(f.path)}) | ${f.kind} | ${c.error} | ${c.warning} | ${c.info} | ${c.hint} |`,
      );
    }
  }
  return `${out.join('\n')}\n`;
}
