import type { Diagnostic } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  baseName,
  detectKind,
  ENGINE_RULE_ID,
  KubernetesCache,
  lint,
  type DocumentKind,
  type Finding,
  type FixScope,
  type LintOptions,
  type Settings,
} from '../engine';
import { CONFIG_FILE_NAME } from '../shared/protocol';
import { parseHardenConfig } from './configFiles';
import type { Documents, Logger } from './context';
import { toDiagnostic } from './convert';
import type { CrossFile } from './crossFile';
import { IdleCollector } from './memory';
import type { SettingsStore } from './settings';

/** One document's findings at one version under one set of settings and cross-file facts. */
export interface LintEntry {
  uri: string;
  version: number;
  /** Changes whenever the findings may differ; doubles as the pull `resultId`. */
  key: string;
  /** The text the findings were computed for: edits built from them apply to exactly this. */
  text: string;
  languageId: string;
  kind: DocumentKind | 'config';
  enabled: boolean;
  settings: Settings;
  findings: Finding[];
  diagnostics: Diagnostic[];
}

type CachedEntry = LintEntry & { epoch: number; generation: number };

/** Lints of texts this long allocate tens of MB on the way: collect once idle. */
const LARGE_TEXT = 256 * 1024;

/** Runs the engine for open documents and caches the result per (uri, version, settings epoch, workspace generation). */
export class Linter {
  private readonly cache = new Map<string, CachedEntry>();
  /** The engine's per-file cache of per-YAML-document results: an edit re-lints only the documents it touched. */
  private readonly yamlCaches = new Map<string, KubernetesCache>();
  private readonly failedRules = new Set<string>();
  /** Gives back the heap a large lint grew, once idle (see memory.ts). */
  private readonly collector = new IdleCollector();
  private readonly session = Math.random().toString(36).slice(2, 8);

  constructor(
    private readonly documents: Documents,
    private readonly settings: SettingsStore,
    private readonly crossFile: CrossFile,
    private readonly log: Logger,
    /** Called when linting this document changed what other documents see (its cross-file summaries). */
    private readonly onCrossFileChange: (uri: string) => void,
  ) {}

  /** `cancelled` (a request's token) is asked once more before the engine runs: a cancelled request lints nothing. */
  async lint(doc: TextDocument, cancelled?: () => boolean): Promise<LintEntry | undefined> {
    const isConfig = baseName(doc.uri) === CONFIG_FILE_NAME;
    const resolved = await this.settings.forDocument(
      doc.uri,
      detectKind(doc.uri, doc.getText(), doc.languageId) === 'dockerfile',
    );
    const current = this.documents.get(doc.uri);
    if (!current) return undefined;
    const { uri, version, languageId } = current;
    const text = current.getText();
    const kind: LintEntry['kind'] = isConfig ? 'config' : detectKind(uri, text, languageId);
    const epoch = this.settings.epoch;
    const generation = this.crossFile.workspace.generation;
    const cached = this.cache.get(uri);
    if (
      cached &&
      cached.version === version &&
      cached.epoch === epoch &&
      (kind !== 'kubernetes' || cached.generation === generation)
    )
      return cached;

    if (cancelled?.()) return undefined;
    let findings: Finding[] = [];
    if (isConfig) findings = configFindings(text);
    else if (resolved.enable && kind !== 'other') findings = this.run(uri, text, languageId, resolved.settings);
    // The engine records a linted manifest's summaries; a YAML file it skipped may have stopped being one.
    if (kind === 'other' || (kind === 'kubernetes' && !resolved.enable)) this.crossFile.update(uri, text);
    const after = this.crossFile.workspace.generation;
    if (after !== generation) this.onCrossFileChange(uri);

    const entry: CachedEntry = {
      uri,
      version,
      key: `${this.session}:${version}:${epoch}:${kind === 'kubernetes' ? after : '-'}`,
      text,
      languageId,
      kind,
      enabled: resolved.enable,
      settings: resolved.settings,
      findings,
      diagnostics: findings.map((f, i) => toDiagnostic(f, i, version)),
      epoch,
      generation: after,
    };
    this.cache.set(uri, entry);
    // A document just opened or a large one: once the burst is over, give back what its lint grew the heap by.
    if (!cached || text.length >= LARGE_TEXT) this.collector.soon();
    return entry;
  }

  /**
   * The engine's `lint` of an open document's real text: records its cross-file summaries, reuses its YAML cache.
   * Diagnostics need no fix edits, and building them (each verified by re-parsing its YAML document) was most of
   * the lint time of a large manifest: `fixes` is false here and `withFixes` computes them for a code action.
   */
  run(uri: string, text: string, languageId: string, settings: Settings, fixes: FixScope = false): Finding[] {
    let yamlCache = this.yamlCaches.get(uri);
    if (!yamlCache) this.yamlCaches.set(uri, (yamlCache = new KubernetesCache()));
    return this.guarded(
      uri,
      () =>
        lint({ uri, text, languageId }, settings, {
          ...this.ruleErrors(),
          workspace: this.crossFile.workspace,
          cache: yamlCache,
          fixes,
        }).findings,
    );
  }

  /**
   * The entry's findings with the fixes and suggestions of those on the lines `from`..`to` (a code action
   * request): the same list, in the same order, as `entry.findings` (test/engine/fixScope.test.ts). Only the YAML
   * documents overlapping the lines are re-linted; the others come from the cache. Dockerfile fixes are always there.
   */
  withFixes(entry: LintEntry, from: number, to: number): Finding[] {
    if (entry.kind !== 'kubernetes' || !entry.enabled || entry.findings.length === 0) return entry.findings;
    return this.run(entry.uri, entry.text, entry.languageId, entry.settings, { from, to });
  }

  /**
   * Options for linting text that is not (yet) the document's: fix-all passes, previews. A private copy of
   * the workspace keeps hypothetical summaries out of the shared facts. Reuse one across passes.
   */
  speculativeOptions(): LintOptions {
    return { ...this.ruleErrors(), workspace: this.crossFile.fork() };
  }

  speculate(uri: string, text: string, languageId: string, settings: Settings, options: LintOptions): Finding[] {
    return this.guarded(uri, () => lint({ uri, text, languageId }, settings, options).findings);
  }

  /** Open documents whose findings depend on cross-file facts. */
  kubernetesUris(): string[] {
    return [...this.cache.values()].filter((e) => e.kind === 'kubernetes').map((e) => e.uri);
  }

  release(uri: string): void {
    if (this.cache.delete(uri)) this.collector.soon();
    this.yamlCaches.delete(uri);
  }

  private guarded(uri: string, fn: () => Finding[]): Finding[] {
    try {
      return fn();
    } catch (e) {
      this.log.error(`Linting ${uri} failed`, e);
      return [];
    }
  }

  private ruleErrors(): Pick<LintOptions, 'onRuleError'> {
    return {
      onRuleError: (ruleId, error) => {
        if (this.failedRules.has(ruleId)) return;
        this.failedRules.add(ruleId);
        this.log.error(`Rule ${ruleId} failed (reported once; the other rules still run)`, error);
      },
    };
  }
}

/** `.harden.yaml` problems as findings of the engine's own id, placed on the key they name when it can be found. */
function configFindings(text: string): Finding[] {
  return parseHardenConfig(text).problems.map((message) => ({
    ruleId: ENGINE_RULE_ID,
    messageId: 'invalidConfig',
    severity: 'error',
    message: `Invalid ${CONFIG_FILE_NAME}: ${message}`,
    range: locateProblem(text, message),
  }));
}

function locateProblem(text: string, message: string): Finding['range'] {
  const quoted = /"([^"]+)"/.exec(message)?.[1];
  const name = quoted?.split('.').pop();
  const lines = text.split(/\r\n|\r|\n/);
  if (name) {
    const key = new RegExp(`^(\\s*(?:-\\s+)?)(["']?)${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\2\\s*:`);
    for (let line = 0; line < lines.length; line++) {
      const m = key.exec(lines[line]);
      if (m) {
        const start = m[1].length;
        return { start: { line, character: start }, end: { line, character: start + m[2].length * 2 + name.length } };
      }
    }
  }
  return { start: { line: 0, character: 0 }, end: { line: 0, character: lines[0]?.length ?? 0 } };
}
