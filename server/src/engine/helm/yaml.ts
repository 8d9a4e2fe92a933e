/**
 * YAML as Helm sees it through sigs.k8s.io/yaml (go-yaml v2 underneath): reading gives JSON-shaped data (YAML 1.1
 * booleans, every number a float64, timestamps as strings); writing goes through JSON first (so integral floats print
 * as integers), sorts keys in go-yaml's order, indents by 2 without indenting sequences, double-quotes strings that
 * would read back as another type and writes multi-line strings as literal blocks.
 */
import { Document, isScalar, parseAllDocuments, parseDocument, Scalar, visit, type Pair } from 'yaml';
import { b64encBytes } from './sprig/crypto';
import { formatTime } from './sprig/time';
import { GoStruct, GoTime, isMap } from './values';

const PARSE = { version: '1.1' as const, customTags: (tags: unknown[]) => tags.filter((t) => (t as { tag?: string }).tag !== 'tag:yaml.org,2002:timestamp') as never, uniqueKeys: false, maxAliasCount: 10000 };

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
  return new YamlError(`error converting YAML to JSON: yaml: line ${line}: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`);
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
    const err = firstError(d as Document.Parsed);
    if (err) throw err;
    return normalize((d as Document.Parsed).toJS({ mapAsMap: true, maxAliasCount: 10000 }));
  });
}

/** The data model as JSON would carry it (json.Marshal then Unmarshal): structs as maps, bytes as base64, ints kept. */
export function toPlain(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`json: unsupported value: ${v}`);
    return v;
  }
  if (v instanceof Uint8Array) return b64encBytes(v);
  if (v instanceof GoTime) return formatTime(v, '2006-01-02T15:04:05.999999999Z07:00');
  if (Array.isArray(v)) return v.map(toPlain);
  if (v instanceof GoStruct) return toPlain(v.entries ?? v.fields);
  if (isMap(v)) {
    const o: Record<string, unknown> = {};
    for (const k of Object.keys(v)) if (typeof v[k] !== 'function') o[k] = toPlain(v[k]);
    return o;
  }
  if (typeof v === 'function') throw new Error('json: unsupported type: func()');
  return v;
}

/** go-yaml v2's key order: letters after other characters, digit runs compared as numbers. */
export function goYamlKeyLess(a: string, b: string): boolean {
  const ar = [...a], br = [...b];
  const isLetter = (c: string) => /\p{L}/u.test(c);
  const isDigit = (c: string | undefined) => c !== undefined && /\p{Nd}/u.test(c);
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]), bl = isLetter(br[i]);
    if (al && bl) return ar[i] < br[i];
    if (al || bl) return bl;
    let an = 0, bn = 0;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) if (ar[j] !== '0') { an = 1; bn = 1; break; }
    }
    let ai = i, bi = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10 + Number(ar[ai]);
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10 + Number(br[bi]);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i] < br[i];
  }
  return ar.length < br.length;
}

const keyOf = (p: Pair) => String(isScalar(p.key) ? p.key.value : p.key);
const compareKeys = (a: Pair, b: Pair) => {
  const x = keyOf(a), y = keyOf(b);
  return goYamlKeyLess(x, y) ? -1 : goYamlKeyLess(y, x) ? 1 : 0;
};

/** Would this string read back as something other than a string (YAML 1.1, as go-yaml resolves plain scalars)? */
function ambiguous(s: string): boolean {
  if (s === '') return true;
  if (/^(~|null|Null|NULL|y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/.test(s)) return true;
  if (/^[-+]?(\.inf|\.Inf|\.INF)$|^(\.nan|\.NaN|\.NAN)$/.test(s)) return true;
  if (/^[-+]?(0b[01_]+|0x[0-9a-fA-F_]+|0o?[0-7_]+|[0-9][0-9_]*)$/.test(s)) return true;
  if (/^[-+]?([0-9][0-9_]*)?\.[0-9_]*([eE][-+]?[0-9]+)?$/.test(s) && /\d/.test(s)) return true;
  if (/^[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+$/.test(s)) return true;
  if (/^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$/.test(s)) return true; // base 60
  if (/^\d{4}-\d\d?-\d\d?([Tt ]|$)/.test(s)) return true; // timestamps
  if (s === '<<' || s === '=') return true;
  return false;
}

/** Helm's toYaml: sigs.k8s.io/yaml Marshal, with the trailing newline trimmed by the caller as Helm does. */
export function writeYaml(v: unknown): string {
  const plain = toPlain(v);
  const doc = new Document(plain, { version: '1.1' } as never);
  visit(doc, {
    Scalar(_, node: Scalar) {
      if (typeof node.value === 'string') {
        if (node.value.includes('\n')) node.type = 'BLOCK_LITERAL';
        else if (ambiguous(node.value)) node.type = 'QUOTE_DOUBLE';
      } else if (typeof node.value === 'bigint' || typeof node.value === 'number') {
        node.value = typeof node.value === 'bigint' ? node.value : node.value;
      }
    },
  });
  const text = doc.toString({
    indent: 2,
    indentSeq: false,
    lineWidth: 0,
    sortMapEntries: compareKeys,
    singleQuote: true,
    blockQuote: 'literal',
    defaultKeyType: 'PLAIN',
    defaultStringType: 'PLAIN',
    nullStr: 'null',
    trueStr: 'true',
    falseStr: 'false',
    doubleQuotedAsJSON: true,
    flowCollectionPadding: false,
  } as never);
  // go-yaml indents a block scalar's lines even at the root of the document.
  if (typeof plain === 'string' && /^[|>]/.test(text)) return text.replace(/\n(?=[^\n])/g, '\n  ');
  return text;
}
