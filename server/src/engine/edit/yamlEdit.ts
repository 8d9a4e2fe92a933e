import { isMap, isSeq, parseAllDocuments, visit } from 'yaml';
import type { Document, YAMLMap, YAMLSeq } from 'yaml';
import type { TextEdit } from '../types';
import { Editor } from './yamlEditor';
import type { Span } from './yamlEditor';
import { Layout, Refusal, deepEqual, findPair, guardMap, guardNode, guardSubtree, jsOf, refuse } from './yamlLayout';
import type { YamlSource } from './yamlLayout';
import { compactLines, inlineText, isStructured, toPlain } from './yamlRender';

export type { YamlSource } from './yamlLayout';

/**
 * Ensures that, below mapping `root`, the key path `path` exists with the scalar or structured `value` (numbers index
 * existing sequence items). Existing scalars are replaced token for token (quotes kept for strings, trailing comment
 * kept); missing keys are appended as block lines after the last pair of the deepest existing mapping (inside the
 * braces of a flow mapping); `key:`, `key: null` and `key: {}` become block mappings; an existing collection is
 * reconciled per key or item. Returns the edits, `[]` when the value is already there, or `undefined` when it cannot
 * be done safely: an alias, anchor or tag on the path, a Helm template on an affected line, a scalar or sequence
 * where a mapping is needed, a comment that would have to go, or a result that would not re-parse to `value`.
 */
export function ensurePath(src: YamlSource, root: YAMLMap, path: (string | number)[], value: unknown): TextEdit[] | undefined {
  return run(
    src,
    [root],
    (ed) => {
      if (!isMap(root)) refuse('root is not a mapping');
      ed.ensure(root, path, toPlain(value));
    },
    (docs) => deepEqual(jsOf(nodeAtPath(docs, root, path)), toPlain(value)),
  );
}

/**
 * Removes the pair `key` from `map`: its whole lines, including the nested block of its value and the comments on
 * those lines; comment lines above the key stay. `[]` when the key is absent. The last pair leaves `{}` behind.
 */
export function removeKey(src: YamlSource, map: YAMLMap, key: string): TextEdit[] | undefined {
  return run(src, [map], (ed) => {
    if (!isMap(map)) refuse('not a mapping');
    guardNode(map);
    guardMap(map);
    const i = findPair(map, key);
    if (i < 0) return;
    ed.touched.push(ed.L.itemStart(map, i));
    ed.removeItems(map, [i], false);
  });
}

/** Removes item `i` of a block or flow sequence; the last item leaves `[]` behind. */
export function removeItem(src: YamlSource, seq: YAMLSeq, i: number): TextEdit[] | undefined {
  return run(src, [seq], (ed) => {
    if (!isSeq(seq)) refuse('not a sequence');
    guardNode(seq);
    if (!Number.isInteger(i) || i < 0 || i >= seq.items.length) refuse('no such item');
    guardSubtree(seq.items[i]);
    ed.removeItems(seq, [i], false);
  });
}

/** Appends `value` as the last item of a block or flow sequence. */
export function appendItem(src: YamlSource, seq: YAMLSeq, value: unknown): TextEdit[] | undefined {
  return run(src, [seq], (ed) => {
    if (!isSeq(seq)) refuse('not a sequence');
    guardNode(seq);
    ed.appendItems(seq, [toPlain(value)]);
  });
}

/**
 * Appends a new document holding `value` at the end of the stream, after a `---` line unless the stream has no
 * content yet or already ends with one, preceded by `leadingComment` as `# ` lines. Uses the file's line break and
 * indentation. Throws a TypeError for values YAML cannot hold (functions, class instances).
 */
export function appendDocument(src: YamlSource, value: unknown, leadingComment?: string): TextEdit[] {
  const L = new Layout(src);
  let v;
  try {
    v = toPlain(value);
  } catch (e) {
    if (e instanceof Refusal) throw new TypeError(`appendDocument: ${e.message}`);
    throw e;
  }
  const body = isStructured(v) ? compactLines(v, 0, L.style([])) : [inlineText(v)];
  const comment = leadingComment === undefined ? [] : leadingComment.split(/\r\n|\r|\n/).map((l) => (l ? `# ${l}` : '#'));
  const text = src.text;
  let prefix = '';
  if (text && !/[\r\n]$/.test(text)) prefix += L.eol;
  const lastLine = text.trimEnd().split(/\r\n|\r|\n/).pop() ?? '';
  const hasContent = L.documents.some((d) => d.contents !== null);
  if (hasContent && !/^---(?:\s*$|\s+#)/.test(lastLine)) prefix += `---${L.eol}`;
  const at = L.index.range(text.length, text.length);
  return [{ range: at, newText: prefix + [...comment, ...body].join(L.eol) + L.eol }];
}

function run(src: YamlSource, near: unknown[], build: (ed: Editor) => void, check?: (docs: Document.Parsed[]) => boolean): TextEdit[] | undefined {
  try {
    const ed = new Editor(new Layout(src), near);
    build(ed);
    return finish(ed, check);
  } catch (e) {
    if (e instanceof Refusal) return undefined;
    throw e;
  }
}

/** Sorts the spans, refuses Helm templates and overlaps, and re-parses the result: edits never break a document. */
function finish(ed: Editor, check?: (docs: Document.Parsed[]) => boolean): TextEdit[] {
  const { L } = ed;
  const spans = [...ed.spans].sort((a, b) => a.start - b.start || a.end - b.end);
  if (!spans.length) return [];
  const lines = new Set(ed.touched.map((o) => L.lineOf(o)));
  spans.forEach((s, k) => {
    if (k && s.start < spans[k - 1].end) refuse('overlapping edits');
    const last = L.lineOf(s.end) + (s.start === s.end ? 1 : 0);
    for (let l = L.lineOf(s.start); l <= last && l < L.index.lineCount; l++) lines.add(l);
    if (/(?:^|[\r\n])(?:---|\.\.\.)(?:\s|$)/.test(s.text)) refuse('edit would add a document marker');
  });
  for (const l of lines) if (L.index.lineText(l).includes('{{')) refuse('template on an affected line');
  const out = apply(L.text, spans);
  const docs = parseAllDocuments(out, { keepSourceTokens: true });
  if (!Array.isArray(docs)) refuse('result is empty');
  const from = spans[0].start;
  const to = spans[spans.length - 1].end + spans.reduce((d, s) => d + s.text.length - (s.end - s.start), 0);
  for (const d of docs) if (d.range[0] <= to && d.range[2] >= from && d.errors.length) refuse('result does not parse');
  if (check && !check(docs)) refuse('result does not hold the value');
  return spans.map((s) => ({ range: L.index.range(s.start, s.end), newText: s.text }));
}

function apply(text: string, spans: Span[]): string {
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.start) + s.text;
    at = s.end;
  }
  return out + text.slice(at);
}

/** The node at `path` below the mapping that, after the edit, starts where `root` started (edits never move it). */
function nodeAtPath(docs: Document.Parsed[], root: YAMLMap, path: (string | number)[]): unknown {
  const offset = root.range?.[0] ?? refuse('root without range');
  let node: unknown;
  for (const d of docs) {
    if (d.range[0] > offset || d.range[2] < offset) continue;
    visit(d, {
      Map(_, m) {
        if (m.range?.[0] !== offset) return undefined;
        node = m;
        return visit.BREAK;
      },
    });
    if (node) break;
  }
  for (const seg of path) {
    if (typeof seg === 'string' && isMap(node)) {
      const i = findPair(node, seg);
      node = i < 0 ? refuse('key missing after the edit') : node.items[i].value;
    } else if (typeof seg === 'number' && isSeq(node)) node = node.items[seg];
    else refuse('path missing after the edit');
  }
  return node;
}
