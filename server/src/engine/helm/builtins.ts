/** text/template's predefined functions (and/or are evaluated lazily by exec). */
import type { FuncMap, GoFunc } from './exec';
import { formatV, sprint, sprintf, sprintln } from './fmt';
import { byteLen, fromUtf8, GoInt64, GoStruct, intOf, isMap, truth, typeName, utf8 } from './values';

const nilToUndef = (v: unknown) => (v === null ? undefined : v);

type Kind = 'bool' | 'int' | 'float' | 'string' | 'invalid' | 'other';
function basicKind(v: unknown): Kind {
  if (v === undefined || v === null) return 'invalid';
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'bigint':
      return 'int';
    case 'number':
      return 'float';
    case 'string':
      return 'string';
  }
  return v instanceof GoInt64 ? 'int' : 'other';
}

const comparable = (v: unknown) =>
  !(Array.isArray(v) || isMap(v) || v instanceof Uint8Array || (v instanceof GoStruct && v.entries));

export function eq(a: unknown, ...rest: unknown[]): boolean {
  a = nilToUndef(a);
  if (rest.length === 0) throw new Error('missing argument for comparison');
  const k1 = basicKind(a);
  for (let b of rest) {
    b = nilToUndef(b);
    const k2 = basicKind(b);
    let t = false;
    if (k1 !== k2) {
      if (a !== undefined && b !== undefined) throw new Error('incompatible types for comparison');
    } else if (k1 === 'other') {
      if (!comparable(a) || !comparable(b))
        throw new Error(`non-comparable type ${formatV(comparable(a) ? b : a)}: ${typeName(comparable(a) ? b : a)}`);
      t = a === b;
    } else if (k1 === 'invalid') {
      t = true;
    } else if (k1 === 'int') {
      t = intOf(a) === intOf(b);
    } else {
      t = a === b;
    }
    if (t) return true;
  }
  return false;
}

export function lt(a: unknown, b: unknown): boolean {
  a = nilToUndef(a);
  b = nilToUndef(b);
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 === 'invalid' || k1 === 'other' || k2 === 'invalid' || k2 === 'other')
    throw new Error('invalid type for comparison');
  if (k1 !== k2) throw new Error('incompatible types for comparison');
  if (k1 === 'bool') throw new Error('invalid type for comparison');
  if (k1 === 'int') return intOf(a)! < intOf(b)!;
  return (a as number) < (b as number);
}

const le = (a: unknown, b: unknown) => lt(a, b) || eq(a, b);

/** `len`: bytes of a string, elements of a slice or map. */
export function goLen(v: unknown): bigint {
  if (v === null || v === undefined) throw new Error('len of nil pointer');
  if (typeof v === 'string') return BigInt(byteLen(v));
  if (Array.isArray(v) || v instanceof Uint8Array) return BigInt(v.length);
  if (isMap(v)) return BigInt(Object.keys(v).length);
  if (v instanceof GoStruct && v.entries) return BigInt(Object.keys(v.entries).length);
  throw new Error(`len of type ${typeName(v)}`);
}

function indexArg(i: unknown, cap: number): number {
  i = nilToUndef(i);
  if (i === undefined) throw new Error('cannot index slice/array with nil');
  const n = intOf(i);
  if (n === undefined) throw new Error(`cannot index slice/array with type ${typeName(i)}`);
  if (n < 0n || n > BigInt(cap)) throw new Error(`index out of range: ${n}`);
  return Number(n);
}

export function goIndex(item: unknown, ...indexes: unknown[]): unknown {
  item = nilToUndef(item);
  if (item === undefined) throw new Error('index of untyped nil');
  for (let idx of indexes) {
    idx = nilToUndef(idx);
    if (item === null || item === undefined) throw new Error('index of nil pointer');
    if (typeof item === 'string' || Array.isArray(item) || item instanceof Uint8Array) {
      const len = typeof item === 'string' ? byteLen(item) : item.length;
      const x = indexArg(idx, len);
      if (x === len) throw new Error(`index out of range: ${x}`);
      item = typeof item === 'string' ? BigInt(utf8(item)[x]) : item instanceof Uint8Array ? BigInt(item[x]) : item[x];
      if (item === undefined) item = null;
    } else if (isMap(item) || (item instanceof GoStruct && item.entries)) {
      const m = isMap(item) ? item : item.entries!;
      let key: string;
      if (idx === undefined) key = '';
      else if (typeof idx === 'string') key = idx;
      else throw new Error(`value has type ${typeName(idx)}; should be string`);
      item = Object.prototype.hasOwnProperty.call(m, key) && m[key] !== undefined ? m[key] : null;
    } else {
      throw new Error(`can't index item of type ${typeName(item)}`);
    }
  }
  return item;
}

function goSlice(item: unknown, ...indexes: unknown[]): unknown {
  item = nilToUndef(item);
  if (item === undefined) throw new Error('slice of untyped nil');
  if (indexes.length > 3) throw new Error(`too many slice indexes: ${indexes.length}`);
  let len: number;
  if (typeof item === 'string') {
    if (indexes.length === 3) throw new Error('cannot 3-index slice a string');
    len = byteLen(item);
  } else if (Array.isArray(item) || item instanceof Uint8Array) len = item.length;
  else throw new Error(`can't slice item of type ${typeName(item)}`);
  const idx = [0, len, len];
  indexes.forEach((x, i) => (idx[i] = indexArg(x, len)));
  if (idx[0] > idx[1]) throw new Error(`invalid slice index: ${idx[0]} > ${idx[1]}`);
  if (indexes.length === 3 && idx[1] > idx[2]) throw new Error(`invalid slice index: ${idx[1]} > ${idx[2]}`);
  if (typeof item === 'string') {
    return fromUtf8(utf8(item).slice(idx[0], idx[1]));
  }
  return item.slice(idx[0], idx[1]);
}

const evalArgs = (a: unknown[]): string => (a.length === 1 && typeof a[0] === 'string' ? a[0] : sprint(a));

export function htmlEscape(s: string): string {
  return s.replace(
    /[<>&'"\0]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&#39;', '"': '&#34;', '\0': '\uFFFD' })[c]!,
  );
}

export function jsEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    switch (ch) {
      case '\\':
        out += '\\\\';
        break;
      case "'":
        out += "\\'";
        break;
      case '"':
        out += '\\"';
        break;
      case '<':
        out += '\\u003C';
        break;
      case '>':
        out += '\\u003E';
        break;
      case '&':
        out += '\\u0026';
        break;
      case '=':
        out += '\\u003D';
        break;
      default:
        if (c < 32) out += '\\u00' + c.toString(16).toUpperCase().padStart(2, '0');
        else if (c >= 128 && /[\p{C}\p{Z}]/u.test(ch)) out += '\\u' + c.toString(16).toUpperCase().padStart(4, '0');
        else out += ch;
    }
  }
  return out;
}

/** url.QueryEscape. */
export function queryEscape(s: string): string {
  let out = '';
  for (const b of utf8(s)) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

const f = (fn: (...a: unknown[]) => unknown, params?: GoFunc['params'], variadic?: GoFunc['variadic']): GoFunc => ({
  fn: (a) => fn(...a),
  params,
  variadic,
});

export function builtins(): FuncMap {
  return new Map<string, GoFunc>([
    ['and', f(() => undefined, ['a'], 'a')],
    ['or', f(() => undefined, ['a'], 'a')],
    ['not', f((a) => !truth(a), ['a'])],
    ['len', f(goLen, ['a'])],
    ['index', f(goIndex, ['a'], 'a')],
    ['slice', f(goSlice, ['a'], 'a')],
    ['print', f((...a) => sprint(a))],
    ['printf', f((fmt, ...a) => sprintf(fmt as string, a), ['s'], 'a')],
    ['println', f((...a) => sprintln(a))],
    ['html', f((...a) => htmlEscape(evalArgs(a)))],
    ['js', f((...a) => jsEscape(evalArgs(a)))],
    ['urlquery', f((...a) => queryEscape(evalArgs(a)))],
    ['eq', f(eq, ['a'], 'a')],
    ['ne', f((a, b) => !eq(a, b), ['a', 'a'])],
    ['lt', f(lt, ['a', 'a'])],
    ['le', f(le, ['a', 'a'])],
    ['gt', f((a, b) => !le(a, b), ['a', 'a'])],
    ['ge', f((a, b) => !lt(a, b), ['a', 'a'])],
    [
      'call',
      f(
        (fn) => {
          throw new Error(fn === null ? 'call of nil' : `non-function of type ${typeName(fn)}`);
        },
        ['a'],
        'a',
      ),
    ],
  ]);
}
