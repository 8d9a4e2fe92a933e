/** Sprig's arithmetic: integer functions work in int64 (cast.ToInt64 of each argument), *f functions in float64. */
import type { GoFunc } from '../exec';
import { toFloat64, toInt64, wrap64 } from './conv';
import { def } from './strings';
import { GoInt64 } from '../values';

const I = (n: bigint) => new GoInt64(wrap64(n));

function divInt(a: bigint, b: bigint, mod: boolean): bigint {
  if (b === 0n) throw new Error('runtime error: integer divide by zero');
  return wrap64(mod ? a % b : a / b);
}

function round(a: unknown, p: bigint, ...opt: unknown[]): number {
  const roundOn = opt.length ? toFloat64(opt[0]) : 0.5;
  const val = toFloat64(a);
  const pow = 10 ** Number(p);
  const digit = pow * val;
  const frac = digit - Math.trunc(digit);
  const r = frac >= roundOn ? Math.ceil(digit) : Math.floor(digit);
  return r / pow;
}

function until(st: { shared: { step(n: number): void } }, start: bigint, stop: bigint, step: bigint): bigint[] {
  if (step === 0n) return [];
  const n = (stop - start) / step + ((stop - start) % step !== 0n ? 1n : 0n);
  if (n <= 0n) return [];
  st.shared.step(Number(n)); // a huge list costs its length up front
  const out: bigint[] = [];
  if (step > 0n) for (let i = start; i < stop; i += step) out.push(i);
  else for (let i = start; i > stop; i += step) out.push(i);
  return out;
}

function seq(st: Parameters<typeof until>[0], ps: bigint[]): string {
  let [start, step, end] = [1n, 1n, 0n];
  if (ps.length === 0) return '';
  if (ps.length === 1) end = ps[0];
  else if (ps.length === 2) {
    start = ps[0];
    end = ps[1];
    step = start > end ? -1n : 1n;
  } else if (ps.length === 3) {
    [start, step, end] = ps;
    if ((end < start && step >= 0n) || (end > start && step <= 0n)) return '';
  } else return '';
  const stop = step > 0n ? end + 1n : end - 1n;
  return until(st, start, stop, step).join(' ');
}

const maxOf = (nums: bigint[]) => nums.reduce((a, b) => (b > a ? b : a));
const minOf = (nums: bigint[]) => nums.reduce((a, b) => (b < a ? b : a));

export function numbers(): [string, GoFunc][] {
  const i64 = (v: unknown) => toInt64(v);
  return [
    ['add1', def(['a'], (a: unknown) => I(i64(a) + 1n))],
    ['add', def([], (...a: unknown[]) => I(a.reduce<bigint>((s, x) => s + i64(x), 0n)), 'a')],
    ['sub', def(['a', 'a'], (a: unknown, b: unknown) => I(i64(a) - i64(b)))],
    ['div', def(['a', 'a'], (a: unknown, b: unknown) => I(divInt(i64(a), i64(b), false)))],
    ['mod', def(['a', 'a'], (a: unknown, b: unknown) => I(divInt(i64(a), i64(b), true)))],
    [
      'mul',
      def(['a'], (a: unknown, ...v: unknown[]) => I(v.reduce<bigint>((s, x) => wrap64(s * i64(x)), i64(a))), 'a'),
    ],
    ['max', def(['a'], (a: unknown, ...v: unknown[]) => I(maxOf([i64(a), ...v.map(i64)])), 'a')],
    ['biggest', def(['a'], (a: unknown, ...v: unknown[]) => I(maxOf([i64(a), ...v.map(i64)])), 'a')],
    ['min', def(['a'], (a: unknown, ...v: unknown[]) => I(minOf([i64(a), ...v.map(i64)])), 'a')],
    ['add1f', def(['a'], (a: unknown) => toFloat64(a) + 1)],
    ['addf', def([], (...a: unknown[]) => a.reduce<number>((s, x) => s + toFloat64(x), 0), 'a')],
    [
      'subf',
      def(['a'], (a: unknown, ...v: unknown[]) => v.reduce<number>((s, x) => s - toFloat64(x), toFloat64(a)), 'a'),
    ],
    [
      'divf',
      def(['a'], (a: unknown, ...v: unknown[]) => v.reduce<number>((s, x) => s / toFloat64(x), toFloat64(a)), 'a'),
    ],
    [
      'mulf',
      def(['a'], (a: unknown, ...v: unknown[]) => v.reduce<number>((s, x) => s * toFloat64(x), toFloat64(a)), 'a'),
    ],
    ['maxf', def(['a'], (a: unknown, ...v: unknown[]) => Math.max(toFloat64(a), ...v.map(toFloat64)), 'a')],
    ['minf', def(['a'], (a: unknown, ...v: unknown[]) => Math.min(toFloat64(a), ...v.map(toFloat64)), 'a')],
    ['floor', def(['a'], (a: unknown) => Math.floor(toFloat64(a)))],
    ['ceil', def(['a'], (a: unknown) => Math.ceil(toFloat64(a)))],
    ['round', def(['a', 'i'], round, 'a')],
    ['int', def(['a'], (a: unknown) => i64(a))],
    ['int64', def(['a'], (a: unknown) => I(i64(a)))],
    ['float64', def(['a'], (a: unknown) => toFloat64(a))],
    [
      'atoi',
      def(['s'], (s: string) => {
        const v = /^[+-]?\d+$/.test(s) ? BigInt(s) : 0n;
        return v;
      }),
    ],
    [
      'toDecimal',
      def(['a'], (a: unknown) => {
        const s = String(typeof a === 'string' ? a : toInt64(a));
        return I(/^[0-7]+$/.test(s) ? BigInt('0o' + s) : 0n);
      }),
    ],
    ['until', { fn: ([n], st) => until(st, 0n, n as bigint, (n as bigint) < 0n ? -1n : 1n), params: ['i'] }],
    ['untilStep', { fn: ([a, b, c], st) => until(st, a as bigint, b as bigint, c as bigint), params: ['i', 'i', 'i'] }],
    ['seq', { fn: (ps, st) => seq(st, ps as bigint[]), params: [], variadic: 'i' }],
  ];
}
