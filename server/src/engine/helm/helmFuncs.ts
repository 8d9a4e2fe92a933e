/** Helm's own template functions: include, tpl, required, lookup and the YAML/JSON/TOML converters. */
import type { FuncMap, GoFunc, State } from './exec';
import { execute } from './exec';
import { toJson, fromJson } from './json';
import { parse } from './parser';
import { def } from './sprig/strings';
import { deepCopy, isMap, sortedKeys, type GoMap } from './values';
import { readYaml, readYamlAll, toPlain, writeYaml } from './yaml';
import type { Tree } from './ast';
import { goQuote } from './fmt';

const RECURSION_MAX = 1000;

/** Helm's include, with its limit on nesting one name (1000 in Helm; here also bounded by the depth budget). */
function include(st: State, name: string, data: unknown): string {
  const counts = (st.shared.bag.get('includes') as Map<string, number> | undefined) ?? new Map<string, number>();
  st.shared.bag.set('includes', counts);
  const n = counts.get(name) ?? 0;
  const nested = () => new Error(`rendering template has a nested reference name: ${name}: unable to execute template`);
  if (n > Math.min(RECURSION_MAX, st.shared.limits.maxDepth)) throw nested();
  counts.set(name, n + 1);
  try {
    if (!st.shared.templates.has(name))
      throw new Error(`template: no template ${JSON.stringify(name)} associated with template "gotpl"`);
    const out = execute(st.shared, name, data, st.depth + 1);
    const text = out.toString();
    st.shared.includeMaps.remember(text, out.segments);
    return text;
  } catch (e) {
    // The JavaScript stack is smaller than Go's: deep self-inclusion ends here, reported as Helm reports it.
    if (
      e instanceof RangeError ||
      (e instanceof Error && e.name === 'BudgetError' && /maximum template depth/.test(e.message) && n > 10)
    )
      throw nested();
    throw e;
  } finally {
    counts.set(name, n);
  }
}

function templateNameOf(vals: GoMap | null): string {
  const t = vals?.Template;
  const n = isMap(t) ? t.Name : undefined;
  if (typeof n !== 'string') throw new Error('cannot retrieve Template.Name from values inside tpl function');
  return n;
}

function tpl(st: State, text: string, vals: GoMap | null): string {
  const name = templateNameOf(vals);
  const cache =
    (st.shared.bag.get('tplCache') as Map<string, Map<string, Tree>> | undefined) ??
    new Map<string, Map<string, Tree>>();
  st.shared.bag.set('tplCache', cache);
  const key = name + '\0' + text;
  let trees = cache.get(key);
  if (!trees) {
    try {
      trees = parse(name, text, { hasFunction: (f) => st.shared.funcs.has(f) });
    } catch (e) {
      throw new Error(`cannot parse template ${goQuote(text)}: ${(e as Error).message}`);
    }
    cache.set(key, trees);
  }
  const templates = new Map(st.shared.templates);
  for (const [n, t] of trees) templates.set(n, t);
  const child = st.shared.withTemplates(templates);
  try {
    const out = execute(child, name, vals, st.depth + 1).toString();
    return out.replaceAll('<no value>', '');
  } catch (e) {
    if (e instanceof Error && e.name === 'BudgetError') throw e;
    throw new Error(`error during tpl function execution for ${goQuote(text)}: ${(e as Error).message}`);
  }
}

/** Helm wraps required/fail messages so that its error cleanup can show them alone ("execution error at ..."). */
function required(warn: string, val: unknown): unknown {
  if (val === null || val === undefined || val === '') throw new Error(`HELM[${warn}]HELM`);
  return val;
}

/** BurntSushi/toml's encoder, for the plain data charts pass to toToml. */
export function toToml(v: unknown): string {
  const plain = toPlain(v);
  if (!isMap(plain)) throw new Error('toml: top-level values must be Go maps or structs');
  const out: string[] = [];
  const scalar = (x: unknown): string => {
    if (typeof x === 'string') return goQuote(x);
    if (typeof x === 'bigint') return x.toString();
    if (typeof x === 'number') return Number.isInteger(x) && Math.abs(x) < 1e21 ? String(x) + '.0' : String(x);
    if (typeof x === 'boolean') return String(x);
    if (Array.isArray(x)) return '[' + x.map(scalar).join(', ') + ']';
    if (isMap(x))
      return (
        '{' +
        sortedKeys(x)
          .map((k) => `${tomlKey(k)} = ${scalar(x[k])}`)
          .join(', ') +
        '}'
      );
    return '""';
  };
  const table = (m: GoMap, path: string[]) => {
    const keys = sortedKeys(m);
    const simple = keys.filter(
      (k) =>
        m[k] !== null &&
        !isMap(m[k]) &&
        !(Array.isArray(m[k]) && (m[k] as unknown[]).length && (m[k] as unknown[]).every(isMap)),
    );
    const indent = '  '.repeat(path.length);
    const hIndent = '  '.repeat(path.length);
    for (const k of simple) out.push(`${indent}${tomlKey(k)} = ${scalar(m[k])}`);
    for (const k of keys) {
      const x = m[k];
      if (isMap(x)) {
        out.push('', `${hIndent}[${[...path, k].map(tomlKey).join('.')}]`);
        table(x, [...path, k]);
      } else if (Array.isArray(x) && x.length && x.every(isMap)) {
        for (const e of x) {
          out.push('', `${hIndent}[[${[...path, k].map(tomlKey).join('.')}]]`);
          table(e, [...path, k]);
        }
      }
    }
  };
  table(plain, []);
  return out.join('\n').replace(/^\n/, '') + (out.length ? '\n' : '');
}
const tomlKey = (k: string) => (/^[A-Za-z0-9_-]+$/.test(k) ? k : goQuote(k));

function fromYamlMap(s: string): GoMap {
  try {
    const v = readYaml(s);
    if (v === null) return {};
    if (!isMap(v))
      throw new Error(
        `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${Array.isArray(v) ? 'array' : typeof v === 'string' ? 'string' : typeof v === 'number' ? 'number' : 'bool'} into Go value of type map[string]interface {}`,
      );
    return v;
  } catch (e) {
    return { Error: (e as Error).message };
  }
}

export function helmFuncs(): FuncMap {
  const fns: [string, GoFunc][] = [
    ['include', { fn: ([n, d], st) => include(st, n as string, d), params: ['s', 'a'] }],
    ['tpl', { fn: ([t, v], st) => tpl(st, t as string, v as GoMap | null), params: ['s', 'm'] }],
    ['required', def(['s', 'a'], required)],
    [
      'fail',
      def(['s'], (m: string) => {
        throw new Error(`HELM[${m}]HELM`);
      }),
    ],
    ['lookup', def(['s', 's', 's', 's'], () => ({}))],
    [
      'toYaml',
      def(['a'], (v: unknown) => {
        try {
          return writeYaml(v).replace(/\n$/, '');
        } catch {
          return '';
        }
      }),
    ],
    ['mustToYaml', def(['a'], (v: unknown) => writeYaml(v).replace(/\n$/, ''))],
    [
      'toYamlPretty',
      def(['a'], (v: unknown) => {
        try {
          return writeYaml(v).replace(/\n$/, '');
        } catch {
          return '';
        }
      }),
    ],
    [
      'fromYaml',
      {
        params: ['s'],
        fn: ([s], st) => {
          // Charts parse the same included text many times: parse once per render, hand out copies.
          const cache = (st.shared.bag.get('fromYaml') as Map<string, GoMap> | undefined) ?? new Map<string, GoMap>();
          st.shared.bag.set('fromYaml', cache);
          let m = cache.get(s as string);
          if (!m) {
            m = fromYamlMap(s as string);
            cache.set(s as string, m);
          }
          return deepCopy(m);
        },
      },
    ],
    [
      'fromYamlArray',
      def(['s'], (s: string) => {
        try {
          const v = readYamlAll(s)[0] ?? null;
          if (v === null) return [];
          if (!Array.isArray(v))
            throw new Error(
              `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${isMap(v) ? 'object' : 'string'} into Go value of type []interface {}`,
            );
          return v;
        } catch (e) {
          return [(e as Error).message];
        }
      }),
    ],
    [
      'toJson',
      def(['a'], (v: unknown) => {
        try {
          return toJson(v);
        } catch {
          return '';
        }
      }),
    ],
    [
      'fromJson',
      def(['s'], (s: string) => {
        try {
          const v = fromJson(s);
          if (!isMap(v))
            throw new Error(
              `json: cannot unmarshal ${Array.isArray(v) ? 'array' : typeof v} into Go value of type map[string]interface {}`,
            );
          return v;
        } catch (e) {
          return { Error: (e as Error).message };
        }
      }),
    ],
    [
      'fromJsonArray',
      def(['s'], (s: string) => {
        try {
          const v = fromJson(s);
          if (!Array.isArray(v))
            throw new Error(
              `json: cannot unmarshal ${isMap(v) ? 'object' : typeof v} into Go value of type []interface {}`,
            );
          return v;
        } catch (e) {
          return [(e as Error).message];
        }
      }),
    ],
    [
      'toToml',
      def(['a'], (v: unknown) => {
        try {
          return toToml(v);
        } catch (e) {
          return (e as Error).message;
        }
      }),
    ],
  ];
  return new Map(fns);
}
