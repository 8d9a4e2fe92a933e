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
    for (const [n, t] of parse(name, text, { hasFunction: (f) => this.funcs.has(f) })) {
      const old = this.templates.get(n);
      if (old && n !== name && t.root.nodes.every((x) => x.k === 'text' && !x.text.trim()) && old.root.nodes.length) continue;
      this.templates.set(n, t);
    }
  }
  newShared(limits: Partial<Limits> = {}): Shared {
    return new Shared(this.templates, this.funcs, { ...DEFAULT_LIMITS, ...limits });
  }
  execute(name: string, dot: unknown, opts: { limits?: Partial<Limits>; removeNoValue?: boolean; shared?: Shared } = {}): Rendered {
    const shared = opts.shared ?? this.newShared(opts.limits);
    shared.removeNoValue = opts.removeNoValue ?? false;
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
