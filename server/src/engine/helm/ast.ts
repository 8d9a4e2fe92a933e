/** The parse tree of a Go template (text/template/parse's node types), with source offsets. */

export interface Pos {
  /** Offset of the node's first character (Go's Pos). */
  pos: number;
}

export type Arg =
  | ({ k: 'field'; ident: string[] } & Pos)
  | ({ k: 'var'; ident: string[] } & Pos)
  | ({ k: 'ident'; name: string } & Pos)
  | ({ k: 'dot' } & Pos)
  | ({ k: 'nil' } & Pos)
  | ({ k: 'bool'; value: boolean } & Pos)
  | ({ k: 'number'; text: string; isInt: boolean; isFloat: boolean; int: bigint; float: number } & Pos)
  | ({ k: 'string'; quoted: string; text: string } & Pos)
  | ({ k: 'chain'; node: Arg; field: string[] } & Pos)
  | PipeNode;

export interface Command extends Pos {
  k: 'command';
  args: Arg[];
}

export interface PipeNode extends Pos {
  k: 'pipe';
  isAssign: boolean;
  decl: ({ k: 'var'; ident: string[] } & Pos)[];
  cmds: Command[];
}

/** Where an action or text sits in its file: [start, end) of the whole `{{ ... }}` or of the text kept after trimming. */
export interface Span extends Pos {
  start: number;
  end: number;
}

export type Node =
  | ({ k: 'text'; text: string } & Span)
  | ({ k: 'action'; pipe: PipeNode } & Span)
  | ({ k: 'if' | 'with'; pipe: PipeNode; list: ListNode; elseList?: ListNode } & Span)
  | ({ k: 'range'; pipe: PipeNode; list: ListNode; elseList?: ListNode } & Span)
  | ({ k: 'template'; name: string; pipe?: PipeNode } & Span)
  | ({ k: 'break' | 'continue' } & Span);

export interface ListNode extends Pos {
  k: 'list';
  nodes: Node[];
}

/** One parsed template: a file's top level or a `define`. */
export interface Tree {
  name: string;
  /** The file (template) whose text holds this tree: positions are offsets into `text`. */
  parseName: string;
  text: string;
  root: ListNode;
}

const quoteGo = (s: string) => JSON.stringify(s);

/** Node.String() as Go prints it in error contexts. */
export function argString(a: Arg): string {
  switch (a.k) {
    case 'field':
      return a.ident.map((i) => '.' + i).join('');
    case 'var':
      return a.ident.join('.');
    case 'ident':
      return a.name;
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'bool':
      return String(a.value);
    case 'number':
      return a.text;
    case 'string':
      return a.quoted;
    case 'chain':
      return (
        (a.node.k === 'pipe' ? `(${argString(a.node)})` : argString(a.node)) + a.field.map((f) => '.' + f).join('')
      );
    case 'pipe':
      return pipeString(a);
  }
}

export function commandString(c: Command): string {
  return c.args.map((a) => (a.k === 'pipe' ? `(${pipeString(a)})` : argString(a))).join(' ');
}

export function pipeString(p: PipeNode): string {
  let s = '';
  if (p.decl.length) s = p.decl.map((d) => d.ident.join('.')).join(', ') + (p.isAssign ? ' = ' : ' := ');
  return s + p.cmds.map(commandString).join(' | ');
}

export function nodeString(n: Node): string {
  switch (n.k) {
    case 'text':
      return n.text;
    case 'action':
      return `{{${pipeString(n.pipe)}}}`;
    case 'template':
      return n.pipe ? `{{template ${quoteGo(n.name)} ${pipeString(n.pipe)}}}` : `{{template ${quoteGo(n.name)}}}`;
    case 'break':
      return '{{break}}';
    case 'continue':
      return '{{continue}}';
    default:
      return `{{${n.k} ${pipeString(n.pipe)}}}`;
  }
}
