import type { Rule } from '../../server/src/engine/rules/rule';
import type { PssLevel, SeveritySetting } from '../../server/src/engine/base/types';

/** Settings a case may set; merged over the defaults. */
export interface CaseSettings {
  rules?: Record<string, SeveritySetting>;
  pss?: { level?: PssLevel; version?: string };
  trustedRegistries?: string[];
  today?: string;
  maxFileSize?: number;
  nonRootBaseImages?: string[];
}

interface BaseCase {
  name: string;
  /** The document; in invalid cases `⟦…⟧` marks each expected range, in the order of `errors`. */
  code: string;
  /** Defaults to `Dockerfile` or `manifest.yaml` by the rule's target. */
  filename?: string;
  settings?: CaseSettings;
  /** Other manifests in the workspace (cross-file rules), by file name. */
  workspace?: Record<string, string>;
}

export interface ValidCase extends BaseCase {
  /** Shown in the generated docs as a good example. */
  docs?: 'good';
}

export interface ExpectedSuggestion {
  messageId: string;
  /** The document after the suggestion's edits. */
  output?: string;
  /** For a suggestion that creates a file next to the document: its name and text. */
  newFile?: { name: string; text: string };
}

export interface ExpectedError {
  messageId: string;
  /** When given, the message must equal the rule's template filled with it. */
  data?: Record<string, string | number>;
  /** `L2:C6-L2:C10` (1-based lines and columns), instead of a marker. */
  range?: string;
  /** Every suggestion of this finding, in order; omitted means not checked. */
  suggestions?: ExpectedSuggestion[];
}

export interface InvalidCase extends BaseCase {
  docs?: 'bad';
  errors: ExpectedError[];
  /** Text after all safe fixes of this rule; `null` asserts there is none. Required when a safe fix exists. */
  output?: string | null;
}

export interface RuleCases {
  rule: Rule;
  valid: ValidCase[];
  invalid: InvalidCase[];
}

export function cases(rule: Rule, table: { valid: ValidCase[]; invalid: InvalidCase[] }): RuleCases {
  return { rule, ...table };
}

/**
 * Dedents a template literal: drops the first line break and the common indentation, keeps a final line break.
 * `df` and `k8s` are the same function, named for readability of the tables.
 */
export function dedent(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.reduce((acc, s, i) => acc + s + (i < values.length ? String(values[i]) : ''), '');
  const lines = raw
    .replace(/^\n/, '')
    .replace(/\n[ \t]*$/, '')
    .split('\n');
  const indents = lines.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut)).join('\n') + '\n';
}

export const df = dedent;
export const k8s = dedent;
