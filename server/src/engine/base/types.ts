/** 0-based line and character, characters counted in UTF-16 code units (as LSP and SARIF utf16CodeUnits). */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A replacement of `range` by `newText`; an empty range inserts. */
export interface TextEdit {
  range: Range;
  newText: string;
}

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';
export const SEVERITIES: readonly SeveritySetting[] = ['off', 'hint', 'info', 'warning', 'error'];

export type Target = 'dockerfile' | 'kubernetes';
export type DocumentKind = Target | 'other';

/** The practices from the product card; every rule belongs to exactly one. */
export type Practice =
  | 'minimal-base-images'
  | 'multi-stage-builds'
  | 'vulnerable-images'
  | 'integrity'
  | 'least-privilege'
  | 'resource-limits'
  | 'pinned-dependencies'
  | 'no-unnecessary-packages'
  | 'read-only-filesystem'
  | 'network-policies'
  | 'health-checks';

export const PRACTICES: readonly Practice[] = [
  'minimal-base-images',
  'multi-stage-builds',
  'vulnerable-images',
  'integrity',
  'least-privilege',
  'resource-limits',
  'pinned-dependencies',
  'no-unnecessary-packages',
  'read-only-filesystem',
  'network-policies',
  'health-checks',
];

export type FixKind = 'safe' | 'suggestion' | 'none';

/** Other tools' identifiers for the same check; pragmas written with them are honoured. */
export interface Peers {
  hadolint?: string[];
  checkov?: string[];
  trivy?: string[];
  kubeLinter?: string[];
  polaris?: string[];
  kubeScore?: string[];
  buildkit?: string[];
  pss?: string[];
}
export const PEER_TOOLS = [
  'hadolint',
  'checkov',
  'trivy',
  'kubeLinter',
  'polaris',
  'kubeScore',
  'buildkit',
  'pss',
] as const;
export type PeerTool = (typeof PEER_TOOLS)[number];

export interface Suggestion {
  /** Shown as the quick-fix title. */
  title: string;
  messageId: string;
  edits: TextEdit[];
  /** A new file next to the document (its name relative to the document's folder) instead of edits. */
  newFile?: NewFile;
}

export interface NewFile {
  name: string;
  text: string;
}

export interface Finding {
  ruleId: string;
  messageId: string;
  severity: Severity;
  message: string;
  range: Range;
  /** Safe edits: applied by fix-all, fix on save and `harden --fix`. */
  fix?: TextEdit[];
  /** Alternatives that may change behaviour: offered as quick fixes only. */
  suggestions?: Suggestion[];
  /** Lints without fixes (`fixes: false`): a safe fix exists, its edits not computed (`fix` is then absent). */
  fixable?: true;
}

export type PssLevel = 'baseline' | 'restricted';

export interface Settings {
  /** Per-rule severity overrides; rules not named keep their default. */
  rules: Record<string, SeveritySetting>;
  pss: { level: PssLevel; version: string };
  /** Registries (host names, optionally with a path prefix) that base images may come from; empty = not checked. */
  trustedRegistries: string[];
  /** Files larger than this many bytes are skipped with one diagnostic. */
  maxFileSize: number;
  /** Base images (globs over `registry/path:tag`) whose image config already sets a non-root USER, beyond ours. */
  nonRootBaseImages?: string[];
  /**
   * Rule ids (or `*`) that no comment pragma or annotation in a file may switch off (`.harden.yaml` `noInlineIgnore`):
   * only settings can.
   */
  noInlineIgnore?: string[];
  /** Today, for date-based rules (end-of-life); injectable for tests. ISO date `YYYY-MM-DD`. */
  today?: string;
}

export interface LintInput {
  /** A URI or path; used for file detection by name. */
  uri: string;
  text: string;
  languageId?: string;
}

export interface LintResult {
  kind: DocumentKind;
  findings: Finding[];
}
