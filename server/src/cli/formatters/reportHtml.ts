import { docsUrl } from '../../engine';
import { REPORT_SEVERITIES, SCORE_EXPLANATION, type HardeningReport, type PracticeRow } from '../hardeningReport';

/** No script, no request: styles inline, the chart an inline SVG; links only navigate. */
export const REPORT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const esc = (s: string | number) =>
  String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const pct = (n: number | undefined) => (n === undefined ? 'n/a' : `${n}%`);
/** A relative link to a file (the report is meant to be saved in the folder it was run from). */
const fileHref = (path: string) =>
  esc(/^[a-z]+:/i.test(path) || path.startsWith('/') ? `file://${path}` : encodeURI(path));

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1f2328;background:#fff}
h1{margin:0 0 .25rem}h2{margin-top:2rem;border-bottom:1px solid #d0d7de;padding-bottom:.25rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}td.n{text-align:right;font-variant-numeric:tabular-nums}
.score{font-size:2.5rem;font-weight:700}.muted{color:#656d76}.error{color:#cf222e}.warning{color:#9a6700}.info{color:#0969da}.hint{color:#656d76}
tr.na td{color:#656d76}details{margin:.25rem 0}summary{cursor:pointer}code{font-size:90%}
@media (prefers-color-scheme:dark){body{background:#0d1117;color:#e6edf3}th{background:#161b22}th,td{border-color:#30363d}a{color:#4493f8}}
`;

export function formatReportHtml(report: HardeningReport): string {
  const dockerfiles = report.files.filter((f) => f.kind === 'dockerfile').length;
  const manifests = report.files.length - dockerfiles;
  const totals = REPORT_SEVERITIES.map((s) => `<span class="${s}">${report.counts[s]} ${s}</span>`).join(', ');
  const body = [
    `<h1>Hardening report</h1>`,
    `<p class="muted">${dockerfiles} Dockerfile${dockerfiles === 1 ? '' : 's'}, ${manifests} Kubernetes manifest${manifests === 1 ? '' : 's'}; ${totals}. Harden ${esc(report.version)}.</p>`,
    `<p><span class="score" data-score="${report.score ?? ''}">${pct(report.score)}</span> overall score</p>`,
    `<p id="score-explanation"><strong>How the score is computed.</strong> ${esc(SCORE_EXPLANATION)}</p>`,
    chart(report.practices),
    practicesTable(report.practices),
    advice(report.practices),
    rulesTable(report),
    workloadsTable(report),
    filesSection(report),
  ].join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(REPORT_CSP)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Hardening report</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

/** One horizontal bar per practice: the share of its files that pass. */
function chart(practices: readonly PracticeRow[]): string {
  const rowH = 26;
  const labelW = 380;
  const barW = 400;
  const h = practices.length * rowH + 10;
  const rows = practices.map((p, i) => {
    const y = i * rowH + 5;
    const w = p.score === undefined ? 0 : Math.round((barW * p.score) / 100);
    const color = p.score === undefined ? '#d0d7de' : p.score >= 90 ? '#1a7f37' : p.score >= 60 ? '#bf8700' : '#cf222e';
    return [
      `<g data-practice="${esc(p.id)}"><title>${esc(p.title)}: ${pct(p.score)}</title>`,
      `<text x="${labelW - 8}" y="${y + 16}" text-anchor="end" font-size="13" fill="currentColor">${esc(p.title)}</text>`,
      `<rect x="${labelW}" y="${y + 3}" width="${barW}" height="${rowH - 8}" fill="#d0d7de" opacity="0.35"/>`,
      `<rect x="${labelW}" y="${y + 3}" width="${w}" height="${rowH - 8}" fill="${color}"/>`,
      `<text x="${labelW + barW + 8}" y="${y + 16}" font-size="13" fill="currentColor">${pct(p.score)}</text></g>`,
    ].join('');
  });
  return `<h2>Practices</h2>
<svg role="img" aria-label="Score per practice" width="100%" viewBox="0 0 ${labelW + barW + 60} ${h}" xmlns="http://www.w3.org/2000/svg">
${rows.join('\n')}
</svg>`;
}

function practicesTable(practices: readonly PracticeRow[]): string {
  const head =
    '<tr><th>Practice</th><th>Score</th><th>Files passing</th><th>Workloads passing</th><th>Errors</th><th>Warnings</th><th>Info</th><th>Hints</th><th>Rules</th></tr>';
  const rows = practices.map((p) => {
    const passing = p.files === 0 ? 'no files' : `${p.files - p.failing} / ${p.files}`;
    const workloads = p.workloads ? `${p.workloads.total - p.workloads.failing} / ${p.workloads.total}` : '';
    const rules = p.rules.map((id) => `<a href="${esc(docsUrl(id))}"><code>${esc(id)}</code></a>`).join(', ');
    const counts = REPORT_SEVERITIES.map((s) => `<td class="n">${p.counts[s]}</td>`).join('');
    return `<tr data-practice="${esc(p.id)}"${p.files === 0 ? ' class="na"' : ''}><td>${esc(p.title)}</td><td class="n">${pct(p.score)}</td><td class="n">${passing}</td><td class="n">${workloads}</td>${counts}<td><details><summary>${p.rules.length} rule${p.rules.length === 1 ? '' : 's'}</summary>${rules}</details></td></tr>`;
  });
  return `<table id="practices">${head}\n${rows.join('\n')}</table>`;
}

function advice(practices: readonly PracticeRow[]): string {
  const items = practices
    .filter((p) => p.advice)
    .map((p) => `<li><strong>${esc(p.title)}</strong>: ${esc(p.advice!)}</li>`);
  return items.length > 0 ? `<h3>Beyond the files</h3><ul>${items.join('')}</ul>` : '';
}

function rulesTable(report: HardeningReport): string {
  if (report.rules.length === 0) return '<h2>Rules with findings</h2><p>None.</p>';
  const head =
    '<tr><th>Rule</th><th>Practice</th><th>Files</th><th>Errors</th><th>Warnings</th><th>Info</th><th>Hints</th></tr>';
  const rows = report.rules.map((r) => {
    const counts = REPORT_SEVERITIES.map((s) => `<td class="n">${r.counts[s]}</td>`).join('');
    return `<tr data-rule="${esc(r.id)}"><td><a href="${esc(docsUrl(r.id))}"><code>${esc(r.id)}</code></a></td><td>${esc(r.practice)}</td><td class="n">${r.files}</td>${counts}</tr>`;
  });
  return `<h2>Rules with findings</h2><table id="rules">${head}\n${rows.join('\n')}</table>`;
}

function workloadsTable(report: HardeningReport): string {
  if (report.workloads.length === 0) return '';
  const head =
    '<tr><th>Workload</th><th>File</th><th>Errors</th><th>Warnings</th><th>Info</th><th>Hints</th><th>Practices failing</th></tr>';
  const rows = report.workloads.map((w) => {
    const counts = REPORT_SEVERITIES.map((s) => `<td class="n">${w.counts[s]}</td>`).join('');
    const name = `${w.kind}/${w.name ?? '(unnamed)'}`;
    return `<tr data-workload="${esc(name)}"><td>${esc(name)}</td><td><a href="${fileHref(w.path)}" title="lines ${w.startLine}-${w.endLine}">${esc(w.path)}:${w.startLine}</a></td>${counts}<td>${esc(w.failing.join(', '))}</td></tr>`;
  });
  return `<h2>Workloads</h2><table id="workloads">${head}\n${rows.join('\n')}</table>`;
}

function filesSection(report: HardeningReport): string {
  if (report.files.length === 0) return '<h2>Files</h2><p>No Dockerfile or Kubernetes manifest was found.</p>';
  const head = '<tr><th>File</th><th>Kind</th><th>Errors</th><th>Warnings</th><th>Info</th><th>Hints</th></tr>';
  const rows = report.files.map((f) => {
    const counts = REPORT_SEVERITIES.map((s) => `<td class="n">${f.counts[s]}</td>`).join('');
    const findings =
      f.findings.length === 0
        ? ''
        : `<details><summary>${f.findings.length} finding${f.findings.length === 1 ? '' : 's'}</summary><table>${f.findings
            .map(
              (x) =>
                `<tr><td><a href="${fileHref(f.path)}" title="line ${x.line}, column ${x.column}">${esc(f.path)}:${x.line}:${x.column}</a></td><td class="${x.severity}">${x.severity}</td><td><code>${esc(x.ruleId)}</code></td><td>${esc(x.message)}</td></tr>`,
            )
            .join('')}</table></details>`;
    return `<tr data-file="${esc(f.path)}"><td><a href="${fileHref(f.path)}">${esc(f.path)}</a>${findings}</td><td>${f.kind}</td>${counts}</tr>`;
  });
  return `<h2>Files</h2><table id="files">${head}\n${rows.join('\n')}</table>`;
}
