import { isMap, isNode, isScalar, isSeq } from 'yaml';
import type { Pair, YAMLMap, YAMLSeq } from 'yaml';
import { deepEqual, findPair, guardMap, guardNode, guardSubtree, isEmptyNode, jsOf, refuse } from './yamlLayout';
import type { Coll, Layout } from './yamlLayout';
import {
  childLines,
  compactLines,
  entryLines,
  flowText,
  inlineText,
  isPlainObject,
  isScalarValue,
  isStructured,
  itemLines,
  keyText,
  scalarText,
} from './yamlRender';
import type { Plain, PlainScalar, Style } from './yamlRender';

/** Where a node sits: what has to change to replace it as a whole. */
export type Slot =
  { kind: 'root' } | { kind: 'pair'; coll: YAMLMap; pair: Pair } | { kind: 'item'; coll: YAMLSeq; index: number };

/** A replacement in offsets of the original text. */
export interface Span {
  start: number;
  end: number;
  text: string;
}

/** Collects the spans of one edit; every method refuses (throws `Refusal`) rather than produce a doubtful edit. */
export class Editor {
  readonly spans: Span[] = [];
  /** Offsets whose lines the edit depends on; a Helm template on any of them makes the edit unsafe. */
  readonly touched: number[] = [];

  constructor(
    readonly L: Layout,
    private readonly near: unknown[],
  ) {}

  private edit(start: number, end: number, text: string): void {
    if (start !== end || text) this.spans.push({ start, end, text });
  }

  private style(local: unknown): Style {
    return this.L.style([local, ...this.near]);
  }

  /** Walks `path` below `root`, then adds what is missing or reconciles what is there with `v`. */
  ensure(root: YAMLMap, path: readonly (string | number)[], v: Plain): void {
    let node: unknown = root;
    let slot: Slot = { kind: 'root' };
    for (let i = 0; i < path.length; i++) {
      const seg = path[i];
      guardNode(node);
      if (typeof seg === 'string') {
        // `key:`, `key: null` and `key: {}` become a mapping holding the rest of the path.
        if ((isScalar(node) && node.value === null) || this.isEmptyFlowMapInBlock(slot, node))
          return this.replaceWhole(slot, node, nest(path.slice(i), v));
        if (!isMap(node)) refuse('path crosses a non-mapping');
        guardMap(node);
        const at = findPair(node, seg);
        if (at < 0) return this.addPairs(node, [[seg, nest(path.slice(i + 1), v)]]);
        slot = { kind: 'pair', coll: node, pair: node.items[at] };
        this.touched.push(this.L.itemStart(node, at));
        node = node.items[at].value;
      } else {
        if (!isSeq(node)) refuse('path indexes a non-sequence');
        if (!Number.isInteger(seg) || seg < 0 || seg >= node.items.length) refuse('no such item');
        slot = { kind: 'item', coll: node, index: seg };
        this.touched.push(this.L.itemStart(node, seg));
        node = node.items[seg];
      }
    }
    this.reconcile(slot, node, v);
  }

  /** Makes `node` equal `v` with the smallest change: scalar token, per key, per item, or the whole value. */
  reconcile(slot: Slot, node: unknown, v: Plain): void {
    if (deepEqual(jsOf(node), v)) return;
    guardNode(node);
    if (isMap(node) && isPlainObject(v) && !this.isEmptyFlowMapInBlock(slot, node))
      return this.reconcileMap(slot, node, v);
    if (isSeq(node) && Array.isArray(v) && v.length) return this.reconcileSeq(slot, node, v);
    if (isScalar(node) && !isEmptyNode(node) && isScalarValue(v)) return this.replaceScalar(slot, node, v);
    this.replaceWhole(slot, node, v);
  }

  private isEmptyFlowMapInBlock(slot: Slot, node: unknown): boolean {
    return isMap(node) && node.flow === true && !node.items.length && slot.kind !== 'root' && !slot.coll.flow;
  }

  private reconcileMap(slot: Slot, map: YAMLMap, obj: { [key: string]: Plain }): void {
    guardMap(map);
    const keep = new Set<string>();
    const remove: number[] = [];
    map.items.forEach((p, i) => {
      if (!isScalar(p.key) || typeof p.key.value !== 'string') refuse('non-string key');
      if (Object.hasOwn(obj, p.key.value)) keep.add(p.key.value);
      else remove.push(i);
    });
    if (remove.length && remove.length === map.items.length) return this.replaceWhole(slot, map, obj);
    for (const p of map.items) {
      const k = (p.key as { value: string }).value;
      if (keep.has(k)) this.reconcile({ kind: 'pair', coll: map, pair: p }, p.value, obj[k]);
    }
    this.removeItems(map, remove, true);
    this.addPairs(
      map,
      Object.entries(obj).filter(([k]) => !keep.has(k)),
    );
  }

  private reconcileSeq(slot: Slot, seq: YAMLSeq, arr: Plain[]): void {
    const n = Math.min(seq.items.length, arr.length);
    for (let i = 0; i < n; i++) this.reconcile({ kind: 'item', coll: seq, index: i }, seq.items[i], arr[i]);
    if (seq.items.length > arr.length) this.removeItems(seq, seq.items.map((_, i) => i).slice(arr.length), true);
    else this.appendItems(seq, arr.slice(n));
  }

  /** Replaces only the scalar token, so a trailing comment and the surrounding layout stay. */
  private replaceScalar(
    slot: Slot,
    node: { range?: [number, number, number] | null; type?: string },
    v: PlainScalar,
  ): void {
    const start = node.range?.[0] ?? refuse('node without range');
    const end = this.L.contentEnd(node);
    if (this.L.hasComment(start, end)) refuse('comment inside the scalar');
    this.edit(start, end, scalarText(v, slot.kind !== 'root' && slot.coll.flow === true, node.type));
  }

  /**
   * Replaces the value after a pair's `:` or an item's `-`. A structured value goes on new lines inserted after the
   * end of the line, so a comment on that line stays where it is.
   */
  replaceWhole(slot: Slot, node: unknown, v: Plain): void {
    if (slot.kind === 'root') refuse('cannot replace the root');
    guardSubtree(node);
    const { L } = this;
    const text = L.text;
    if (slot.coll.flow) {
      if (!isNode(node) || isEmptyNode(node) || !node.range) refuse('empty value in a flow collection');
      const start = node.range[0];
      const end = L.contentEnd(node);
      if (L.hasComment(start, end)) refuse('comment in the replaced value');
      return this.edit(start, end, flowText(v));
    }
    const ind = slot.kind === 'pair' ? L.colon(slot.pair) : L.dash(slot.coll, slot.index);
    const from = ind + 1;
    let to = from;
    if (isNode(node) && !isEmptyNode(node)) to = L.contentEnd(node);
    else {
      let e = from;
      while (text[e] === ' ' || text[e] === '\t') e++;
      if (e >= text.length || text[e] === '\n' || text[e] === '\r') to = e;
    }
    if (to < from || L.hasComment(from, to)) refuse('comment in the replaced value');
    const col = L.blockCol(slot.kind === 'pair' ? L.itemStart(slot.coll, slot.coll.items.indexOf(slot.pair)) : ind);
    const st = this.style(slot.coll);
    const lineEnd = L.lineEndAt(to);
    let first = ` ${inlineText(v)}`;
    let rest: string[] = [];
    if (isStructured(v) && slot.kind === 'pair') [first, rest] = ['', childLines(v, col, st)];
    else if (isStructured(v) && L.hasComment(to, lineEnd))
      [first, rest] = ['', compactLines(v, col + 2, st)]; // `- # why` keeps its line
    else if (isStructured(v)) {
      const lines = compactLines(v, col + 2, st);
      [first, rest] = [` ${lines[0].slice(col + 2)}`, lines.slice(1)];
    }
    const restText = rest.map((l) => L.eol + l).join('');
    if (!restText || lineEnd === to) this.edit(from, to, first + restText);
    else {
      this.edit(from, to, first);
      this.edit(lineEnd, lineEnd, restText);
    }
  }

  /** Adds pairs after the last pair of `map` (inside the braces for a flow mapping). */
  addPairs(map: YAMLMap, entries: Array<[string, Plain]>): void {
    if (!entries.length) return;
    guardMap(map);
    const { L } = this;
    if (map.flow) {
      const text = entries.map(([k, x]) => `${keyText(k, true)}: ${flowText(x)}`).join(', ');
      return this.insertInFlow(map, text);
    }
    const col = L.blockCol(L.itemStart(map, 0));
    const st = this.style(map);
    const lines = entries.flatMap(([k, x]) => entryLines(k, x, col, st));
    const at = this.insertionPoint(L.contentEnd(map), col, true);
    this.edit(at, at, lines.map((l) => L.eol + l).join(''));
  }

  /** Appends items after the last item of `seq`, with its dash column. */
  appendItems(seq: YAMLSeq, values: Plain[]): void {
    if (!values.length) return;
    const { L } = this;
    if (seq.flow) return this.insertInFlow(seq, values.map(flowText).join(', '));
    const col = L.blockCol(L.dash(seq, seq.items.length - 1));
    const st = this.style(seq);
    const lines = values.flatMap((x) => itemLines(x, col, st));
    const at = this.insertionPoint(L.contentEnd(seq), col, false);
    this.edit(at, at, lines.map((l) => L.eol + l).join(''));
  }

  private insertInFlow(coll: Coll, text: string): void {
    const { L } = this;
    if (coll.items.length) {
      const e = L.itemEnd(coll, coll.items.length - 1);
      return this.edit(e, e, `, ${text}`);
    }
    const open = coll.range?.[0] ?? refuse('node without range');
    if (L.text[open] !== (isMap(coll) ? '{' : '[')) refuse('flow collection without its bracket');
    this.edit(open + 1, open + 1, text);
  }

  /**
   * New block content goes at the end of the line where the collection's content ends. Comment lines right after it
   * stay above the new lines when they are indented into the collection (a mapping's own column, deeper than a
   * sequence's dash) and below them otherwise, since those describe whatever follows. A document's root mapping
   * keeps trailing comments below: at column 0 they usually introduce the next document.
   */
  private insertionPoint(end: number, col: number, map: boolean): number {
    const { L } = this;
    let line = L.lineOf(end);
    while (line + 1 < L.index.lineCount) {
      const c = L.commentLineCol(line + 1);
      if (c === undefined || (map ? !(col > 0 && c >= col) : !(c > col))) break;
      line++;
    }
    return L.index.lineEnd(line);
  }

  /**
   * Removes items (pairs of a mapping) by index. Block items lose their whole lines, consecutive ones in one span;
   * comment lines above the first removed item stay. With `keepComments`, refuses to delete any comment.
   */
  removeItems(coll: Coll, idxs: number[], keepComments: boolean): void {
    if (!idxs.length) return;
    for (const i of idxs) guardSubtree(coll.items[i]);
    if (idxs.length === coll.items.length) return this.empty(coll, keepComments);
    const { L } = this;
    const n = coll.items.length;
    for (const [i, j] of runs(idxs)) {
      const first = L.itemStart(coll, i);
      if (coll.flow) {
        const [s, e] = j + 1 < n ? [first, L.itemStart(coll, j + 1)] : [L.itemEnd(coll, i - 1), L.itemEnd(coll, j)];
        if (L.hasComment(s, e)) refuse('comment between flow items');
        this.edit(s, e, '');
        continue;
      }
      const lastEnd = L.itemEnd(coll, j);
      const prefix = L.prefix(first);
      let s: number;
      let e: number;
      const ll = this.itemLastLine(lastEnd, prefix.length);
      if (/^ *$/.test(prefix)) {
        const fl = L.lineOf(first);
        if (fl > 0) [s, e] = [L.index.lineEnd(fl - 1), L.index.lineEnd(ll)];
        else [s, e] = [0, ll + 1 < L.index.lineCount ? L.lineStart(ll + 1) : L.text.length];
      } else if (/^ *(?:- +)+$/.test(prefix)) {
        // The first item shares its line with the parent's dash (`- name: a`): the next item moves up to it.
        const next = j + 1 < n ? L.itemStart(coll, j + 1) : undefined;
        if (next !== undefined && !L.hasComment(first, next)) [s, e] = [first, next];
        else [s, e] = [first - (prefix.length - prefix.trimEnd().length), L.index.lineEnd(ll)];
      } else refuse('unexpected text before a block node');
      if (keepComments && L.hasComment(s, e)) refuse('removal would delete a comment');
      this.edit(s, e, '');
    }
  }

  /**
   * The last line of an item: its content, then comment lines indented deeper than the item, which belong to it.
   * Left behind, they could even become content of a block scalar above (`|` takes every deeper line).
   */
  private itemLastLine(lastEnd: number, col: number): number {
    const { L } = this;
    let last = L.lineOf(lastEnd);
    for (let k = last + 1; k < L.index.lineCount; k++) {
      if (!L.index.lineText(k).trim()) continue;
      const c = L.commentLineCol(k);
      if (c === undefined || c <= col) break;
      last = k;
    }
    return last;
  }

  /** Removes every item, leaving `{}` or `[]` so the value keeps its type (`key: {}`, `- []`). */
  private empty(coll: Coll, keepComments: boolean): void {
    const { L } = this;
    const text = L.text;
    const start = coll.range?.[0] ?? refuse('node without range');
    const end = L.contentEnd(coll);
    const empty = isMap(coll) ? '{}' : '[]';
    if (coll.flow) {
      if (L.hasComment(start, end)) refuse('comment in a flow collection');
      return this.edit(start + 1, end - 1, '');
    }
    // Back to the indicator that owns the collection, over blank space and comments.
    let p = start - 1;
    for (;;) {
      while (p >= 0 && ' \t\r\n'.includes(text[p])) p--;
      const c = p >= 0 ? L.comments.find(([s, e]) => s <= p && p < e) : undefined;
      if (!c) break;
      p = c[0] - 1;
    }
    const root = p < 0 || /^---(?:\s|$)/.test(L.index.lineText(L.lineOf(p)));
    if (!root && text[p] !== ':' && text[p] !== '-') refuse('unexpected text before the collection');
    const [from, newText] = root ? [start, empty] : [p + 1, ` ${empty}`];
    if (!L.hasComment(from, start)) {
      if (keepComments && L.hasComment(from, end)) refuse('removal would delete a comment');
      return this.edit(from, end, newText);
    }
    // Comments between the indicator and the first item (`key: # why`) stay: `{}` goes after the indicator and the
    // item lines go, as when removing items one by one.
    const first = L.lineOf(start);
    const [s, e] = [L.index.lineEnd(first - 1), L.index.lineEnd(L.lineOf(end))];
    if (L.prefix(start).trim() || (keepComments && L.hasComment(s, e))) refuse('cannot empty the collection here');
    this.edit(from, from, newText);
    this.edit(s, e, '');
  }
}

/** `{a: {b: v}}` for keys `[a, b]`; an index cannot be created. */
function nest(keys: readonly (string | number)[], v: Plain): Plain {
  return keys.reduceRight<Plain>((acc, k) => {
    if (typeof k !== 'string') refuse('index into a missing sequence');
    const o = Object.create(null) as { [key: string]: Plain };
    o[k] = acc;
    return o;
  }, v);
}

function runs(idxs: number[]): Array<[number, number]> {
  const sorted = [...new Set(idxs)].sort((a, b) => a - b);
  const out: Array<[number, number]> = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && last[1] + 1 === i) last[1] = i;
    else out.push([i, i]);
  }
  return out;
}
