/** Helm's values handling: coalescing user values over chart defaults, globals for subcharts, and `--set` parsing. */
import { deepCopy, GoInt64, isMap, type GoMap } from './values';

/** chartutil's coalesceTablesFullKey: `dst` has precedence; null in `dst` deletes the key unless merging. */
export function coalesceTables(dst: GoMap, src: GoMap, merge = false): GoMap {
  for (const key of Object.keys(src)) {
    const sv = src[key];
    if (Object.prototype.hasOwnProperty.call(dst, key)) {
      const dv = dst[key];
      if (dv === null && !merge) delete dst[key];
      else if (isMap(dv) && isMap(sv)) coalesceTables(dv, sv, merge);
    } else {
      dst[key] = deepCopy(sv);
    }
  }
  return dst;
}

/** coalesceValues: chart defaults under user values (user wins; user null removes a default). */
export function coalesceValues(user: GoMap, defaults: GoMap, merge = false): GoMap {
  for (const key of Object.keys(defaults)) {
    const val = defaults[key];
    if (Object.prototype.hasOwnProperty.call(user, key)) {
      const value = user[key];
      if (value === null && !merge) delete user[key];
      else if (isMap(value) && isMap(val)) coalesceTables(value, val, merge);
    } else {
      user[key] = deepCopy(val);
    }
  }
  return user;
}

/** coalesceGlobals: the parent's `global` merged into the subchart's (the parent's values win). */
export function coalesceGlobals(dest: GoMap, src: GoMap): void {
  const dg = dest.global === undefined ? {} : dest.global;
  const sg = src.global === undefined ? {} : src.global;
  if (!isMap(dg) || !isMap(sg)) return;
  for (const key of Object.keys(sg)) {
    const val = sg[key];
    if (isMap(val)) {
      const vv = deepCopy(val) as GoMap;
      const destv = dg[key];
      if (destv === undefined) dg[key] = vv;
      else if (isMap(destv)) {
        coalesceTables(vv, destv, true);
        dg[key] = vv;
      }
    } else if (!isMap(dg[key])) {
      dg[key] = val;
    }
  }
  dest.global = dg;
}

/** The value of `a.b.c` in a map, or undefined. */
export function pathValue(m: GoMap, path: string): unknown {
  let cur: unknown = m;
  for (const p of path.split('.')) {
    if (!isMap(cur) || !Object.prototype.hasOwnProperty.call(cur, p)) return undefined;
    cur = cur[p];
  }
  return cur;
}

function typedVal(v: string, asString: boolean): unknown {
  if (asString) return v;
  if (v.toLowerCase() === 'true') return true;
  if (v.toLowerCase() === 'false') return false;
  if (v.toLowerCase() === 'null') return null;
  if (v === '0') return new GoInt64(0n);
  if (/^[-+]?[1-9][0-9]*$/.test(v)) {
    const n = BigInt(v);
    if (n <= 2n ** 63n - 1n && n >= -(2n ** 63n)) return new GoInt64(n);
  }
  return v;
}

/** `--set a.b=1,c[0]=x,d={a,b}` (strvals) applied onto `base`; `asString` is `--set-string`. */
export function applySet(base: GoMap, expr: string, asString = false): GoMap {
  // Split on commas outside {...} and not escaped.
  const parts: string[] = [];
  let cur = '',
    depth = 0;
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i];
    if (c === '\\' && i + 1 < expr.length) {
      cur += c + expr[++i];
      continue;
    }
    if (c === '{') depth++;
    if (c === '}') depth--;
    if (c === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
      continue;
    }
    cur += c;
  }
  if (cur) parts.push(cur);
  for (const part of parts) {
    const eqAt = findUnescaped(part, '=');
    if (eqAt < 0) throw new Error(`key "${part}" has no value`);
    const key = part.slice(0, eqAt);
    const raw = part.slice(eqAt + 1);
    let value: unknown;
    if (!asString && raw.startsWith('{') && raw.endsWith('}'))
      value = raw
        .slice(1, -1)
        .split(',')
        .filter((x) => x !== '')
        .map((x) => typedVal(unescape(x), false));
    else value = typedVal(unescape(raw), asString);
    setPath(base, splitKey(key), value);
  }
  return base;
}

const unescape = (s: string) => s.replace(/\\(.)/g, '$1');
function findUnescaped(s: string, ch: string): number {
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\') {
      i++;
      continue;
    }
    if (s[i] === ch) return i;
  }
  return -1;
}

function splitKey(key: string): (string | number)[] {
  const out: (string | number)[] = [];
  let cur = '';
  for (let i = 0; i < key.length; i++) {
    const c = key[i];
    if (c === '\\' && i + 1 < key.length) {
      cur += key[++i];
      continue;
    }
    if (c === '.') {
      if (cur) out.push(cur);
      cur = '';
      continue;
    }
    if (c === '[') {
      if (cur) out.push(cur);
      cur = '';
      const close = key.indexOf(']', i);
      const n = Number(key.slice(i + 1, close));
      if (!Number.isInteger(n) || n < 0) throw new Error(`negative or invalid list index in ${key}`);
      out.push(n);
      i = close;
      continue;
    }
    cur += c;
  }
  if (cur) out.push(cur);
  return out;
}

function setPath(base: unknown, path: (string | number)[], value: unknown): void {
  let cur = base as GoMap | unknown[];
  for (let i = 0; i < path.length; i++) {
    const k = path[i];
    const last = i === path.length - 1;
    const nextIsIndex = typeof path[i + 1] === 'number';
    if (typeof k === 'number') {
      const arr = cur as unknown[];
      while (arr.length <= k) arr.push(null);
      if (last) arr[k] = value;
      else {
        if (!(isMap(arr[k]) || Array.isArray(arr[k]))) arr[k] = nextIsIndex ? [] : {};
        cur = arr[k] as GoMap;
      }
    } else {
      const m = cur as GoMap;
      if (last) m[k] = value;
      else {
        if (!(isMap(m[k]) || Array.isArray(m[k])) || (nextIsIndex && !Array.isArray(m[k])))
          m[k] = nextIsIndex ? [] : {};
        cur = m[k] as GoMap;
      }
    }
  }
}
