import type { Connection } from 'vscode-languageserver/node';
import { resolveSettings, rulesById, validateConfig, type ConfigLayer, type Settings } from '../engine';
import { SETTINGS_SECTION, type HardenUserSettings, type RunMode } from '../shared/settings';
import type { ConfigFiles } from './configFiles';
import type { ClientFeatures, Logger } from './context';
import { uriToPath } from './paths';

export interface DocumentSettings {
  enable: boolean;
  run: RunMode;
  settings: Settings;
}

/**
 * Settings per document: the editor's `harden.*` values (pulled per scope URI and cached) over the nearest
 * `.harden.yaml` over a `.hadolint.yaml` next to a Dockerfile over the defaults.
 */
export class SettingsStore {
  private readonly user = new Map<string, Promise<HardenUserSettings>>();
  /** Settings pushed with `didChangeConfiguration`, for clients without `workspace/configuration`. */
  private pushed: HardenUserSettings = {};
  private readonly reported = new Set<string>();
  private changes = 0;
  /** Workspace folder paths, most specific match wins when looking for `.harden.yaml`. */
  roots: string[] = [];

  constructor(
    private readonly connection: Connection,
    private readonly features: ClientFeatures,
    readonly files: ConfigFiles,
    private readonly log: Logger,
  ) {}

  /** Increases whenever any setting or config file may have changed; part of every lint cache key. */
  get epoch(): number {
    return this.changes;
  }

  async forDocument(uri: string, dockerfile: boolean): Promise<DocumentSettings> {
    const user = await this.userSettings(uri);
    const path = uriToPath(uri);
    const project = this.files.hardenFor(path, this.roots)?.layer;
    const hadolint = dockerfile && path ? this.files.hadolintFor(path) : undefined;
    return {
      enable: user.enable !== false,
      run: user.run === 'onSave' ? 'onSave' : 'onType',
      settings: resolveSettings(this.layerOf(user), project, hadolint),
    };
  }

  userSettings(uri: string): Promise<HardenUserSettings> {
    if (!this.features.configuration) return Promise.resolve(this.pushed);
    let p = this.user.get(uri);
    if (!p) {
      p = this.connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION }).then(
        (v: unknown) => (v && typeof v === 'object' ? (v as HardenUserSettings) : {}),
        (e: unknown) => {
          this.log.error('workspace/configuration failed; using defaults', e);
          return {};
        },
      );
      this.user.set(uri, p);
    }
    return p;
  }

  /** `workspace/didChangeConfiguration`: forget every cached value (pushed settings arrive with it). */
  configurationChanged(pushed?: unknown): void {
    const section = (pushed as Record<string, unknown> | null | undefined)?.[SETTINGS_SECTION];
    if (section && typeof section === 'object') this.pushed = section;
    this.user.clear();
    this.files.invalidate();
    this.changes++;
  }

  /** A `.harden.yaml` or `.hadolint.yaml` was created, changed, deleted or edited in an editor. */
  configFileChanged(path: string): void {
    this.files.invalidate(path);
    this.changes++;
  }

  release(uri: string): void {
    this.user.delete(uri);
  }

  /** The editor layer; unset means absent, null or '' (clients differ in how they send "not set"). */
  private layerOf(user: HardenUserSettings): ConfigLayer {
    const raw: Record<string, unknown> = {};
    const set = (v: unknown) => v !== undefined && v !== null && v !== '';
    if (set(user.rules)) raw.rules = user.rules;
    const pss = Object.fromEntries(Object.entries(user.pss ?? {}).filter(([, v]) => set(v)));
    if (Object.keys(pss).length) raw.pss = pss;
    if (set(user.trustedRegistries)) raw.trustedRegistries = user.trustedRegistries;
    if (set(user.maxFileSize)) raw.maxFileSize = user.maxFileSize;
    const { config, problems } = validateConfig(raw, new Set(rulesById.keys()));
    for (const p of problems) {
      if (this.reported.has(p.message)) continue;
      this.reported.add(p.message);
      this.log.warn(`Setting harden.*: ${p.message} (ignored)`);
    }
    return config;
  }
}
