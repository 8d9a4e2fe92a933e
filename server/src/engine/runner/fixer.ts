import { detectKind } from '../models/detect';
import { parseKubernetes } from '../models/kubernetes';
import { lint, type LintOptions } from './runner';
import { applyEdits, restoreBom, stripBom, TextIndex } from '../base/text';
import type { Finding, LintInput, Settings, TextEdit } from '../base/types';

export const MAX_FIX_PASSES = 10;

export interface FixAllOptions extends LintOptions {
  /** Only the fixes of these findings. */
  filter?: (f: Finding) => boolean;
  /** Only fixes inside this span of the text, found again after every pass; the passes stop when it is gone. */
  region?: (text: string) => { start: number; end: number } | undefined;
}

export interface FixResult {
  text: string;
  /** Number of fixes applied over all passes. */
  applied: number;
  passes: number;
  /** Findings left after the last pass. */
  remaining: Finding[];
}

/**
 * Applies every safe fix, ESLint-style: per pass, non-overlapping fixes in document order; then re-lint and
 * repeat until nothing changes (at most MAX_FIX_PASSES). A pass whose result no longer parses is dropped.
 */
export function fixAll(input: LintInput, settings: Settings, options: FixAllOptions = {}): FixResult {
  const { text: original, bom } = stripBom(input.text);
  const { filter, region, ...lintOptions } = options;
  let text = original;
  let applied = 0;
  let passes = 0;
  let span = region?.(text);
  // Within a region, edits are built for its lines only (building them is most of a large manifest's lint time).
  const lintNow = () =>
    lint(
      { ...input, text },
      settings,
      span ? { ...lintOptions, fixes: linesOf(new TextIndex(text), span) } : lintOptions,
    );
  let result = lintNow();
  while (passes < MAX_FIX_PASSES && (!region || span)) {
    const wanted = filter ? result.findings.filter(filter) : result.findings;
    const { text: next, count } = applyFindings(text, span ? fixesInside(text, wanted, span) : wanted);
    if (count === 0 || next === text) break;
    if (!parsesAsWell(input.uri, text, next, input.languageId)) break;
    passes++;
    applied += count;
    text = next;
    span = region?.(text);
    if (region && !span) break;
    result = lintNow();
  }
  return { text: restoreBom(text, bom), applied, passes, remaining: result.findings };
}

/** Applies the safe fix of each finding whose edits do not overlap an earlier one. */
export function applyFindings(text: string, findings: readonly Finding[]): { text: string; count: number } {
  const index = new TextIndex(text);
  const chosen: TextEdit[] = [];
  const taken: [number, number][] = [];
  let count = 0;
  for (const f of findings) {
    if (!f.fix) continue;
    const spans = f.fix.map((e) => [index.offsetAt(e.range.start), index.offsetAt(e.range.end)] as [number, number]);
    const clash = spans.some(([s, e]) => taken.some(([ts, te]) => (s < te && ts < e) || s === ts));
    if (clash) continue;
    taken.push(...spans);
    chosen.push(...f.fix);
    count++;
  }
  const out = count ? applyEdits(text, chosen, index) : text;
  return out === undefined ? { text, count: 0 } : { text: out, count };
}

/** A fix must never turn a document that parsed into one that does not. */
export function parsesAsWell(uri: string, before: string, after: string, languageId?: string): boolean {
  if (detectKind(uri, before, languageId) !== 'kubernetes') return true;
  const errs = (t: string) => parseKubernetes(t).docs.reduce((n, d) => n + d.errors.length, 0);
  return errs(after) <= errs(before);
}

/** A span of document offsets. */
interface Span {
  start: number;
  end: number;
}

/** Safe fixes all of whose edits lie inside [start, end]. */
export function fixesInside(text: string, findings: readonly Finding[], w: Span): Finding[] {
  const index = new TextIndex(text);
  return findings.filter((f) =>
    f.fix?.every((e) => index.offsetAt(e.range.start) >= w.start && index.offsetAt(e.range.end) <= w.end),
  );
}

/** The lines a span covers, as a lint's fix scope (edits are built for those lines only). */
export function linesOf(index: TextIndex, w: Span): { from: number; to: number } {
  return { from: index.positionAt(w.start).line, to: index.positionAt(w.end).line };
}
