/** What one render shares: functions' types, budgets, the output with its source map, and the errors. */
import type { Tree } from './ast';
import type { State } from './exec';
import { IncludeMaps } from './sourcemap';

/** A parameter type of a function: a(ny), s(tring), i(nt), f(loat64), b(ool), m(ap), l(ist); v: untyped (Go's nil type, keeps "no value"). */
export type ParamType = 'a' | 's' | 'i' | 'f' | 'b' | 'm' | 'l' | 'v';

export interface GoFunc {
  fn: (args: unknown[], st: State) => unknown;
  /** Fixed parameters, then `variadic` for the rest. Omitted: any number of `any`. */
  params?: ParamType[];
  variadic?: ParamType;
}

export type FuncMap = Map<string, GoFunc>;

export interface Segment {
  /** A text node (copied byte for byte) or an action (what it printed). */
  kind: 'text' | 'action';
  outStart: number;
  outEnd: number;
  /** The file (parse name) whose text produced the output. */
  template: string;
  srcStart: number;
  srcEnd: number;
  /** For an action: the values path it last read, e.g. `Values.securityContext`. */
  valuesPath?: string;
}

/** Budget or depth exhausted: never wrapped by "error calling". */
export class BudgetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BudgetError';
  }
}
/** A template execution error, message shaped like Go's. */
export class ExecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExecError';
  }
}

export interface Limits {
  maxSteps: number;
  maxOutput: number;
  maxDepth: number;
}
export const DEFAULT_LIMITS: Limits = { maxSteps: 20_000_000, maxOutput: 64 * 1024 * 1024, maxDepth: 400 };

/** What all executions of one render share: the template set, functions, budgets, provenance. */
export class Shared {
  private readonly counters: { steps: number; output: number };
  lastRead?: string;
  /** Values paths of the maps and slices of `.Values`. */
  readonly paths: WeakMap<object, string>;
  /** Helm: remove "<no value>" from what is printed. */
  removeNoValue = true;
  /** Go's missingkey option: "default" (no value), "zero" (a nil interface, as Helm runs) or "error". */
  missingKey: 'default' | 'zero' | 'error' = 'default';
  /** Extra state functions may keep (Helm's include recursion counts, tpl's parse cache). */
  readonly bag: Map<string, unknown>;
  /** What includes rendered, with their source maps, so that printing it maps into the partial. */
  readonly includeMaps: IncludeMaps;
  constructor(
    readonly templates: Map<string, Tree>,
    readonly funcs: FuncMap,
    readonly limits: Limits = DEFAULT_LIMITS,
    parent?: Shared,
  ) {
    this.counters = parent?.counters ?? { steps: 0, output: 0 };
    this.paths = parent?.paths ?? new WeakMap();
    this.bag = parent?.bag ?? new Map();
    this.includeMaps = parent?.includeMaps ?? new IncludeMaps();
    if (parent) {
      this.removeNoValue = parent.removeNoValue;
      this.missingKey = parent.missingKey;
    }
  }
  /** The same render (budgets, provenance) over another template set, as `tpl` needs. */
  withTemplates(templates: Map<string, Tree>): Shared {
    return new Shared(templates, this.funcs, this.limits, this);
  }
  get steps(): number {
    return this.counters.steps;
  }
  step(n = 1): void {
    this.counters.steps += n;
    if (this.counters.steps > this.limits.maxSteps)
      throw new BudgetError(`rendering exceeded the step budget (${this.limits.maxSteps} steps)`);
  }
  grow(n: number): void {
    this.counters.output += n;
    if (this.counters.output > this.limits.maxOutput)
      throw new BudgetError(`rendering exceeded the output budget (${this.limits.maxOutput} bytes)`);
  }
}

export class Output {
  private readonly parts: string[] = [];
  length = 0;
  readonly segments: Segment[] = [];
  constructor(private readonly shared: Shared) {}
  write(
    s: string,
    kind: Segment['kind'],
    template: string,
    srcStart: number,
    srcEnd: number,
    valuesPath?: string,
  ): void {
    if (!s) return;
    this.shared.grow(s.length);
    this.parts.push(s);
    const seg: Segment = { kind, outStart: this.length, outEnd: this.length + s.length, template, srcStart, srcEnd };
    if (valuesPath) seg.valuesPath = valuesPath;
    this.segments.push(seg);
    this.length += s.length;
  }
  /** Writes `s` with segments already placed at this output's offsets. */
  writeMapped(s: string, segments: Segment[]): void {
    if (!s) return;
    this.shared.grow(s.length);
    this.parts.push(s);
    for (const seg of segments) this.segments.push(seg);
    this.length += s.length;
  }
  toString(): string {
    return this.parts.join('');
  }
}

/** Methods on Helm's structs declare their parameter types with a `params` property. */
export function method(params: ParamType[], fn: (...a: never[]) => unknown): (...a: unknown[]) => unknown {
  const f = fn as unknown as ((...a: unknown[]) => unknown) & { params?: ParamType[] };
  f.params = params;
  return f;
}
export const methodParams = (m: unknown): ParamType[] => (m as { params?: ParamType[] }).params ?? [];
