/**
 * Harden's Helm renderer: Go text/template with Sprig and Helm's functions, and `helm template` for charts handed
 * in as files, with a source map from every output range back to its template (and values path).
 */
import { builtins } from './builtins';
import type { FuncMap, Limits } from './runtime';
import { helmFuncs } from './helmFuncs';
import { parse } from './parser';
import { sprig, type SprigHost } from './sprig';
import { TemplateSet, type Rendered } from './template';

export {
  ChartError,
  DEFAULT_KUBE_VERSION,
  renderChart,
  type ChartRender,
  type RenderedTemplate,
  type RenderOptions,
} from './chart';
export { BudgetError, ExecError, type Limits, type Segment } from './runtime';
export { ParseError } from './parser';
export { locate, type Origin } from './sourcemap';
export { TemplateSet, type Rendered } from './template';
export { seeded, type SprigHost } from './sprig';
export { GoInt64, GoStruct, GoTime } from './values';

export type FuncSet = 'go' | 'sprig' | 'helm';

/** text/template's builtins, plus Sprig as Helm ships it, plus Helm's own functions. */
export function functions(set: FuncSet, host: SprigHost = {}): FuncMap {
  const m = builtins();
  if (set !== 'go') for (const [k, v] of sprig(host)) m.set(k, v);
  if (set === 'helm') for (const [k, v] of helmFuncs()) m.set(k, v);
  return m;
}

export interface RawOptions extends SprigHost {
  funcs?: FuncSet;
  name?: string;
  limits?: Partial<Limits>;
}

/** Parses one template (throws ParseError with Go's message); `harden template --raw --parse-only`. */
export function parseTemplate(text: string, opts: RawOptions = {}): void {
  const f = functions(opts.funcs ?? 'helm', opts);
  parse(opts.name ?? 'tpl', text, { hasFunction: (n) => f.has(n) });
}

/** Renders one template with `data` as dot and no Helm wrapping (`harden template --raw`). */
export function renderTemplate(text: string, data: unknown, opts: RawOptions = {}): Rendered {
  const set = new TemplateSet(functions(opts.funcs ?? 'helm', opts));
  const name = opts.name ?? 'tpl';
  set.parse(name, text);
  return set.execute(name, data, { limits: opts.limits });
}

/**
 * JSON as Go's tests type data: integer literals become Go ints (bigint), other numbers float64, objects maps.
 * Throws SyntaxError on bad JSON.
 */
export function parseData(json: string): unknown {
  let i = 0;
  const ws = () => {
    while (i < json.length && ' \t\n\r'.includes(json[i])) i++;
  };
  const fail = (): never => {
    throw new SyntaxError(`invalid JSON at offset ${i}`);
  };
  const value = (): unknown => {
    ws();
    const c = json[i];
    if (c === '{') {
      i++;
      const o: Record<string, unknown> = {};
      ws();
      if (json[i] === '}') {
        i++;
        return o;
      }
      for (;;) {
        ws();
        if (json[i] !== '"') fail();
        const k = str();
        ws();
        if (json[i++] !== ':') fail();
        o[k] = value();
        ws();
        if (json[i] === ',') {
          i++;
          continue;
        }
        if (json[i++] === '}') return o;
        fail();
      }
    }
    if (c === '[') {
      i++;
      const a: unknown[] = [];
      ws();
      if (json[i] === ']') {
        i++;
        return a;
      }
      for (;;) {
        a.push(value());
        ws();
        if (json[i] === ',') {
          i++;
          continue;
        }
        if (json[i++] === ']') return a;
        fail();
      }
    }
    if (c === '"') return str();
    for (const [lit, v] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (json.startsWith(lit, i)) {
        i += lit.length;
        return v;
      }
    }
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(json.slice(i, i + 400));
    if (!m) fail();
    i += m![0].length;
    return m![2] || m![3] ? Number(m![0]) : BigInt(m![0]);
  };
  const str = (): string => {
    const start = i;
    i++;
    while (i < json.length && json[i] !== '"') i += json[i] === '\\' ? 2 : 1;
    if (i >= json.length) fail();
    i++;
    return JSON.parse(json.slice(start, i)) as string;
  };
  const v = value();
  ws();
  if (i < json.length) fail();
  return v;
}
