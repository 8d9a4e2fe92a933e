/** Sprig's conversions (strval, strslice, toInt64/toFloat64 as spf13/cast does them) and its notion of empty. */
import { formatV } from '../fmt';
import { parseGoInt } from '../parser';
import { fromUtf8, GoInt64, GoStruct, GoTime, isMap } from '../values';

export function strval(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v instanceof Uint8Array) return fromUtf8(v);
  if (v instanceof GoStruct && v.stringer) return v.stringer();
  return formatV(v);
}

/** Go's int64 wrap-around. */
export const wrap64 = (n: bigint): bigint => BigInt.asIntN(64, n);

export function toInt64(v: unknown): bigint {
  if (v === null || v === undefined) return 0n;
  switch (typeof v) {
    case 'bigint':
      return v;
    case 'number':
      return Number.isFinite(v) ? wrap64(BigInt(Math.trunc(v))) : -(2n ** 63n);
    case 'boolean':
      return v ? 1n : 0n;
    case 'string': {
      const s = v.trim().replace(/\.0*$/, '');
      const i = parseGoInt(s.replace(/^0+(?=\d)/, ''));
      return i ?? 0n;
    }
  }
  if (v instanceof GoInt64) return v.v;
  if (v instanceof GoTime) return BigInt(Math.floor(v.ms / 1000));
  return 0n;
}

export function toFloat64(v: unknown): number {
  if (v === null || v === undefined) return 0;
  switch (typeof v) {
    case 'bigint':
      return Number(v);
    case 'number':
      return v;
    case 'boolean':
      return v ? 1 : 0;
    case 'string': {
      const s = v.trim();
      if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return Number(s);
      if (/^[+-]?(inf|infinity)$/i.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
      const i = parseGoInt(s);
      return i === undefined ? 0 : Number(i);
    }
  }
  if (v instanceof GoInt64) return Number(v.v);
  return 0;
}

/** reflect's notion of an empty value, as Sprig's `empty` and `default` use it. */
export function isEmpty(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  switch (typeof v) {
    case 'string':
      return v.length === 0;
    case 'bigint':
      return v === 0n;
    case 'number':
      return v === 0;
    case 'boolean':
      return !v;
  }
  if (v instanceof GoInt64) return v.v === 0n;
  if (Array.isArray(v) || v instanceof Uint8Array) return v.length === 0;
  if (isMap(v)) return Object.keys(v).length === 0;
  if (v instanceof GoStruct && v.entries) return Object.keys(v.entries).length === 0;
  return false;
}

/** Sprig's strslice: a list of strings from a slice (nils dropped) or one value. */
export function strslice(v: unknown): string[] {
  if (v === null || v === undefined) return [];
  if (Array.isArray(v)) return v.filter((x) => x !== null && x !== undefined).map(strval);
  return [strval(v)];
}

/** A list argument of Sprig's list functions: any slice. */
export function asList(v: unknown, fn: string): unknown[] {
  if (Array.isArray(v)) return v;
  if (v instanceof Uint8Array) return Array.from(v, (b) => BigInt(b));
  if (v === null || v === undefined) throw new Error(`Cannot find ${fn} on type <nil>`);
  throw new Error(
    `Cannot find ${fn} on type ${typeof v === 'string' ? 'string' : typeof v === 'bigint' ? 'int' : typeof v === 'number' ? 'float64' : isMap(v) ? 'map' : 'struct'}`,
  );
}
