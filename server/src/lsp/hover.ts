import { MarkupKind, type Hover, type Position } from 'vscode-languageserver/node';
import { docsUrl, rulesById, type Finding } from '../engine';
import type { LintEntry } from './linter';

const contains = (f: Finding, p: Position) =>
  (f.range.start.line < p.line || (f.range.start.line === p.line && f.range.start.character <= p.character)) &&
  (p.line < f.range.end.line || (p.line === f.range.end.line && p.character <= f.range.end.character));

/** Rule title, rationale and docs link for every finding under the cursor. */
export function hoverAt(entry: LintEntry, position: Position, markdown: boolean): Hover | null {
  const parts: string[] = [];
  let range: Finding['range'] | undefined;
  const seen = new Set<string>();
  for (const f of entry.findings) {
    const rule = rulesById.get(f.ruleId);
    if (!rule || seen.has(f.ruleId) || !contains(f, position)) continue;
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
  return { contents: { kind: markdown ? MarkupKind.Markdown : MarkupKind.PlainText, value: parts.join(markdown ? '\n\n---\n\n' : '\n\n') }, range };
}
