/** Go's fmt for the template data model: %v of maps, slices and nil, Sprint/Sprintln spacing, Printf verbs. */
import { fromUtf8, GoInt64, GoStruct, GoTime, isMap, sortedKeys, typeName, utf8 } from './values';
import { formatTime } from './sprig/time';

/** strconv.FormatFloat: for 'g' with the shortest digits (%v), an exponent when it is < -4 or >= 6 (1e+06). */
export function formatFloat(f: number, verb = 'g', prec = -1): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  if (verb === 'f' || verb === 'F') return fixed(f, prec < 0 ? shortestFixedDigits(f) : prec);
  if (verb === 'e' || verb === 'E') {
    const s = prec < 0 ? f.toExponential() : f.toExponential(Math.min(prec, 100));
    return goExp(s, verb === 'E');
  }
  // 'g'
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  let digits: string;
  let exp: number;
  if (prec < 0) {
    const e = f.toExponential();
    const m = /^-?(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(e)!;
    digits = m[1] + (m[2] ?? '');
    exp = Number(m[3]);
  } else {
    const p = prec === 0 ? 1 : prec;
    const e = f.toExponential(p - 1);
    const m = /^-?(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(e)!;
    digits = (m[1] + (m[2] ?? '')).replace(/0+$/, '') || '0';
    exp = Number(m[3]);
  }
  const eprec = prec === 0 ? 1 : prec;
  const neg = f < 0 ? '-' : '';
  if (exp < -4 || exp >= (prec < 0 ? eprecShortest() : eprec)) {
    const mant = digits.length > 1 ? digits[0] + '.' + digits.slice(1) : digits;
    const ee = Math.abs(exp);
    return `${neg}${mant}e${exp < 0 ? '-' : '+'}${ee < 10 ? '0' : ''}${ee}`;
  }
  void eprec;
  if (exp < 0) return `${neg}0.${'0'.repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) return neg + digits + '0'.repeat(exp + 1 - digits.length);
  return `${neg}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}

const eprecShortest = () => 6;

function shortestFixedDigits(f: number): number {
  const s = String(Math.abs(f));
  if (/e/.test(s)) return Math.max(0, -Number(s.split('e')[1]) + (s.split('e')[0].split('.')[1]?.length ?? 0));
  return s.split('.')[1]?.length ?? 0;
}

function fixed(f: number, prec: number): string {
  if (Math.abs(f) < 1e21) return f.toFixed(Math.min(prec, 100));
  // toFixed switches to exponent form at 1e21: build the digits by hand.
  const big = BigInt(Math.round(f));
  return big.toString() + (prec > 0 ? '.' + '0'.repeat(prec) : '');
}

function goExp(s: string, upper: boolean): string {
  const m = /^(-?[\d.]+)e([+-])(\d+)$/.exec(s)!;
  const r = `${m[1]}e${m[2]}${m[3].padStart(2, '0')}`;
  return upper ? r.toUpperCase() : r;
}

/** fmt's %v. */
export function formatV(v: unknown, plus = false, top = true): string {
  if (v === null || v === undefined) return '<nil>';
  switch (typeof v) {
    case 'string':
      return v;
    case 'bigint':
      return v.toString();
    case 'number':
      return formatFloat(v);
    case 'boolean':
      return String(v);
    case 'function':
      return '0x1';
  }
  if (v instanceof GoInt64) return v.v.toString();
  if (Array.isArray(v)) return `[${v.map((x) => formatV(x, plus, false)).join(' ')}]`;
  if (v instanceof Uint8Array) return `[${Array.from(v).join(' ')}]`;
  if (v instanceof GoTime) return formatTime(v, '2006-01-02 15:04:05.999999999 -0700 MST');
  if (v instanceof GoStruct) {
    if (v.stringer) return v.stringer();
    if (v.entries)
      return `map[${sortedKeys(v.entries)
        .map((k) => `${k}:${formatV(v.entries![k], plus, false)}`)
        .join(' ')}]`;
    const body = Object.keys(v.fields)
      .map((k) => (plus ? `${k}:` : '') + formatV(v.fields[k], plus, false))
      .join(' ');
    return `${v.typeName.startsWith('*') && !top ? '0xc000' : v.typeName.startsWith('*') ? '&' : ''}{${body}}`;
  }
  if (isMap(v))
    return `map[${sortedKeys(v)
      .map((k) => `${k}:${formatV(v[k], plus, false)}`)
      .join(' ')}]`;
  return String(v);
}

const isStr = (v: unknown) => typeof v === 'string';

/** fmt.Sprint: spaces between operands when neither side is a string. */
export function sprint(args: unknown[]): string {
  let s = '';
  args.forEach((a, i) => {
    if (i > 0 && !isStr(a) && !isStr(args[i - 1])) s += ' ';
    s += formatV(a);
  });
  return s;
}

export const sprintln = (args: unknown[]): string => args.map((a) => formatV(a)).join(' ') + '\n';

/** strconv.Quote. */
export function goQuote(s: string, ascii = false): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (c === 7) out += '\\a';
    else if (c === 8) out += '\\b';
    else if (c === 12) out += '\\f';
    else if (c === 10) out += '\\n';
    else if (c === 13) out += '\\r';
    else if (c === 9) out += '\\t';
    else if (c === 11) out += '\\v';
    else if (c < 32 || c === 127) out += '\\x' + c.toString(16).padStart(2, '0');
    else if (c === 0xfffd && ch !== '\ufffd') out += '\\ufffd';
    else if (c < 127 || (!ascii && isPrint(c))) out += ch;
    else if (c < 0x10000) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += '\\U' + c.toString(16).padStart(8, '0');
  }
  return out + '"';
}

const isPrint = (c: number) =>
  !(c >= 0x80 && c < 0xa0) &&
  c !== 0xad &&
  !/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Co}\p{Cn}]/u.test(String.fromCodePoint(c));

interface Spec {
  minus: boolean;
  plus: boolean;
  sharp: boolean;
  zero: boolean;
  space: boolean;
  width?: number;
  prec?: number;
}

function pad(s: string, f: Spec): string {
  if (f.width === undefined || [...s].length >= f.width) return s;
  const n = f.width - [...s].length;
  if (f.minus) return s + ' '.repeat(n);
  if (f.zero) {
    const sign = /^[+-]/.test(s) ? s[0] : '';
    return sign + '0'.repeat(n) + s.slice(sign.length);
  }
  return ' '.repeat(n) + s;
}

function bad(verb: string, v: unknown): string {
  if (v === null || v === undefined) return `%!${verb}(<nil>)`;
  return `%!${verb}(${typeName(v)}=${formatV(v)})`;
}

function fmtInt(v: bigint, verb: string, f: Spec): string {
  const neg = v < 0n;
  const a = neg ? -v : v;
  let s: string;
  switch (verb) {
    case 'd':
    case 'v':
      s = a.toString();
      break;
    case 'x':
      s = a.toString(16);
      if (f.sharp) s = '0x' + s;
      break;
    case 'X':
      s = a.toString(16).toUpperCase();
      if (f.sharp) s = '0X' + s;
      break;
    case 'o':
      s = a.toString(8);
      if (f.sharp) s = '0' + s;
      break;
    case 'O':
      s = '0o' + a.toString(8);
      break;
    case 'b':
      s = a.toString(2);
      break;
    case 'c':
      return pad(String.fromCodePoint(Number(v)), f);
    case 'q':
      return pad(`'${String.fromCodePoint(Number(v))}'`, f);
    case 'U':
      return pad('U+' + a.toString(16).toUpperCase().padStart(4, '0'), f);
    default:
      return bad(verb, v);
  }
  if (f.prec !== undefined) s = s.padStart(f.prec, '0');
  s = (neg ? '-' : f.plus ? '+' : f.space ? ' ' : '') + s;
  return pad(s, f.prec !== undefined ? { ...f, zero: false } : f);
}

function fmtFloatVerb(v: number, verb: string, f: Spec): string {
  let s: string;
  switch (verb) {
    case 'v':
    case 'g':
    case 'G':
      s = formatFloat(v, 'g', f.prec ?? -1);
      if (verb === 'G') s = s.toUpperCase();
      break;
    case 'f':
    case 'F':
      s = formatFloat(v, 'f', f.prec ?? 6);
      break;
    case 'e':
    case 'E':
      s = formatFloat(v, verb, f.prec ?? 6);
      break;
    default:
      return bad(verb, v);
  }
  if (f.plus && !s.startsWith('-')) s = '+' + s;
  else if (f.space && !s.startsWith('-')) s = ' ' + s;
  return pad(s, f);
}

function fmtOne(v: unknown, verb: string, f: Spec): string {
  if (verb === 'T') return pad(typeName(v), f);
  if (verb === 'v' && f.sharp) return pad(goSyntax(v), f);
  if (v === null || v === undefined)
    return verb === 'v' || verb === 's' ? pad(verb === 'v' ? '<nil>' : '%!s(<nil>)', f) : bad(verb, v);
  if (typeof v === 'bigint' || v instanceof GoInt64)
    return verb === 's' ? bad(verb, v) : fmtInt(typeof v === 'bigint' ? v : v.v, verb, f);
  if (typeof v === 'number') return fmtFloatVerb(v, verb, f);
  if (typeof v === 'boolean') return verb === 'v' || verb === 't' ? pad(String(v), f) : bad(verb, v);
  if (typeof v === 'string' || v instanceof Uint8Array) {
    let s = typeof v === 'string' ? v : fromUtf8(v);
    switch (verb) {
      case 'v':
      case 's':
        if (f.prec !== undefined) s = [...s].slice(0, f.prec).join('');
        return pad(s, f);
      case 'q':
        return pad(f.sharp && !s.includes('`') ? '`' + s + '`' : goQuote(s, f.plus), f);
      case 'x':
      case 'X': {
        const h = Array.from(utf8(s))
          .map((b) => b.toString(16).padStart(2, '0'))
          .join(f.space ? ' ' : '');
        return pad(verb === 'X' ? h.toUpperCase() : h, f);
      }
      default:
        return bad(verb, v);
    }
  }
  if (Array.isArray(v) && verb !== 'v')
    return `[${v.map((x) => fmtOne(x, verb, { ...f, width: undefined })).join(' ')}]`;
  if (v instanceof GoStruct && v.stringer && (verb === 's' || verb === 'q')) return fmtOne(v.stringer(), verb, f);
  if (verb === 'v' || verb === 's') return pad(formatV(v, f.plus), f);
  return bad(verb, v);
}

function goSyntax(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof GoInt64) return v.v.toString();
  if (typeof v === 'number') {
    const s = formatFloat(v);
    return /[.e]/.test(s) || !Number.isFinite(v) ? s : s + '.0';
  }
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[]interface {}{${v.map(goSyntax).join(', ')}}`;
  if (isMap(v))
    return `map[string]interface {}{${sortedKeys(v)
      .map((k) => `${goQuote(k)}:${goSyntax(v[k])}`)
      .join(', ')}}`;
  return formatV(v);
}

/** fmt.Sprintf. */
export function sprintf(format: string, args: unknown[]): string {
  let out = '';
  let argi = 0;
  let i = 0;
  let reordered = false;
  while (i < format.length) {
    const c = format[i];
    if (c !== '%') {
      out += c;
      i++;
      continue;
    }
    i++;
    const f: Spec = { minus: false, plus: false, sharp: false, zero: false, space: false };
    for (; i < format.length; i++) {
      const d = format[i];
      if (d === '-') f.minus = true;
      else if (d === '+') f.plus = true;
      else if (d === '#') f.sharp = true;
      else if (d === '0') f.zero = !f.minus;
      else if (d === ' ') f.space = true;
      else break;
    }
    let goodArg = true;
    const argIndex = () => {
      if (format[i] !== '[') return;
      reordered = true;
      const m = /^\[(\d+)\]/.exec(format.slice(i));
      const close = format.indexOf(']', i);
      i = m ? i + m[0].length : close < 0 ? format.length : close + 1;
      const n = m ? Number(m[1]) : 0;
      if (n < 1 || n > args.length) goodArg = false;
      else argi = n - 1;
    };
    argIndex();
    const num = (): number | undefined => {
      if (format[i] === '*') {
        i++;
        const a = args[argi++];
        return typeof a === 'bigint' ? Number(a) : a instanceof GoInt64 ? Number(a.v) : undefined;
      }
      let s = '';
      while (/[0-9]/.test(format[i] ?? '')) s += format[i++];
      return s ? Number(s) : undefined;
    };
    f.width = num();
    if (format[i] === '.') {
      i++;
      argIndex();
      f.prec = num() ?? 0;
    }
    argIndex();
    if (f.minus) f.zero = false;
    const verb = format[i++];
    if (verb === undefined) {
      out += '%!(NOVERB)';
      break;
    }
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (!goodArg) {
      out += `%!${verb}(BADINDEX)`;
      continue;
    }
    if (argi >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    out += fmtOne(args[argi++], verb, f);
  }
  if (!reordered && argi < args.length)
    out += `%!(EXTRA ${args
      .slice(argi)
      .map((a) => `${typeName(a)}=${formatV(a)}`)
      .join(', ')})`;
  return out;
}
