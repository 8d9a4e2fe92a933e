/** A set of parsed templates sharing functions: Go's *template.Template, reduced to what Harden needs. */
import type { Tree } from './ast';
import { builtins } from './builtins';
import { DEFAULT_LIMITS, execute, Shared, type FuncMap, type Limits, type Segment } from './exec';
import { parse } from './parser';

export interface Rendered {
  text: string;
  segments: Segment[];
}

export class TemplateSet {
  readonly templates = new Map<string, Tree>();
  readonly funcs: FuncMap;
  constructor(funcs?: FuncMap) {
    this.funcs = funcs ?? builtins();
  }
  /** Parses `text` as template `name`, adding its defines to the set (later definitions win, as in Go). */
  parse(name: string, text: string): void {
    for (const [n, t] of cachedParse(name, text, this.funcs)) {
      const old = this.templates.get(n);
      if (old && n !== name && t.root.nodes.every((x) => x.k === 'text' && !x.text.trim()) && old.root.nodes.length)
        continue;
      this.templates.set(n, t);
    }
  }
  newShared(limits: Partial<Limits> = {}): Shared {
    return new Shared(this.templates, this.funcs, { ...DEFAULT_LIMITS, ...limits });
  }
  /** Executes template `name` with `dot`; Go's defaults (missingkey=default, "<no value>" kept) unless told. */
  execute(
    name: string,
    dot: unknown,
    opts: {
      limits?: Partial<Limits>;
      removeNoValue?: boolean;
      missingKey?: Shared['missingKey'];
      shared?: Shared;
    } = {},
  ): Rendered {
    const shared = opts.shared ?? this.newShared(opts.limits);
    if (opts.removeNoValue !== undefined || !opts.shared) shared.removeNoValue = opts.removeNoValue ?? false;
    if (opts.missingKey !== undefined || !opts.shared) shared.missingKey = opts.missingKey ?? 'default';
    const out = execute(shared, name, dot);
    return { text: out.toString(), segments: out.segments };
  }
}

/** Parses and executes one template with Go's builtins only (no Sprig): text/template's behaviour. */
export function renderGo(text: string, dot: unknown, funcs?: FuncMap, name = 'tpl'): string {
  const set = new TemplateSet(funcs);
  set.parse(name, text);
  return set.execute(name, dot).text;
}

/** Parsed trees are immutable: keep the last few hundred files' trees (a chart re-rendered as its values change). */
const PARSED = new Map<string, { text: string; funcs: FuncMap; trees: Map<string, Tree> }>();
const PARSED_MAX = 512;

function cachedParse(name: string, text: string, funcs: FuncMap): Map<string, Tree> {
  const hit = PARSED.get(name);
  if (hit && hit.text === text && (hit.funcs === funcs || sameNames(hit.funcs, funcs))) return hit.trees;
  const trees = parse(name, text, { hasFunction: (f) => funcs.has(f) });
  if (PARSED.size >= PARSED_MAX) PARSED.delete(PARSED.keys().next().value!);
  PARSED.set(name, { text, funcs, trees });
  return trees;
}

const sameNames = (a: FuncMap, b: FuncMap) => a.size === b.size && [...a.keys()].every((k) => b.has(k));
