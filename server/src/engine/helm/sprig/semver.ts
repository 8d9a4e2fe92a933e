/** Masterminds/semver (v3) as Sprig exposes it: `semver` and `semverCompare` with its constraint language. */
import type { GoFunc } from '../exec';
import { method } from '../exec';
import { GoStruct } from '../values';
import { def } from './strings';

export interface Version {
  major: bigint;
  minor: bigint;
  patch: bigint;
  pre: string;
  meta: string;
  original: string;
}

const VERSION =
  /^v?([0-9]+)(?:\.([0-9]+))?(?:\.([0-9]+))?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

export function parseVersion(s: string): Version {
  const m = VERSION.exec(s);
  if (!m) throw new Error('Invalid Semantic Version');
  return {
    major: BigInt(m[1]),
    minor: BigInt(m[2] ?? 0),
    patch: BigInt(m[3] ?? 0),
    pre: m[4] ?? '',
    meta: m[5] ?? '',
    original: s,
  };
}

const vstr = (v: Version) => `${v.major}.${v.minor}.${v.patch}${v.pre ? '-' + v.pre : ''}${v.meta ? '+' + v.meta : ''}`;

function comparePre(a: string, b: string): number {
  if (a === b) return 0;
  if (!a) return 1;
  if (!b) return -1;
  const pa = a.split('.'),
    pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    if (i >= pa.length) return -1;
    if (i >= pb.length) return 1;
    const x = pa[i],
      y = pb[i];
    if (x === y) continue;
    const nx = /^\d+$/.test(x),
      ny = /^\d+$/.test(y);
    if (nx && ny) return BigInt(x) < BigInt(y) ? -1 : 1;
    if (nx) return -1;
    if (ny) return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

export function compare(a: Version, b: Version): number {
  for (const k of ['major', 'minor', 'patch'] as const) if (a[k] !== b[k]) return a[k] < b[k] ? -1 : 1;
  return comparePre(a.pre, b.pre);
}

interface Con {
  op: string;
  v: Version;
  dirty: 'major' | 'minor' | 'patch' | '';
  orig: string;
}

const CON =
  /^\s*(=|!=|>=|=>|<=|=<|>|<|~>|~|\^)?\s*v?([0-9xX*]+)(?:\.([0-9xX*]+))?(?:\.([0-9xX*]+))?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?\s*$/;
const wild = (s: string | undefined) => s === undefined || s === 'x' || s === 'X' || s === '*';

function parseCon(s: string): Con {
  const m = CON.exec(s);
  if (!m) throw new Error(`improper constraint: ${s}`);
  const [, op = '', a, b, c, pre = '', meta = ''] = m;
  let dirty: Con['dirty'] = '';
  if (wild(a)) dirty = 'major';
  else if (wild(b)) dirty = 'minor';
  else if (wild(c)) dirty = 'patch';
  const num = (x: string | undefined) => (wild(x) ? 0n : BigInt(x));
  const v: Version = {
    major: num(a),
    minor: dirty === 'major' ? 0n : num(b),
    patch: dirty === 'major' || dirty === 'minor' ? 0n : num(c),
    pre,
    meta,
    original: s,
  };
  // A plain "1.2" without wildcards has an implied wildcard patch for ~ and = (Masterminds treats missing parts as dirty).
  if (!dirty && b === undefined) dirty = 'minor';
  else if (!dirty && c === undefined) dirty = 'patch';
  return { op: op === '=>' ? '>=' : op === '=<' ? '<=' : op === '~>' ? '~' : op, v, dirty, orig: s };
}

function check(c: Con, v: Version): boolean {
  if (v.pre && !c.v.pre) return false;
  const cmp = compare(v, c.v);
  const { major, minor } = c.v;
  switch (c.op) {
    case '':
    case '=':
      if (c.dirty === 'major') return true;
      if (c.dirty === 'minor') return v.major === major;
      if (c.dirty === 'patch') return v.major === major && v.minor === minor;
      return cmp === 0;
    case '!=':
      if (c.dirty === 'major') return false;
      if (c.dirty === 'minor') return v.major !== major;
      if (c.dirty === 'patch') return !(v.major === major && v.minor === minor);
      return cmp !== 0;
    case '>':
      if (c.dirty === 'major') return false;
      if (c.dirty === 'minor') return v.major > major;
      if (c.dirty === 'patch') return v.major > major || (v.major === major && v.minor > minor);
      return cmp > 0;
    case '<':
      return cmp < 0;
    case '>=':
      return cmp >= 0;
    case '<=':
      if (c.dirty === 'major') return true;
      if (c.dirty === 'minor') return v.major <= major;
      if (c.dirty === 'patch') return v.major < major || (v.major === major && v.minor <= minor);
      return cmp <= 0;
    case '~': {
      if (cmp < 0) return false;
      if (c.dirty === 'major') return true;
      if (c.dirty === 'minor') return v.major === major;
      return v.major === major && v.minor === minor;
    }
    case '^': {
      if (cmp < 0) return false;
      if (c.dirty === 'major') return true;
      if (major > 0n || c.dirty === 'minor') return v.major === major;
      if (minor > 0n || c.dirty === 'patch') return v.major === 0n && v.minor === minor;
      return v.major === 0n && v.minor === 0n && v.patch === c.v.patch;
    }
  }
  return false;
}

/** A constraint string: `||` separates alternatives, commas or spaces join conditions, `a - b` is a range. */
export function satisfies(constraint: string, version: string): boolean {
  const v = parseVersion(version);
  const groups = constraint.split('||').map((g) => {
    const t = g
      .trim()
      .replace(/(\S+)\s+-\s+(\S+)/g, '>=$1,<=$2')
      .replace(/(=|!=|>=|=>|<=|=<|>|<|~>|~|\^)\s+/g, '$1');
    let parts: Con[];
    try {
      parts = t
        .split(/\s*,\s*|\s+/)
        .filter(Boolean)
        .map(parseCon);
    } catch {
      throw new Error(`improper constraint: ${g.trim()}`);
    }
    if (!parts.length) throw new Error(`improper constraint: ${constraint}`);
    return parts;
  });
  return groups.some((g) => g.every((c) => check(c, v)));
}

export function versionStruct(v: Version): GoStruct {
  return new GoStruct(
    '*semver.Version',
    {},
    {
      Major: method([], () => v.major),
      Minor: method([], () => v.minor),
      Patch: method([], () => v.patch),
      Prerelease: method([], () => v.pre),
      Metadata: method([], () => v.meta),
      Original: method([], () => v.original),
      String: method([], () => vstr(v)),
    },
    () => vstr(v),
  );
}

export function semverFns(): [string, GoFunc][] {
  return [
    ['semver', def(['s'], (s: string) => versionStruct(parseVersion(s)))],
    ['semverCompare', def(['s', 's'], (c: string, v: string) => satisfies(c, v))],
  ];
}
