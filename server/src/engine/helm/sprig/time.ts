/** Go's time formatting (reference-time layouts) and Sprig's date functions over an injectable clock. Zones: UTC only. */
import type { GoFunc } from '../exec';
import { GoInt64, GoTime } from '../values';
import { def } from './strings';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const CHUNK =
  /January|Jan|Monday|Mon|MST|2006|_2006|002|_2|01|02|03|04|05|06|-07:00:00|-070000|-0700|-07:00|-07|Z07:00:00|Z070000|Z0700|Z07:00|Z07|15|PM|pm|[.,](0+|9+)(?!\d)|1|2|3|4|5/g;

const p2 = (n: number) => String(n).padStart(2, '0');

export function formatTime(t: GoTime, layout: string, nanos = 0): string {
  const d = new Date(t.ms + t.offset * 60000);
  const Y = d.getUTCFullYear(),
    M = d.getUTCMonth(),
    D = d.getUTCDate(),
    h = d.getUTCHours(),
    m = d.getUTCMinutes(),
    s = d.getUTCSeconds();
  const ns = nanos || (((t.ms % 1000) + 1000) % 1000) * 1e6;
  const off = t.offset;
  const zone = (sep: string, z: boolean, secs = false, hoursOnly = false) => {
    if (z && off === 0) return 'Z';
    const a = Math.abs(off);
    return (
      (off < 0 ? '-' : '+') + p2(Math.floor(a / 60)) + (hoursOnly ? '' : sep + p2(a % 60)) + (secs ? sep + '00' : '')
    );
  };
  return layout.replace(CHUNK, (c) => {
    switch (c) {
      case 'January':
        return MONTHS[M];
      case 'Jan':
        return MONTHS[M].slice(0, 3);
      case 'Monday':
        return DAYS[d.getUTCDay()];
      case 'Mon':
        return DAYS[d.getUTCDay()].slice(0, 3);
      case 'MST':
        return t.zone;
      case '2006':
        return String(Y).padStart(4, '0');
      case '_2006':
        return '_' + String(Y);
      case '002': {
        const start = Date.UTC(Y, 0, 1);
        return String(Math.floor((Date.UTC(Y, M, D) - start) / 86400000) + 1).padStart(3, '0');
      }
      case '_2':
        return String(D).padStart(2, ' ');
      case '01':
        return p2(M + 1);
      case '02':
        return p2(D);
      case '03':
        return p2(h % 12 || 12);
      case '04':
        return p2(m);
      case '05':
        return p2(s);
      case '06':
        return p2(Y % 100);
      case '15':
        return p2(h);
      case 'PM':
        return h >= 12 ? 'PM' : 'AM';
      case 'pm':
        return h >= 12 ? 'pm' : 'am';
      case '1':
        return String(M + 1);
      case '2':
        return String(D);
      case '3':
        return String(h % 12 || 12);
      case '4':
        return String(m);
      case '5':
        return String(s);
      case '-0700':
        return zone('', false);
      case '-07:00':
        return zone(':', false);
      case '-07':
        return zone('', false, false, true);
      case '-070000':
        return zone('', false, true);
      case '-07:00:00':
        return zone(':', false, true);
      case 'Z0700':
        return zone('', true);
      case 'Z07:00':
        return zone(':', true);
      case 'Z07':
        return zone('', true, false, true);
      case 'Z070000':
        return zone('', true, true);
      case 'Z07:00:00':
        return zone(':', true, true);
    }
    // fractional seconds
    const digits = String(ns).padStart(9, '0');
    const n = c.length - 1;
    if (c[1] === '0') return c[0] + digits.slice(0, n);
    const trimmed = digits.slice(0, n).replace(/0+$/, '');
    return trimmed ? c[0] + trimmed : '';
  });
}

/** time.ParseDuration, in nanoseconds. */
export function parseDuration(s: string): number {
  const orig = s;
  let neg = false;
  if (s[0] === '-' || s[0] === '+') {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (!s) throw new Error(`time: invalid duration ${JSON.stringify(orig)}`);
  const units: Record<string, number> = { ns: 1, us: 1e3, µs: 1e3, μs: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };
  let total = 0;
  const re = /(\d*\.?\d*)(ns|us|µs|μs|ms|s|m|h)/y;
  let i = 0;
  while (i < s.length) {
    re.lastIndex = i;
    const m = re.exec(s);
    if (!m || m[1] === '' || m[1] === '.') throw new Error(`time: invalid duration ${JSON.stringify(orig)}`);
    total += Number(m[1]) * units[m[2]];
    i = re.lastIndex;
  }
  return neg ? -total : total;
}

/** time.Duration.String. */
export function durationString(ns: number): string {
  if (ns === 0) return '0s';
  const neg = ns < 0;
  let u = Math.abs(Math.round(ns));
  let out: string;
  if (u < 1e9) {
    const [unit, div] = u < 1e3 ? ['ns', 1] : u < 1e6 ? ['µs', 1e3] : ['ms', 1e6];
    out = trimFloat(u / div) + unit;
  } else {
    const h = Math.floor(u / 3600e9);
    u -= h * 3600e9;
    const m = Math.floor(u / 60e9);
    u -= m * 60e9;
    out = (h ? `${h}h` : '') + (h || m ? `${m}m` : '') + `${trimFloat(u / 1e9)}s`;
  }
  return (neg ? '-' : '') + out;
}
const trimFloat = (x: number) => String(Number(x.toFixed(9)));

export interface Clock {
  now: () => number;
}

function asTime(v: unknown, clock: Clock): GoTime {
  if (v instanceof GoTime) return v;
  if (typeof v === 'bigint' || v instanceof GoInt64) return new GoTime(Number(typeof v === 'bigint' ? v : v.v) * 1000);
  return new GoTime(clock.now());
}

const inZone = (t: GoTime, zone: string) =>
  zone === 'UTC' || zone === 'Local' || zone === '' ? new GoTime(t.ms, 0, 'UTC') : new GoTime(t.ms, 0, 'UTC');

/** Go's time.Parse for the common layouts (numeric fields, zones Z/±hh:mm). */
export function parseTime(layout: string, value: string): GoTime {
  const fields: string[] = [];
  const rx = layout
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(
      /January|Jan|Monday|Mon|MST|2006|01|02|15|03|04|05|06|Z07:00|-07:00|Z0700|-0700|PM|\\\.0+|\\\.9+|1|2|3|4|5/g,
      (c) => {
        fields.push(c);
        if (/^\\\.[09]+$/.test(c)) return '(\\.\\d+)?';
        switch (c) {
          case 'January':
            return `(${MONTHS.join('|')})`;
          case 'Jan':
            return `(${MONTHS.map((m) => m.slice(0, 3)).join('|')})`;
          case 'Monday':
            return `(${DAYS.join('|')})`;
          case 'Mon':
            return `(${DAYS.map((m) => m.slice(0, 3)).join('|')})`;
          case 'MST':
            return '([A-Z]{3,4})';
          case '2006':
            return '(\\d{4})';
          case 'Z07:00':
          case 'Z0700':
            return '(Z|[+-]\\d\\d:?\\d\\d)';
          case '-07:00':
          case '-0700':
            return '([+-]\\d\\d:?\\d\\d)';
          case 'PM':
            return '(AM|PM)';
          default:
            return c.length === 2 ? '(\\d\\d)' : '(\\d\\d?)';
        }
      },
    );
  const m = new RegExp(`^${rx}$`).exec(value);
  if (!m) throw new Error(`parsing time ${JSON.stringify(value)} as ${JSON.stringify(layout)}: cannot parse`);
  let Y = 1,
    M = 0,
    D = 1,
    h = 0,
    mi = 0,
    s = 0,
    ms = 0,
    off = 0,
    pm = false;
  fields.forEach((f, i) => {
    const v = m[i + 1];
    if (v === undefined) return;
    switch (f) {
      case '2006':
        Y = Number(v);
        break;
      case '06':
        Y = 2000 + Number(v);
        break;
      case '01':
      case '1':
        M = Number(v) - 1;
        break;
      case 'January':
        M = MONTHS.indexOf(v);
        break;
      case 'Jan':
        M = MONTHS.findIndex((x) => x.startsWith(v));
        break;
      case '02':
      case '2':
        D = Number(v);
        break;
      case '15':
      case '03':
      case '3':
        h = Number(v);
        break;
      case '04':
      case '4':
        mi = Number(v);
        break;
      case '05':
      case '5':
        s = Number(v);
        break;
      case 'PM':
        pm = v === 'PM';
        break;
      case 'Z07:00':
      case 'Z0700':
      case '-07:00':
      case '-0700':
        if (v !== 'Z') {
          const z = v.replace(':', '');
          off = (z[0] === '-' ? -1 : 1) * (Number(z.slice(1, 3)) * 60 + Number(z.slice(3, 5)));
        }
        break;
      default:
        if (/^\\\./.test(f)) ms = Math.round(Number('0' + v) * 1000);
    }
  });
  if (pm && h < 12) h += 12;
  return new GoTime(Date.UTC(Y, M, D, h, mi, s, ms) - off * 60000, off, off ? '' : 'UTC');
}

export function timeFns(clock: Clock): [string, GoFunc][] {
  const date = (fmt: string, d: unknown, zone = 'Local') => formatTime(inZone(asTime(d, clock), zone), fmt);
  return [
    ['now', def([], () => new GoTime(clock.now()))],
    ['date', def(['s', 'a'], (f: string, d: unknown) => date(f, d))],
    ['dateInZone', def(['s', 'a', 's'], (f: string, d: unknown, z: string) => date(f, d, z))],
    ['date_in_zone', def(['s', 'a', 's'], (f: string, d: unknown, z: string) => date(f, d, z))],
    ['htmlDate', def(['a'], (d: unknown) => date('2006-01-02', d))],
    ['htmlDateInZone', def(['a', 's'], (d: unknown, z: string) => date('2006-01-02', d, z))],
    [
      'dateModify',
      def(['s', 'a'], (m: string, d: unknown) => {
        const t = asTime(d, clock);
        try {
          return new GoTime(t.ms + parseDuration(m) / 1e6, t.offset, t.zone);
        } catch {
          return t;
        }
      }),
    ],
    [
      'date_modify',
      def(['s', 'a'], (m: string, d: unknown) => {
        const t = asTime(d, clock);
        try {
          return new GoTime(t.ms + parseDuration(m) / 1e6, t.offset, t.zone);
        } catch {
          return t;
        }
      }),
    ],
    [
      'must_date_modify',
      def(['s', 'a'], (m: string, d: unknown) => {
        const t = asTime(d, clock);
        return new GoTime(t.ms + parseDuration(m) / 1e6, t.offset, t.zone);
      }),
    ],
    [
      'mustDateModify',
      def(['s', 'a'], (m: string, d: unknown) => {
        const t = asTime(d, clock);
        return new GoTime(t.ms + parseDuration(m) / 1e6, t.offset, t.zone);
      }),
    ],
    ['ago', def(['a'], (d: unknown) => durationString(Math.round((clock.now() - asTime(d, clock).ms) / 1000) * 1e9))],
    [
      'toDate',
      def(['s', 's'], (f: string, v: string) => {
        try {
          return parseTime(f, v);
        } catch {
          return new GoTime(-62135596800000);
        }
      }),
    ],
    ['mustToDate', def(['s', 's'], (f: string, v: string) => parseTime(f, v))],
    ['unixEpoch', def(['a'], (d: unknown) => String(Math.floor(asTime(d, clock).ms / 1000)))],
    // Sprig reads only a string or an int64 here (a plain int is 0s).
    [
      'duration',
      def(['a'], (v: unknown) =>
        durationString(
          (typeof v === 'string' ? Number(/^[-+]?\d+$/.test(v) ? v : 0) : v instanceof GoInt64 ? Number(v.v) : 0) * 1e9,
        ),
      ),
    ],
    [
      'durationRound',
      def(['a'], (v: unknown) => {
        let ns: number;
        if (typeof v === 'string') {
          try {
            ns = parseDuration(v);
          } catch {
            ns = 0;
          }
        } else if (v instanceof GoTime) ns = (clock.now() - v.ms) * 1e6;
        else ns = v instanceof GoInt64 ? Number(v.v) : 0;
        const u = Math.abs(ns);
        const [y, mo, d, h, m, s] = [365 * 24 * 3600e9, 30 * 24 * 3600e9, 24 * 3600e9, 3600e9, 60e9, 1e9];
        if (u > y) return `${Math.floor(u / y)}y`;
        if (u > mo) return `${Math.floor(u / mo)}mo`;
        if (u > d) return `${Math.floor(u / d)}d`;
        if (u > h) return `${Math.floor(u / h)}h`;
        if (u > m) return `${Math.floor(u / m)}m`;
        if (u > s) return `${Math.floor(u / s)}s`;
        return '0s';
      }),
    ],
  ];
}
