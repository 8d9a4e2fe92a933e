import { yamlEditor } from '../edit/objectEdits';
import { splitDocuments, type DocumentChunk } from '../models/documents';
import { locate, parseKubernetes, type K8sObject, type YamlPath } from '../models/kubernetes';
import type { KubernetesContext, KubernetesRule, Report, Rule } from '../rules/rule';
import { baseContext, unsuppressed } from '../rules/context';
import { fileSuppressions, kubernetesSuppressions, mayHaveFileSuppressions } from '../facts/suppress';
import { TextIndex } from '../base/text';
import type { Finding, Position, Settings, TextEdit } from '../base/types';
import { summarize, Workspace, type ObjectSummary } from '../facts/workspace';

export interface RuleRunner {
  /** `fixes: false` leaves the report's fix and suggestions out. */
  report(rule: Rule, r: Report, index: TextIndex, fixes?: boolean): Finding;
  run(rule: Rule, fn: () => void): void;
}

interface ChunkEntry {
  summaries: ObjectSummary[];
  /**
   * Findings with positions relative to the chunk, for the stamp they were computed under; `fixes` says whether
   * their fixes and suggestions were computed (a list with them also serves a request without, stripped).
   */
  findings?: { stamp: string; list: Finding[]; fixes: boolean };
  /** `findings.list` (fixes stripped or not) moved to the chunk's line in the file, reused while neither changes. */
  placed?: { from: Finding[]; line: number; stripped: boolean; list: Finding[] };
  /** Parse problems of the chunk, relative to it. */
  errors: Finding[];
}

/**
 * Per-document results of one file, keyed by the document's text: an edit re-lints only the documents it
 * touched; the others are reused with their positions shifted. Hold one per open file; drop it on close.
 */
export class KubernetesCache {
  /** The documents of the last lint, in order, with their results. */
  order: { text: string; entry: ChunkEntry }[] = [];
}

/**
 * Which documents compute their fixes and suggestions: all, none (diagnostics only: the same findings without
 * `fix` and `suggestions`), or those with a line in `from`..`to` (a code action request).
 */
export type FixScope = boolean | { from: number; to: number };

export interface KubernetesLintResult {
  findings: Finding[];
  summaries: ObjectSummary[];
}

/** One Kubernetes lint: the document, what to run, and where its cross-file facts and cache live. */
export interface KubernetesLintRequest {
  uri: string;
  text: string;
  settings: Settings;
  rules: readonly KubernetesRule[];
  runner: RuleRunner;
  /** The workspace index to record this file's summaries in (a private one when absent). */
  workspace?: Workspace;
  /** The last lint's per-document results, reused where the text did not change. */
  cache?: KubernetesCache;
  /** How a YAML syntax error becomes a finding; no finding when absent. */
  syntaxError?: (message: string, start: number, end: number, index: TextIndex) => Finding;
  /** Which lines get fix edits (default: all). */
  fixes?: FixScope;
}

export function lintKubernetes(request: KubernetesLintRequest): KubernetesLintResult {
  const { uri, text, settings, rules, runner, workspace, syntaxError } = request;
  const cache = request.cache ?? new KubernetesCache();
  const fixes = request.fixes ?? true;
  const chunks = splitDocuments(text);
  const wantsFixes = (chunk: DocumentChunk) => fixes === true || (fixes !== false && overlaps(chunk, fixes));
  const previous = cache.order;
  // Last lint's results by text, for documents that are not where they were: a scan comparing lengths first for the
  // first few (typing changes one document), a map once more are missing (a paste, a cold lint).
  let byText: Map<string, ChunkEntry> | undefined;
  let misses = 0;
  const moved = (t: string) => {
    if (++misses <= 8) return previous.find((p) => p.text.length === t.length && p.text === t)?.entry;
    byText ??= new Map(previous.map((p) => [p.text, p.entry]));
    return byText.get(t);
  };
  const parsed = new Map<string, { entry: ChunkEntry; model: ReturnType<typeof parseKubernetes> }>();
  const entries: ChunkEntry[] = [];
  chunks.forEach((chunk, i) => {
    // The same document at the same index, counted from the start or from the end: comparing two strings is much
    // cheaper than hashing every document's text into a map on every keystroke (profiled on a 10k-line manifest).
    const j = previous.length - chunks.length + i;
    let entry =
      previous[i]?.text === chunk.text
        ? previous[i].entry
        : previous[j]?.text === chunk.text
          ? previous[j].entry
          : undefined;
    if (!entry) entry = (previous.length ? moved(chunk.text) : undefined) ?? parsed.get(chunk.text)?.entry;
    if (!entry) {
      const model = parseKubernetes(chunk.text, { sourceTokens: wantsFixes(chunk) });
      const index = model.index;
      entry = {
        summaries: summarize(uri, model),
        errors: syntaxError ? model.errors.map((e) => syntaxError(e.message, e.start, e.end, index)) : [],
      };
      parsed.set(chunk.text, { entry, model });
    }
    entries.push(entry);
  });
  const summaries = entries.flatMap((e) => e.summaries);
  const ws = workspace ?? new Workspace();
  ws.set(uri, summaries);
  const partial = ws.isPatch(uri);
  const stamp = `${ws.generation}|${partial}|${JSON.stringify(settings)}|${rules.map((r) => r.meta.id).join(',')}`;

  const findings: Finding[] = [];
  chunks.forEach((chunk, i) => {
    const entry = entries[i];
    const withFixes = wantsFixes(chunk);
    if (entry.findings?.stamp !== stamp || (withFixes && !entry.findings.fixes)) {
      // A model parsed for another chunk of the same text may lack the source tokens edits need.
      const early = parsed.get(chunk.text)?.entry === entry ? parsed.get(chunk.text)!.model : undefined;
      const model =
        early && (!withFixes || early.docs.every((d) => d.contents === null || d.contents.srcToken))
          ? early
          : parseKubernetes(chunk.text, { sourceTokens: withFixes });
      entry.findings = {
        stamp,
        list: lintChunk({ uri, model, settings, rules, runner, workspace: ws, partial, fixes: withFixes }),
        fixes: withFixes,
      };
    }
    for (const f of entry.errors) findings.push(shift(f, chunk.line));
    // Moving every finding of every document on each keystroke showed in profiles: reuse them while in place.
    const stripped = !withFixes && entry.findings.fixes;
    const p = entry.placed;
    if (!p || p.from !== entry.findings.list || p.line !== chunk.line || p.stripped !== stripped) {
      const list = stripped ? entry.findings.list.map(withoutFixes) : entry.findings.list;
      entry.placed = {
        from: entry.findings.list,
        line: chunk.line,
        stripped,
        list: list.map((f) => shift(f, chunk.line)),
      };
    }
    for (const f of entry.placed!.list) findings.push(f);
  });
  cache.order = chunks.map((c, i) => ({ text: c.text, entry: entries[i] }));

  const fileWide = mayHaveFileSuppressions(text) ? fileSuppressions(new TextIndex(text)) : [];
  return { findings: unsuppressed(findings, fileWide, rules, () => 0, settings.noInlineIgnore), summaries };
}

/** Whether a chunk has a line in `from`..`to` (lines of the file). */
function overlaps(chunk: DocumentChunk, { from, to }: { from: number; to: number }): boolean {
  let last = chunk.line;
  for (let i = chunk.text.indexOf('\n'); i >= 0 && i < chunk.text.length - 1; i = chunk.text.indexOf('\n', i + 1))
    last++;
  return chunk.line <= to && from <= last;
}

function withoutFixes(f: Finding): Finding {
  if (!f.fix && !f.suggestions) return f;
  const { fix, suggestions: _suggestions, ...rest } = f;
  return fix ? { ...rest, fixable: true } : rest;
}

/**
 * What `ensure`/`remove` return when fixes are not wanted: non-empty, so a rule takes the path it takes with a
 * real edit; the runner drops it from the report. A real edit is verified by re-parsing its document: with every
 * finding carrying its fixes, that was most of the lint time of a large manifest (see scripts/bench).
 */
const DEFERRED: TextEdit[] = Object.freeze([
  { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '' },
]) as TextEdit[];
const deferredEdits = { ensure: () => DEFERRED, remove: () => DEFERRED };

/** One YAML document of a lint: its model, the index it sees, whether it is a patch, whether edits are wanted. */
interface ChunkLint extends Pick<KubernetesLintRequest, 'uri' | 'settings' | 'rules' | 'runner'> {
  model: ReturnType<typeof parseKubernetes>;
  workspace: Workspace;
  partial: boolean;
  fixes: boolean;
}

function lintChunk({ uri, model, settings, rules, runner, workspace, partial, fixes }: ChunkLint): Finding[] {
  const { text, index } = model;
  if (partial) for (const o of model.objects) o.partial = true;
  const out: Finding[] = [];
  const edits = fixes ? yamlEditor({ text, index }) : deferredEdits;
  const at = (obj: K8sObject, path: YamlPath, part?: 'key' | 'value' | 'pair') => locate(obj.node, path, part);
  // One context per document, its `report` attributing findings to the rule running (rules run synchronously).
  // Built property by property: spreading the base context and the edit helpers into a new object for every rule
  // and document was a fifth of the lint time in profiles of a 10k-line manifest.
  let current: KubernetesRule = rules[0];
  const base = baseContext(uri, index, settings, (r) => {
    if (!(r.absent && partial)) out.push(runner.report(current, r, index, fixes));
  });
  const ctx: KubernetesContext = {
    uri: base.uri,
    text: base.text,
    index: base.index,
    settings: base.settings,
    range: base.range,
    replace: base.replace,
    report: base.report,
    kubernetes: model,
    workspace,
    at,
    ensure: edits.ensure,
    remove: edits.remove,
    fixes,
  };
  for (const rule of rules) {
    current = rule;
    runner.run(rule, () => rule.check(ctx));
  }
  const offsetOf = (f: Finding) => index.offsetAt(f.range.start);
  return unsuppressed(out, kubernetesSuppressions(model), rules, offsetOf, settings.noInlineIgnore);
}

function shiftPos(p: Position, lines: number): Position {
  return { line: p.line + lines, character: p.character };
}

/** Moves a chunk-relative finding (range and edits) down by `lines`; chunks start at a line start. */
function shift(f: Finding, lines: number): Finding {
  if (lines === 0) return f;
  const r = (x: { start: Position; end: Position }) => ({
    start: shiftPos(x.start, lines),
    end: shiftPos(x.end, lines),
  });
  const edits = (es: Finding['fix']) => es?.map((e) => ({ range: r(e.range), newText: e.newText }));
  return {
    ...f,
    range: r(f.range),
    ...(f.fix ? { fix: edits(f.fix) } : {}),
    ...(f.suggestions ? { suggestions: f.suggestions.map((s) => ({ ...s, edits: edits(s.edits)! })) } : {}),
  };
}
