/**
 * The data model the template engine works on, mirroring what Go's reflection sees in Helm:
 * - `bigint` is a Go `int` (template literals, `len`, `int`), `GoInt64` an `int64` (Sprig arithmetic, `--set`);
 * - `number` is a Go `float64` (every number read from YAML or JSON, as Helm decodes values through JSON);
 * - `string`, `boolean`; `Uint8Array` is `[]byte`;
 * - arrays are `[]interface {}`, plain objects are `map[string]interface {}`;
 * - `null` is a nil `interface {}` (a missing map key under missingkey=zero, or an explicit YAML null);
 * - `undefined` is Go's invalid reflect.Value ("no value"), what a pipeline yields for nil;
 * - `GoStruct` stands for Helm's structs (.Release, .Chart, .Capabilities, .Files) with fields and methods;
 * - `GoTime` is a `time.Time`.
 */

export type Method = (...args: unknown[]) => unknown;

export class GoStruct {
  constructor(
    readonly typeName: string,
    readonly fields: Record<string, unknown>,
    readonly methods: Record<string, Method> = {},
    /** A String() method (fmt uses it), e.g. KubeVersion prints its version. */
    readonly stringer?: () => string,
    /** Map-like types (Helm's `Files`) range, index and len over this. */
    readonly entries?: Record<string, unknown>,
    /** What encoding/json makes of it (struct tags), for toJson and toYaml. */
    readonly json?: () => unknown,
  ) {}
}

export class GoTime {
  /** `ms` since the epoch, `offset` minutes east of UTC, `zone` abbreviation. */
  constructor(
    readonly ms: number,
    readonly offset = 0,
    readonly zone = 'UTC',
  ) {}
}

/** A Go int64 (Sprig's arithmetic returns them; `typeOf` says "int64", and an int parameter refuses them). */
export class GoInt64 {
  constructor(readonly v: bigint) {}
}

/** The integer in a Go int or int64, else undefined. */
export const intOf = (v: unknown): bigint | undefined =>
  typeof v === 'bigint' ? v : v instanceof GoInt64 ? v.v : undefined;

export type GoMap = Record<string, unknown>;

export function isMap(v: unknown): v is GoMap {
  return (
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    !(v instanceof GoStruct) &&
    !(v instanceof GoTime) &&
    !(v instanceof Uint8Array) &&
    !(v instanceof GoInt64)
  );
}

export const isNil = (v: unknown): v is null | undefined => v === null || v === undefined;

/** Go's type name of a value as fmt's %T and error messages print it. */
export function typeName(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  switch (typeof v) {
    case 'bigint':
      return 'int';
    case 'number':
      return 'float64';
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'function':
      return 'func';
  }
  if (v instanceof GoInt64) return 'int64';
  if (Array.isArray(v)) return '[]interface {}';
  if (v instanceof Uint8Array) return '[]uint8';
  if (v instanceof GoStruct) return v.typeName;
  if (v instanceof GoTime) return 'time.Time';
  return 'map[string]interface {}';
}

/** reflect.Kind names, as Sprig's kindOf/kindIs report them. */
export function kindName(v: unknown): string {
  if (v === null || v === undefined) return 'invalid';
  switch (typeof v) {
    case 'bigint':
      return 'int';
    case 'number':
      return 'float64';
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'function':
      return 'func';
  }
  if (v instanceof GoInt64) return 'int64';
  if (Array.isArray(v) || v instanceof Uint8Array) return 'slice';
  if (v instanceof GoStruct) return v.entries ? 'map' : v.typeName.startsWith('*') ? 'ptr' : 'struct';
  if (v instanceof GoTime) return 'struct';
  return 'map';
}

/** text/template's truth: false, 0, nil, and empty strings, slices and maps are false. */
export function truth(v: unknown): boolean {
  if (v === null || v === undefined) return false;
  switch (typeof v) {
    case 'boolean':
      return v;
    case 'bigint':
      return v !== 0n;
    case 'number':
      return v !== 0;
    case 'string':
      return v.length > 0;
  }
  if (v instanceof GoInt64) return v.v !== 0n;
  if (Array.isArray(v) || v instanceof Uint8Array) return v.length > 0;
  if (v instanceof GoStruct) return v.entries ? Object.keys(v.entries).length > 0 : true;
  if (v instanceof GoTime) return true;
  return Object.keys(v).length > 0;
}

/** UTF-8 bytes of a string (Go strings are bytes: len and slice count them). */
export function utf8(s: string): Uint8Array {
  const out: number[] = [];
  for (const ch of s) {
    let c = ch.codePointAt(0)!;
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}

export function fromUtf8(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length;) {
    const c = b[i];
    let cp = 0xfffd,
      n = 1;
    if (c < 0x80) cp = c;
    else if (c >= 0xc2 && c < 0xe0 && i + 1 < b.length && (b[i + 1] & 0xc0) === 0x80) {
      cp = ((c & 31) << 6) | (b[i + 1] & 63);
      n = 2;
    } else if (c >= 0xe0 && c < 0xf0 && i + 2 < b.length && (b[i + 1] & 0xc0) === 0x80 && (b[i + 2] & 0xc0) === 0x80) {
      cp = ((c & 15) << 12) | ((b[i + 1] & 63) << 6) | (b[i + 2] & 63);
      n = 3;
    } else if (
      c >= 0xf0 &&
      c < 0xf5 &&
      i + 3 < b.length &&
      (b[i + 1] & 0xc0) === 0x80 &&
      (b[i + 2] & 0xc0) === 0x80 &&
      (b[i + 3] & 0xc0) === 0x80
    ) {
      cp = ((c & 7) << 18) | ((b[i + 1] & 63) << 12) | ((b[i + 2] & 63) << 6) | (b[i + 3] & 63);
      n = 4;
    }
    s += String.fromCodePoint(cp);
    i += n;
  }
  return s;
}

export const byteLen = (s: string): number => {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
};

/** Map keys in Go's sorted order (byte order of the keys; UTF-16 order agrees for the BMP). */
export const sortedKeys = (m: object): string[] => Object.keys(m).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/** A deep copy of plain data (maps and slices), as Sprig's deepCopy. */
export function deepCopy(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(deepCopy);
  if (isMap(v)) {
    const o: GoMap = {};
    for (const k of Object.keys(v)) o[k] = deepCopy(v[k]);
    return o;
  }
  return v;
}
