/**
 * YAML as Helm sees it through sigs.k8s.io/yaml (go-yaml v2 underneath): reading gives JSON-shaped data (YAML 1.1
 * booleans, every number a float64, timestamps as strings); writing goes through JSON first (so integral floats print
 * as integers), sorts keys in go-yaml's order, indents by 2 without indenting sequences, double-quotes strings that
 * would read back as another type and writes multi-line strings as literal blocks.
 */
import { parseAllDocuments, parseDocument, type Document } from 'yaml';
import { marshalGoYaml } from './goyaml';
import { parseGoInt } from './literals';
import { b64encBytes } from './sprig/crypto';
import { formatTime } from './sprig/time';
import { GoInt64, GoStruct, GoTime, isMap } from './values';

/**
 * go-yaml v2's plain numbers: strconv.ParseInt(s, 0, 64) after dropping underscores (0x, 0o, 0b, leading-0 octal),
 * else ParseUint, else a YAML-style float; no base-60 numbers. Everything becomes a float64 on the way to JSON.
 */
const GO_NUMBER = {
  tag: 'tag:yaml.org,2002:int',
  default: true,
  identify: (v: unknown) => typeof v === 'number',
  test: /^[-+]?(?:0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(?:\.[0-9_]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?)$/,
  resolve(str: string): number | string {
    const plain = str.replace(/_/g, '');
    const i = parseGoInt(plain);
    if (i !== undefined) return Number(i);
    if (/^\+?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|[0-9]+)$/.test(plain))
      return Number(BigInt(plain.replace(/^\+/, '').replace(/^0[oO]/, '0o'))); // uint64
    if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(plain)) return Number(plain);
    return str;
  },
};

const PARSE = {
  version: '1.1' as const,
  // Timestamps stay strings (go-yaml v2 keeps them so for interface{}); no sexagesimal numbers.
  customTags: (tags: unknown[]) =>
    [
      GO_NUMBER,
      ...tags.filter(
        (t) =>
          (t as { tag?: string }).tag !== 'tag:yaml.org,2002:timestamp' && (t as { format?: string }).format !== 'TIME',
      ),
    ] as never,
  uniqueKeys: false,
  maxAliasCount: 10000,
};

/** JSON-shaped data from a YAML node tree: maps with string keys, numbers as float64. */
function normalize(v: unknown): unknown {
  if (v === undefined || v === null) return null;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(normalize);
  if (v instanceof Map) {
    const o: Record<string, unknown> = {};
    for (const [k, x] of v) o[typeof k === 'string' ? k : String(k)] = normalize(x);
    return o;
  }
  if (v instanceof Set) return Object.fromEntries([...v].map((k) => [String(k), null]));
  if (typeof v === 'object') {
    const o: Record<string, unknown> = {};
    for (const k of Object.keys(v)) o[k] = normalize((v as Record<string, unknown>)[k]);
    return o;
  }
  return v;
}

export class YamlError extends Error {}

function firstError(doc: Document.Parsed): YamlError | undefined {
  const e = doc.errors[0];
  if (!e) return undefined;
  const line = e.linePos?.[0].line ?? 0;
  return new YamlError(
    `error converting YAML to JSON: yaml: line ${line}: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`,
  );
}

/** One YAML document as Go data; throws a YamlError on bad YAML. */
export function readYaml(text: string): unknown {
  const doc = parseDocument(text, { ...PARSE, mapAsMap: true } as never);
  const err = firstError(doc);
  if (err) throw err;
  return normalize(doc.toJS({ mapAsMap: true, maxAliasCount: 10000 }));
}

/** Every document of a stream (Helm's fromYamlArray reads one; values files one). */
export function readYamlAll(text: string): unknown[] {
  return parseAllDocuments(text, PARSE as never).map((d) => {
    if (!('errors' in d)) return null;
    const err = firstError(d);
    if (err) throw err;
    return normalize((d as Document.Parsed).toJS({ mapAsMap: true, maxAliasCount: 10000 }));
  });
}

/** The data model as JSON would carry it (json.Marshal then Unmarshal): structs as maps, bytes as base64, ints kept. */
export function toPlain(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return v;
  if (v instanceof GoInt64) return v.v;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`json: unsupported value: ${v}`);
    return v;
  }
  if (v instanceof Uint8Array) return b64encBytes(v);
  if (v instanceof GoTime) return formatTime(v, '2006-01-02T15:04:05.999999999Z07:00');
  if (Array.isArray(v)) return v.map(toPlain);
  if (v instanceof GoStruct) return toPlain(v.json ? v.json() : (v.entries ?? v.fields));
  if (isMap(v)) {
    const o: Record<string, unknown> = {};
    for (const k of Object.keys(v)) if (typeof v[k] !== 'function') o[k] = toPlain(v[k]);
    return o;
  }
  if (typeof v === 'function') throw new Error('json: unsupported type: func()');
  return v;
}

/** Helm's toYaml: sigs.k8s.io/yaml Marshal (JSON first, then go-yaml v2), ending with "\n" (Helm trims it). */
export function writeYaml(v: unknown): string {
  return marshalGoYaml(toPlain(v));
}
