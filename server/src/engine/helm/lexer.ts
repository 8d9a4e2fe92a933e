/** Go text/template's lexer (text/template/parse/lex.go semantics): text, actions, trim markers, comments. */

export type TokType =
  | 'text'
  | 'left'
  | 'right'
  | 'space'
  | 'ident'
  | 'keyword'
  | 'field'
  | 'var'
  | 'string'
  | 'rawstring'
  | 'char'
  | 'number'
  | 'bool'
  | 'nil'
  | 'dot'
  | 'pipe'
  | 'lparen'
  | 'rparen'
  | 'declare'
  | 'assign'
  | 'comma'
  | 'comment'
  | 'eof';

export interface Token {
  t: TokType;
  v: string;
  /** Offset in the source of the token's first character. */
  pos: number;
  end: number;
  line: number;
}

export class LexError extends Error {
  constructor(
    readonly msg: string,
    readonly line: number,
  ) {
    super(msg);
  }
}

const KEYWORDS = new Set([
  'block',
  'break',
  'continue',
  'define',
  'else',
  'end',
  'if',
  'range',
  'nil',
  'template',
  'with',
]);
const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isAlnum = (c: string | undefined): boolean => c !== undefined && (c === '_' || /[\p{L}\p{Nd}]/u.test(c));

export function lex(src: string, left = '{{', right = '}}'): Token[] {
  const out: Token[] = [];
  let pos = 0;
  let line = 1;
  const count = (a: number, b: number) => {
    for (let i = a; i < b; i++) if (src.charCodeAt(i) === 10) line++;
  };
  const emit = (t: TokType, start: number, end: number, v = src.slice(start, end)) => {
    out.push({ t, v, pos: start, end, line });
    count(start, end);
  };
  const leftTrim = (i: number) => src[i] === '-' && isSpace(src[i + 1]);
  const rightTrimAt = (i: number) => isSpace(src[i]) && src[i + 1] === '-' && src.startsWith(right, i + 2);

  while (pos < src.length) {
    // Text up to the next left delimiter.
    let next = src.indexOf(left, pos);
    if (next < 0) next = src.length;
    let textEnd = next;
    const trimLeft = next < src.length && leftTrim(next + left.length);
    if (trimLeft) while (textEnd > pos && isSpace(src[textEnd - 1])) textEnd--;
    if (textEnd > pos) emit('text', pos, textEnd);
    count(textEnd, next);
    if (next >= src.length) {
      pos = next;
      break;
    }
    pos = next;
    const after = pos + left.length + (trimLeft ? 2 : 0);
    // Comment.
    if (src.startsWith('/*', after)) {
      const close = src.indexOf('*/', after + 2);
      if (close < 0) throw new LexError('unclosed comment', line);
      let e = close + 2;
      let trimRight = false;
      if (rightTrimAt(e)) {
        trimRight = true;
        e += 2;
      }
      if (!src.startsWith(right, e)) throw new LexError('comment ends before closing delimiter', line);
      e += right.length;
      count(pos, e);
      pos = e;
      if (trimRight) {
        const s = pos;
        while (pos < src.length && isSpace(src[pos])) pos++;
        count(s, pos);
      }
      continue;
    }
    emit('left', pos, pos + left.length);
    count(pos + left.length, after);
    pos = after;
    // Inside the action.
    let parens = 0;
    for (;;) {
      if (pos >= src.length) throw new LexError('unclosed action', line);
      if (rightTrimAt(pos) || src.startsWith(right, pos)) {
        const trimRight = rightTrimAt(pos);
        const s = pos;
        if (trimRight) pos += 2;
        if (parens > 0) throw new LexError('unclosed left paren', line);
        emit('right', s, pos + right.length, right);
        pos += right.length;
        if (trimRight) {
          const t = pos;
          while (pos < src.length && isSpace(src[pos])) pos++;
          count(t, pos);
        }
        break;
      }
      const c = src[pos];
      const start = pos;
      if (isSpace(c)) {
        while (pos < src.length && isSpace(src[pos]) && !rightTrimAt(pos)) pos++;
        if (pos === start) pos++; // a lone space before " -}}" handled above
        emit('space', start, pos);
      } else if (c === '=') {
        pos++;
        emit('assign', start, pos);
      } else if (c === ':') {
        if (src[pos + 1] !== '=') throw new LexError('expected :=', line);
        pos += 2;
        emit('declare', start, pos);
      } else if (c === '|') {
        pos++;
        emit('pipe', start, pos);
      } else if (c === ',') {
        pos++;
        emit('comma', start, pos);
      } else if (c === '"') {
        pos++;
        for (;;) {
          const d = src[pos];
          if (d === '\\') {
            pos += 2;
            continue;
          }
          if (d === undefined || d === '\n') throw new LexError('unterminated quoted string', line);
          pos++;
          if (d === '"') break;
        }
        emit('string', start, pos);
      } else if (c === '`') {
        const close = src.indexOf('`', pos + 1);
        if (close < 0) throw new LexError('unterminated raw quoted string', line);
        pos = close + 1;
        emit('rawstring', start, pos);
      } else if (c === "'") {
        pos++;
        for (;;) {
          const d = src[pos];
          if (d === '\\') {
            pos += 2;
            continue;
          }
          if (d === undefined || d === '\n') throw new LexError('unterminated character constant', line);
          pos++;
          if (d === "'") break;
        }
        emit('char', start, pos);
      } else if (c === '$') {
        pos++;
        while (isAlnum(src[pos])) pos++;
        emit('var', start, pos);
      } else if (c === '.') {
        if (/[0-9]/.test(src[pos + 1] ?? '')) {
          pos = scanNumber(src, pos, line);
          emit('number', start, pos);
        } else if (isAlnum(src[pos + 1])) {
          pos++;
          while (isAlnum(src[pos])) pos++;
          emit('field', start, pos);
        } else {
          pos++;
          emit('dot', start, pos);
        }
      } else if (c === '+' || c === '-' || /[0-9]/.test(c)) {
        pos = scanNumber(src, pos, line);
        emit('number', start, pos);
      } else if (isAlnum(c)) {
        while (isAlnum(src[pos])) pos++;
        const w = src.slice(start, pos);
        if (w === 'true' || w === 'false') emit('bool', start, pos);
        else if (w === 'nil') emit('nil', start, pos);
        else if (KEYWORDS.has(w)) emit('keyword', start, pos);
        else emit('ident', start, pos);
        if (src[pos] === '.' && KEYWORDS.has(w)) {
          /* e.g. `else.x`: the parser reports it */
        }
      } else if (c === '(') {
        parens++;
        pos++;
        emit('lparen', start, pos);
      } else if (c === ')') {
        parens--;
        if (parens < 0) throw new LexError("unexpected right paren U+0029 ')'", line);
        pos++;
        emit('rparen', start, pos);
      } else {
        throw new LexError(`unrecognized character in action: ${goQuoteRune(c)}`, line);
      }
    }
  }
  out.push({ t: 'eof', v: '', pos: src.length, end: src.length, line });
  return out;
}

function goQuoteRune(c: string): string {
  const code = c.codePointAt(0)!;
  if (code < 32) return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')} '${c}'`;
}

function scanNumber(src: string, pos: number, line: number): number {
  const start = pos;
  if (src[pos] === '+' || src[pos] === '-') pos++;
  let digits = '0123456789_';
  if (src[pos] === '0' && /[xXoObB]/.test(src[pos + 1] ?? '')) {
    const p = src[pos + 1].toLowerCase();
    digits = p === 'x' ? '0123456789abcdefABCDEF_' : p === 'o' ? '01234567_' : '01_';
    pos += 2;
  }
  while (pos < src.length && digits.includes(src[pos])) pos++;
  if (src[pos] === '.') {
    pos++;
    while (pos < src.length && digits.includes(src[pos])) pos++;
  }
  const exp = digits.length > 20 ? 'pP' : 'eE';
  if (exp.includes(src[pos] ?? '#')) {
    pos++;
    if (src[pos] === '+' || src[pos] === '-') pos++;
    while (pos < src.length && '0123456789_'.includes(src[pos])) pos++;
  }
  if (src[pos] === 'i') pos++;
  if (isAlnum(src[pos]) || src[pos] === '.') {
    let e = pos;
    while (isAlnum(src[e]) || src[e] === '.') e++;
    throw new LexError(`bad number syntax: "${src.slice(start, e)}"`, line);
  }
  return pos;
}
