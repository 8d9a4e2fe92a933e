/** Executes parsed templates with Go text/template semantics (missingkey=zero, as Helm runs them), with budgets and a source map. */
import {
  argString,
  commandString,
  nodeString,
  type Arg,
  type Command,
  type ListNode,
  type Node,
  type PipeNode,
  type Tree,
} from './ast';
import { formatV } from './fmt';
import { GoInt64, GoStruct, intOf, isMap, truth, typeName, sortedKeys } from './values';
import { fillGaps } from './sourcemap';
import { methodParams } from './runtime';
import { BudgetError, ExecError, Output, type GoFunc, type Limits, type ParamType, type Shared } from './runtime';

export { method } from './runtime';
export {
  BudgetError,
  DEFAULT_LIMITS,
  ExecError,
  Output,
  Shared,
  type FuncMap,
  type GoFunc,
  type Limits,
  type ParamType,
  type Segment,
} from './runtime';

const MISSING = Symbol('missing');
// Either a value or the MISSING marker (unknown already covers the symbol; the alias names the intent).
type Final = unknown;
const BREAK = 1;
const CONTINUE = 2;

interface Variable {
  name: string;
  value: unknown;
}

export class State {
  vars: Variable[];
  /** The node errors are reported at (Go's s.at); its text is only built for an error. */
  private node?: Arg | Command | Node;
  constructor(
    readonly shared: Shared,
    readonly tree: Tree,
    readonly out: Output,
    dot: unknown,
    readonly depth = 0,
  ) {
    this.vars = [{ name: '$', value: dot }];
  }

  // ---- errors ----
  at(n: Arg | Command | Node): void {
    this.node = n;
  }
  errorf(msg: string): never {
    const name = this.tree.name;
    if (!this.node) throw new ExecError(`template: ${name}: ${msg}`);
    const text = this.tree.text.slice(0, this.node.pos);
    const nl = text.lastIndexOf('\n');
    const col = nl < 0 ? this.node.pos : this.node.pos - nl - 1;
    const line = 1 + (text.match(/\n/g)?.length ?? 0);
    const n = this.node;
    let ctx = n.k === 'command' ? commandString(n) : NODE_KINDS.has(n.k) ? nodeString(n as Node) : argString(n as Arg);
    if (ctx.length > 20) ctx = ctx.slice(0, 20) + '...';
    throw new ExecError(
      `template: ${this.tree.parseName}:${line}:${col}: executing ${JSON.stringify(name)} at <${ctx}>: ${msg}`,
    );
  }

  // ---- variables ----
  private setVar(name: string, value: unknown): void {
    for (let i = this.vars.length - 1; i >= 0; i--)
      if (this.vars[i].name === name) {
        this.vars[i].value = value;
        return;
      }
    this.errorf(`undefined variable: ${name}`);
  }
  private varValue(name: string): unknown {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i].name === name) return this.vars[i].value;
    this.errorf(`undefined variable: ${name}`);
  }

  // ---- walking ----
  run(): void {
    this.walkList(this.tree.root, this.vars[0].value);
  }

  private walkList(list: ListNode, dot: unknown): number {
    for (const n of list.nodes) {
      const r = this.walk(n, dot);
      if (r) return r;
    }
    return 0;
  }

  private walk(n: Node, dot: unknown): number {
    this.shared.step();
    switch (n.k) {
      case 'text': {
        const t =
          this.shared.removeNoValue && n.text.includes('<no value>') ? n.text.replaceAll('<no value>', '') : n.text;
        this.out.write(t, 'text', this.tree.parseName, n.start, n.end);
        return 0;
      }
      case 'action': {
        const saved = this.shared.lastRead;
        this.shared.lastRead = undefined;
        const val = this.evalPipeline(dot, n.pipe);
        if (n.pipe.decl.length === 0) {
          this.at(n);
          let s = printable(val);
          if (this.shared.removeNoValue && s.includes('<no value>')) s = s.replaceAll('<no value>', '');
          const mapped = this.shared.includeMaps.lookup(s);
          if (mapped) {
            const filler = {
              kind: 'action' as const,
              template: this.tree.parseName,
              srcStart: n.start,
              srcEnd: n.end,
              ...(this.shared.lastRead ? { valuesPath: this.shared.lastRead } : {}),
            };
            this.out.writeMapped(s, fillGaps(mapped, s.length, this.out.length, filler));
          } else this.out.write(s, 'action', this.tree.parseName, n.start, n.end, this.shared.lastRead);
        }
        this.shared.lastRead = saved;
        return 0;
      }
      case 'if':
      case 'with': {
        const mark = this.vars.length;
        const val = this.evalPipeline(dot, n.pipe);
        let r = 0;
        if (truth(val)) r = this.walkList(n.list, n.k === 'with' ? val : dot);
        else if (n.elseList) r = this.walkList(n.elseList, dot);
        this.vars.length = mark;
        return r;
      }
      case 'range':
        return this.walkRange(n, dot);
      case 'break':
        return BREAK;
      case 'continue':
        return CONTINUE;
      case 'template': {
        this.at(n);
        const tree = this.shared.templates.get(n.name);
        if (!tree) this.errorf(`template ${JSON.stringify(n.name)} not defined`);
        if (this.depth >= this.shared.limits.maxDepth)
          this.errorf(`exceeded maximum template depth (${this.shared.limits.maxDepth})`);
        const d = n.pipe ? this.evalPipeline(dot, n.pipe) : undefined;
        new State(this.shared, tree, this.out, d, this.depth + 1).run();
        return 0;
      }
    }
  }

  private walkRange(n: Extract<Node, { k: 'range' }>, dot: unknown): number {
    this.at(n);
    const outer = this.vars.length;
    const val = this.evalPipeline(dot, n.pipe);
    const mark = this.vars.length;
    const decl = n.pipe.decl;
    const one = (index: unknown, elem: unknown): number => {
      this.shared.step();
      if (decl.length > 0) {
        if (n.pipe.isAssign) this.setVar(decl[0].ident[0], decl.length > 1 ? index : elem);
        else this.vars[mark - 1].value = elem;
      }
      if (decl.length > 1) {
        if (n.pipe.isAssign) this.setVar(decl[1].ident[0], elem);
        else this.vars[mark - 2].value = index;
      }
      const r = this.walkList(n.list, elem);
      this.vars.length = mark;
      return r;
    };
    let ran = false;
    const loop = (items: Iterable<[unknown, unknown]>) => {
      for (const [k, v] of items) {
        ran = true;
        if (one(k, v) === BREAK) break;
      }
    };
    if (Array.isArray(val) || val instanceof Uint8Array) {
      const a = val;
      loop(
        (function* () {
          for (let i = 0; i < a.length; i++) yield [BigInt(i), a[i] as unknown] as [unknown, unknown];
        })(),
      );
    } else if (isMap(val) || (val instanceof GoStruct && val.entries)) {
      const m = (isMap(val) ? val : val.entries)!;
      loop(sortedKeys(m).map((k) => [k, m[k]] as [unknown, unknown]));
    } else if (typeof val === 'bigint' || val instanceof GoInt64) {
      if (decl.length > 1) this.errorf(`can't use ${intOf(val)} to iterate over more than one variable`);
      const nmax = intOf(val)!;
      const wrap = val instanceof GoInt64;
      loop(
        (function* () {
          for (let i = 0n; i < nmax; i++) {
            const x = wrap ? new GoInt64(i) : i;
            yield [x, x] as [unknown, unknown];
          }
        })(),
      );
    } else if (val !== undefined && val !== null) {
      this.errorf(`range can't iterate over ${formatV(val)}`);
    }
    if (!ran && n.elseList) {
      const r = this.walkList(n.elseList, dot);
      this.vars.length = outer;
      return r;
    }
    this.vars.length = outer;
    return 0;
  }

  // ---- evaluation ----
  evalPipeline(dot: unknown, pipe: PipeNode): unknown {
    this.at(pipe);
    let value: unknown = MISSING;
    for (const cmd of pipe.cmds) {
      value = this.evalCommand(dot, cmd, value);
      if (value === null) value = undefined; // an interface holding nil becomes "no value"
    }
    for (const v of pipe.decl) {
      if (pipe.isAssign) this.setVar(v.ident[0], value);
      else this.vars.push({ name: v.ident[0], value });
    }
    return value;
  }

  private notAFunction(args: Arg[], final: Final): void {
    if (args.length > 1 || final !== MISSING) this.errorf(`can't give argument to non-function ${argString(args[0])}`);
  }

  private evalCommand(dot: unknown, cmd: Command, final: Final): unknown {
    this.shared.step();
    const first = cmd.args[0];
    switch (first.k) {
      case 'field':
        return this.evalFieldChain(dot, dot, first, first.ident, cmd.args, final);
      case 'chain':
        return this.evalChain(dot, first, cmd.args, final);
      case 'ident':
        return this.evalFunction(dot, first.name, cmd, cmd.args, final);
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case 'var':
        return this.evalVariable(dot, first, cmd.args, final);
    }
    this.at(first);
    this.notAFunction(cmd.args, final);
    switch (first.k) {
      case 'bool':
        return first.value;
      case 'dot':
        this.readPath(dot);
        return dot;
      case 'nil':
        return this.errorf('nil is not a command');
      case 'number':
        return this.idealConstant(first);
      case 'string':
        return first.text;
    }
  }

  private idealConstant(n: Extract<Arg, { k: 'number' }>): unknown {
    this.at(n);
    if (n.isFloat && !/^[+-]?0[xX]/.test(n.text) && !n.text.startsWith("'") && /[.eEpP]/.test(n.text)) return n.float;
    if (n.isInt) return n.int;
    this.errorf(`${n.text} overflows int`);
  }

  private readPath(v: unknown): void {
    if (typeof v === 'object' && v !== null) {
      const p = this.shared.paths.get(v);
      if (p) this.shared.lastRead = p;
    }
  }

  private evalChain(dot: unknown, chain: Extract<Arg, { k: 'chain' }>, args: Arg[], final: Final): unknown {
    if (chain.node.k === 'nil') this.errorf(`indirection through explicit nil in ${argString(chain)}`);
    const recv = this.evalArg(dot, 'v', chain.node);
    return this.evalFieldChain(dot, recv, chain, chain.field, args, final);
  }

  private evalVariable(dot: unknown, v: Extract<Arg, { k: 'var' }>, args: Arg[], final: Final): unknown {
    this.at(v);
    const value = this.varValue(v.ident[0]);
    if (v.ident.length === 1) {
      this.notAFunction(args, final);
      this.readPath(value);
      return value;
    }
    return this.evalFieldChain(dot, value, v, v.ident.slice(1), args, final);
  }

  private evalFieldChain(dot: unknown, recv: unknown, node: Arg, ident: string[], args: Arg[], final: Final): unknown {
    this.at(node);
    for (let i = 0; i < ident.length - 1; i++) recv = this.evalField(dot, ident[i], node, [], MISSING, recv);
    return this.evalField(dot, ident[ident.length - 1], node, args, final, recv);
  }

  private evalField(dot: unknown, name: string, node: Arg, args: Arg[], final: Final, recv: unknown): unknown {
    if (recv === undefined) {
      if (this.shared.missingKey === 'error') this.errorf(`nil data; no entry for key ${JSON.stringify(name)}`);
      return undefined;
    }
    const hasArgs = args.length > 1 || final !== MISSING;
    if (recv === null) this.errorf(`nil pointer evaluating interface {}.${name}`);
    if (recv instanceof GoStruct) {
      const m = recv.methods[name];
      if (m) return this.evalCall(dot, { fn: (a) => m(...a), params: methodParams(m) }, node, name, args, final);
      if (Object.prototype.hasOwnProperty.call(recv.fields, name)) {
        if (hasArgs) this.errorf(`${name} has arguments but cannot be invoked as function`);
        return recv.fields[name];
      }
      if (recv.entries) {
        if (hasArgs) this.errorf(`${name} is not a method but has arguments`);
        return recv.entries[name] ?? null;
      }
      this.errorf(`can't evaluate field ${name} in type ${recv.typeName}`);
    }
    if (isMap(recv)) {
      if (hasArgs) this.errorf(`${name} is not a method but has arguments`);
      const p = this.shared.paths.get(recv);
      if (p !== undefined) this.shared.lastRead = p ? `${p}.${name}` : name;
      if (Object.prototype.hasOwnProperty.call(recv, name) && recv[name] !== undefined) return recv[name];
      if (this.shared.missingKey === 'error') this.errorf(`map has no entry for key ${JSON.stringify(name)}`);
      return this.shared.missingKey === 'zero' ? null : undefined;
    }
    this.errorf(`can't evaluate field ${name} in type ${typeName(recv)}`);
  }

  private evalFunction(dot: unknown, name: string, node: Command | Arg, args: Arg[], final: Final): unknown {
    const f = this.shared.funcs.get(name);
    if (!f) this.errorf(`${JSON.stringify(name)} is not a defined function`);
    return this.evalCall(dot, f, node, name, args, final);
  }

  private evalCall(dot: unknown, f: GoFunc, node: Command | Arg, name: string, args: Arg[], final: Final): unknown {
    const rest = args.slice(1);
    const numIn = rest.length + (final !== MISSING ? 1 : 0);
    const params = f.params ?? [];
    const variadic = f.params ? f.variadic : 'a';
    this.at(args.length ? args[0] : node);
    if (variadic) {
      if (numIn < params.length)
        this.errorf(`wrong number of args for ${name}: want at least ${params.length} got ${rest.length}`);
    } else if (numIn !== params.length) {
      this.errorf(`wrong number of args for ${name}: want ${params.length} got ${numIn}`);
    }
    // and/or: evaluate lazily, stopping at the first deciding argument.
    if (name === 'and' || name === 'or') {
      let v: unknown;
      const all = rest.length + (final !== MISSING ? 1 : 0);
      for (let i = 0; i < all; i++) {
        v = i < rest.length ? this.evalArg(dot, 'a', rest[i]) : final;
        if (v === undefined) v = null;
        if (truth(v) === (name === 'or')) return v;
      }
      return v;
    }
    const argv: unknown[] = new Array(rest.length);
    for (let i = 0; i < rest.length; i++)
      argv[i] = this.evalArg(dot, i < params.length ? params[i] : variadic!, rest[i]);
    if (final !== MISSING)
      argv.push(this.validateType(final, rest.length < params.length ? params[rest.length] : variadic!));
    this.shared.step();
    try {
      return f.fn(argv, this);
    } catch (e) {
      if (e instanceof BudgetError || e instanceof RangeError) throw e;
      this.at(node);
      this.errorf(`error calling ${name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  validateType(v: unknown, t: ParamType): unknown {
    if (t === 'v') return v;
    if (t === 'a') return v === undefined ? null : v;
    if (v === undefined) {
      if (t === 'm' || t === 'l') return null;
      this.errorf(`invalid value; expected ${TYPE_NAMES[t]}`);
    }
    const ok =
      t === 's'
        ? typeof v === 'string'
        : t === 'i'
          ? typeof v === 'bigint'
          : t === 'f'
            ? typeof v === 'number'
            : t === 'b'
              ? typeof v === 'boolean'
              : t === 'm'
                ? v === null || isMap(v)
                : Array.isArray(v) || v === null;
    if (!ok)
      this.errorf(`wrong type for value; expected ${TYPE_NAMES[t]}; got ${v === null ? 'interface {}' : typeName(v)}`);
    return v;
  }

  evalArg(dot: unknown, t: ParamType, n: Arg): unknown {
    this.at(n);
    switch (n.k) {
      case 'dot':
        this.readPath(dot);
        return this.validateType(dot, t);
      case 'nil':
        if (t === 'a' || t === 'm' || t === 'l' || t === 'v') return null;
        return this.errorf(`cannot assign nil to ${TYPE_NAMES[t]}`);
      case 'field':
        return this.validateType(this.evalFieldChain(dot, dot, n, n.ident, [n], MISSING), t);
      case 'var':
        return this.validateType(this.evalVariable(dot, n, [n], MISSING), t);
      case 'pipe':
        return this.validateType(this.evalPipeline(dot, n), t);
      case 'ident':
        return this.validateType(this.evalFunction(dot, n.name, n, [n], MISSING), t);
      case 'chain':
        return this.validateType(this.evalChain(dot, n, [n], MISSING), t);
    }
    switch (t) {
      case 'a':
      case 'v':
        if (n.k === 'bool') return n.value;
        if (n.k === 'string') return n.text;
        return this.idealConstant(n);
      case 's':
        if (n.k === 'string') return n.text;
        return this.errorf(`expected string; found ${argString(n)}`);
      case 'i':
        if (n.k === 'number' && n.isInt) return n.int;
        return this.errorf(`expected integer; found ${argString(n)}`);
      case 'f':
        if (n.k === 'number' && n.isFloat) return n.float;
        return this.errorf(`expected float; found ${argString(n)}`);
      case 'b':
        if (n.k === 'bool') return n.value;
        this.errorf(`expected bool; found ${argString(n)}`);
    }
    this.errorf(`can't handle ${argString(n)} for arg of type ${TYPE_NAMES[t]}`);
  }
}

const NODE_KINDS = new Set(['text', 'action', 'if', 'with', 'range', 'template', 'break', 'continue']);
const TYPE_NAMES: Record<ParamType, string> = {
  v: '<nil>',
  a: 'interface {}',
  s: 'string',
  i: 'int',
  f: 'float64',
  b: 'bool',
  m: 'map[string]interface {}',
  l: '[]interface {}',
};

/** What text/template prints for a value ("<no value>" for nothing, String() methods honoured). */
export function printable(v: unknown): string {
  if (v === undefined) return '<no value>';
  if (v instanceof GoStruct && v.stringer) return v.stringer();
  return formatV(v);
}

export interface ExecOptions {
  limits?: Partial<Limits>;
}

/** Executes the named template of a set with `dot` as data; returns the output and its source map. */
export function execute(shared: Shared, name: string, dot: unknown, depth = 0): Output {
  const tree = shared.templates.get(name);
  const out = new Output(shared);
  if (!tree)
    throw new ExecError(
      `template: no template ${JSON.stringify(name)} associated with template ${JSON.stringify(name)}`,
    );
  try {
    new State(shared, tree, out, dot, depth).run();
  } catch (e) {
    if (e instanceof RangeError && /call stack/.test(e.message))
      throw new BudgetError(`template: ${name}: exceeded maximum template depth`);
    throw e;
  }
  return out;
}
