import { detectKind } from './detect';
import { parseDockerfile, type DockerfileModel } from './parse/dockerfile';
import { locate, parseKubernetes, type KubernetesModel } from './parse/kubernetes';
import { yamlEditor } from './edit/objectEdits';
import { formatMessage, type BaseContext, type Report, type Rule } from './rule';
import { rules as registry } from './rules';
import { dockerfileSuppressions, isSuppressed, kubernetesSuppressions, type Suppression } from './suppress';
import { compareRanges, stripBom, TextIndex } from './text';
import type { DocumentKind, Finding, LintInput, LintResult, Settings, Severity } from './types';
import { summarize, Workspace } from './workspace';

export interface LintOptions {
  /** Cross-file facts; when absent, a workspace holding only this document. */
  workspace?: Workspace;
  /** The rules to run; defaults to the registry. */
  rules?: readonly Rule[];
  /** Called when a rule throws; the other rules still run. */
  onRuleError?(ruleId: string, error: unknown): void;
}

/** Findings every document kind can get that no rule module owns (oversized or unreadable input). */
export const ENGINE_RULE_ID = 'harden';

export function effectiveSeverity(rule: Rule, settings: Settings): Severity | undefined {
  const s = settings.rules[rule.meta.id] ?? rule.meta.severity;
  return s === 'off' ? undefined : s;
}

export function lint(input: LintInput, settings: Settings, options: LintOptions = {}): LintResult {
  const { text } = stripBom(input.text);
  const kind: DocumentKind = detectKind(input.uri, text, input.languageId);
  if (kind === 'other') return { kind, findings: [] };
  if (text.length > settings.maxFileSize) return { kind, findings: [tooLarge(text, settings)] };
  if (kind === 'dockerfile' && text.includes('\u0000')) return { kind, findings: [] };
  const rules = (options.rules ?? registry).filter((r) => r.meta.target === kind && effectiveSeverity(r, settings));
  const index = new TextIndex(text);
  const findings: Finding[] = [];
  let partial = false;
  let suppressions: Suppression[];

  const base = (rule: Rule): BaseContext<string> => ({
    text,
    index,
    settings,
    range: (s, e) => index.range(s, e),
    replace: (s, e, newText) => ({ range: index.range(s, e), newText }),
    report: (r: Report) => {
      if (!(r.absent && partial)) findings.push(toFinding(rule, r, settings, index));
    },
  });

  if (kind === 'dockerfile') {
    const dockerfile: DockerfileModel = parseDockerfile(text);
    suppressions = dockerfileSuppressions(dockerfile);
    for (const rule of rules) run(rule, options, () => (rule as Extract<Rule, { meta: { target: 'dockerfile' } }>).check({ ...base(rule), dockerfile }));
  } else {
    const kubernetes: KubernetesModel = parseKubernetes(text);
    suppressions = kubernetesSuppressions(kubernetes);
    const workspace = options.workspace ?? new Workspace();
    if (!options.workspace) workspace.set(input.uri, summarize(input.uri, kubernetes));
    partial = workspace.isPatch(input.uri);
    if (partial) for (const o of kubernetes.objects) o.partial = true;
    const edits = yamlEditor({ text, index });
    const at = (obj: { node: Parameters<typeof locate>[0] }, path: Parameters<typeof locate>[1], part?: Parameters<typeof locate>[2]) => locate(obj.node, path, part);
    for (const rule of rules) run(rule, options, () => (rule as Extract<Rule, { meta: { target: 'kubernetes' } }>).check({ ...base(rule), kubernetes, workspace, at, ...edits }));
  }

  const peersOf = new Map(rules.map((r) => [r.meta.id, Object.values(r.meta.peers).flat() as string[]]));
  const kept = findings.filter((f) => !isSuppressed(suppressions, index.offsetAt(f.range.start), f.ruleId, peersOf.get(f.ruleId) ?? []));
  kept.sort((a, b) => compareRanges(a.range, b.range) || a.ruleId.localeCompare(b.ruleId));
  return { kind, findings: kept };
}

function run(rule: Rule, options: LintOptions, fn: () => void): void {
  try {
    fn();
  } catch (e) {
    options.onRuleError?.(rule.meta.id, e);
  }
}

function toFinding(rule: Rule, r: Report, settings: Settings, index: TextIndex): Finding {
  const template = (rule.meta.messages as Record<string, string>)[r.messageId] ?? r.messageId;
  const f: Finding = {
    ruleId: rule.meta.id,
    messageId: r.messageId,
    severity: effectiveSeverity(rule, settings) ?? rule.meta.severity,
    message: formatMessage(template, r.data),
    range: index.range(r.start, r.end),
  };
  if (r.fix && r.fix.length > 0 && rule.meta.fix === 'safe') f.fix = r.fix;
  if (r.suggest && r.suggest.length > 0) {
    f.suggestions = r.suggest.map((s) => ({
      messageId: s.messageId,
      title: formatMessage((rule.meta.messages as Record<string, string>)[s.messageId] ?? s.messageId, s.data),
      edits: s.edits,
    }));
  }
  return f;
}

function tooLarge(text: string, settings: Settings): Finding {
  return {
    ruleId: ENGINE_RULE_ID,
    messageId: 'tooLarge',
    severity: 'info',
    message: `File not checked: ${text.length} characters is over the limit of ${settings.maxFileSize} (setting maxFileSize)`,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
  };
}
