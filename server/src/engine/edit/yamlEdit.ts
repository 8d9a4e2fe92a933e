import { isMap, isNode, isScalar, isSeq, parseAllDocuments } from 'yaml';
import type { Document, Node, YAMLMap, YAMLSeq } from 'yaml';
import type { TextEdit } from '../base/types';
import { Editor } from './yamlEditor';
import type { Span } from './yamlEditor';
import { Layout, Refusal, deepEqual, findPair, guardMap, guardNode, refuse } from './yamlLayout';
import type { YamlSource } from './yamlLayout';
import { compactLines, inlineText, isStructured, toPlain } from './yamlRender';

export type { YamlSource } from './yamlLayout';

/**
 * Ensures that, below mapping `root`, the key path `path` exists with the scalar or structured `value` (numbers index
 * existing sequence items). Existing scalars are replaced token for token (quotes kept for strings, trailing comment
 * kept); missing keys are appended as block lines after the last pair of the deepest existing mapping (inside the
 * braces of a flow mapping); `key:`, `key: null` and `key: {}` become block mappings; an existing collection is
 * reconciled per key or item. New block lines take the indent unit and sequence style the mapping (else the
 * document, else the stream) already uses, and the file's line break. Returns the edits, `[]` when the value is
 * already there, or `undefined` when it cannot be done safely: an alias, anchor or tag on the path, a merge key, a
 * Helm template on an affected line, a scalar or sequence where a mapping is needed, a missing sequence item, a
 * comment that would have to go, or a result that would not re-parse to the same data with `value` at `path`.
 */
export function ensurePath(
  src: YamlSource,
  root: YAMLMap,
  path: (string | number)[],
  value: unknown,
): TextEdit[] | undefined {
  return run(src, [root], (ed) => {
    if (!isMap(root)) refuse('root is not a mapping');
    const v = toPlain(value);
    ed.ensure(root, path, v);
    return { node: root, change: (js) => setIn(js, path, v) };
  });
}

/**
 * Removes the pair `key` from `map`: its whole lines, including the nested block of its value and the comments on
 * and inside it; comment lines above the key stay. `[]` when the key is absent. The last pair leaves `{}` behind.
 */
export function removeKey(src: YamlSource, map: YAMLMap, key: string): TextEdit[] | undefined {
  return run(src, [map], (ed) => {
    if (!isMap(map)) refuse('not a mapping');
    guardNode(map);
    guardMap(map);
    const i = findPair(map, key);
    if (i < 0) return undefined;
    ed.touched.push(ed.L.itemStart(map, i));
    ed.removeItems(map, [i], false);
    return { node: map, change: (js) => omit(js, key) };
  });
}

/** Removes item `i` of a block or flow sequence; the last item leaves `[]` behind. */
export function removeItem(src: YamlSource, seq: YAMLSeq, i: number): TextEdit[] | undefined {
  return run(src, [seq], (ed) => {
    if (!isSeq(seq)) refuse('not a sequence');
    guardNode(seq);
    if (!Number.isInteger(i) || i < 0 || i >= seq.items.length) refuse('no such item');
    ed.touched.push(ed.L.itemStart(seq, i));
    ed.removeItems(seq, [i], false);
    return {
      node: seq,
      change: (js) => (Array.isArray(js) ? (js as unknown[]).filter((_, k) => k !== i) : refuse('not a sequence')),
    };
  });
}

/** Appends `value` as the last item of a block or flow sequence. */
export function appendItem(src: YamlSource, seq: YAMLSeq, value: unknown): TextEdit[] | undefined {
  return run(src, [seq], (ed) => {
    if (!isSeq(seq)) refuse('not a sequence');
    guardNode(seq);
    const v = toPlain(value);
    ed.appendItems(seq, [v]);
    return { node: seq, change: (js) => (Array.isArray(js) ? [...(js as unknown[]), v] : refuse('not a sequence')) };
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
  const comment =
    leadingComment === undefined ? [] : leadingComment.split(/\r\n|\r|\n/).map((l) => (l ? `# ${l}` : '#'));
  const text = src.text;
  let prefix = '';
  if (text && !/[\r\n]$/.test(text)) prefix += L.eol;
  const lastLine =
    text
      .trimEnd()
      .split(/\r\n|\r|\n/)
      .pop() ?? '';
  const hasContent = L.documents.some((d) => d.contents !== null);
  if (hasContent && !/^---(?:\s*$|\s+#)/.test(lastLine)) prefix += `---${L.eol}`;
  const at = L.index.range(text.length, text.length);
  return [{ range: at, newText: prefix + [...comment, ...body].join(L.eol) + L.eol }];
}

/** What an edit must do to the data: `change` maps the plain value of `node` before the edit to the one after. */
interface Expectation {
  node: Node;
  change: (js: unknown) => unknown;
}

function run(src: YamlSource, near: unknown[], build: (ed: Editor) => Expectation | undefined): TextEdit[] | undefined {
  try {
    const ed = new Editor(new Layout(src), near);
    const expect = build(ed);
    return finish(ed, expect);
  } catch (e) {
    if (e instanceof Refusal) return undefined;
    throw e;
  }
}

/**
 * Sorts the spans, refuses Helm templates and overlaps, then re-parses the result and compares its data with the
 * expectation: an edit that would break a document or change anything else is never returned.
 */
function finish(ed: Editor, expect: Expectation | undefined): TextEdit[] {
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
  if (expect) verify(L, apply(L.text, spans), expect);
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

function verify(L: Layout, out: string, { node, change }: Expectation): void {
  const before = L.documents;
  const after = parseAllDocuments(out);
  if (!Array.isArray(after) || after.length !== before.length) refuse('document count changed');
  const start = node.range?.[0] ?? refuse('node without range');
  const k = before.findIndex((d) => d.range[0] <= start && start <= d.range[2]);
  if (k < 0 || before[k].errors.length || after[k].errors.length) refuse('document does not parse');
  const path = pathTo(before[k].contents, node, []) ?? refuse('node not in its document');
  const expected = changeAt(toJS(before[k]), path, change);
  if (!deepEqual(toJS(after[k]), expected)) refuse('result differs from the expectation');
}

function toJS(doc: Document.Parsed): unknown {
  try {
    return doc.toJS();
  } catch {
    return refuse('document cannot be read as data');
  }
}

/** The keys and indexes from a document's contents to `target`, found by source range. */
function pathTo(n: unknown, target: Node, path: (string | number)[]): (string | number)[] | undefined {
  if (
    n === target ||
    (isNode(n) &&
      n.range &&
      target.range &&
      n.range[0] === target.range[0] &&
      n.range[1] === target.range[1] &&
      isMap(n) === isMap(target) &&
      isSeq(n) === isSeq(target))
  )
    return path;
  if (isMap(n)) {
    for (const p of n.items) {
      if (!isScalar(p.key)) continue;
      const found = pathTo(p.value, target, [...path, String(p.key.value)]);
      if (found) return found;
    }
  } else if (isSeq(n)) {
    for (let i = 0; i < n.items.length; i++) {
      const found = pathTo(n.items[i], target, [...path, i]);
      if (found) return found;
    }
  }
  return undefined;
}

function setOwn(o: Record<string | number, unknown>, k: string | number, v: unknown): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

function copy(js: unknown): Record<string | number, unknown> {
  if (Array.isArray(js)) return js.slice() as unknown as Record<number, unknown>;
  if (js && typeof js === 'object') return { ...(js as Record<string, unknown>) };
  return refuse('not a collection');
}

function changeAt(js: unknown, path: (string | number)[], change: (js: unknown) => unknown): unknown {
  if (!path.length) return change(js);
  const c = copy(js);
  setOwn(c, path[0], changeAt(c[path[0]], path.slice(1), change));
  return c;
}

/** `js` with `value` at `path`, creating mappings for missing or null steps as ensurePath does. */
function setIn(js: unknown, path: (string | number)[], value: unknown): unknown {
  if (!path.length) return value;
  const [head, ...rest] = path;
  const base =
    js === null || js === undefined || (typeof head === 'string' && (typeof js !== 'object' || Array.isArray(js)))
      ? {}
      : js;
  const c = copy(base);
  setOwn(c, head, setIn(c[head], rest, value));
  return c;
}

function omit(js: unknown, key: string): unknown {
  const c = copy(js);
  delete c[key];
  return c;
}
