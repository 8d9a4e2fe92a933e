import type { Position, Range, TextEdit } from './types';

const BOM = '\uFEFF';

/**
 * Offsets ↔ LSP positions for one text. Line breaks are `\n`, `\r\n` and a lone `\r`, as LSP defines them;
 * characters are UTF-16 code units, which is what JavaScript string indices already count.
 */
export class TextIndex {
  readonly lineStarts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (c === 10) {
        starts.push(i + 1);
      }
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    const ch = Math.min(o - this.lineStarts[lo], this.lineEnd(lo) - this.lineStarts[lo]);
    return { line: lo, character: ch };
  }

  offsetAt(pos: Position): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[pos.line];
    return Math.min(start + Math.max(0, pos.character), this.lineEnd(pos.line));
  }

  range(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  /** Offset of the end of `line`, before its line break. */
  lineEnd(line: number): number {
    if (line + 1 >= this.lineStarts.length) return this.text.length;
    let e = this.lineStarts[line + 1];
    if (this.text.charCodeAt(e - 1) === 10) e--;
    if (this.text.charCodeAt(e - 1) === 13) e--;
    return e;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStarts[line], this.lineEnd(line));
  }

  /** The line break used by this text (first one seen), for edits that add lines. */
  get eol(): string {
    const i = this.text.indexOf('\n');
    if (i > 0 && this.text[i - 1] === '\r') return '\r\n';
    if (i < 0 && this.text.includes('\r')) return '\r';
    return '\n';
  }
}

export function stripBom(text: string): { text: string; bom: boolean } {
  return text.startsWith(BOM) ? { text: text.slice(1), bom: true } : { text, bom: false };
}

export function restoreBom(text: string, bom: boolean): string {
  return bom ? BOM + text : text;
}

export function compareRanges(a: Range, b: Range): number {
  return (
    a.start.line - b.start.line ||
    a.start.character - b.start.character ||
    a.end.line - b.end.line ||
    a.end.character - b.end.character
  );
}

export function rangesOverlap(a: Range, b: Range): boolean {
  return (
    compareRanges({ start: a.start, end: a.start }, { start: b.end, end: b.end }) < 0 &&
    compareRanges({ start: b.start, end: b.start }, { start: a.end, end: a.end }) < 0
  );
}

/**
 * Applies edits that do not overlap. Returns undefined when two edits overlap (the caller decides what to drop).
 */
export function applyEdits(text: string, edits: readonly TextEdit[], index = new TextIndex(text)): string | undefined {
  const spans = edits
    .map((e, i) => ({ start: index.offsetAt(e.range.start), end: index.offsetAt(e.range.end), newText: e.newText, i }))
    .sort((a, b) => a.start - b.start || a.end - b.end || a.i - b.i);
  let out = '';
  let at = 0;
  for (const s of spans) {
    if (s.start < at) return undefined;
    out += text.slice(at, s.start) + s.newText;
    at = s.end;
  }
  return out + text.slice(at);
}
