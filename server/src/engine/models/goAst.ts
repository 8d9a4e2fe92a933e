import type { Node } from 'mvdan-sh';

/**
 * mvdan-sh's syntax tree read as the Go values GopherJS keeps behind its JavaScript wrappers.
 *
 * Why: the wrapper API converts every value it hands out (each node, slice, string and position is copied into a new
 * JavaScript object on every field read, and syntax.Walk wraps every node it visits). Profiled on the corpus
 * Dockerfiles, that conversion and its garbage were four fifths of a cold lint, five times the parse itself. The
 * Go values are plain objects: struct fields under their Go names, slices as `{ $array, $offset, $length }`,
 * strings as UTF-8 bytes (one character per byte), and a nil pointer as its type's `nil` object. mvdan-sh is
 * pinned and has not been republished since 2021; test/engine/shellAst.test.ts checks this reader against the
 * wrapper API on every corpus script, so a change of representation fails loudly.
 */
export interface GoNode {
  readonly constructor: GoType;
  Pos(): { Offset(): number };
  End(): { Offset(): number };
  [field: string]: any;
}

interface GoType {
  readonly string?: string;
  readonly nil?: unknown;
  readonly elem?: { fields?: { prop: string; typ: { kind: number; elem?: { kind: number } } }[] };
}

/** The Go value behind a wrapper node (e.g. the File that syntax's Parse returns). */
export function goValue(wrapper: Node): GoNode {
  return (wrapper as unknown as { __internal_object__: GoNode }).__internal_object__;
}

/** A non-nil syntax node (a pointer to one of mvdan-sh's syntax structs). */
export function isNode(v: unknown): v is GoNode {
  const type = (v as { constructor?: GoType } | null | undefined)?.constructor;
  return typeof type?.string === 'string' && type.string.startsWith('*syntax.') && v !== type.nil;
}

/** `CallExpr` for a `*syntax.CallExpr`. */
export function nodeType(n: GoNode): string {
  return n.constructor.string!.slice('*syntax.'.length);
}

/** The elements of a Go slice. */
export function items<T = GoNode>(slice: { $array: T[]; $offset: number; $length: number } | undefined): T[] {
  if (!slice || !slice.$length) return [];
  return slice.$array.slice(slice.$offset, slice.$offset + slice.$length);
}

/** A Go string (UTF-8 bytes, one per character) as a JavaScript string. */
export function goString(s: string): string {
  if (!/[^\x00-\x7f]/.test(s)) return s;
  let out = '';
  for (let i = 0; i < s.length;) {
    const b = s.charCodeAt(i);
    const n = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    let cp = n === 1 ? b : b & (0xff >> (n + 1));
    for (let k = 1; k < n; k++) cp = (cp << 6) | (s.charCodeAt(i + k) & 0x3f);
    out += String.fromCodePoint(n > 1 && (i + n > s.length || cp > 0x10ffff) ? 0xfffd : cp);
    i += n;
  }
  return out;
}

const KIND_INTERFACE = 20;
const KIND_PTR = 22;
const KIND_SLICE = 23;
const childFields = new Map<GoType, string[]>();

/** Fields of a node type that can hold nodes: pointers, interfaces and slices of them (positions are structs). */
function fieldsOf(type: GoType): string[] {
  let fields = childFields.get(type);
  if (!fields) {
    const holds = (kind: number | undefined) => kind === KIND_PTR || kind === KIND_INTERFACE;
    fields = (type.elem?.fields ?? [])
      .filter((f) => holds(f.typ.kind) || (f.typ.kind === KIND_SLICE && holds(f.typ.elem?.kind)))
      .map((f) => f.prop);
    childFields.set(type, fields);
  }
  return fields;
}

/** Pre-order walk over every node below and including `node`, like syntax.Walk; `visit` returns false to skip a subtree. */
export function walk(node: GoNode, visit: (n: GoNode, type: string) => boolean): void {
  // Parts of a node that are not nodes themselves (ParamExp's Expansion, Replace, Slice) are gone through, not visited.
  if (typeof node.Pos === 'function' && !visit(node, nodeType(node))) return;
  for (const field of fieldsOf(node.constructor)) {
    const v = node[field];
    if (v && v.$array !== undefined) {
      for (const item of items(v)) if (isNode(item)) walk(item, visit);
    } else if (isNode(v)) walk(v, visit);
  }
}
