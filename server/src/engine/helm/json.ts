/** encoding/json's Marshal and Unmarshal for the data model (sorted keys, HTML escaping, float formatting). */
import { b64encBytes } from './sprig/crypto';
import { formatTime } from './sprig/time';
import { GoInt64, GoStruct, GoTime, isMap, sortedKeys, typeName } from './values';

function jsonString(s: string, html: boolean): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (c === 10) out += '\\n';
    else if (c === 13) out += '\\r';
    else if (c === 9) out += '\\t';
    else if (c < 32) out += '\\u00' + c.toString(16).padStart(2, '0');
    else if (html && (ch === '<' || ch === '>' || ch === '&')) out += '\\u00' + c.toString(16);
    else if (c === 0x2028 || c === 0x2029) out += '\\u' + c.toString(16);
    else out += ch;
  }
  return out + '"';
}

export function jsonFloat(f: number): string {
  if (!Number.isFinite(f))
    throw new Error(`json: unsupported value: ${Number.isNaN(f) ? 'NaN' : f > 0 ? '+Inf' : '-Inf'}`);
  const a = Math.abs(f);
  if (a !== 0 && (a < 1e-6 || a >= 1e21)) {
    return f.toExponential(); // Go writes e-7, e+21 as JavaScript does
  }
  return String(f).includes('e') ? BigInt(Math.round(f)).toString() : String(f);
}

export function toJson(v: unknown, opts: { html?: boolean; indent?: string } = {}, level = 0): string {
  const html = opts.html ?? true;
  const ind = opts.indent;
  const nl = (l: number) => (ind === undefined ? '' : '\n' + ind.repeat(l));
  const sep = ind === undefined ? ':' : ': ';
  if (v === null || v === undefined) return 'null';
  switch (typeof v) {
    case 'string':
      return jsonString(v, html);
    case 'bigint':
      return v.toString();
    case 'number':
      return jsonFloat(v);
    case 'boolean':
      return String(v);
    case 'function':
      throw new Error('json: unsupported type: func()');
  }
  if (v instanceof GoInt64) return v.v.toString();
  if (v instanceof Uint8Array) return jsonString(b64encBytes(v), html);
  if (v instanceof GoTime) return jsonString(formatTime(v, '2006-01-02T15:04:05.999999999Z07:00'), html);
  if (Array.isArray(v)) {
    if (!v.length) return '[]';
    return '[' + v.map((x) => nl(level + 1) + toJson(x, opts, level + 1)).join(',') + nl(level) + ']';
  }
  if (v instanceof GoStruct && v.json) return toJson(v.json(), opts, level);
  const m = v instanceof GoStruct ? (v.entries ?? v.fields) : isMap(v) ? v : undefined;
  if (!m) throw new Error(`json: unsupported type: ${typeName(v)}`);
  const keys = sortedKeys(m).filter((k) => typeof m[k] !== 'function');
  if (!keys.length) return '{}';
  return (
    '{' +
    keys.map((k) => nl(level + 1) + jsonString(k, html) + sep + toJson(m[k], opts, level + 1)).join(',') +
    nl(level) +
    '}'
  );
}

/** json.Unmarshal into interface{}: objects are maps, numbers float64. */
export function fromJson(s: string): unknown {
  try {
    return JSON.parse(s) as unknown;
  } catch (e) {
    const msg = (e as Error).message;
    if (!s.trim()) throw new Error('unexpected end of JSON input');
    const m = /position (\d+)/.exec(msg);
    const ch = m ? s[Number(m[1])] : undefined;
    throw new Error(ch ? `invalid character '${ch}' looking for beginning of value` : 'unexpected end of JSON input');
  }
}
