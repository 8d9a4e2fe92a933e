import type { BaseContext, Report, Rule } from './rule';
import { isSuppressed, type Suppression } from '../facts/suppress';
import type { TextIndex } from '../base/text';
import type { Finding, Settings } from '../base/types';

/** The part of a rule context every document kind shares. */
export function baseContext(
  uri: string,
  index: TextIndex,
  settings: Settings,
  report: (r: Report) => void,
): BaseContext<string> {
  return {
    uri,
    text: index.text,
    index,
    settings,
    range: (s, e) => index.range(s, e),
    replace: (s, e, newText) => ({ range: index.range(s, e), newText }),
    report,
  };
}

/**
 * Findings that no pragma or annotation switches off; pragmas may name our id or any peer tool's id. Rules in
 * `locked` (settings' `noInlineIgnore`, `*` for all) cannot be switched off in the file.
 */
export function unsuppressed(
  findings: Finding[],
  suppressions: readonly Suppression[],
  rules: readonly Rule[],
  offsetOf: (f: Finding) => number,
  locked: readonly string[] = [],
): Finding[] {
  if (suppressions.length === 0 || locked.includes('*')) return findings;
  const peers = new Map(rules.map((r) => [r.meta.id, Object.values(r.meta.peers).flat() as string[]]));
  return findings.filter(
    (f) => locked.includes(f.ruleId) || !isSuppressed(suppressions, offsetOf(f), f.ruleId, peers.get(f.ruleId) ?? []),
  );
}
