/**
 * Carrying a source map through `include`: what a named template rendered is remembered with its segments, and
 * when an action prints that text as is, trimmed, or indented (`indent`/`nindent`), its output maps to the
 * partial's own text and actions instead of to the one `{{ include ... }}` action.
 */
import type { Segment } from './runtime';

const MAX = 256;

interface Found {
  text: string;
  segs: Segment[];
  offset: number;
  len: number;
}

export class IncludeMaps {
  private readonly byText = new Map<string, Segment[]>();
  /** Trimmed text → the remembered text it came from. */
  private readonly byTrim = new Map<string, string>();

  remember(text: string, segments: Segment[]): void {
    if (text.length < 2 || !segments.length) return;
    if (this.byText.size >= MAX) {
      const old = this.byText.keys().next().value!;
      this.byText.delete(old);
      this.byTrim.delete(old.trim());
    }
    this.byText.set(text, segments);
    const t = text.trim();
    if (t && t !== text) this.byTrim.set(t, text);
  }

  /** Segments (relative to `printed`) for text that came from an include, or undefined. */
  lookup(printed: string): Segment[] | undefined {
    if (this.byText.size === 0 || printed.length < 2) return undefined;
    const exact = this.find(printed);
    if (exact) return place(exact, 0, 0);
    let body = printed;
    let lead = 0;
    if (body.startsWith('\n')) {
      body = body.slice(1);
      lead = 1;
    }
    const pad = /^ */.exec(body)![0].length;
    if (!pad && !lead) return undefined;
    const lines = body.split('\n');
    const prefix = ' '.repeat(pad);
    if (!lines.every((l) => l.startsWith(prefix))) return undefined;
    const found = this.find(lines.map((l) => l.slice(pad)).join('\n'));
    return found ? place(found, lead, pad) : undefined;
  }

  /** A remembered text equal to `s`, or whose trim is `s` (`include ... | trim`). */
  private find(s: string): Found | undefined {
    const segs = this.byText.get(s);
    if (segs) return { text: s, segs, offset: 0, len: s.length };
    const text = this.byTrim.get(s);
    const tsegs = text === undefined ? undefined : this.byText.get(text);
    return tsegs ? { text: text!, segs: tsegs, offset: text!.indexOf(s), len: s.length } : undefined;
  }
}

/** A piece [a, b) of segment `s` placed at `at`; text segments narrow their source range with it. */
function clip(s: Segment, a: number, b: number, at: number): Segment {
  const c: Segment = { ...s, outStart: at, outEnd: at + (b - a) };
  if (s.kind === 'text' && s.srcEnd - s.srcStart === s.outEnd - s.outStart) {
    c.srcStart = s.srcStart + (a - s.outStart);
    c.srcEnd = c.srcStart + (b - a);
  }
  return c;
}

/**
 * The segments of `f.text[offset, offset+len)` as printed after `lead` newlines with `pad` spaces before every
 * line. Pieces are cut at newlines; the pads themselves are left for the caller to attribute to the action.
 */
function place(f: Found, lead: number, pad: number): Segment[] {
  const end = f.offset + f.len;
  const out: Segment[] = [];
  // Newlines seen before position i of the part, as we walk it in order.
  let lines = 0;
  let scanned = f.offset;
  const linesBefore = (i: number) => {
    for (; scanned < i; scanned++) if (f.text.charCodeAt(scanned) === 10) lines++;
    return lines;
  };
  for (const s of f.segs) {
    let a = Math.max(s.outStart, f.offset);
    const b = Math.min(s.outEnd, end);
    while (a < b) {
      const nl = pad ? f.text.indexOf('\n', a) : -1;
      const pieceEnd = nl >= 0 && nl < b ? nl + 1 : b;
      const at = lead + pad * (linesBefore(a) + 1) + (a - f.offset);
      out.push(clip(s, a, pieceEnd, pad ? at : lead + (a - f.offset)));
      a = pieceEnd;
    }
  }
  return out;
}

/** Fills the gaps between `segs` (sorted, relative) over [0, len) with `filler`'s source; shifts all by `base`. */
export function fillGaps(
  segs: Segment[],
  len: number,
  base: number,
  filler: Omit<Segment, 'outStart' | 'outEnd'>,
): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  for (const s of segs) {
    if (s.outStart > at) out.push({ ...filler, outStart: base + at, outEnd: base + s.outStart });
    out.push({ ...s, outStart: base + s.outStart, outEnd: base + s.outEnd });
    at = s.outEnd;
  }
  if (at < len) out.push({ ...filler, outStart: base + at, outEnd: base + len });
  return out;
}

export interface Origin {
  template: string;
  /** Offset in the template's text: the exact character for text, the action's `{{` for what an action printed. */
  offset: number;
  kind: Segment['kind'];
  /** The action's whole source range. */
  srcStart: number;
  srcEnd: number;
  valuesPath?: string;
}

/** Where output offset `at` came from (segments sorted by output offset, as renders produce them). */
export function locate(segments: readonly Segment[], at: number): Origin | undefined {
  let lo = 0,
    hi = segments.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = segments[mid];
    if (at < s.outStart) hi = mid - 1;
    else if (at >= s.outEnd) lo = mid + 1;
    else {
      const exact = s.kind === 'text' && s.srcEnd - s.srcStart === s.outEnd - s.outStart;
      const o: Origin = {
        template: s.template,
        offset: exact ? s.srcStart + (at - s.outStart) : s.srcStart,
        kind: s.kind,
        srcStart: s.srcStart,
        srcEnd: s.srcEnd,
      };
      if (s.valuesPath) o.valuesPath = s.valuesPath;
      return o;
    }
  }
  return undefined;
}
