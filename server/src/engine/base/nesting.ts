/**
 * Upper bounds of how deeply a text nests, checked before handing it to a recursive parser.
 *
 * The YAML composer and mvdan-sh's parser and walker recurse once (or more) per nesting level. Near the
 * stack limit they throw RangeError, and the damage does not stop there: mvdan-sh (Go compiled by GopherJS)
 * keeps the deferred calls of the aborted frames, so later, unrelated scripts fail to parse; and V8 may abort
 * the whole process ("RegExpCompiler Allocation failed") when a regular expression is first compiled that
 * close to the limit. A few kilobytes of brackets do it. Real files nest a few dozen levels at most, so text
 * nested deeper than these bounds is not parsed at all.
 */

/** YAML collection levels (block indentation levels, `- ` entries, flow brackets); overflow starts near 800. */
export const MAX_YAML_NESTING = 200;

/** Weighted shell nesting (see {@link shellNesting}); pipelines overflow near 500, subshells near 128 levels. */
export const MAX_SHELL_NESTING = 200;

/** A group (`(`, `{`, `[`, `$(`, backquotes, `if`/`for`/`while`/`case` bodies) costs mvdan-sh about four chain links. */
const SHELL_GROUP = 4;

export interface Nesting {
  depth: number;
  /** Offset in the text where `depth` is first reached. */
  offset: number;
}

const isBlank = (c: string | undefined) => c === ' ' || c === '\t';
const isBreak = (c: string | undefined) => c === '\n' || c === '\r';

/**
 * An upper bound of the YAML nesting of `text`: block levels by an indentation stack (plus compact `- - x`
 * entries on one line) and flow brackets outside quotes and comments. Linear, no allocation per character.
 */
export function yamlNesting(text: string): Nesting {
  const n = text.length;
  const indents: number[] = [];
  let flow = 0;
  let block = 0;
  let best: Nesting = { depth: 0, offset: 0 };
  const note = (at: number) => {
    if (block + flow > best.depth) best = { depth: block + flow, offset: at };
  };
  let i = 0;
  let lineStart = true;
  while (i < n) {
    if (lineStart) {
      lineStart = false;
      let j = i;
      while (text[j] === ' ') j++;
      const indent = j - i;
      let entries = 0;
      while (
        (text[j] === '-' || text[j] === '?' || text[j] === ':') &&
        (isBlank(text[j + 1]) || isBreak(text[j + 1]) || j + 1 >= n)
      ) {
        entries++;
        j++;
        while (isBlank(text[j])) j++;
      }
      const content = j < n && !isBreak(text[j]) && text[j] !== '#';
      if (flow === 0 && content) {
        while (indents.length > 0 && indents[indents.length - 1] > indent) indents.pop();
        if (indents.length === 0 || indents[indents.length - 1] < indent) indents.push(indent);
        block = indents.length + entries;
        note(j);
      }
      i = j;
      continue;
    }
    const c = text[i];
    if (c === '\n') {
      lineStart = true;
    } else if (c === '[' || c === '{') {
      flow++;
      note(i);
    } else if (c === ']' || c === '}') {
      if (flow > 0) flow--;
    } else if (c === '#' && (i === 0 || isBlank(text[i - 1]) || isBreak(text[i - 1]))) {
      const e = text.indexOf('\n', i);
      i = e < 0 ? n : e;
      continue;
    } else if ((c === '"' || c === "'") && startsScalar(text, i)) {
      // A quoted scalar (it may span lines; its line breaks start no block lines). A quote inside a plain
      // scalar is text: skipping from it would hide brackets the parser does see.
      let j = i + 1;
      for (; j < n; j++) {
        if (c === '"' && text[j] === '\\') j++;
        else if (text[j] === c) {
          if (c === "'" && text[j + 1] === "'") j++;
          else break;
        }
      }
      i = j + 1;
      continue;
    }
    i++;
  }
  return best;
}

/** Whether a quote at `i` starts a scalar: first on its line, or after an indicator (`:`, `-`, `?`, `[`, `{`, `,`). */
function startsScalar(text: string, i: number): boolean {
  let j = i - 1;
  while (j >= 0 && isBlank(text[j])) j--;
  return j < 0 || isBreak(text[j]) || ':-?[{,'.includes(text[j]);
}

const OPENERS: Record<string, string> = {
  if: 'fi',
  case: 'esac',
  for: 'done',
  select: 'done',
  while: 'done',
  until: 'done',
};
const CLOSERS = new Set(['fi', 'esac', 'done']);
/** Words after which the next word is in command position (where keywords are recognised). */
const LEADING = new Set(['then', 'else', 'elif', 'do', 'if', 'while', 'until', '!', 'time']);

/**
 * An upper bound of how deeply mvdan-sh nests the tree of `script`, in chain links: each `|`, `||`, `&&`
 * (left-nested binary commands) counts one, each enclosing group {@link SHELL_GROUP}. Quotes, escapes and
 * comments are skipped; a closer only closes a group of its own kind, so stray ones never lower the bound.
 */
export function shellNesting(script: string): Nesting {
  const n = script.length;
  const stack: { close: string; ops: number; dq: boolean }[] = [];
  let ops = 0;
  let base = 0;
  let dq = false;
  let afterOp = false;
  let command = true;
  let best: Nesting = { depth: 0, offset: 0 };
  const note = (at: number) => {
    if (base + ops > best.depth) best = { depth: base + ops, offset: at };
  };
  const push = (close: string, at: number) => {
    stack.push({ close, ops, dq });
    base += SHELL_GROUP + ops;
    ops = 0;
    dq = false;
    command = true;
    note(at);
  };
  const pop = (close: string) => {
    const top = stack[stack.length - 1];
    if (!top || top.close !== close) return;
    stack.pop();
    base -= SHELL_GROUP + top.ops;
    ops = top.ops;
    dq = top.dq;
    command = false;
  };
  /** Heredoc delimiters seen on the current line: their bodies (text, not shell) are skipped at its end. */
  const heredocs: { word: string; tabs: boolean }[] = [];
  for (let i = 0; i < n; i++) {
    const c = script[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '<' && script[i + 1] === '<' && script[i + 2] !== '<' && !dq) {
      const m = /^<<(-?)[ \t]*(?:'([^'\n]*)'|"([^"\n]*)"|\\?([^\s;&|<>()]+))/.exec(script.slice(i, i + 200));
      if (m) {
        heredocs.push({ word: m[2] ?? m[3] ?? m[4], tabs: m[1] === '-' });
        i += m[0].length - 1;
        continue;
      }
    }
    if (c === '\n' && heredocs.length > 0) {
      // Each body runs to a line that is its delimiter (after tabs, for <<-).
      let at = i + 1;
      for (const h of heredocs.splice(0)) {
        for (;;) {
          const e = script.indexOf('\n', at);
          const line = script.slice(at, e < 0 ? n : e);
          at = e < 0 ? n : e + 1;
          if ((h.tabs ? line.replace(/^\t+/, '') : line) === h.word || e < 0) break;
        }
      }
      i = at - 1;
      if (!afterOp) ops = 0;
      command = true;
      continue;
    }
    if (dq) {
      if (c === '"') dq = false;
      else if (c === '`') {
        if (stack[stack.length - 1]?.close === '`') pop('`');
        else push('`', i);
      } else if (c === '$' && (script[i + 1] === '(' || script[i + 1] === '{'))
        push(script[++i] === '(' ? ')' : '}', i);
      continue;
    }
    switch (c) {
      case "'": {
        const e = script.indexOf("'", i + 1);
        i = e < 0 ? n : e;
        command = false;
        continue;
      }
      case '"':
        dq = true;
        command = false;
        continue;
      case '#':
        if (i === 0 || /[\s;&|(]/.test(script[i - 1])) {
          const e = script.indexOf('\n', i);
          i = (e < 0 ? n : e) - 1;
          continue;
        }
        break;
      case '(':
      case '{':
      case '[':
        push(c === '(' ? ')' : c === '{' ? '}' : ']', i);
        continue;
      case ')':
        // In a case, `pattern)` closes no group; a command follows it.
        if (stack[stack.length - 1]?.close !== 'esac') pop(')');
        else command = true;
        continue;
      case '}':
      case ']':
        pop(c);
        continue;
      case '`':
        if (stack[stack.length - 1]?.close === '`') pop('`');
        else push('`', i);
        continue;
      case '|':
      case '&':
        if (script[i + 1] === '|' || script[i + 1] === '&') i++;
        ops++;
        afterOp = true;
        command = true;
        note(i);
        continue;
      case ';':
        ops = 0;
        command = true;
        continue;
      case '\n':
        if (!afterOp) ops = 0;
        command = true;
        continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') continue;
    afterOp = false;
    // A word: keywords open and close groups in command position.
    let e = i;
    while (e < n && !/[\s;&|()<>`'"\\{}[\]]/.test(script[e])) e++;
    if (e === i) {
      command = false;
      continue;
    }
    const word = script.slice(i, e);
    if (command && OPENERS[word]) push(OPENERS[word], i);
    else if (command && CLOSERS.has(word)) pop(word);
    else command = LEADING.has(word);
    i = e - 1;
  }
  return best;
}
