/** Go text/template's parser (text/template/parse semantics and error messages), producing trees with offsets. */
import type { Arg, Command, ListNode, Node, PipeNode, Tree } from './ast';
import { lex, LexError, type Token, type TokType } from './lexer';
import { parseGoFloat, parseGoInt, unquote } from './literals';

export { parseGoFloat, parseGoInt, unquote } from './literals';

export class ParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ParseError';
  }
}

export interface ParseOptions {
  /** Names of the functions in scope: an unknown identifier is a parse error, as in Go. */
  hasFunction?: (name: string) => boolean;
}

class End {
  constructor(
    readonly pos: number,
    readonly endOff: number,
  ) {}
}
class Else {
  constructor(
    readonly pos: number,
    readonly endOff: number,
  ) {}
}

/** Parses one file. Returns its top-level tree under `name` and every `define`/`block` in it. */
export function parse(name: string, text: string, opts: ParseOptions = {}): Map<string, Tree> {
  let toks: Token[];
  try {
    toks = lex(text);
  } catch (e) {
    if (e instanceof LexError) throw new ParseError(`template: ${name}:${e.line}: ${e.msg}`);
    throw e;
  }
  try {
    return new Parser(name, text, toks, opts).parseAll();
  } catch (e) {
    // Thousands of nested parentheses or blocks: a parse error, not a crash.
    if (e instanceof RangeError) throw new ParseError(`template: ${name}: nesting too deep`);
    throw e;
  }
}

function tokString(t: Token): string {
  if (t.t === 'eof') return 'EOF';
  if (t.t === 'keyword') return `<${t.v}>`;
  const q = JSON.stringify(t.v);
  if (t.v.length > 10) return JSON.stringify(t.v.slice(0, 10)) + '...';
  return q;
}

class Parser {
  private i = 0;
  private line = 1;
  private vars: string[] = ['$'];
  private rangeDepth = 0;
  private readonly trees = new Map<string, Tree>();

  constructor(
    private readonly name: string,
    private readonly text: string,
    private readonly toks: Token[],
    private readonly opts: ParseOptions,
  ) {}

  private error(msg: string): never {
    throw new ParseError(`template: ${this.name}:${this.line}: ${msg}`);
  }
  private next(): Token {
    const t = this.toks[Math.min(this.i, this.toks.length - 1)];
    this.i++;
    this.line = t.line;
    return t;
  }
  private peek(): Token {
    return this.toks[Math.min(this.i, this.toks.length - 1)];
  }
  private backup(n = 1): void {
    this.i -= n;
  }
  private nextNonSpace(): Token {
    let t = this.next();
    while (t.t === 'space') t = this.next();
    return t;
  }
  private peekNonSpace(): Token {
    const t = this.nextNonSpace();
    this.backup();
    return t;
  }
  private expect(typ: TokType, context: string): Token {
    const t = this.nextNonSpace();
    if (t.t !== typ) this.unexpected(t, context);
    return t;
  }
  private unexpected(t: Token, context: string): never {
    this.error(`unexpected ${tokString(t)} in ${context}`);
  }

  private add(tree: Tree): void {
    const old = this.trees.get(tree.name);
    if (old && isEmptyTree(tree.root) && !isEmptyTree(old.root)) return;
    if (old && !isEmptyTree(old.root))
      this.error(`template: multiple definition of template ${JSON.stringify(tree.name)}`);
    this.trees.set(tree.name, tree);
  }

  parseAll(): Map<string, Tree> {
    const root: ListNode = { k: 'list', pos: 0, nodes: [] };
    while (this.peek().t !== 'eof') {
      if (this.peek().t === 'left') {
        const save = this.i;
        this.next();
        const kw = this.nextNonSpace();
        if (kw.t === 'keyword' && kw.v === 'define') {
          this.parseDefinition();
          continue;
        }
        this.i = save;
      }
      const n = this.textOrAction();
      if (n instanceof End) this.error('unexpected {{end}}');
      if (n instanceof Else) this.error('unexpected {{else}}');
      root.nodes.push(n);
    }
    this.add({ name: this.name, parseName: this.name, text: this.text, root });
    return this.trees;
  }

  private parseDefinition(): void {
    const context = 'define clause';
    const nameTok = this.nextNonSpace();
    if (nameTok.t !== 'string' && nameTok.t !== 'rawstring') this.unexpected(nameTok, context);
    const name = unquote(nameTok.v, (m) => this.error(m));
    this.expect('right', context);
    const saveVars = this.vars;
    this.vars = ['$'];
    const [list, end] = this.itemList();
    if (!(end instanceof End)) this.error(`unexpected {{else}} in ${context}`);
    this.vars = saveVars;
    this.add({ name, parseName: this.name, text: this.text, root: list });
  }

  private itemList(): [ListNode, End | Else] {
    const list: ListNode = { k: 'list', pos: this.peekNonSpace().pos, nodes: [] };
    while (this.peekNonSpace().t !== 'eof') {
      const n = this.textOrAction();
      if (n instanceof End || n instanceof Else) return [list, n];
      list.nodes.push(n);
    }
    this.error('unexpected EOF');
  }

  private textOrAction(): Node | End | Else {
    const t = this.nextNonSpace();
    if (t.t === 'text') return { k: 'text', text: t.v, pos: t.pos, start: t.pos, end: t.end };
    if (t.t === 'left') return this.action(t.pos);
    this.unexpected(t, 'input');
  }

  /** The offset just after the `}}` that closes the action begun at the current token. */
  private closeEnd(): number {
    return this.toks[this.i - 1].end;
  }

  private action(start: number): Node | End | Else {
    const t = this.nextNonSpace();
    if (t.t === 'keyword') {
      switch (t.v) {
        case 'block':
          return this.blockControl(start, t.pos);
        case 'break':
        case 'continue': {
          if (this.rangeDepth === 0) this.error(`{{${t.v}}} outside {{range}}`);
          const r = this.nextNonSpace();
          if (r.t !== 'right') this.unexpected(r, `{{${t.v}}}`);
          return { k: t.v, pos: t.pos, start, end: r.end };
        }
        case 'else': {
          const p = this.peekNonSpace();
          if (p.t === 'keyword' && (p.v === 'if' || p.v === 'with')) return new Else(p.pos, p.pos);
          const r = this.expect('right', 'else');
          return new Else(t.pos, r.end);
        }
        case 'end': {
          const r = this.expect('right', 'end');
          return new End(t.pos, r.end);
        }
        case 'if':
          return this.control('if', start, t.pos);
        case 'range':
          return this.control('range', start, t.pos);
        case 'with':
          return this.control('with', start, t.pos);
        case 'template':
          return this.templateControl(start, t.pos);
      }
    }
    this.backup();
    const first = this.peek();
    const pipe = this.pipeline('command', 'right');
    return { k: 'action', pipe, pos: first.pos, start, end: this.closeEnd() };
  }

  private control(context: 'if' | 'range' | 'with', start: number, pos: number): Node {
    const nvars = this.vars.length;
    const pipe = this.pipeline(context, 'right');
    if (context === 'range') this.rangeDepth++;
    const [list, next] = this.itemList();
    if (context === 'range') this.rangeDepth--;
    let elseList: ListNode | undefined;
    let end = next.endOff;
    if (next instanceof Else) {
      const p = this.peek();
      if (context !== 'range' && p.t === 'keyword' && p.v === context) {
        const tok = this.next();
        const nested = this.control(context, next.pos, tok.pos);
        elseList = { k: 'list', pos: next.pos, nodes: [nested] };
        end = (nested as { end: number }).end;
      } else {
        const [l, n2] = this.itemList();
        if (!(n2 instanceof End)) this.error('expected end; found {{else}}');
        elseList = l;
        end = n2.endOff;
      }
    }
    this.vars.length = nvars;
    void pos;
    return { k: context, pipe, list, elseList, pos: pipe.pos, start, end };
  }

  private templateName(t: Token, context: string): string {
    if (t.t !== 'string' && t.t !== 'rawstring') this.unexpected(t, context);
    return unquote(t.v, (m) => this.error(m));
  }

  private templateControl(start: number, pos: number): Node {
    const context = 'template clause';
    const nameTok = this.nextNonSpace();
    pos = nameTok.pos;
    const name = this.templateName(nameTok, context);
    let pipe: PipeNode | undefined;
    if (this.nextNonSpace().t !== 'right') {
      this.backup();
      pipe = this.pipeline(context, 'right');
    }
    return { k: 'template', name, pipe, pos, start, end: this.closeEnd() };
  }

  private blockControl(start: number, pos: number): Node {
    const context = 'block clause';
    const nameTok = this.nextNonSpace();
    pos = nameTok.pos;
    const name = this.templateName(nameTok, context);
    const pipe = this.pipeline(context, 'right');
    const end = this.closeEnd();
    const saveVars = this.vars;
    const saveDepth = this.rangeDepth;
    this.vars = ['$'];
    this.rangeDepth = 0;
    const [list, e] = this.itemList();
    if (!(e instanceof End)) this.error(`unexpected {{else}} in ${context}`);
    this.vars = saveVars;
    this.rangeDepth = saveDepth;
    this.add({ name, parseName: this.name, text: this.text, root: list });
    return { k: 'template', name, pipe, pos, start, end };
  }

  private pipeline(context: string, end: 'right' | 'rparen'): PipeNode {
    const first = this.peekNonSpace();
    const pipe: PipeNode = { k: 'pipe', pos: first.pos, isAssign: false, decl: [], cmds: [] };
    for (;;) {
      const v = this.peekNonSpace();
      if (v.t !== 'var') break;
      const save = this.i;
      this.nextNonSpace();
      const next = this.peekNonSpace();
      if (next.t === 'assign' || next.t === 'declare') {
        pipe.isAssign = next.t === 'assign';
        this.nextNonSpace();
        pipe.decl.push({ k: 'var', ident: [v.v], pos: v.pos });
        this.vars.push(v.v);
        break;
      }
      if (next.t === 'comma') {
        this.nextNonSpace();
        pipe.decl.push({ k: 'var', ident: [v.v], pos: v.pos });
        this.vars.push(v.v);
        if (context === 'range' && pipe.decl.length < 2) {
          const p = this.peekNonSpace();
          if (p.t === 'var' || p.t === 'right' || p.t === 'rparen') continue;
          this.error('range can only initialize variables');
        }
        this.error(`too many declarations in ${context}`);
      }
      // Not a declaration: put the variable back.
      this.i = save;
      break;
    }
    for (;;) {
      const t = this.nextNonSpace();
      if (t.t === end) {
        this.checkPipeline(pipe, context);
        return pipe;
      }
      switch (t.t) {
        case 'bool':
        case 'char':
        case 'dot':
        case 'field':
        case 'ident':
        case 'number':
        case 'nil':
        case 'rawstring':
        case 'string':
        case 'var':
        case 'lparen':
          this.backup();
          pipe.cmds.push(this.command());
          break;
        default:
          this.unexpected(t, context);
      }
    }
  }

  private checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.error(`missing value for ${context}`);
    pipe.cmds.slice(1).forEach((c, i) => {
      const k = c.args[0].k;
      if (k === 'bool' || k === 'dot' || k === 'nil' || k === 'number' || k === 'string')
        this.error(`non executable command in pipeline stage ${i + 2}`);
    });
  }

  private command(): Command {
    const cmd: Command = { k: 'command', pos: this.peekNonSpace().pos, args: [] };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) cmd.args.push(operand);
      const t = this.next();
      if (t.t === 'space') continue;
      if (t.t === 'right' || t.t === 'rparen') this.backup();
      else if (t.t !== 'pipe') this.unexpected(t, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.error('empty command');
    return cmd;
  }

  private operand(): Arg | undefined {
    let node = this.term();
    if (!node) return undefined;
    if (this.peek().t === 'field') {
      const pos = this.peek().pos;
      const fields: string[] = [];
      while (this.peek().t === 'field') fields.push(this.next().v.slice(1));
      switch (node.k) {
        case 'field':
          node = { k: 'field', ident: [...node.ident, ...fields], pos };
          break;
        case 'var':
          node = { k: 'var', ident: [...node.ident, ...fields], pos };
          break;
        case 'bool':
        case 'string':
        case 'number':
        case 'nil':
        case 'dot':
          return this.error(`unexpected . after term ${JSON.stringify(argStr(node))}`);
        default:
          node = { k: 'chain', node, field: fields, pos };
      }
    }
    return node;
  }

  private term(): Arg | undefined {
    const t = this.nextNonSpace();
    switch (t.t) {
      case 'ident':
        if (this.opts.hasFunction && !this.opts.hasFunction(t.v))
          this.error(`function ${JSON.stringify(t.v)} not defined`);
        return { k: 'ident', name: t.v, pos: t.pos };
      case 'dot':
        return { k: 'dot', pos: t.pos };
      case 'nil':
        return { k: 'nil', pos: t.pos };
      case 'var':
        if (!this.vars.includes(t.v)) this.error(`undefined variable ${JSON.stringify(t.v)}`);
        return { k: 'var', ident: [t.v], pos: t.pos };
      case 'field':
        return { k: 'field', ident: [t.v.slice(1)], pos: t.pos };
      case 'bool':
        return { k: 'bool', value: t.v === 'true', pos: t.pos };
      case 'char':
      case 'number':
        return this.number(t);
      case 'lparen':
        return this.pipeline('parenthesized pipeline', 'rparen');
      case 'string':
      case 'rawstring':
        return { k: 'string', quoted: t.v, text: unquote(t.v, (m) => this.error(m)), pos: t.pos };
    }
    this.backup();
    return undefined;
  }

  private number(t: Token): Arg {
    if (t.t === 'char') {
      const s = unquote(t.v, (m) => this.error(m));
      const cp = BigInt(s.codePointAt(0) ?? 0);
      return { k: 'number', text: t.v, isInt: true, isFloat: true, int: cp, float: Number(cp), pos: t.pos };
    }
    const text = t.v;
    if (text.endsWith('i')) this.error(`complex numbers are not supported: ${JSON.stringify(text)}`);
    const i = parseGoInt(text);
    if (i !== undefined) return { k: 'number', text, isInt: true, isFloat: true, int: i, float: Number(i), pos: t.pos };
    const f = parseGoFloat(text);
    if (f === undefined) this.error(`illegal number syntax: ${JSON.stringify(text)}`);
    if (!/[.eEpP]/.test(text) || /^[+-]?0[xX][0-9a-fA-F_]+$/.test(text))
      this.error(`integer overflow: ${JSON.stringify(text)}`);
    const isInt = Number.isInteger(f) && Math.abs(f) < 2 ** 63;
    return { k: 'number', text, isInt, isFloat: true, int: isInt ? BigInt(f) : 0n, float: f, pos: t.pos };
  }
}

const argStr = (a: Arg): string =>
  a.k === 'string'
    ? a.quoted
    : a.k === 'number'
      ? a.text
      : a.k === 'bool'
        ? String(a.value)
        : a.k === 'nil'
          ? 'nil'
          : '.';

function isEmptyTree(l: ListNode): boolean {
  return l.nodes.every((n) => n.k === 'text' && n.text.trim() === '');
}
