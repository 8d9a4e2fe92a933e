import { MarkupKind, type Hover, type Position } from 'vscode-languageserver/node';
import { docsUrl, rulesById, type Finding } from '../engine';
import type { LintEntry } from './linter';

const contains = (f: Finding, p: Position) =>
  (f.range.start.line < p.line || (f.range.start.line === p.line && f.range.start.character <= p.character)) &&
  (p.line < f.range.end.line || (p.line === f.range.end.line && p.character <= f.range.end.character));

/** Between the parts of one hover. */
const separator = (markdown: boolean) => (markdown ? '\n\n---\n\n' : '\n\n');

const onLine = (f: Finding, p: Position) => f.range.start.line <= p.line && p.line <= f.range.end.line;

/**
 * Rule title, rationale and docs link for every finding under the cursor (`wholeLine`: every finding on its line,
 * for a hover on a Dockerfile instruction keyword, where the findings usually sit further along the line).
 */
export function hoverAt(entry: LintEntry, position: Position, markdown: boolean, wholeLine = false): Hover | null {
  const parts: string[] = [];
  let range: Finding['range'] | undefined;
  const seen = new Set<string>();
  for (const f of entry.findings) {
    const rule = rulesById.get(f.ruleId);
    if (!rule || seen.has(f.ruleId) || !(wholeLine ? onLine(f, position) : contains(f, position))) continue;
    seen.add(f.ruleId);
    range ??= f.range;
    const { title, docs } = rule.meta;
    parts.push(
      markdown
        ? `**${title}** \`${f.ruleId}\`\n\n${docs.rationale}\n\n[Documentation](${docsUrl(f.ruleId)})`
        : `${title} (${f.ruleId})\n\n${docs.rationale}\n\n${docsUrl(f.ruleId)}`,
    );
  }
  if (parts.length === 0) return null;
  return {
    contents: { kind: markdown ? MarkupKind.Markdown : MarkupKind.PlainText, value: parts.join(separator(markdown)) },
    range,
  };
}

/** The library's hover (instruction docs) above Harden's findings; either may be missing. */
export function combineHovers(docs: Hover | null, findings: Hover | null, markdown: boolean): Hover | null {
  if (!docs) return findings;
  if (!findings) return docs;
  const text = (h: Hover) => {
    const c = h.contents;
    if (typeof c === 'string') return c;
    if (Array.isArray(c)) return c.map((m) => (typeof m === 'string' ? m : m.value)).join('\n\n');
    return c.value;
  };
  return {
    contents: {
      kind: markdown ? MarkupKind.Markdown : MarkupKind.PlainText,
      value: `${text(docs)}${separator(markdown)}${text(findings)}`,
    },
    range: findings.range ?? docs.range,
  };
}
