import { detectKind } from '../models/detect';
import { parseKubernetes } from '../models/kubernetes';
import { lint, type LintOptions } from './runner';
import { applyEdits, restoreBom, stripBom, TextIndex } from '../base/text';
import type { Finding, LintInput, Settings, TextEdit } from '../base/types';

export const MAX_FIX_PASSES = 10;

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
export function fixAll(
  input: LintInput,
  settings: Settings,
  options: LintOptions & { filter?: (f: Finding) => boolean } = {},
): FixResult {
  const { text: original, bom } = stripBom(input.text);
  let text = original;
  let applied = 0;
  let passes = 0;
  let result = lint({ ...input, text }, settings, options);
  while (passes < MAX_FIX_PASSES) {
    const { text: next, count } = applyFindings(
      text,
      options.filter ? result.findings.filter(options.filter) : result.findings,
    );
    if (count === 0 || next === text) break;
    if (!parsesAsWell(input.uri, text, next, input.languageId)) break;
    passes++;
    applied += count;
    text = next;
    result = lint({ ...input, text }, settings, options);
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
