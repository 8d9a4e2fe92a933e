import type { Position, Severity } from '../../engine';
import { countFindings, type FileReport } from '../report';

const ANSI = { reset: '\x1b[0m', bold: '\x1b[1m', dim: '\x1b[2m', underline: '\x1b[4m', red: '\x1b[31m', yellow: '\x1b[33m', cyan: '\x1b[36m', gray: '\x1b[90m' };
const SEVERITY_COLOR: Record<Severity, string> = { error: ANSI.red, warning: ANSI.yellow, info: ANSI.cyan, hint: ANSI.gray };

/**
 * ESLint's "stylish" layout: a header per file with problems, one aligned row per finding
 * (`line:col  severity  message  rule-id`, 1-based), then a summary. Nothing at all when clean.
 */
export function formatText(files: readonly FileReport[], options: { color: boolean }): string {
  const paint = (codes: string, s: string) => (options.color ? `${codes}${s}${ANSI.reset}` : s);
  const withFindings = files.filter((f) => f.findings.length > 0);
  if (withFindings.length === 0) return '';

  const all = withFindings.flatMap((f) => f.findings);
  const w = {
    where: Math.max(...all.map((x) => position(x.range.start).length)),
    severity: Math.max(...all.map((x) => x.severity.length)),
    message: Math.max(...all.map((x) => x.message.length)),
  };

  const out: string[] = [];
  for (const f of withFindings) {
    out.push('', paint(ANSI.underline, f.path));
    for (const x of f.findings) {
      const cells = [
        paint(ANSI.dim, position(x.range.start).padEnd(w.where)),
        paint(SEVERITY_COLOR[x.severity], x.severity.padEnd(w.severity)),
        x.message.padEnd(w.message),
        paint(ANSI.dim, x.ruleId),
      ];
      out.push(`  ${cells.join('  ')}`.trimEnd());
    }
  }

  const c = countFindings(files);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const summary = `✖ ${plural(c.total, 'problem')} (${plural(c.error, 'error')}, ${plural(c.warning, 'warning')}, ${plural(c.info, 'info')}, ${plural(c.hint, 'hint')})`;
  out.push('', paint(ANSI.bold + (c.error > 0 ? ANSI.red : ANSI.yellow), summary));
  if (c.fixable > 0) out.push(paint(ANSI.bold + (c.error > 0 ? ANSI.red : ANSI.yellow), `  ${c.fixable} fixable with --fix`));
  return `${out.join('\n')}\n`;
}

/** 1-based `line:column`, as editors and terminals link them. */
function position(p: Position): string {
  return `${p.line + 1}:${p.character + 1}`;
}
