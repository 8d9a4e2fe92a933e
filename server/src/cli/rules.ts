import { docsUrl, PEER_TOOLS, rules, type PeerTool, type Rule } from '../engine';
import type { RulesFormat } from './args';

/** `harden rules --format json`: one entry per rule; `peers` always has all eight tool keys. */
export interface RuleEntry {
  id: string;
  title: string;
  target: string;
  practice: string;
  severity: string;
  fix: string;
  peers: Record<PeerTool, string[]>;
}

export function ruleEntry(rule: Rule): RuleEntry {
  const { id, title, target, practice, severity, fix, peers } = rule.meta;
  return {
    id,
    title,
    target,
    practice,
    severity,
    fix,
    peers: Object.fromEntries(PEER_TOOLS.map((t) => [t, [...(peers[t] ?? [])]])) as Record<PeerTool, string[]>,
  };
}

export function formatRules(format: RulesFormat): string {
  const entries = rules.map(ruleEntry);
  if (format === 'json') return `${JSON.stringify(entries, null, 2)}\n`;
  if (format === 'markdown') return markdown(entries);
  const idWidth = Math.max(...entries.map((e) => e.id.length));
  return (
    entries.map((e) => `${e.id.padEnd(idWidth)}  ${e.severity.padEnd(7)}  ${e.fix.padEnd(10)}  ${e.title}`).join('\n') +
    '\n'
  );
}

function markdown(entries: RuleEntry[]): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const peers = (e: RuleEntry) =>
    PEER_TOOLS.filter((t) => e.peers[t].length > 0)
      .map((t) => `${t}: ${e.peers[t].join(', ')}`)
      .join('; ');
  const lines = [
    '| Rule | Target | Practice | Severity | Fix | Title | Peers |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...entries.map(
      (e) =>
        `| [${e.id}](${docsUrl(e.id)}) | ${e.target} | ${e.practice} | ${e.severity} | ${e.fix} | ${cell(e.title)} | ${cell(peers(e))} |`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}
