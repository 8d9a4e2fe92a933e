import type { DockerfileModel } from '../models/dockerfile';
import type { KubernetesModel } from '../models/kubernetes';
import type { TextIndex } from '../base/text';

/** Ids (ours or a peer tool's) switched off for findings that start inside [start, end). */
export interface Suppression {
  ids: Set<string>;
  start: number;
  end: number;
  /** The line of the `# harden-ignore` comment this comes from (not set for other tools' pragmas and annotations). */
  line?: number;
}

const OURS = /^#\s*harden-ignore(-file)?\s+([\w,\s-]+?)\s*(?:--.*)?$/;
const HADOLINT = /^#\s*hadolint\s+(global\s+)?ignore=([\w,\s]+)$/;
const CHECKOV = /^#\s*checkov:skip=([A-Z0-9_]+)/;
const BUILDKIT_CHECK = /^#\s*check\s*=\s*(?:.*;)?\s*skip\s*=\s*([\w,]+)/i;

export const IGNORE_PRAGMA = 'harden-ignore';

function splitIds(s: string): string[] {
  return s
    .split(/[\s,]+/)
    .map((x) => x.trim())
    .filter(Boolean);
}

interface Pragma {
  line: number;
  ids: string[];
  file: boolean;
  /** A `harden-ignore` comment (not another tool's). */
  ours?: boolean;
}

/** Comment pragmas of either file type: ours, hadolint's, checkov's, BuildKit's `check=skip`. */
function pragmas(index: TextIndex, isComment: (line: string) => boolean): Pragma[] {
  const out: Pragma[] = [];
  const whole = index.text;
  for (let line = 0; line < index.lineCount; line++) {
    // Most lines are not comments: skip those that start (after spaces and tabs) with any other printable ASCII
    // character without slicing them out; this ran over every line of every document on each lint.
    let at = index.lineStarts[line];
    let c = whole.charCodeAt(at);
    while (c === 32 || c === 9) c = whole.charCodeAt(++at);
    if (c > 32 && c < 127 && c !== 35 /* # */) continue;
    const text = index.lineText(line).trim();
    if (!text.startsWith('#') || !isComment(text)) continue;
    let m = OURS.exec(text);
    if (m) {
      out.push({ line, ids: splitIds(m[2]), file: !!m[1], ours: true });
      continue;
    }
    if ((m = HADOLINT.exec(text))) out.push({ line, ids: splitIds(m[2]), file: !!m[1] });
    else if ((m = CHECKOV.exec(text))) out.push({ line, ids: [m[1]], file: true });
    else if ((m = BUILDKIT_CHECK.exec(text)))
      out.push({
        line,
        ids: m[1].toLowerCase() === 'all' ? ['*'] : splitIds(m[1]),
        // A parser directive (top of the file) covers the file; BuildKit reads any later `# check=` as a plain
        // comment, which we take, like our own pragmas, as covering the next instruction.
        file: line < directiveLines(index),
      });
  }
  return out;
}

const DIRECTIVE = /^\s*#\s*[A-Za-z][\w-]*\s*=/;

/**
 * How many lines at the top are parser directives (`# syntax=…`, `# escape=…`, `# check=…`): BuildKit stops
 * looking for them at the first line that is not one (an instruction, a blank line, any other comment).
 */
function directiveLines(index: TextIndex): number {
  let line = 0;
  while (line < index.lineCount && DIRECTIVE.test(index.lineText(line).replace(/^\uFEFF/, ''))) line++;
  return line;
}

const origin = (p: Pragma): { line?: number } => (p.ours ? { line: p.line } : {});

/** The `# harden-ignore` and `# harden-ignore-file` comments of a file (for reporting those that suppress nothing). */
export function ignoreComments(index: TextIndex): { line: number; ids: string[]; file: boolean }[] {
  return pragmas(index, () => true)
    .filter((p) => p.ours)
    .map(({ line, ids, file }) => ({ line, ids, file }));
}

export function dockerfileSuppressions(model: DockerfileModel): Suppression[] {
  const instructions = model.ast.getInstructions().map((i) => model.offsets(i.getRange()));
  const out: Suppression[] = [];
  for (const p of pragmas(model.index, () => true)) {
    if (p.file) {
      out.push({ ids: new Set(p.ids), start: 0, end: model.text.length + 1, ...origin(p) });
      continue;
    }
    const after = model.index.lineStarts[p.line + 1] ?? model.text.length;
    const next = instructions.find((r) => r.start >= after);
    if (next) out.push({ ids: new Set(p.ids), start: model.index.lineStarts[p.line], end: next.end + 1, ...origin(p) });
  }
  return out;
}

const indentOf = (s: string) => s.length - s.trimStart().length;

/**
 * A pragma above a key covers that key's block; above a list item, the whole item (a container).
 * Object annotations of kube-linter, checkov, polaris and kube-score cover their object.
 */
export function kubernetesSuppressions(model: KubernetesModel): Suppression[] {
  const { index, text } = model;
  const out: Suppression[] = [];
  for (const p of pragmas(index, () => true)) {
    if (p.file) {
      out.push({ ids: new Set(p.ids), start: 0, end: text.length + 1, ...origin(p) });
      continue;
    }
    let first = p.line + 1;
    while (
      first < index.lineCount &&
      (index.lineText(first).trim() === '' || index.lineText(first).trim().startsWith('#'))
    )
      first++;
    if (first >= index.lineCount) continue;
    const head = index.lineText(first);
    const indent = indentOf(head);
    const isItem = head.trimStart().startsWith('-');
    let last = first;
    for (let l = first + 1; l < index.lineCount; l++) {
      const t = index.lineText(l);
      if (t.trim() === '' || t.trim().startsWith('#')) continue;
      const i = indentOf(t);
      if (i > indent || (i === indent && !isItem && t.trimStart().startsWith('-'))) last = l;
      else break;
    }
    out.push({ ids: new Set(p.ids), start: index.lineStarts[p.line], end: index.lineEnd(last) + 1, ...origin(p) });
  }
  for (const obj of model.objects) {
    const ids = annotationIds(obj.annotations);
    if (ids.length === 0) continue;
    const r = obj.node.range ?? [0, 0, 0];
    out.push({ ids: new Set(ids), start: r[0], end: r[2] + 1 });
  }
  return out;
}

function annotationIds(annotations: Record<string, string>): string[] {
  const ids: string[] = [];
  for (const [k, v] of Object.entries(annotations)) {
    let m: RegExpExecArray | null;
    if ((m = /^ignore-check\.kube-linter\.io\/(.+)$/.exec(k))) ids.push(m[1]);
    else if (/^checkov\.io\/skip\d*$/.test(k)) ids.push(v.split('=')[0].trim());
    else if ((m = /^polaris\.fairwinds\.com\/(.+)-exempt$/.exec(k)) && v.trim() === 'true') ids.push(m[1]);
    else if (k === 'kube-score/ignore') ids.push(...splitIds(v));
    else if (k === `${IGNORE_PRAGMA}`) ids.push(...splitIds(v));
  }
  return ids;
}

/**
 * Whether `text` can hold a file-wide pragma at all (each file-wide form contains one of these words): the line by
 * line scan is skipped for the others, as it ran over the whole file on every keystroke.
 */
export function mayHaveFileSuppressions(text: string): boolean {
  // `skip` in any case: BuildKit's `check=skip` is case-insensitive (and covers `checkov:skip`); the others are not.
  return text.includes('harden-ignore-file') || text.includes('hadolint') || /[sS][kK][iI][pP]/.test(text);
}

/** `harden-ignore-file` and the other tools' file-wide pragmas anywhere in a YAML file (they cover every document). */
export function fileSuppressions(index: TextIndex): Suppression[] {
  return pragmas(index, () => true)
    .filter((p) => p.file)
    .map((p) => ({ ids: new Set(p.ids), start: 0, end: index.text.length + 1 }));
}

/** True when a finding of `ruleId` (with these peer ids) starting at `offset` is switched off. */
export function isSuppressed(
  suppressions: readonly Suppression[],
  offset: number,
  ruleId: string,
  peerIds: readonly string[],
): boolean {
  for (const s of suppressions) {
    if (offset < s.start || offset >= s.end) continue;
    if (s.ids.has('*') || s.ids.has(ruleId)) return true;
    for (const p of peerIds) if (s.ids.has(p)) return true;
  }
  return false;
}
