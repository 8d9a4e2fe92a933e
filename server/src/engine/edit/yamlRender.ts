import { stringify } from 'yaml';
import { refuse } from './yamlLayout';

/** A value that can be written as YAML: what `JSON.parse` returns, plus non-finite numbers. */
export type Plain = null | boolean | number | string | Plain[] | { [key: string]: Plain };
export type PlainScalar = null | boolean | number | string;

/** Indentation of new block content: `unit` for nested mappings, `seq` for a sequence under a key (0 = flush). */
export interface Style {
  unit: number;
  seq: number;
}

/** Validates and copies `value`; object keys whose value is `undefined` are dropped, as JSON does. */
export function toPlain(value: unknown, depth = 0): Plain {
  if (depth > 100) refuse('value nested too deeply');
  if (value === null || typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string')
    return value;
  if (Array.isArray(value))
    return value.map((v) => (v === undefined ? refuse('undefined array item') : toPlain(v, depth + 1)));
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null) refuse('not a plain object');
    const out = Object.create(null) as { [key: string]: Plain }; // a `__proto__` key stays a key
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toPlain(v, depth + 1);
    return out;
  }
  return refuse(`cannot write a ${typeof value}`);
}

export function isScalarValue(v: Plain): v is PlainScalar {
  return v === null || typeof v !== 'object';
}

/** A non-empty object or array: written as block lines rather than inline. */
export function isStructured(v: Plain): v is Plain[] | { [key: string]: Plain } {
  return v !== null && typeof v === 'object' && (Array.isArray(v) ? v.length > 0 : Object.keys(v).length > 0);
}

export function isPlainObject(v: Plain): v is { [key: string]: Plain } {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

// Line breaks YAML 1.1 readers (Kubernetes' go-yaml) also honour, C0/C1 controls and the BOM are escaped.
const NEEDS_ESCAPE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\ufeff]/;

export function doubleQuoted(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (ch.length === 1 && NEEDS_ESCAPE.test(ch)) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}

function singleQuoted(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

const isQuoted = (s: string) => s.startsWith('"') || s.startsWith("'");

/**
 * The plain form when both YAML 1.2 (this engine) and YAML 1.1 (go-yaml, so kubectl) read it back as the same string
 * (`yes`, `0o17`, `2024-01-01` are quoted); yaml's own stringify decides, never a hand-written list.
 */
function stringText(s: string, flow: boolean): string {
  if (NEEDS_ESCAPE.test(s)) return doubleQuoted(s);
  const render = (version: '1.1' | '1.2') => {
    const opts = { lineWidth: 0, minContentWidth: 0, version };
    if (!flow) return stringify(s, opts).replace(/\n$/, '');
    const f = stringify([s], { ...opts, collectionStyle: 'flow' }).replace(/\n$/, '');
    return f.startsWith('[ ') && f.endsWith(' ]') ? f.slice(2, -2) : '\n';
  };
  const a = render('1.2');
  const b = render('1.1');
  if (a.includes('\n') || b.includes('\n')) return doubleQuoted(s);
  if (!isQuoted(a)) return isQuoted(b) ? b : a;
  return a;
}

/**
 * One scalar, on one line. `like` is the style of the scalar being replaced: a string keeps double or single
 * quotes; any other value becomes plain, since quotes would turn it into a string.
 */
export function scalarText(v: PlainScalar, flow: boolean, like?: string): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return stringify(v).replace(/\n$/, '');
  if (like === 'QUOTE_DOUBLE') return doubleQuoted(v);
  if (like === 'QUOTE_SINGLE' && !NEEDS_ESCAPE.test(v) && !/[\n\r]/.test(v)) return singleQuoted(v);
  return stringText(v, flow);
}

/** A mapping key; `<<` is quoted because YAML 1.1 readers treat it as a merge key. */
export function keyText(k: string, flow: boolean): string {
  return k === '<<' ? '"<<"' : stringText(k, flow);
}

/** A value on one line: scalars, and `{}`/`[]` for empty collections. */
export function inlineText(v: Plain): string {
  if (isScalarValue(v)) return scalarText(v, false);
  if (isStructured(v)) return flowText(v);
  return Array.isArray(v) ? '[]' : '{}';
}

export function flowText(v: Plain): string {
  if (isScalarValue(v)) return scalarText(v, true);
  if (Array.isArray(v)) return `[${v.map(flowText).join(', ')}]`;
  return `{${Object.entries(v)
    .map(([k, x]) => `${keyText(k, true)}: ${flowText(x)}`)
    .join(', ')}}`;
}

const pad = (n: number) => ' '.repeat(n);

/** Lines of `key: value` with the key at column `col`; structured values nest below it. */
export function entryLines(k: string, v: Plain, col: number, st: Style): string[] {
  const head = `${pad(col)}${keyText(k, false)}:`;
  if (!isStructured(v)) return [`${head} ${inlineText(v)}`];
  return [head, ...childLines(v, col, st)];
}

/** The lines of a structured value below a key at column `col`. */
export function childLines(v: Plain[] | { [key: string]: Plain }, col: number, st: Style): string[] {
  if (Array.isArray(v)) return v.flatMap((x) => itemLines(x, col + st.seq, st));
  return Object.entries(v).flatMap(([k, x]) => entryLines(k, x, col + st.unit, st));
}

/** Lines of one `- item` with the dash at column `col`; a structured item starts on the dash line (compact form). */
export function itemLines(v: Plain, col: number, st: Style): string[] {
  if (!isStructured(v)) return [`${pad(col)}- ${inlineText(v)}`];
  const inner = compactLines(v, col + 2, st);
  inner[0] = `${pad(col)}- ${inner[0].slice(col + 2)}`;
  return inner;
}

/** The lines of a structured value whose first line starts at column `col` (after a dash). */
export function compactLines(v: Plain[] | { [key: string]: Plain }, col: number, st: Style): string[] {
  return Array.isArray(v)
    ? v.flatMap((x) => itemLines(x, col, st))
    : Object.entries(v).flatMap(([k, x]) => entryLines(k, x, col, st));
}
