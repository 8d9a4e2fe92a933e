import { detectKind } from '../models/detect';
import { KubernetesCache, lintKubernetes, type FixScope, type RuleRunner } from './kubernetesRunner';
import { parseDockerfile } from '../models/dockerfile';
import { formatMessage, type DockerfileRule, type KubernetesRule, type Report, type Rule } from '../rules/rule';
import { rules as registry } from '../rules';
import { baseContext, unsuppressed } from '../rules/context';
import { dockerfileSuppressions } from '../facts/suppress';
import { compareRanges, stripBom, TextIndex } from '../base/text';
import type {
  DocumentKind,
  Finding,
  LintInput,
  LintResult,
  Position,
  Range,
  Settings,
  Severity,
  TextEdit,
} from '../base/types';
import type { ObjectSummary, Workspace } from '../facts/workspace';

export interface LintOptions {
  /**
   * Cross-file facts. The document's own summaries are recorded in it before its rules run. When absent,
   * a workspace holding only this document.
   */
  workspace?: Workspace;
  /** Per-document results of this file from its previous lint (Kubernetes): only changed documents are re-linted. */
  cache?: KubernetesCache;
  /** The rules to run; defaults to the registry. */
  rules?: readonly Rule[];
  /**
   * Kubernetes: which YAML documents compute their fixes and suggestions (default: all). `false` gives the same
   * findings without them, far cheaper (every edit is verified by re-parsing its document): the diagnostics path.
   * `{ from, to }` (lines) computes them for the documents overlapping those lines: a code action request.
   * Dockerfile fixes are cheap text replacements and always computed.
   */
  fixes?: FixScope;
  /** Called when a rule throws; the other rules still run. */
  onRuleError?(ruleId: string, error: unknown): void;
}

export interface EngineLintResult extends LintResult {
  /** Kubernetes: what other files need to know of this one's objects. */
  summaries?: ObjectSummary[];
}

/** Findings no rule module owns (oversized input, YAML syntax errors); not configurable per rule. */
export const ENGINE_RULE_ID = 'harden';

export function effectiveSeverity(rule: Rule, settings: Settings): Severity | undefined {
  const set = settings.rules[rule.meta.id];
  // An opt-in rule turned on with its id set to anything but off reports at that severity.
  const s = set ?? (rule.meta.optIn ? 'off' : rule.meta.severity);
  return s === 'off' ? undefined : s;
}

/**
 * Lints one document. Positions count in the text as given: a BOM that an editor kept in the text is a character
 * of line 0, so ranges and edits fit the client's text (an edit off by one there would change the wrong bytes).
 * The CLI and SARIF count after the BOM: they hand in the text without it. This is the one place that decides.
 */
export function lint(input: LintInput, settings: Settings, options: LintOptions = {}): EngineLintResult {
  const { text, bom } = stripBom(input.text);
  const result = lintContent({ ...input, text }, settings, options);
  return bom ? { ...result, findings: afterBom(result.findings) } : result;
}

/** Findings moved one character right on line 0, past the BOM the model never saw. */
function afterBom(findings: Finding[]): Finding[] {
  const pos = (p: Position): Position => (p.line === 0 ? { line: 0, character: p.character + 1 } : p);
  const range = (r: Range): Range => ({ start: pos(r.start), end: pos(r.end) });
  const edits = (es: TextEdit[]): TextEdit[] => es.map((e) => ({ ...e, range: range(e.range) }));
  return findings.map((f) => ({
    ...f,
    range: range(f.range),
    ...(f.fix ? { fix: edits(f.fix) } : {}),
    ...(f.suggestions ? { suggestions: f.suggestions.map((x) => ({ ...x, edits: edits(x.edits) })) } : {}),
  }));
}

function lintContent(input: LintInput, settings: Settings, options: LintOptions): EngineLintResult {
  const { text } = input;
  const kind: DocumentKind = detectKind(input.uri, text, input.languageId);
  if (kind === 'other') return { kind, findings: [] };
  if (text.length > settings.maxFileSize)
    return {
      kind,
      findings: [
        engineFinding(
          'tooLarge',
          `File not checked: ${text.length} characters is over the limit of ${settings.maxFileSize} (setting maxFileSize)`,
          'info',
          zero,
          zero,
        ),
      ],
    };
  const rules = (options.rules ?? registry).filter((r) => r.meta.target === kind && effectiveSeverity(r, settings));
  const runner: RuleRunner = {
    report: (rule, r, index, fixes) => toFinding(rule, r, settings, index, fixes),
    run: (rule, fn) => {
      try {
        fn();
      } catch (e) {
        options.onRuleError?.(rule.meta.id, e);
      }
    },
  };
  let findings: Finding[];
  let summaries: ObjectSummary[] | undefined;
  if (kind === 'dockerfile') {
    if (text.includes('\u0000')) return { kind, findings: [] };
    findings = lintDockerfile(input.uri, text, settings, rules as DockerfileRule[], runner);
  } else {
    const syntaxError = (message: string, s: number, e: number, index: TextIndex) =>
      engineFinding(
        'yamlSyntax',
        `YAML syntax error, the document is not checked: ${message}`,
        'error',
        index.positionAt(s),
        index.positionAt(e),
      );
    const result = lintKubernetes({
      uri: input.uri,
      text,
      settings,
      rules: rules as KubernetesRule[],
      runner,
      workspace: options.workspace,
      cache: options.cache,
      syntaxError,
      fixes: options.fixes,
    });
    summaries = result.summaries;
    // One syntax diagnostic per file: the first; the rest of a broken file is noise while typing.
    let seenSyntax = false;
    findings = result.findings.filter(
      (f) => f.messageId !== 'yamlSyntax' || f.ruleId !== ENGINE_RULE_ID || (!seenSyntax && (seenSyntax = true)),
    );
  }
  findings.sort((a, b) => compareRanges(a.range, b.range) || a.ruleId.localeCompare(b.ruleId));
  return summaries ? { kind, findings, summaries } : { kind, findings };
}

function lintDockerfile(
  uri: string,
  text: string,
  settings: Settings,
  rules: readonly DockerfileRule[],
  runner: RuleRunner,
): Finding[] {
  const dockerfile = parseDockerfile(text);
  const { index } = dockerfile;
  const findings: Finding[] = [];
  for (const rule of rules) {
    runner.run(rule, () =>
      rule.check({
        ...baseContext(uri, index, settings, (r) => findings.push(runner.report(rule, r, index))),
        dockerfile,
      }),
    );
  }
  const offsetOf = (f: Finding) => index.offsetAt(f.range.start);
  return unsuppressed(findings, dockerfileSuppressions(dockerfile), rules, offsetOf, settings.noInlineIgnore);
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

/** The configured severity, lowered to the report's own when it asks for less. */
function capped(configured: Severity, own: Severity | undefined): Severity {
  return own && RANK[own] > RANK[configured] ? own : configured;
}

function toFinding(rule: Rule, r: Report, settings: Settings, index: TextIndex, fixes = true): Finding {
  const messages = rule.meta.messages as Record<string, string>;
  const f: Finding = {
    ruleId: rule.meta.id,
    messageId: r.messageId,
    severity: capped(effectiveSeverity(rule, settings) ?? rule.meta.severity, r.severity),
    message: formatMessage(messages[r.messageId] ?? r.messageId, r.data),
    range: index.range(r.start, r.end),
  };
  const safe = r.fix !== undefined && r.fix.length > 0 && rule.meta.fix === 'safe';
  if (!fixes) {
    if (safe) f.fixable = true;
    return f;
  }
  if (safe) f.fix = r.fix;
  if (r.suggest && r.suggest.length > 0) {
    f.suggestions = r.suggest.map((s) => ({
      messageId: s.messageId,
      title: formatMessage(messages[s.messageId] ?? s.messageId, s.data),
      edits: s.edits,
      ...(s.newFile ? { newFile: s.newFile } : {}),
    }));
  }
  return f;
}

const zero = { line: 0, character: 0 };

function engineFinding(
  messageId: string,
  message: string,
  severity: Severity,
  start: typeof zero,
  end: typeof zero,
): Finding {
  return { ruleId: ENGINE_RULE_ID, messageId, severity, message, range: { start, end } };
}
