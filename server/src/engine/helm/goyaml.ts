/**
 * A YAML writer for JSON-shaped data that follows go-yaml v2's emitter (what sigs.k8s.io/yaml, hence Helm's toYaml,
 * uses): block style, 2-space indent, sequences in mappings not indented, keys in go-yaml's order, strings plain
 * where its scalar analysis allows, else single- or double-quoted, multi-line strings as literal blocks, and long
 * scalars folded at the first space past column 80.
 */
import { formatFloat } from './fmt';
import { isMap } from './values';

const WIDTH = 80;

/** go-yaml v2's key order: letters after other characters, digit runs compared as numbers. */
export function goYamlKeyLess(a: string, b: string): boolean {
  const ar = [...a],
    br = [...b];
  const isLetter = (c: string) => /\p{L}/u.test(c);
  const isDigit = (c: string | undefined) => c !== undefined && /\p{Nd}/u.test(c);
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]),
      bl = isLetter(br[i]);
    if (al && bl) return ar[i] < br[i];
    if (al || bl) return bl;
    let an = 0,
      bn = 0;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--)
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
    }
    let ai = i,
      bi = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10 + Number(ar[ai]);
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10 + Number(br[bi]);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i] < br[i];
  }
  return ar.length < br.length;
}

/** Would go-yaml read this plain scalar as something other than a string (YAML 1.1 resolution)? */
export function resolvesNonString(s: string): boolean {
  if (
    /^(|~|null|Null|NULL|y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|<<)$/.test(
      s,
    )
  )
    return true;
  if (/^[-+]?(\.inf|\.Inf|\.INF)$|^(\.nan|\.NaN|\.NAN)$/.test(s)) return true;
  const plain = s.replace(/_/g, '');
  if (/^[-+]?(0b[01]+|0x[0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.test(plain) && /[0-9]/.test(s)) return true;
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(plain)) return true;
  if (/^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/.test(s)) return true; // base 60
  if (/^\d{4}-\d\d?-\d\d?(?:(?:[Tt]|[ \t]+)\d\d?:\d\d:\d\d(?:\.\d*)?(?:[ \t]*(?:Z|[-+]\d\d?(?::\d\d)?))?)?$/.test(s))
    return true;
  return false;
}

interface Analysis {
  flowPlain: boolean;
  blockPlain: boolean;
  single: boolean;
  block: boolean;
  multiline: boolean;
}

/** go-yaml's is_printable: LF, ASCII printable, U+00A0–U+D7FF, U+E000–U+FFFD but U+FEFF (no tab, CR or astral characters). */
const isPrintable = (c: number) =>
  c === 0xa || (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff);
const isBreak = (c: string | undefined) =>
  c === '\n' || c === '\r' || c === '\u0085' || c === '\u2028' || c === '\u2029';
const isSpace = (c: string | undefined) => c === ' ';
const isBlankz = (c: string | undefined) => c === undefined || c === ' ' || c === '\t' || isBreak(c);

/** yaml_emitter_analyze_scalar. */
function analyze(s: string): Analysis {
  if (!s) return { flowPlain: false, blockPlain: true, single: true, block: false, multiline: false };
  let flowInd = false,
    blockInd = false,
    lineBreaks = false,
    special = false;
  let leadingSpace = false,
    leadingBreak = false,
    trailingSpace = false,
    trailingBreak = false,
    breakSpace = false,
    spaceBreak = false;
  let prevSpace = false,
    prevBreak = false;
  if (s.startsWith('---') || s.startsWith('...')) {
    blockInd = true;
    flowInd = true;
  }
  const cs = [...s];
  let precededByWs = true;
  for (let i = 0; i < cs.length; i++) {
    const c = cs[i];
    const followedByWs = isBlankz(cs[i + 1]);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) {
        flowInd = true;
        blockInd = true;
      }
      if (c === '?' || c === ':') {
        flowInd = true;
        if (followedByWs) blockInd = true;
      }
      if (c === '-' && followedByWs) {
        flowInd = true;
        blockInd = true;
      }
    } else {
      if (',?[]{}'.includes(c)) flowInd = true;
      if (c === ':') {
        flowInd = true;
        if (followedByWs) blockInd = true;
      }
      if (c === '#' && precededByWs) {
        flowInd = true;
        blockInd = true;
      }
    }
    const code = c.codePointAt(0)!;
    if (!isPrintable(code) || code === 0xfeff) special = true;
    if (isBreak(c)) lineBreaks = true;
    if (isSpace(c)) {
      if (i === 0) leadingSpace = true;
      if (i === cs.length - 1) trailingSpace = true;
      if (prevBreak) breakSpace = true;
      prevSpace = true;
      prevBreak = false;
    } else if (isBreak(c)) {
      if (i === 0) leadingBreak = true;
      if (i === cs.length - 1) trailingBreak = true;
      if (prevSpace) spaceBreak = true;
      prevSpace = false;
      prevBreak = true;
    } else {
      prevSpace = false;
      prevBreak = false;
    }
    precededByWs = isBlankz(c);
  }
  const a: Analysis = { flowPlain: true, blockPlain: true, single: true, block: true, multiline: lineBreaks };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) {
    a.flowPlain = false;
    a.blockPlain = false;
  }
  if (trailingSpace) a.block = false;
  if (breakSpace) {
    a.flowPlain = false;
    a.blockPlain = false;
    a.single = false;
  }
  if (spaceBreak || special) {
    a.flowPlain = false;
    a.blockPlain = false;
    a.single = false;
    a.block = false;
  }
  if (lineBreaks) {
    a.flowPlain = false;
    a.blockPlain = false;
  }
  if (flowInd) a.flowPlain = false;
  if (blockInd) a.blockPlain = false;
  return a;
}

class Writer {
  out = '';
  column = 0;
  put(s: string): void {
    this.out += s;
    const nl = s.lastIndexOf('\n');
    this.column = nl < 0 ? this.column + [...s].length : [...s.slice(nl + 1)].length;
  }
  indent(n: number): void {
    if (this.out !== '') this.put('\n');
    this.put(' '.repeat(n));
  }
}

function escapeDouble(c: string): string {
  const code = c.codePointAt(0)!;
  switch (c) {
    case '\0':
      return '\\0';
    case '\x07':
      return '\\a';
    case '\b':
      return '\\b';
    case '\t':
      return '\\t';
    case '\n':
      return '\\n';
    case '\v':
      return '\\v';
    case '\f':
      return '\\f';
    case '\r':
      return '\\r';
    case '\x1b':
      return '\\e';
    case '"':
      return '\\"';
    case '\\':
      return '\\\\';
    case '\u0085':
      return '\\N';
    case '\u00a0':
      return '\\_';
    case '\u2028':
      return '\\L';
    case '\u2029':
      return '\\P';
  }
  if (code <= 0xff) return '\\x' + code.toString(16).toUpperCase().padStart(2, '0');
  if (code <= 0xffff) return '\\u' + code.toString(16).toUpperCase().padStart(4, '0');
  return '\\U' + code.toString(16).toUpperCase().padStart(8, '0');
}

/** Writes a string scalar; `indent` is where continuation lines start; `key` for mapping keys (no breaks). */
function writeString(w: Writer, s: string, indent: number, key: boolean): void {
  const a = analyze(s);
  let style: 'plain' | 'single' | 'double' | 'literal' = s.includes('\n')
    ? 'literal'
    : resolvesNonString(s)
      ? 'double'
      : 'plain';
  if (key && a.multiline) style = 'double';
  if (style === 'plain' && (!a.blockPlain || (s === '' && key))) style = 'single';
  if (style === 'single' && !a.single) style = 'double';
  if (style === 'literal' && (!a.block || key)) style = 'double';
  const breaks = !key;
  const cs = [...s];
  switch (style) {
    case 'plain': {
      let spaces = false;
      for (let i = 0; i < cs.length; i++) {
        const c = cs[i];
        if (c === ' ') {
          if (breaks && !spaces && w.column > WIDTH && !isSpace(cs[i + 1])) w.indent(indent);
          else w.put(c);
          spaces = true;
        } else {
          w.put(c);
          spaces = false;
        }
      }
      return;
    }
    case 'single': {
      w.put("'");
      let spaces = false;
      for (let i = 0; i < cs.length; i++) {
        const c = cs[i];
        if (c === ' ') {
          if (breaks && !spaces && w.column > WIDTH && i > 0 && i < cs.length - 1 && !isSpace(cs[i + 1]))
            w.indent(indent);
          else w.put(c);
          spaces = true;
        } else {
          w.put(c === "'" ? "''" : c);
          spaces = false;
        }
      }
      w.put("'");
      return;
    }
    case 'double': {
      w.put('"');
      let spaces = false;
      for (let i = 0; i < cs.length; i++) {
        const c = cs[i];
        const code = c.codePointAt(0)!;
        if (!isPrintable(code) || code === 0xfeff || isBreak(c) || c === '"' || c === '\\') {
          w.put(escapeDouble(c));
          spaces = false;
        } else if (c === ' ') {
          if (breaks && !spaces && w.column > WIDTH && i > 0 && i < cs.length - 1) {
            w.indent(indent);
            if (isSpace(cs[i + 1])) w.put('\\');
          } else w.put(c);
          spaces = true;
        } else {
          w.put(c);
          spaces = false;
        }
      }
      w.put('"');
      return;
    }
    case 'literal': {
      let hints = '';
      if (s[0] === ' ' || isBreak(s[0])) hints += '2';
      if (!isBreak(s[s.length - 1])) hints += '-';
      else if (s.length === 1 || isBreak(s[s.length - 2])) hints += '+';
      w.put('|' + hints);
      const lines = s.split('\n');
      if (s.endsWith('\n')) lines.pop();
      for (const line of lines) {
        w.put('\n');
        if (line !== '') w.put(' '.repeat(indent) + line);
      }
      return;
    }
  }
}

function writeScalar(w: Writer, v: unknown, indent: number, key = false): void {
  if (v === null || v === undefined) w.put('null');
  else if (typeof v === 'boolean') w.put(String(v));
  else if (typeof v === 'bigint') w.put(v.toString());
  else if (typeof v === 'number') {
    if (Number.isNaN(v)) w.put('.nan');
    else if (!Number.isFinite(v)) w.put(v > 0 ? '.inf' : '-.inf');
    else if (Number.isInteger(v) && Math.abs(v) < 2 ** 63) w.put(BigInt(v).toString());
    else w.put(formatFloat(v));
  } else writeString(w, String(v), indent, key);
}

const isCollection = (v: unknown) => (Array.isArray(v) && v.length > 0) || (isMap(v) && Object.keys(v).length > 0);

function sortKeys(m: Record<string, unknown>): string[] {
  return Object.keys(m).sort((a, b) => (goYamlKeyLess(a, b) ? -1 : goYamlKeyLess(b, a) ? 1 : 0));
}

/** Writes node `v` whose block content starts at `indent` (the caller has written what precedes it on the line). */
function writeNode(w: Writer, v: unknown, indent: number, inSeq: boolean): void {
  if (Array.isArray(v) && v.length) {
    v.forEach((x, i) => {
      if (i > 0 || !inSeq) w.indent(indent);
      w.put('- ');
      writeValue(w, x, indent + 2, true);
    });
  } else if (isMap(v) && Object.keys(v).length) {
    sortKeys(v).forEach((k, i) => {
      if (i > 0 || !inSeq) w.indent(indent);
      writeScalar(w, k, indent, true);
      w.put(':');
      const x = v[k];
      if (isCollection(x)) {
        // A sequence under a key is not indented; a mapping is.
        writeNode(w, x, Array.isArray(x) ? indent : indent + 2, false);
      } else {
        w.put(' ');
        writeValue(w, x, indent + 2, false);
      }
    });
  } else writeValue(w, v, indent, inSeq);
}

function writeValue(w: Writer, x: unknown, indent: number, afterDash: boolean): void {
  if (Array.isArray(x)) {
    if (!x.length) w.put('[]');
    else writeNode(w, x, indent, afterDash);
  } else if (isMap(x)) {
    if (!Object.keys(x).length) w.put('{}');
    else writeNode(w, x, indent, afterDash);
  } else writeScalar(w, x, indent);
}

/** go-yaml v2 Marshal of JSON-shaped data (maps, slices, strings, numbers, booleans, null), ending with "\n". */
export function marshalGoYaml(v: unknown): string {
  const w = new Writer();
  if (isCollection(v)) writeNode(w, v, 0, true);
  else writeValue(w, v, 2, false);
  return w.out + '\n';
}
