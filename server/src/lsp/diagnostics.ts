import type { Connection, DocumentDiagnosticReport } from 'vscode-languageserver/node';
import type { ClientFeatures, Documents, Logger } from './context';
import type { Linter } from './linter';
import type { SettingsStore } from './settings';

const PUSH_DELAY_MS = 150;
const CROSS_FILE_DELAY_MS = 300;
const REFRESH_ALL_DELAY_MS = 100;
const EMPTY: DocumentDiagnosticReport = { kind: 'full', items: [] };

/**
 * Delivers findings: answers `textDocument/diagnostic` for pull clients (VS Code), publishes after a short
 * debounce for push-only clients (Neovim 0.7 and other editors without LSP 3.17 pull).
 */
export class Diagnostics {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** The version each document was opened with: its first content event is the open, not an edit. */
  private readonly openVersions = new Map<string, number>();
  private crossFileTimer: NodeJS.Timeout | undefined;
  private refreshAllTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly features: ClientFeatures,
    private readonly documents: Documents,
    private readonly linter: Linter,
    private readonly settings: SettingsStore,
    private readonly log: Logger,
  ) {}

  get pull(): boolean {
    return this.features.pullDiagnostics;
  }

  async report(
    uri: string,
    previousResultId: string | undefined,
    cancelled: () => boolean,
  ): Promise<DocumentDiagnosticReport> {
    // The lint is synchronous: let a cancellation already on its way (the user typed on) arrive before it starts.
    await new Promise<void>((resolve) => setImmediate(resolve));
    const doc = this.documents.get(uri);
    const entry = doc && !cancelled() ? await this.linter.lint(doc, cancelled) : undefined;
    if (!entry || cancelled()) return EMPTY;
    if (previousResultId === entry.key) return { kind: 'unchanged', resultId: entry.key };
    return { kind: 'full', resultId: entry.key, items: entry.diagnostics };
  }

  opened(uri: string, version: number): void {
    this.openVersions.set(uri, version);
    if (!this.pull) this.schedule(uri, 0);
  }

  isOpenVersion(uri: string, version: number): boolean {
    return this.openVersions.get(uri) === version;
  }

  changed(uri: string): void {
    if (this.pull) return;
    void this.settings.userSettings(uri).then((u) => {
      if (u.run !== 'onSave') this.schedule(uri, PUSH_DELAY_MS);
    });
  }

  saved(uri: string): void {
    if (!this.pull) this.schedule(uri, 0);
  }

  closed(uri: string): void {
    this.openVersions.delete(uri);
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    if (!this.pull) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** Settings or a config file changed: every open document may report differently (debounced: typing in `.harden.yaml`). */
  refreshAll(): void {
    clearTimeout(this.refreshAllTimer);
    this.refreshAllTimer = setTimeout(() => {
      this.refreshAllTimer = undefined;
      if (this.pull) this.refreshPulled();
      else for (const doc of this.documents.all()) this.schedule(doc.uri, 0);
    }, REFRESH_ALL_DELAY_MS);
  }

  /** Cross-file facts changed: the other open Kubernetes documents (debounced, a burst of edits is one refresh). */
  crossFileChanged(source?: string): void {
    clearTimeout(this.crossFileTimer);
    this.crossFileTimer = setTimeout(() => {
      this.crossFileTimer = undefined;
      if (this.pull) this.refreshPulled();
      else for (const uri of this.linter.kubernetesUris()) if (uri !== source) this.schedule(uri, 0);
    }, CROSS_FILE_DELAY_MS);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    clearTimeout(this.crossFileTimer);
    clearTimeout(this.refreshAllTimer);
  }

  private refreshPulled(): void {
    if (this.features.diagnosticRefresh)
      this.connection.languages.diagnostics
        .refresh()
        .catch((e: unknown) => this.log.error('workspace/diagnostic/refresh failed', e));
  }

  private schedule(uri: string, delay: number): void {
    clearTimeout(this.timers.get(uri));
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        this.publish(uri).catch((e: unknown) => this.log.error(`Publishing diagnostics for ${uri} failed`, e));
      }, delay),
    );
  }

  private async publish(uri: string): Promise<void> {
    const doc = this.documents.get(uri);
    const entry = doc && (await this.linter.lint(doc));
    if (!entry) return;
    // Typed on while linting: publish the newer version instead (a change already rescheduled it on type).
    if (this.documents.get(uri)?.version !== entry.version) return this.schedule(uri, PUSH_DELAY_MS);
    await this.connection.sendDiagnostics({ uri, version: entry.version, diagnostics: entry.diagnostics });
  }
}
