import { Composer, Parser, isAlias, isCollection, isMap, isNode, isPair, isScalar, isSeq } from 'yaml';
import type { CST, Document, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { TextIndex } from '../base/text';
import type { Style } from './yamlRender';

/** The text of one YAML stream and its line index; yaml node ranges are offsets into `text`. */
export interface YamlSource {
  text: string;
  index: TextIndex;
}

/** Thrown inside the edit helpers when an edit cannot be made safely; the public functions turn it into `undefined`. */
export class Refusal extends Error {}

export function refuse(why: string): never {
  throw new Refusal(why);
}

export type Coll = YAMLMap | YAMLSeq;

interface Parsed {
  tokens: CST.Token[];
  comments?: Array<[number, number]>;
  documents?: Document.Parsed[];
}
/** One CST per source, shared by the comment list and the documents. */
const parsed = new WeakMap<YamlSource, Parsed>();

function collectComments(token: unknown, out: Array<[number, number]>): void {
  if (Array.isArray(token)) for (const t of token) collectComments(t, out);
  else if (token && typeof token === 'object') {
    const t = token as { type?: unknown; offset?: unknown; source?: unknown };
    if (t.type === 'comment' && typeof t.offset === 'number' && typeof t.source === 'string')
      out.push([t.offset, t.offset + t.source.length]);
    else for (const v of Object.values(token)) if (v && typeof v === 'object') collectComments(v, out);
  }
}

const isBlockScalar = (n: Scalar) => n.type === 'BLOCK_LITERAL' || n.type === 'BLOCK_FOLDED';

/** Positions in the source: lines, columns, comments and the indicators (`:`, `-`) the CST records. */
export class Layout {
  readonly text: string;
  readonly index: TextIndex;

  constructor(readonly src: YamlSource) {
    this.text = src.text;
    this.index = src.index;
  }

  get eol(): string {
    return this.index.eol;
  }

  private get parsed(): Parsed {
    let p = parsed.get(this.src);
    if (!p) {
      p = { tokens: Array.from(new Parser().parse(this.text)) };
      parsed.set(this.src, p);
    }
    return p;
  }

  /** Comment spans `[start, end)` from yaml's CST, so a `#` inside a quoted scalar never counts. */
  get comments(): Array<[number, number]> {
    const p = this.parsed;
    if (!p.comments) {
      p.comments = [];
      collectComments(p.tokens, p.comments);
      p.comments.sort((a, b) => a[0] - b[0]);
    }
    return p.comments;
  }

  /** Every document of the stream as data, for style detection past the caller's nodes and for verification. */
  get documents(): Document.Parsed[] {
    const p = this.parsed;
    p.documents ??= Array.from(new Composer({ keepSourceTokens: true }).compose(p.tokens));
    return p.documents;
  }

  hasComment(start: number, end: number): boolean {
    return this.comments.some(([s, e]) => s < end && e > start);
  }

  lineOf(offset: number): number {
    return this.index.positionAt(offset).line;
  }

  lineStart(line: number): number {
    return this.index.lineStarts[line];
  }

  lineEndAt(offset: number): number {
    return this.index.lineEnd(this.lineOf(offset));
  }

  col(offset: number): number {
    return offset - this.lineStart(this.lineOf(offset));
  }

  prefix(offset: number): string {
    return this.text.slice(this.lineStart(this.lineOf(offset)), offset);
  }

  /** The column of a block key or dash, refusing when tabs or other text precede it on its line. */
  blockCol(offset: number): number {
    const p = this.prefix(offset);
    if (!/^ *(?:- +)*$/.test(p)) refuse('unexpected text before a block node');
    return p.length;
  }

  /** The column of a comment that is alone on `line`, else undefined. */
  commentLineCol(line: number): number | undefined {
    const t = this.index.lineText(line);
    const col = t.length - t.trimStart().length;
    if (!t.trimStart().startsWith('#')) return undefined;
    const at = this.lineStart(line) + col;
    return this.comments.some(([s]) => s === at) ? col : undefined;
  }

  /** Offset of the `:` of a block or flow pair. */
  colon(pair: Pair): number {
    const ind = pair.srcToken?.sep?.find((t) => t.type === 'map-value-ind');
    if (!ind || this.text[ind.offset] !== ':') refuse('pair without source tokens');
    return ind.offset;
  }

  /** Offset of the `-` of item `i` of a block sequence. */
  dash(seq: YAMLSeq, i: number): number {
    const tok = seq.srcToken;
    if (!tok || tok.type !== 'block-seq') refuse('sequence without source tokens');
    const dashes = tok.items
      .map((it) => it.start.find((t) => t.type === 'seq-item-ind'))
      .filter((t) => t !== undefined);
    if (dashes.length !== seq.items.length || this.text[dashes[i].offset] !== '-')
      refuse('sequence tokens do not match its items');
    return dashes[i].offset;
  }

  /** Where the content of `node` ends: no trailing comment, no line break after a block scalar. */
  contentEnd(node: unknown): number {
    if (isScalar(node)) {
      let e = node.range?.[1] ?? refuse('node without range');
      if (isBlockScalar(node)) {
        if (this.text[e - 1] === '\n') e--;
        if (this.text[e - 1] === '\r') e--;
      }
      return e;
    }
    if (isAlias(node)) return node.range?.[1] ?? refuse('node without range');
    if (isCollection(node)) {
      if (node.flow || !node.items.length) return node.range?.[1] ?? refuse('node without range');
      return this.itemEnd(node, node.items.length - 1);
    }
    return refuse('unknown node');
  }

  /** Start of item `i`: the key of a pair, the node of a sequence item (the dash for block sequences). */
  itemStart(coll: Coll, i: number): number {
    const it = coll.items[i];
    if (isMap(coll)) return startOf((it as Pair).key);
    if (isPair(it)) refuse('pair inside a sequence');
    return coll.flow ? startOf(it) : this.dash(coll, i);
  }

  itemEnd(coll: Coll, i: number): number {
    const it = coll.items[i];
    if (isMap(coll)) {
      const p = it as Pair;
      const k = this.contentEnd(p.key);
      return isNode(p.value) ? Math.max(k, this.contentEnd(p.value)) : k;
    }
    if (isPair(it)) refuse('pair inside a sequence');
    return this.contentEnd(it);
  }

  /** Indentation for new block content, from the nearest of `near` that shows it, else the whole stream. */
  style(near: unknown[]): Style {
    let unit: number | undefined;
    let seq: number | undefined;
    for (const n of [...near, ...this.documents.map((d) => d.contents)]) {
      const units = new Map<number, number>();
      const seqs = new Map<number, number>();
      this.gatherStyle(n, units, seqs, 0);
      unit ??= mode(units);
      seq ??= mode(seqs);
      if (unit !== undefined && seq !== undefined) break;
    }
    unit ??= seq !== undefined && seq > 0 ? seq : 2;
    return { unit, seq: seq ?? unit };
  }

  private gatherStyle(n: unknown, units: Map<number, number>, seqs: Map<number, number>, depth: number): void {
    if (depth > 200) return;
    if (isMap(n)) {
      for (const p of n.items) {
        const v = p.value;
        if (!n.flow && isNode(p.key) && p.key.range && isCollection(v) && !v.flow && v.items.length && v.range) {
          const d = this.col(v.range[0]) - this.col(p.key.range[0]);
          if (isMap(v) && d > 0) bump(units, d);
          if (isSeq(v) && d >= 0) bump(seqs, d);
        }
        this.gatherStyle(v, units, seqs, depth + 1);
      }
    } else if (isSeq(n)) for (const it of n.items) this.gatherStyle(it, units, seqs, depth + 1);
  }
}

function startOf(n: unknown): number {
  return isNode(n) && n.range ? n.range[0] : refuse('node without range');
}

function bump(m: Map<number, number>, k: number): void {
  m.set(k, (m.get(k) ?? 0) + 1);
}

function mode(m: Map<number, number>): number | undefined {
  let best: number | undefined;
  let count = 0;
  for (const [k, c] of m) if (c > count) [best, count] = [k, c];
  return best;
}

/** A `key:` or `-` with nothing after it, as yaml represents it: a null scalar with an empty source range. */
export function isEmptyNode(n: unknown): n is Scalar {
  return isScalar(n) && n.value === null && !!n.range && n.range[0] === n.range[1];
}

/** Refuses nodes an edit must not pass through or change: aliases, anchored nodes (their aliases would change too) and tagged nodes. */
export function guardNode(n: unknown): void {
  if (isAlias(n)) refuse('alias on the path');
  if (isNode(n) && (n.anchor || n.tag)) refuse('anchored or tagged node on the path');
}

/** Refuses removing or replacing a subtree that defines an anchor: its aliases would dangle. */
export function guardSubtree(n: unknown, depth = 0): void {
  if (depth > 200) refuse('too deep');
  if (isNode(n) && n.anchor) refuse('anchor in removed content');
  if (isPair(n)) {
    guardSubtree(n.key, depth + 1);
    guardSubtree(n.value, depth + 1);
  } else if (isCollection(n)) for (const it of n.items) guardSubtree(it, depth + 1);
}

/** Refuses mappings with merge keys (`<<`): an added or removed key could be shadowed by, or reveal, a merged one. */
export function guardMap(map: YAMLMap): void {
  for (const p of map.items) if (isScalar(p.key) && p.key.value === '<<') refuse('merge key');
}

/** Index of the pair whose key is the string `key`, -1 when absent; refuses keys that only look equal (`80` vs `"80"`) or are aliases. */
export function findPair(map: YAMLMap, key: string): number {
  let found = -1;
  map.items.forEach((p, i) => {
    if (isAlias(p.key)) refuse('alias key');
    if (!isScalar(p.key)) return;
    if (p.key.value === key) found = i;
    else if (String(p.key.value) === key) refuse('key differs only in type');
  });
  return found;
}

/** The node as plain data for comparison; aliases compare unequal to everything. */
export function jsOf(n: unknown, depth = 0): unknown {
  if (depth > 200) return UNEQUAL;
  if (n === null || n === undefined) return null;
  if (isScalar(n)) return n.value;
  if (isMap(n)) {
    const o = Object.create(null) as Record<string, unknown>; // a `__proto__` key stays a key
    for (const p of n.items) {
      if (!isScalar(p.key)) return UNEQUAL;
      o[String(p.key.value)] = jsOf(p.value, depth + 1);
    }
    return o;
  }
  if (isSeq(n)) return n.items.map((x) => jsOf(x, depth + 1));
  return UNEQUAL;
}

const UNEQUAL = Symbol('unequal');

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b || (typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b))) return true;
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object' || Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a))
    return a.length === (b as unknown[]).length && a.every((x, i) => deepEqual(x, (b as unknown[])[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  const bo = b as Record<string, unknown>;
  return (
    ka.length === kb.length &&
    ka.every((k) => Object.prototype.hasOwnProperty.call(bo, k) && deepEqual((a as Record<string, unknown>)[k], bo[k]))
  );
}
