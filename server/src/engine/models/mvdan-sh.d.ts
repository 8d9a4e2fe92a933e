// mvdan-sh ships GopherJS output without types; we describe only what models/shell.ts and models/goAst.ts use, and
// what test/engine/shellAst.test.ts checks them against (Walk, NodeType).
declare module 'mvdan-sh' {
  export interface Pos {
    Offset(): number;
  }
  export interface Node {
    Pos(): Pos;
    End(): Pos;
    [key: string]: any;
  }
  export const syntax: {
    NewParser(...opts: unknown[]): { Parse(src: string, name: string): Node };
    Variant(lang: unknown): unknown;
    LangBash: unknown;
    Walk(node: Node, fn: (n: Node | null) => boolean): void;
    NodeType(n: Node): string;
  };
}
