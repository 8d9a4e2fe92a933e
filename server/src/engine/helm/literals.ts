/** Go literal syntax: strconv.ParseInt/ParseFloat with base prefixes and underscores, strconv.Unquote. */

/** strconv.ParseInt(text, 0, 64). */
export function parseGoInt(text: string): bigint | undefined {
  let s = text;
  let neg = false;
  if (s[0] === '+' || s[0] === '-') {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  let base = 10;
  let prefixed = false;
  if (/^0[xX]/.test(s)) {
    base = 16;
    s = s.slice(2);
    prefixed = true;
  } else if (/^0[oO]/.test(s)) {
    base = 8;
    s = s.slice(2);
    prefixed = true;
  } else if (/^0[bB]/.test(s)) {
    base = 2;
    s = s.slice(2);
    prefixed = true;
  } else if (s.length > 1 && s[0] === '0') {
    base = 8;
    s = s.slice(1);
    prefixed = true;
  }
  if (s.includes('_')) {
    if (!prefixed && !/^\d/.test(s)) return undefined;
    if (/__|_$|^_(?!.)/.test(s) || (!prefixed && s.startsWith('_'))) return undefined;
    s = s.replace(/_/g, '');
  }
  const digits = '0123456789abcdef'.slice(0, base);
  if (!s.length || ![...s.toLowerCase()].every((c) => digits.includes(c))) return undefined;
  let v = 0n;
  for (const c of s.toLowerCase()) v = v * BigInt(base) + BigInt(digits.indexOf(c));
  if (neg) v = -v;
  if (v > 2n ** 63n - 1n || v < -(2n ** 63n)) return undefined;
  return v;
}

export function parseGoFloat(text: string): number | undefined {
  const s = text.replace(/_/g, '');
  if (/^[+-]?0[xX]/.test(s)) {
    const m = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?\d+)$/.exec(s);
    if (!m) return undefined;
    const mant = parseInt((m[2] || '0') + (m[3] ?? ''), 16) / 16 ** (m[3]?.length ?? 0);
    return (m[1] === '-' ? -1 : 1) * mant * 2 ** Number(m[4]);
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return undefined;
  return Number(s);
}

/** strconv.Unquote for "..." `...` and '...' literals. */
export function unquote(q: string, fail: (m: string) => never): string {
  if (q[0] === '`') return q.slice(1, -1).replace(/\r/g, '');
  const body = q.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const d = body[++i];
    const simple: Record<string, string> = {
      a: '\x07',
      b: '\b',
      f: '\f',
      n: '\n',
      r: '\r',
      t: '\t',
      v: '\v',
      '\\': '\\',
      '"': '"',
      "'": "'",
    };
    if (d in simple) {
      if ((d === '"' && q[0] === "'") || (d === "'" && q[0] === '"')) fail('invalid syntax');
      out += simple[d];
    } else if (d === 'x' || d === 'u' || d === 'U') {
      const n = d === 'x' ? 2 : d === 'u' ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + n);
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex)) fail('invalid syntax');
      out += String.fromCodePoint(parseInt(hex, 16));
      i += n;
    } else if (/[0-7]/.test(d ?? '')) {
      const oct = body.slice(i, i + 3);
      if (!/^[0-7]{3}$/.test(oct)) fail('invalid syntax');
      out += String.fromCharCode(parseInt(oct, 8));
      i += 2;
    } else fail('invalid syntax');
  }
  return out;
}
