/** Sprig's function map as Helm ships it (no env/expandenv), with clock and randomness injected. */
import type { FuncMap, GoFunc } from '../exec';
import { fromJson, toJson } from '../json';
import { GoStruct, kindName, typeName } from '../values';
import { isEmpty } from './conv';
import { b64encBytes } from './crypto';
import { lists } from './lists';
import { numbers } from './numbers';
import { semverFns } from './semver';
import { def, strings } from './strings';
import { timeFns, type Clock } from './time';

export interface SprigHost {
  /** Milliseconds since the epoch (`now`, `date`, `ago`). */
  now?: () => number;
  /** A uniform number in [0, 1) (`randAlphaNum`, `uuidv4`, keys...). */
  random?: () => number;
}

/** A small deterministic generator (mulberry32) for tests: `seeded(1)`. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHA = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const NUM = '0123456789';

function randFrom(rand: () => number, chars: string, n: bigint): string {
  let s = '';
  for (let i = 0n; i < n; i++) s += chars[Math.floor(rand() * chars.length)];
  return s;
}

function randBytes(rand: () => number, n: number): Uint8Array {
  return Uint8Array.from({ length: n }, () => Math.floor(rand() * 256));
}

function uuidv4(rand: () => number): string {
  const b = randBytes(rand, 16);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** PEM-shaped output of the certificate helpers: well-formed armour around host randomness (not real DER). */
function pem(rand: () => number, type: string, size: number): string {
  const body = b64encBytes(randBytes(rand, size)).replace(/.{64}/g, '$&\n').replace(/\n$/, '');
  return `-----BEGIN ${type}-----\n${body}\n-----END ${type}-----\n`;
}

function certificate(rand: () => number, key?: string): GoStruct {
  return new GoStruct('sprig.certificate', {
    Cert: pem(rand, 'CERTIFICATE', 768),
    Key: key ?? pem(rand, 'RSA PRIVATE KEY', 1190),
  });
}

function pathFns(): [string, GoFunc][] {
  const clean = (p: string): string => {
    if (p === '') return '.';
    const abs = p.startsWith('/');
    const out: string[] = [];
    for (const s of p.split('/')) {
      if (s === '' || s === '.') continue;
      if (s === '..') {
        if (out.length && out[out.length - 1] !== '..') out.pop();
        else if (!abs) out.push('..');
      } else out.push(s);
    }
    const r = (abs ? '/' : '') + out.join('/');
    return r || (abs ? '/' : '.');
  };
  const base = (p: string) => {
    if (p === '') return '.';
    p = p.replace(/\/+$/, '');
    if (p === '') return '/';
    return p.slice(p.lastIndexOf('/') + 1);
  };
  const dir = (p: string) => clean(p.slice(0, p.lastIndexOf('/') + 1));
  const ext = (p: string) => {
    const b = p.slice(p.lastIndexOf('/') + 1);
    const i = b.lastIndexOf('.');
    return i < 0 ? '' : b.slice(i);
  };
  const fns: [string, (p: string) => unknown][] = [
    ['base', base],
    ['dir', dir],
    ['clean', clean],
    ['ext', ext],
    ['isAbs', (p) => p.startsWith('/')],
  ];
  return fns.flatMap(
    ([n, f]) =>
      [
        [n, def(['s'], f)],
        ['os' + n[0].toUpperCase() + n.slice(1), def(['s'], f)],
      ] as [string, GoFunc][],
  );
}

/** Sprig's urlParse: the parts of a URL as a dict (net/url's field names). */
function urlParse(s: string): Record<string, unknown> {
  const m = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):)?(?:\/\/(?:([^@/?#]*)@)?([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/.exec(
    s,
  );
  if (!m) throw new Error(`unable to parse url: ${s}`);
  const host = m[3] ?? '';
  const opaque = m[1] && m[3] === undefined && !m[4].startsWith('/') ? m[4] : '';
  return {
    scheme: m[1] ?? '',
    host,
    hostname: host.replace(/:\d*$/, '').replace(/^\[(.*)\]$/, '$1'),
    path: opaque ? '' : m[4],
    query: m[5] ?? '',
    opaque,
    fragment: m[6] ?? '',
    userinfo: m[2] ?? '',
  };
}

function urlJoin(d: Record<string, unknown> | null): string {
  const g = (k: string) => (d && typeof d[k] === 'string' ? d[k] : '');
  let out = '';
  if (g('scheme')) out += g('scheme') + ':';
  if (g('opaque')) out += g('opaque');
  else {
    if (g('host') || g('userinfo')) out += '//' + (g('userinfo') ? g('userinfo') + '@' : '') + g('host');
    out += g('path');
  }
  if (g('query')) out += '?' + g('query');
  if (g('fragment')) out += '#' + g('fragment');
  return out;
}

export function sprig(host: SprigHost = {}): FuncMap {
  const clock: Clock = { now: host.now ?? (() => Date.now()) };
  const rand = host.random ?? Math.random;
  const fns: [string, GoFunc][] = [
    ...strings(),
    ...lists(),
    ...numbers(),
    ...semverFns(),
    ...timeFns(clock),
    ...pathFns(),
    ['hello', def([], () => 'Hello!')],
    [
      'default',
      def(['a'], (d: unknown, ...given: unknown[]) => (given.length === 0 || isEmpty(given[0]) ? d : given[0]), 'a'),
    ],
    ['empty', def(['a'], isEmpty)],
    ['coalesce', def([], (...a: unknown[]) => a.find((x) => !isEmpty(x)) ?? null, 'a')],
    ['ternary', def(['a', 'a', 'b'], (t: unknown, f: unknown, v: boolean) => (v ? t : f))],
    [
      'fail',
      def(['s'], (m: string) => {
        throw new Error(m);
      }),
    ],
    ['typeOf', def(['a'], typeName)],
    ['typeIs', def(['s', 'a'], (t: string, v: unknown) => t === typeName(v))],
    ['typeIsLike', def(['s', 'a'], (t: string, v: unknown) => t === typeName(v) || '*' + t === typeName(v))],
    ['kindOf', def(['a'], kindName)],
    ['kindIs', def(['s', 'a'], (t: string, v: unknown) => t === kindName(v))],
    [
      'toJson',
      def(['a'], (v: unknown) => {
        try {
          return toJson(v);
        } catch {
          return '';
        }
      }),
    ],
    ['mustToJson', def(['a'], (v: unknown) => toJson(v))],
    [
      'toPrettyJson',
      def(['a'], (v: unknown) => {
        try {
          return toJson(v, { indent: '  ' });
        } catch {
          return '';
        }
      }),
    ],
    ['mustToPrettyJson', def(['a'], (v: unknown) => toJson(v, { indent: '  ' }))],
    [
      'toRawJson',
      def(['a'], (v: unknown) => {
        try {
          return toJson(v, { html: false });
        } catch {
          return '';
        }
      }),
    ],
    ['mustToRawJson', def(['a'], (v: unknown) => toJson(v, { html: false }))],
    [
      'fromJson',
      def(['s'], (s: string) => {
        try {
          return fromJson(s);
        } catch {
          return null;
        }
      }),
    ],
    ['mustFromJson', def(['s'], fromJson)],
    ['randAlphaNum', def(['i'], (n: bigint) => randFrom(rand, ALPHA + NUM, n))],
    ['randAlpha', def(['i'], (n: bigint) => randFrom(rand, ALPHA, n))],
    ['randNumeric', def(['i'], (n: bigint) => randFrom(rand, NUM, n))],
    [
      'randAscii',
      def(['i'], (n: bigint) =>
        randFrom(rand, Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join(''), n),
      ),
    ],
    ['randInt', def(['i', 'i'], (a: bigint, b: bigint) => a + BigInt(Math.floor(rand() * Number(b - a))))],
    ['randBytes', def(['i'], (n: bigint) => b64encBytes(randBytes(rand, Number(n))))],
    [
      'shuffle',
      def(['s'], (s: string) => {
        const a = [...s];
        for (let i = a.length - 1; i > 0; i--) {
          const j = Math.floor(rand() * (i + 1));
          [a[i], a[j]] = [a[j], a[i]];
        }
        return a.join('');
      }),
    ],
    ['uuidv4', def([], () => uuidv4(rand))],
    [
      'genPrivateKey',
      def(['s'], (t: string) =>
        pem(
          rand,
          t === 'ecdsa'
            ? 'EC PRIVATE KEY'
            : t === 'ed25519'
              ? 'PRIVATE KEY'
              : t === 'dsa'
                ? 'DSA PRIVATE KEY'
                : 'RSA PRIVATE KEY',
          t === 'rsa' || !t ? 1190 : 120,
        ),
      ),
    ],
    ['genCA', def(['s', 'i'], () => certificate(rand))],
    ['genCAWithKey', def(['s', 'i', 's'], (_c: string, _d: bigint, k: string) => certificate(rand, k))],
    ['genSelfSignedCert', def(['s', 'l', 'l', 'i'], () => certificate(rand))],
    [
      'genSelfSignedCertWithKey',
      def(['s', 'l', 'l', 'i', 's'], (_c: string, _i: unknown, _a: unknown, _d: bigint, k: string) =>
        certificate(rand, k),
      ),
    ],
    ['genSignedCert', def(['s', 'l', 'l', 'i', 'a'], () => certificate(rand))],
    [
      'genSignedCertWithKey',
      def(['s', 'l', 'l', 'i', 'a', 's'], (_c: string, _i: unknown, _a: unknown, _d: bigint, _ca: unknown, k: string) =>
        certificate(rand, k),
      ),
    ],
    [
      'buildCustomCert',
      def(['s', 's'], (c: string, k: string) => new GoStruct('sprig.certificate', { Cert: c, Key: k })),
    ],
    ['derivePassword', def(['i', 's', 's', 's', 's'], () => randFrom(rand, ALPHA + NUM, 20n))],
    ['htpasswd', def(['s', 's'], (u: string) => `${u}:$2a$10$${randFrom(rand, ALPHA + NUM + './', 53n)}`)],
    ['bcrypt', def(['s'], () => `$2a$10$${randFrom(rand, ALPHA + NUM + './', 53n)}`)],
    [
      'encryptAES',
      def(['s', 's'], (_k: string, t: string) =>
        b64encBytes(Uint8Array.from([...randBytes(rand, 16), ...Array.from(t, (c) => c.charCodeAt(0) & 255)])),
      ),
    ],
    ['getHostByName', def(['s'], () => '')],
    [
      'decryptAES',
      def(['s', 's'], () => {
        throw new Error('decryptAES is not available in this renderer');
      }),
    ],
    ['urlParse', def(['s'], urlParse)],
    ['urlJoin', def(['m'], urlJoin)],
    ['tuple', def([], (...a: unknown[]) => a.map((x) => (x === undefined ? null : x)), 'a')],
  ];
  return new Map(fns);
}
