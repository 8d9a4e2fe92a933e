/** Sprig's string functions. */
import type { GoFunc, ParamType } from '../exec';
import { goQuote, sprint } from '../fmt';
import { byteLen, fromUtf8, utf8 } from '../values';
import { strslice, strval } from './conv';
import { adler32sum, b32dec, b32enc, b64dec, b64enc, sha1sum, sha256sum } from './crypto';

export const def = (params: ParamType[], fn: (...a: never[]) => unknown, variadic?: ParamType): GoFunc => ({
  fn: (a) => (fn as (...a: unknown[]) => unknown)(...a),
  params,
  variadic,
});

/** Go string slicing is by bytes; slice through UTF-8 when the text is not ASCII. */
export function byteSlice(s: string, a: number, b?: number): string {
  if (/^[\x00-\x7f]*$/.test(s)) return s.slice(a, b);
  return fromUtf8(utf8(s).slice(a, b));
}

const isSep = (c: string) => !/[\p{L}\p{N}_]/u.test(c);

/** strings.Title: upper-case the first letter of each word. */
export function title(s: string): string {
  let prev = ' ';
  let out = '';
  for (const c of s) {
    out += isSep(prev) ? c.toUpperCase() : c;
    prev = c;
  }
  return out;
}

function untitle(s: string): string {
  let prev = ' ';
  let out = '';
  for (const c of s) {
    out += /\s/.test(prev) ? c.toLowerCase() : c;
    prev = c;
  }
  return out;
}

/** goutils.SwapCase: upper and title case become lower, lower becomes upper. */
const swapcase = (s: string) => [...s].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('');

/** xstrings' word split: lower/upper boundaries, digits, and separators (_ - space .). */
function words(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  const chars = [...s];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (/[\s_\-.]/.test(c)) {
      if (cur) out.push(cur);
      cur = '';
      continue;
    }
    const prev = chars[i - 1];
    const next = chars[i + 1];
    const upper = /\p{Lu}/u.test(c);
    if (
      cur &&
      upper &&
      (/[\p{Ll}\p{N}]/u.test(prev ?? '') || (/\p{Lu}/u.test(prev ?? '') && /\p{Ll}/u.test(next ?? '')))
    ) {
      out.push(cur);
      cur = '';
    }
    cur += c;
  }
  if (cur) out.push(cur);
  return out;
}

const snakecase = (s: string) =>
  words(s)
    .map((w) => w.toLowerCase())
    .join('_');
const kebabcase = (s: string) =>
  words(s)
    .map((w) => w.toLowerCase())
    .join('-');
function camelcase(s: string): string {
  // xstrings.ToCamelCase: split on _ (and spaces), capitalise each part, keep the rest as is.
  return s
    .split(/[_\s]+/)
    .filter(Boolean)
    .map((p) => p[0].toUpperCase() + p.slice(1))
    .join('');
}

function wrapText(width: number, s: string, nl = '\n'): string {
  // goutils.WrapCustom(str, width, newline, wrapLongWords=false)
  const lines = s.split('\n');
  return lines
    .map((line) => {
      const ws = line.split(' ');
      const out: string[] = [];
      let cur = '';
      for (const w of ws) {
        if (cur === '') cur = w;
        else if (cur.length + 1 + w.length <= width) cur += ' ' + w;
        else {
          out.push(cur);
          cur = w;
        }
      }
      out.push(cur);
      return out.join(nl);
    })
    .join('\n');
}

function abbrev(width: number, s: string): string {
  if (width < 4) return s;
  if (s.length <= width) return s;
  return s.slice(0, width - 3) + '...';
}

function abbrevboth(left: number, right: number, s: string): string {
  if (right < 4 || (left > 0 && right < 7)) return s;
  if (s.length <= right) return s;
  let offset = left;
  if (offset > s.length) offset = s.length;
  if (s.length - offset < right - 3) offset = s.length - (right - 3);
  if (offset <= 4) return s.slice(0, right - 3) + '...';
  if (right < 7) return s;
  if (offset + right - 3 < s.length) return '...' + abbrev(right - 3, s.slice(offset));
  return '...' + s.slice(s.length - (right - 3));
}

function substr(start: bigint, end: bigint, s: string): string {
  const n = byteLen(s);
  const a = Number(start),
    b = Number(end);
  if (a < 0) return byteSlice(s, 0, b);
  if (b < 0 || b > n) return byteSlice(s, a);
  if (a > b) throw new Error(`runtime error: slice bounds out of range [${a}:${b}]`);
  return byteSlice(s, a, b);
}

function trunc(c: bigint, s: string): string {
  const n = byteLen(s);
  const k = Number(c);
  if (k < 0 && n + k > 0) return byteSlice(s, n + k);
  if (k >= 0 && n > k) return byteSlice(s, 0, k);
  return s;
}

function initials(s: string): string {
  return s
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => [...w][0])
    .join('');
}

/** Go's regexp syntax to JavaScript's (named groups, flags). */
export function goRegex(re: string, flags = ''): RegExp {
  let src = re.replace(/\(\?P</g, '(?<');
  let f = flags;
  const m = /^\(\?([imsU]+)\)/.exec(src);
  if (m) {
    src = src.slice(m[0].length);
    for (const c of m[1]) if (c !== 'U' && !f.includes(c)) f += c;
  }
  src = src
    .replace(/\\z/g, '$(?![\\s\\S])')
    .replace(/\\A/g, '^')
    .replace(/\[\[:(\w+):\]\]/g, (_, c) => `[${POSIX[c] ?? ''}]`)
    .replace(/\[:(\w+):\]/g, (_, c) => POSIX[c] ?? '');
  try {
    return new RegExp(src, f + 'u');
  } catch {
    try {
      return new RegExp(src, f);
    } catch (e) {
      throw new Error(`error parsing regexp: ${(e as Error).message}`);
    }
  }
}
const POSIX: Record<string, string> = {
  alpha: 'A-Za-z',
  digit: '0-9',
  alnum: 'A-Za-z0-9',
  space: '\\s',
  upper: 'A-Z',
  lower: 'a-z',
  punct: '!-/:-@[-`{-~',
  xdigit: '0-9A-Fa-f',
  word: '\\w',
};

/** Go's Regexp.Expand template ($1, ${1}, $name) applied to one match. */
function expand(tpl: string, m: RegExpExecArray): string {
  return tpl.replace(/\$(\$|\{(\w+)\}|(\w+))/g, (_, all, braced, bare) => {
    if (all === '$') return '$';
    const name = braced ?? bare;
    if (/^\d+$/.test(name)) return m[Number(name)] ?? '';
    return m.groups?.[name] ?? '';
  });
}

export function regexReplaceAll(re: string, s: string, repl: string, literal = false): string {
  const r = goRegex(re, 'g');
  return s.replace(r, (...args) => {
    if (literal) return repl;
    const groups = typeof args[args.length - 1] === 'object' ? args[args.length - 1] : undefined;
    const m = args.slice(0, typeof groups === 'object' ? -3 : -2) as unknown as RegExpExecArray;
    m.groups = groups;
    return expand(repl, m);
  });
}

function regexFindAll(re: string, s: string, n: bigint): string[] {
  const all = [...s.matchAll(goRegex(re, 'g'))].map((m) => m[0]);
  return n < 0n ? all : all.slice(0, Number(n));
}

function regexSplit(re: string, s: string, n: bigint): string[] {
  if (n === 0n) return [];
  const r = goRegex(re, 'g');
  const out: string[] = [];
  let last = 0;
  for (const m of s.matchAll(r)) {
    if (n > 0n && out.length === Number(n) - 1) break;
    if (m[0] === '' && (m.index === 0 || m.index === s.length)) continue;
    out.push(s.slice(last, m.index));
    last = m.index + m[0].length;
  }
  out.push(s.slice(last));
  return out;
}

const regexQuoteMeta = (s: string) => s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');

function split(sep: string, s: string, n = -1): Record<string, unknown> {
  const parts = goSplit(s, sep, n);
  const m: Record<string, unknown> = {};
  parts.forEach((p, i) => (m[`_${i}`] = p));
  return m;
}

/** strings.SplitN. */
export function goSplit(s: string, sep: string, n = -1): string[] {
  if (n === 0) return [];
  if (sep === '') {
    const cs = [...s];
    return n > 0 && cs.length > n ? [...cs.slice(0, n - 1), cs.slice(n - 1).join('')] : cs;
  }
  const parts = s.split(sep);
  if (n > 0 && parts.length > n) return [...parts.slice(0, n - 1), parts.slice(n - 1).join(sep)];
  return parts;
}

export function strings(): [string, GoFunc][] {
  return [
    ['upper', def(['s'], (s: string) => s.toUpperCase())],
    ['lower', def(['s'], (s: string) => s.toLowerCase())],
    ['title', def(['s'], title)],
    ['untitle', def(['s'], untitle)],
    ['swapcase', def(['s'], swapcase)],
    ['substr', def(['i', 'i', 's'], substr)],
    [
      'repeat',
      def(['i', 's'], (n: bigint, s: string) => {
        if (n < 0n) throw new Error('strings: negative Repeat count');
        if (Number(n) * s.length > 64 * 1024 * 1024) throw new Error('strings: Repeat output length overflow');
        return s.repeat(Number(n));
      }),
    ],
    ['trim', def(['s'], (s: string) => s.trim())],
    ['trimAll', def(['s', 's'], (cut: string, s: string) => trimChars(s, cut, true, true))],
    ['trimall', def(['s', 's'], (cut: string, s: string) => trimChars(s, cut, true, true))],
    [
      'trimSuffix',
      def(['s', 's'], (suf: string, s: string) => (suf && s.endsWith(suf) ? s.slice(0, s.length - suf.length) : s)),
    ],
    ['trimPrefix', def(['s', 's'], (pre: string, s: string) => (s.startsWith(pre) ? s.slice(pre.length) : s))],
    ['nospace', def(['s'], (s: string) => s.replace(/\s/gu, ''))],
    ['initials', def(['s'], initials)],
    ['wrap', def(['i', 's'], (w: bigint, s: string) => wrapText(Math.max(1, Number(w)), s))],
    ['wrapWith', def(['i', 's', 's'], (w: bigint, nl: string, s: string) => wrapText(Math.max(1, Number(w)), s, nl))],
    ['abbrev', def(['i', 's'], (w: bigint, s: string) => abbrev(Number(w), s))],
    ['abbrevboth', def(['i', 'i', 's'], (l: bigint, r: bigint, s: string) => abbrevboth(Number(l), Number(r), s))],
    ['trunc', def(['i', 's'], trunc)],
    ['contains', def(['s', 's'], (sub: string, s: string) => s.includes(sub))],
    ['hasPrefix', def(['s', 's'], (p: string, s: string) => s.startsWith(p))],
    ['hasSuffix', def(['s', 's'], (p: string, s: string) => s.endsWith(p))],
    [
      'quote',
      def(
        [],
        (...a: unknown[]) =>
          a
            .filter((x) => x !== null && x !== undefined)
            .map((x) => goQuote(strval(x)))
            .join(' '),
        'a',
      ),
    ],
    [
      'squote',
      def(
        [],
        (...a: unknown[]) =>
          a
            .filter((x) => x !== null && x !== undefined)
            .map((x) => `'${strval(x)}'`)
            .join(' '),
        'a',
      ),
    ],
    [
      'cat',
      def(
        [],
        (...a: unknown[]) =>
          a
            .filter((x) => x !== null && x !== undefined)
            .map((x) => sprint([x]))
            .join(' '),
        'a',
      ),
    ],
    [
      'indent',
      def(['i', 's'], (n: bigint, s: string) => {
        const p = ' '.repeat(Math.max(0, Number(n)));
        return p + s.replaceAll('\n', '\n' + p);
      }),
    ],
    [
      'nindent',
      def(['i', 's'], (n: bigint, s: string) => {
        const p = ' '.repeat(Math.max(0, Number(n)));
        return '\n' + p + s.replaceAll('\n', '\n' + p);
      }),
    ],
    [
      'replace',
      def(['s', 's', 's'], (o: string, n: string, s: string) => (o === '' ? goReplaceEmpty(s, n) : s.split(o).join(n))),
    ],
    ['plural', def(['s', 's', 'i'], (one: string, many: string, n: bigint) => (n === 1n ? one : many))],
    ['snakecase', def(['s'], snakecase)],
    ['camelcase', def(['s'], camelcase)],
    ['kebabcase', def(['s'], kebabcase)],
    ['toString', def(['a'], strval)],
    ['toStrings', def(['a'], strslice)],
    ['b64enc', def(['s'], b64enc)],
    ['b64dec', def(['s'], b64dec)],
    ['b32enc', def(['s'], b32enc)],
    ['b32dec', def(['s'], b32dec)],
    ['sha1sum', def(['s'], sha1sum)],
    ['sha256sum', def(['s'], sha256sum)],
    ['adler32sum', def(['s'], adler32sum)],
    ['split', def(['s', 's'], (sep: string, s: string) => split(sep, s))],
    ['splitn', def(['s', 'i', 's'], (sep: string, n: bigint, s: string) => split(sep, s, Number(n)))],
    ['splitList', def(['s', 's'], (sep: string, s: string) => goSplit(s, sep))],
    ['join', def(['s', 'a'], (sep: string, v: unknown) => strslice(v).join(sep))],
    [
      'regexMatch',
      def(['s', 's'], (re: string, s: string) => {
        try {
          return goRegex(re).test(s);
        } catch {
          return false;
        }
      }),
    ],
    ['mustRegexMatch', def(['s', 's'], (re: string, s: string) => goRegex(re).test(s))],
    ['regexFind', def(['s', 's'], (re: string, s: string) => goRegex(re).exec(s)?.[0] ?? '')],
    ['mustRegexFind', def(['s', 's'], (re: string, s: string) => goRegex(re).exec(s)?.[0] ?? '')],
    ['regexFindAll', def(['s', 's', 'i'], regexFindAll)],
    ['mustRegexFindAll', def(['s', 's', 'i'], regexFindAll)],
    ['regexReplaceAll', def(['s', 's', 's'], (re: string, s: string, r: string) => regexReplaceAll(re, s, r))],
    ['mustRegexReplaceAll', def(['s', 's', 's'], (re: string, s: string, r: string) => regexReplaceAll(re, s, r))],
    [
      'regexReplaceAllLiteral',
      def(['s', 's', 's'], (re: string, s: string, r: string) => regexReplaceAll(re, s, r, true)),
    ],
    [
      'mustRegexReplaceAllLiteral',
      def(['s', 's', 's'], (re: string, s: string, r: string) => regexReplaceAll(re, s, r, true)),
    ],
    ['regexSplit', def(['s', 's', 'i'], regexSplit)],
    ['mustRegexSplit', def(['s', 's', 'i'], regexSplit)],
    ['regexQuoteMeta', def(['s'], regexQuoteMeta)],
  ];
}

function goReplaceEmpty(s: string, n: string): string {
  const cs = [...s];
  return n + cs.join(n) + (cs.length ? n : '');
}

function trimChars(s: string, cut: string, left: boolean, right: boolean): string {
  const set = new Set([...cut]);
  const cs = [...s];
  let a = 0,
    b = cs.length;
  if (left) while (a < b && set.has(cs[a])) a++;
  if (right) while (b > a && set.has(cs[b - 1])) b--;
  return cs.slice(a, b).join('');
}
