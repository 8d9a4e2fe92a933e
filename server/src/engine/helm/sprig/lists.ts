/** Sprig's list and dict functions. */
import type { GoFunc } from '../exec';
import { deepCopy, GoInt64, isMap, sortedKeys, type GoMap } from '../values';
import { asList, isEmpty, strslice, strval, toInt64 } from './conv';
import { def } from './strings';

/** reflect.DeepEqual on the data model. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if ((a === null || a === undefined) && (b === null || b === undefined)) return true;
  if (a instanceof GoInt64 && b instanceof GoInt64) return a.v === b.v;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isMap(a) && isMap(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b) ? false : a === b;
  return false;
}

/** mergo.Merge (WithOverride when `overwrite`), as Sprig's merge and mergeOverwrite call it. */
export function mergeInto(dst: GoMap, src: GoMap, overwrite: boolean): GoMap {
  for (const k of Object.keys(src)) {
    const s = src[k];
    const d = dst[k];
    if (s === null || s === undefined) {
      if (overwrite && k in dst) dst[k] = s;
      continue;
    }
    if (isMap(s) && isMap(d)) {
      mergeInto(d, s, overwrite);
      continue;
    }
    if (!(k in dst) || isEmpty(d) || (overwrite && !isEmpty(s))) dst[k] = isMap(s) ? deepCopy(s) : s;
  }
  return dst;
}

function dig(args: unknown[]): unknown {
  if (args.length < 3) throw new Error(`wrong number of args for dig: want at least 3 got ${args.length}`);
  const dict = args[args.length - 1];
  const dflt = args[args.length - 2];
  const keys = args.slice(0, -2);
  let cur: unknown = dict;
  for (const k of keys) {
    if (!isMap(cur)) return dflt;
    const key = strval(k);
    if (!(key in cur)) return dflt;
    cur = cur[key];
  }
  return cur;
}

function sliceOf(list: unknown, idx: unknown[]): unknown[] {
  const l = asList(list, 'slice');
  const n = l.length;
  if (idx.length === 0) return l.slice();
  const a = Number(toInt64(idx[0]));
  const b = idx.length > 1 ? Number(toInt64(idx[1])) : n;
  if (a < 0 || b > n || a > b) throw new Error(`runtime error: slice bounds out of range [${a}:${b}]`);
  return l.slice(a, b);
}

function uniq(list: unknown): unknown[] {
  const out: unknown[] = [];
  for (const x of asList(list, 'uniq')) if (!out.some((y) => deepEqual(x, y))) out.push(x);
  return out;
}

function chunk(size: bigint, list: unknown): unknown[][] {
  const l = asList(list, 'chunk');
  const n = Number(size);
  const out: unknown[][] = [];
  for (let i = 0; i < l.length; i += n) out.push(l.slice(i, i + n));
  return out;
}

/** Each list function, in its plain (errors as Go panics → template errors) and must* forms. */
function listFns(): [string, GoFunc][] {
  const first = (l: unknown) => {
    const a = asList(l, 'first');
    return a.length ? a[0] : null;
  };
  const last = (l: unknown) => {
    const a = asList(l, 'last');
    return a.length ? a[a.length - 1] : null;
  };
  const rest = (l: unknown) => {
    const a = asList(l, 'rest');
    return a.length ? a.slice(1) : null;
  };
  const initial = (l: unknown) => {
    const a = asList(l, 'initial');
    return a.length ? a.slice(0, -1) : null;
  };
  const fns: [string, (...a: never[]) => unknown, GoFunc['params'], GoFunc['variadic']?][] = [
    ['append', (l: unknown, v: unknown) => [...asList(l ?? [], 'push'), v], ['a', 'a']],
    ['push', (l: unknown, v: unknown) => [...asList(l ?? [], 'push'), v], ['a', 'a']],
    ['prepend', (l: unknown, v: unknown) => [v, ...asList(l ?? [], 'prepend')], ['a', 'a']],
    ['first', first, ['a']],
    ['last', last, ['a']],
    ['rest', rest, ['a']],
    ['initial', initial, ['a']],
    ['reverse', (l: unknown) => asList(l, 'reverse').slice().reverse(), ['a']],
    ['uniq', uniq, ['a']],
    [
      'without',
      (l: unknown, ...omit: unknown[]) => asList(l, 'without').filter((x) => !omit.some((o) => deepEqual(x, o))),
      ['a'],
      'a',
    ],
    [
      'has',
      (needle: unknown, hay: unknown) =>
        hay === null || hay === undefined ? false : asList(hay, 'has').some((x) => deepEqual(x, needle)),
      ['a', 'a'],
    ],
    ['compact', (l: unknown) => asList(l, 'compact').filter((x) => !isEmpty(x)), ['a']],
    ['slice', (l: unknown, ...i: unknown[]) => sliceOf(l, i), ['a'], 'a'],
    ['chunk', chunk, ['i', 'a']],
  ];
  const out: [string, GoFunc][] = [];
  for (const [name, fn, params, variadic] of fns) {
    out.push([name, def(params ?? [], fn, variadic)]);
    out.push([`must${name[0].toUpperCase()}${name.slice(1)}`, def(params ?? [], fn, variadic)]);
  }
  return out;
}

export function lists(): [string, GoFunc][] {
  return [
    ['list', def([], (...a: unknown[]) => a.map((x) => (x === undefined ? null : x)), 'a')],
    ...listFns(),
    ['concat', def([], (...ls: unknown[]) => ls.flatMap((l) => asList(l, 'concat')), 'a')],
    [
      'sortAlpha',
      def(['a'], (l: unknown) =>
        Array.isArray(l) ? strslice(l).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)) : [strval(l)],
      ),
    ],
    [
      'dict',
      def(
        [],
        (...a: unknown[]) => {
          const m: GoMap = {};
          for (let i = 0; i < a.length; i += 2)
            m[strval(a[i])] = i + 1 < a.length ? (a[i + 1] === undefined ? null : a[i + 1]) : '';
          return m;
        },
        'a',
      ),
    ],
    ['get', def(['m', 's'], (m: GoMap | null, k: string) => (m && k in m ? m[k] : ''))],
    [
      'set',
      def(['m', 's', 'a'], (m: GoMap | null, k: string, v: unknown) => {
        if (!m) throw new Error('assignment to entry in nil map');
        m[k] = v;
        return m;
      }),
    ],
    [
      'unset',
      def(['m', 's'], (m: GoMap | null, k: string) => {
        if (m) delete m[k];
        return m ?? {};
      }),
    ],
    ['hasKey', def(['m', 's'], (m: GoMap | null, k: string) => !!m && Object.prototype.hasOwnProperty.call(m, k))],
    ['pluck', def(['s'], (k: string, ...ms: (GoMap | null)[]) => ms.filter((m) => m && k in m).map((m) => m![k]), 'm')],
    ['keys', def([], (...ms: (GoMap | null)[]) => ms.flatMap((m) => (m ? sortedKeys(m) : [])), 'm')],
    ['values', def(['m'], (m: GoMap | null) => (m ? sortedKeys(m).map((k) => m[k]) : []))],
    [
      'pick',
      def(
        ['m'],
        (m: GoMap | null, ...ks: string[]) => {
          const o: GoMap = {};
          for (const k of ks) if (m && k in m) o[k] = m[k];
          return o;
        },
        's',
      ),
    ],
    [
      'omit',
      def(
        ['m'],
        (m: GoMap | null, ...ks: string[]) => {
          const o: GoMap = {};
          for (const k of Object.keys(m ?? {})) if (!ks.includes(k)) o[k] = m![k];
          return o;
        },
        's',
      ),
    ],
    [
      'merge',
      def(
        ['m'],
        (d: GoMap | null, ...s: (GoMap | null)[]) =>
          s.reduce<GoMap>((acc, x) => (x ? mergeInto(acc, x, false) : acc), d ?? {}),
        'm',
      ),
    ],
    [
      'mustMerge',
      def(
        ['m'],
        (d: GoMap | null, ...s: (GoMap | null)[]) =>
          s.reduce<GoMap>((acc, x) => (x ? mergeInto(acc, x, false) : acc), d ?? {}),
        'm',
      ),
    ],
    [
      'mergeOverwrite',
      def(
        ['m'],
        (d: GoMap | null, ...s: (GoMap | null)[]) =>
          s.reduce<GoMap>((acc, x) => (x ? mergeInto(acc, x, true) : acc), d ?? {}),
        'm',
      ),
    ],
    [
      'mustMergeOverwrite',
      def(
        ['m'],
        (d: GoMap | null, ...s: (GoMap | null)[]) =>
          s.reduce<GoMap>((acc, x) => (x ? mergeInto(acc, x, true) : acc), d ?? {}),
        'm',
      ),
    ],
    ['deepCopy', def(['a'], deepCopy)],
    [
      'mustDeepCopy',
      def(['a'], (v: unknown) => {
        if (v === null) throw new Error('copy: cannot copy nil');
        return deepCopy(v);
      }),
    ],
    ['dig', def([], (...a: unknown[]) => dig(a), 'a')],
    ['deepEqual', def(['a', 'a'], deepEqual)],
    ['all', def([], (...a: unknown[]) => a.every((x) => !isEmpty(x)), 'a')],
    ['any', def([], (...a: unknown[]) => a.some((x) => !isEmpty(x)), 'a')],
  ];
}
