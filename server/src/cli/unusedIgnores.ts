// `--report-unused-ignores`: a finding for each `# harden-ignore` comment (or id in it) that suppressed nothing,
// like ESLint's reportUnusedDisableDirectives.
import {
  IGNORE_PRAGMA,
  parseKubernetes,
  rulesById,
  stripBom,
  TextIndex,
  type DocumentKind,
  type Finding,
  type Settings,
  type TextEdit,
} from '../engine';
import {
  dockerfileSuppressions,
  ignoreComments,
  isSuppressed,
  kubernetesSuppressions,
  type Suppression,
} from '../engine/facts/suppress';
import { parseDockerfile } from '../engine/models/dockerfile';

/** The rule id of these findings (no rule module: the CLI reports them). */
export const UNUSED_IGNORE_ID = 'unused-ignore';

export interface UnusedIgnoresInput {
  text: string;
  kind: DocumentKind;
  settings: Settings;
  /** The findings of the file as reported (after its pragmas). */
  findings: readonly Finding[];
  /** Lints the file again with these settings (the same workspace and options as the run). */
  relint(settings: Settings): readonly Finding[];
}

const key = (f: Finding) =>
  `${f.ruleId}|${f.messageId}|${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character}|${f.message}`;

/**
 * Each `harden-ignore` comment whose ids (some or all) switched off no finding: the file is linted once more with
 * every in-file suppression locked (`noInlineIgnore: ['*']`); what that adds is what the pragmas suppressed, and
 * a comment is used when one of those findings falls in its scope under one of its ids (ours, `*` or a peer's).
 */
export function unusedIgnores(input: UnusedIgnoresInput): Finding[] {
  if (input.kind === 'other' || !input.text.includes(IGNORE_PRAGMA)) return [];
  const body = stripBom(input.text).text;
  const index = new TextIndex(body);
  const comments = ignoreComments(index);
  if (comments.length === 0) return [];

  const kept = new Set(input.findings.map(key));
  const suppressed = input.relint({ ...input.settings, noInlineIgnore: ['*'] }).filter((f) => !kept.has(key(f)));
  const scopes: Suppression[] =
    input.kind === 'dockerfile'
      ? dockerfileSuppressions(parseDockerfile(body))
      : kubernetesSuppressions(parseKubernetes(body));
  const locked = new Set(input.settings.noInlineIgnore ?? []);

  const out: Finding[] = [];
  for (const c of comments) {
    const mine = scopes.filter((s) => s.line === c.line);
    const uses = (id: string) =>
      suppressed.some((f) =>
        mine.some((s) =>
          isSuppressed([{ ...s, ids: new Set([id]) }], index.offsetAt(f.range.start), f.ruleId, peersOf(f.ruleId)),
        ),
      );
    const unused = c.ids.filter((id) => !uses(id));
    if (unused.length === 0) continue;
    const text = index.lineText(c.line);
    const start = text.length - text.trimStart().length;
    out.push({
      ruleId: UNUSED_IGNORE_ID,
      messageId: 'unusedIgnore',
      severity: 'warning',
      message: message(unused, c.ids.length, locked),
      range: { start: { line: c.line, character: start }, end: { line: c.line, character: text.trimEnd().length } },
      fix: [removal(index, c.line, c.ids, unused)],
    });
  }
  return out;
}

/**
 * The safe fix (applied by `--fix --report-unused-ignores`): the comment line goes when none of its ids is used;
 * otherwise the unused ids leave it and its reason stays.
 */
function removal(index: TextIndex, line: number, ids: readonly string[], unused: readonly string[]): TextEdit {
  const text = index.lineText(line);
  const kept = ids.filter((id) => !unused.includes(id));
  if (kept.length === 0) {
    const end = line + 1 < index.lineCount ? { line: line + 1, character: 0 } : { line, character: text.length };
    return { range: { start: { line, character: 0 }, end }, newText: '' };
  }
  const m = /^(\s*#\s*harden-ignore(?:-file)?\s+)[\w,\s-]+?(\s*(?:--.*)?)$/.exec(text);
  const head = m ? m[1] : `${text.slice(0, text.length - text.trimStart().length)}# ${IGNORE_PRAGMA} `;
  const tail = m ? m[2] : '';
  return {
    range: { start: { line, character: 0 }, end: { line, character: text.length } },
    newText: `${head}${kept.join(', ')}${tail}`,
  };
}

function peersOf(ruleId: string): string[] {
  const rule = rulesById.get(ruleId);
  return rule ? (Object.values(rule.meta.peers).flat() as string[]) : [];
}

function message(unused: string[], total: number, locked: ReadonlySet<string>): string {
  const why = (id: string) =>
    locked.has(id) || locked.has('*')
      ? `"${id}" (noInlineIgnore in .harden.yaml: it cannot be suppressed inline)`
      : id !== '*' && !rulesById.has(id) && !isPeerId(id)
        ? `"${id}" (no such rule)`
        : `"${id}"`;
  const what = unused.map(why).join(', ');
  return unused.length === total
    ? `Unused ${IGNORE_PRAGMA}: nothing was suppressed for ${what}; remove the comment.`
    : `Unused id in ${IGNORE_PRAGMA}: nothing was suppressed for ${what}; remove ${unused.length === 1 ? 'it' : 'them'}.`;
}

let peerIds: Set<string> | undefined;
function isPeerId(id: string): boolean {
  peerIds ??= new Set([...rulesById.values()].flatMap((r) => Object.values(r.meta.peers).flat() as string[]));
  return peerIds.has(id);
}
