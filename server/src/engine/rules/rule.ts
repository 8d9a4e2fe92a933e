import type { DockerfileModel } from '../models/dockerfile';
import type { KubernetesModel, K8sObject, YamlPath } from '../models/kubernetes';
import type { TextIndex } from '../base/text';
import type { FixKind, NewFile, Peers, Practice, Range, Settings, Severity, Target, TextEdit } from '../base/types';
import type { Workspace } from '../facts/workspace';

export interface RuleMeta<M extends string = string> {
  /** Kebab-case, stable, equal to the file name; used by settings, pragmas, SARIF and the docs URL. */
  id: string;
  target: Target;
  /** Short, sentence case, no trailing period. */
  title: string;
  practice: Practice;
  /** The severity it reports with when on. */
  severity: Severity;
  /** Off unless a setting turns it on (ESLint's "not in the recommended set"), e.g. CPU limits. */
  optIn?: boolean;
  fix: FixKind;
  /**
   * The finding's range is an image reference that the editor offers to pin to its digest (a registry lookup run
   * only on the user's command, in a trusted workspace).
   */
  digestPin?: boolean;
  peers: Peers;
  /** Message templates by messageId; `{{name}}` is replaced from the report's data. No trailing period. */
  messages: Record<M, string>;
  docs: {
    /** Why it matters, when it is acceptable; ends with a period. */
    rationale: string;
    references?: string[];
  };
}

export interface SuggestionReport<M extends string = string> {
  messageId: M;
  data?: Record<string, string | number>;
  edits: TextEdit[];
  /** Creates this file next to the document instead (`edits` then empty). */
  newFile?: NewFile;
}

export interface Report<M extends string = string> {
  /** Document offsets of what to underline. */
  start: number;
  end: number;
  messageId: M;
  data?: Record<string, string | number>;
  /** Safe edits (fix-all, --fix). Only for rules whose meta.fix is 'safe'. */
  fix?: TextEdit[];
  suggest?: SuggestionReport<M>[];
  /**
   * The finding is about something left out (a missing field or instruction). Such findings are dropped for
   * partial documents (kustomize patches), which only say what they change.
   */
  absent?: boolean;
  /**
   * A lower severity for this finding only (a doubt, not a problem: "the user cannot be known"); never raises the
   * configured severity.
   */
  severity?: 'info' | 'hint';
}

export interface BaseContext<M extends string> {
  /** The document's URI or path, as given to lint. */
  uri: string;
  text: string;
  index: TextIndex;
  settings: Settings;
  report: (r: Report<M>) => void;
  /** LSP range of document offsets. */
  range: (start: number, end: number) => Range;
  /** Replace document offsets [start, end) with `newText`. */
  replace: (start: number, end: number, newText: string) => TextEdit;
}

export interface DockerfileContext<M extends string = string> extends BaseContext<M> {
  dockerfile: DockerfileModel;
}

export interface KubernetesContext<M extends string = string> extends BaseContext<M> {
  kubernetes: KubernetesModel;
  /** Facts from every manifest the host knows of (this document included). */
  workspace: Workspace;
  /** Offsets to underline for a path below an object (see models/kubernetes `locate`). */
  at: (
    obj: K8sObject,
    path: YamlPath,
    part?: 'key' | 'value' | 'pair',
  ) => { start: number; end: number; exists: boolean };
  /**
   * Minimal, comment- and style-preserving edits that make `path` (below the object's root) hold `value`,
   * creating missing mappings; [] when it already does; undefined when it cannot be done safely.
   */
  ensure: (obj: K8sObject, path: YamlPath, value: unknown) => TextEdit[] | undefined;
  /** Edits that delete the key or sequence item at `path` (below the object's root); undefined when unsafe. */
  remove: (obj: K8sObject, path: YamlPath) => TextEdit[] | undefined;
  /**
   * False when only the findings are wanted (diagnostics while typing): `ensure` and `remove` then return a
   * placeholder and the report's `fix` and `suggest` are dropped, so work that only builds edits can be skipped.
   * A rule reports the same findings either way (test/engine/fixScope.test.ts).
   */
  fixes: boolean;
}

export interface DockerfileRule<M extends string = string> {
  meta: RuleMeta<M> & { target: 'dockerfile' };
  check(ctx: DockerfileContext<M>): void;
}

export interface KubernetesRule<M extends string = string> {
  meta: RuleMeta<M> & { target: 'kubernetes' };
  check(ctx: KubernetesContext<M>): void;
}

// Message ids vary per rule; `any` lets a registry hold rules of every id union (unknown would not: ids are contravariant).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Rule = DockerfileRule<any> | KubernetesRule<any>;

export function defineDockerfileRule<M extends string>(rule: DockerfileRule<M>): DockerfileRule<M> {
  return rule;
}

export function defineKubernetesRule<M extends string>(rule: KubernetesRule<M>): KubernetesRule<M> {
  return rule;
}

const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;

/** A template split at its placeholders: literal text at even indexes, `[name, as written]` at odd ones. */
type Parts = (string | [string, string])[];

/** Split templates by template text: the templates are the rules' messages, a bounded set. */
const templates = new Map<string, Parts>();

function partsOf(template: string): Parts {
  let parts = templates.get(template);
  if (parts) return parts;
  parts = [];
  let at = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    parts.push(template.slice(at, m.index), [m[1], m[0]]);
    at = m.index + m[0].length;
  }
  parts.push(template.slice(at));
  // Bounded anyway (a message id falls back to itself): never let unusual callers grow it without limit.
  if (templates.size >= 1000) templates.clear();
  templates.set(template, parts);
  return parts;
}

/**
 * `{{name}}` replaced from `data`; unknown names stay as written. The template is split once: a regular expression
 * replace with a callback for every finding showed in profiles of large manifests.
 */
export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  const parts = partsOf(template);
  if (parts.length === 1) return template;
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (typeof p === 'string') out += p;
    else out += p[0] in data ? String(data[p[0]]) : p[1];
  }
  return out;
}
