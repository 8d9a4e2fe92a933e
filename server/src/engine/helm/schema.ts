/**
 * values.schema.json checks (JSON Schema draft 7's common keywords), with messages in the shape Helm prints
 * (gojsonschema's): `field: description`, `(root)` for the top.
 */
import { intOf, isMap } from './values';

type Schema = Record<string, unknown> | boolean;

const jsonType = (v: unknown): string => {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'string') return 'string';
  if (intOf(v) !== undefined) return 'integer';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  if (Array.isArray(v)) return 'array';
  return 'object';
};

const num = (v: unknown): number | undefined =>
  typeof v === 'number' ? v : intOf(v) !== undefined ? Number(intOf(v)) : undefined;

function typeMatches(t: string, v: unknown): boolean {
  const g = jsonType(v);
  return t === g || (t === 'number' && g === 'integer');
}

function equal(a: unknown, b: unknown): boolean {
  if (num(a) !== undefined && num(b) !== undefined) return num(a) === num(b);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => equal(x, b[i]));
  if (isMap(a) && isMap(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => equal(a[k], b[k]));
  }
  return a === b || ((a === null || a === undefined) && (b === null || b === undefined));
}

const show = (v: unknown) =>
  JSON.stringify(typeof v === 'bigint' ? Number(v) : intOf(v) !== undefined ? Number(intOf(v)) : v);

export function validateSchema(root: Schema, value: unknown): string[] {
  const errors: string[] = [];
  const resolve = (s: Schema): Schema => {
    if (isMap(s) && typeof s.$ref === 'string' && s.$ref.startsWith('#')) {
      let cur: unknown = root;
      for (const part of s.$ref.slice(1).split('/').filter(Boolean))
        cur = isMap(cur) ? cur[decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
      return isMap(cur) || typeof cur === 'boolean' ? cur : true;
    }
    return s;
  };
  const check = (s0: Schema, v: unknown, field: string, out: string[]): void => {
    const s = resolve(s0);
    if (s === true) return;
    if (s === false) {
      out.push(`${field}: False always fails validation`);
      return;
    }
    const f = field;
    if (s.type !== undefined) {
      const types = Array.isArray(s.type) ? (s.type as string[]) : [String(s.type)];
      if (!types.some((t) => typeMatches(t, v))) {
        out.push(`${f}: Invalid type. Expected: ${types.join(', ')}, given: ${jsonType(v)}`);
        return;
      }
    }
    if (Array.isArray(s.enum) && !s.enum.some((e) => equal(e, v)))
      out.push(`${f}: ${f} must be one of the following: ${s.enum.map(show).join(', ')}`);
    if ('const' in s && !equal(s.const, v)) out.push(`${f}: ${f} does not match: ${show(s.const)}`);
    const n = num(v);
    if (n !== undefined) {
      if (typeof s.minimum === 'number' && n < s.minimum)
        out.push(`${f}: Must be greater than or equal to ${s.minimum}`);
      if (typeof s.maximum === 'number' && n > s.maximum) out.push(`${f}: Must be less than or equal to ${s.maximum}`);
      if (typeof s.exclusiveMinimum === 'number' && n <= s.exclusiveMinimum)
        out.push(`${f}: Must be greater than ${s.exclusiveMinimum}`);
      if (typeof s.exclusiveMaximum === 'number' && n >= s.exclusiveMaximum)
        out.push(`${f}: Must be less than ${s.exclusiveMaximum}`);
      if (typeof s.multipleOf === 'number' && Math.abs(n / s.multipleOf - Math.round(n / s.multipleOf)) > 1e-9)
        out.push(`${f}: Must be a multiple of ${s.multipleOf}`);
    }
    if (typeof v === 'string') {
      const len = [...v].length;
      if (typeof s.minLength === 'number' && len < s.minLength)
        out.push(`${f}: String length must be greater than or equal to ${s.minLength}`);
      if (typeof s.maxLength === 'number' && len > s.maxLength)
        out.push(`${f}: String length must be less than or equal to ${s.maxLength}`);
      if (typeof s.pattern === 'string') {
        let ok = true;
        try {
          ok = new RegExp(s.pattern, 'u').test(v);
        } catch {
          ok = true;
        }
        if (!ok) out.push(`${f}: Does not match pattern '${s.pattern}'`);
      }
    }
    if (Array.isArray(v)) {
      if (typeof s.minItems === 'number' && v.length < s.minItems)
        out.push(`${f}: Array must have at least ${s.minItems} items`);
      if (typeof s.maxItems === 'number' && v.length > s.maxItems)
        out.push(`${f}: Array must have at most ${s.maxItems} items`);
      if (s.uniqueItems === true) {
        for (let i = 0; i < v.length; i++)
          for (let j = i + 1; j < v.length; j++)
            if (equal(v[i], v[j])) out.push(`${f}: array items[${i},${j}] must be unique`);
      }
      if (Array.isArray(s.items)) {
        v.forEach((x, i) => {
          if (i < (s.items as Schema[]).length) check((s.items as Schema[])[i], x, `${f}.${i}`, out);
          else if (s.additionalItems !== undefined) check(s.additionalItems as Schema, x, `${f}.${i}`, out);
        });
      } else if (s.items !== undefined) v.forEach((x, i) => check(s.items as Schema, x, `${f}.${i}`, out));
    }
    if (isMap(v)) {
      const child = (k: string) => (f === '(root)' ? k : `${f}.${k}`);
      if (Array.isArray(s.required))
        for (const r of s.required as string[]) if (!(r in v)) out.push(`${f}: ${r} is required`);
      const props = isMap(s.properties) ? s.properties : {};
      const patterns = isMap(s.patternProperties) ? s.patternProperties : {};
      for (const k of Object.keys(v)) {
        let matched = false;
        if (k in props) {
          matched = true;
          check(props[k] as Schema, v[k], child(k), out);
        }
        for (const [p, ps] of Object.entries(patterns)) {
          let re: RegExp | undefined;
          try {
            re = new RegExp(p, 'u');
          } catch {
            re = undefined;
          }
          if (re?.test(k)) {
            matched = true;
            check(ps as Schema, v[k], child(k), out);
          }
        }
        if (!matched && s.additionalProperties !== undefined) {
          if (s.additionalProperties === false) out.push(`${f}: Additional property ${k} is not allowed`);
          else check(s.additionalProperties as Schema, v[k], child(k), out);
        }
      }
      if (typeof s.minProperties === 'number' && Object.keys(v).length < s.minProperties)
        out.push(`${f}: Must have at least ${s.minProperties} properties`);
      if (typeof s.maxProperties === 'number' && Object.keys(v).length > s.maxProperties)
        out.push(`${f}: Must have at most ${s.maxProperties} properties`);
      if (isMap(s.dependencies)) {
        for (const [k, d] of Object.entries(s.dependencies)) {
          if (!(k in v)) continue;
          if (Array.isArray(d)) {
            for (const r of d) if (!(String(r) in v)) out.push(`${f}: Has a dependency on ${r}`);
          } else check(d as Schema, v, f, out);
        }
      }
    }
    const passes = (sub: Schema) => {
      const e: string[] = [];
      check(sub, v, f, e);
      return e.length === 0;
    };
    if (Array.isArray(s.allOf)) for (const sub of s.allOf as Schema[]) check(sub, v, f, out);
    if (Array.isArray(s.anyOf) && !(s.anyOf as Schema[]).some(passes))
      out.push(`${f}: Must validate at least one schema (anyOf)`);
    if (Array.isArray(s.oneOf) && (s.oneOf as Schema[]).filter(passes).length !== 1)
      out.push(`${f}: Must validate one and only one schema (oneOf)`);
    if (s.not !== undefined && passes(s.not as Schema)) out.push(`${f}: Must not validate the schema (not)`);
    if (s.if !== undefined) {
      if (passes(s.if as Schema)) {
        if (s.then !== undefined && !passes(s.then as Schema)) out.push(`${f}: Must validate "then" as "if" was valid`);
      } else if (s.else !== undefined && !passes(s.else as Schema))
        out.push(`${f}: Must validate "else" as "if" was not valid`);
    }
  };
  check(root, value, '(root)', errors);
  return errors;
}
