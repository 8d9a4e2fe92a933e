import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  type FileEvent,
} from 'vscode-languageserver/node';
import { CONFIG_FILE_NAME, HADOLINT_CONFIG_NAMES } from '../shared/protocol';
import { SETTINGS_SECTION } from '../shared/settings';
import { isConfigFile, isHadolintFile } from './configFiles';
import { DEFAULT_SCAN_LIMITS, isScannable } from './crossFile';
import { isInside, pathToUri, uriToPath } from './paths';
import type { Services } from './server';

/** Start-up scan delay: the first diagnostics are answered before the disk is walked. */
const SCAN_DELAY_MS = 200;

/**
 * After `initialized`: dynamic registrations (configuration changes, file watchers), workspace folder
 * changes, and the bounded scan that gives cross-file rules the manifests nobody has open.
 */
export function watchWorkspace(s: Services): void {
  const { connection, features, log } = s;
  if (features.configurationDynamic) {
    connection.client
      .register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION })
      .catch((e: unknown) => log.error('Registering didChangeConfiguration failed', e));
  }
  if (features.watchedFilesDynamic) {
    const globs = [`**/${CONFIG_FILE_NAME}`, ...HADOLINT_CONFIG_NAMES.map((n) => `**/${n}`), '**/*.{yaml,yml}'];
    connection.client
      .register(DidChangeWatchedFilesNotification.type, { watchers: globs.map((globPattern) => ({ globPattern })) })
      .catch((e: unknown) => log.error('Registering file watchers failed', e));
  }
  // Handled even without registration: some clients watch files statically.
  connection.onDidChangeWatchedFiles(
    (params) =>
      void filesChanged(s, params.changes).catch((e: unknown) => log.error('didChangeWatchedFiles failed', e)),
  );
  if (features.workspaceFolders) {
    connection.workspace.onDidChangeWorkspaceFolders((e) => {
      const removed = e.removed.map((f) => uriToPath(f.uri)).filter((p): p is string => !!p);
      const added = e.added.map((f) => uriToPath(f.uri)).filter((p): p is string => !!p);
      s.settings.roots = [...s.settings.roots.filter((r) => !removed.includes(r)), ...added];
      let changed = false;
      for (const r of removed) changed = s.crossFile.forgetFolder(r) || changed;
      if (changed) s.diagnostics.crossFileChanged();
      scanSoon(s, added);
    });
  }
  scanSoon(s, s.settings.roots);
}

function scanSoon(s: Services, folders: readonly string[]): void {
  if (folders.length === 0) return;
  setTimeout(() => {
    scan(s, folders).catch((e: unknown) => s.log.error('Workspace scan failed', e));
  }, SCAN_DELAY_MS);
}

async function scan(s: Services, folders: readonly string[]): Promise<void> {
  const started = Date.now();
  let changed = false;
  for (const folder of folders) {
    const { settings } = await s.settings.forDocument(pathToUri(folder), false);
    changed =
      (await s.crossFile.scan(
        [folder],
        { ...DEFAULT_SCAN_LIMITS, maxFileSize: settings.maxFileSize },
        () => s.stopped,
      )) || changed;
  }
  s.log.info(`Scanned ${folders.length} workspace folder(s) for Kubernetes manifests in ${Date.now() - started} ms`);
  if (changed) s.diagnostics.crossFileChanged();
}

async function filesChanged(s: Services, changes: FileEvent[]): Promise<void> {
  let config = false;
  let crossFile = false;
  for (const c of changes) {
    const path = uriToPath(c.uri);
    if (!path) continue;
    if (isConfigFile(path) || isHadolintFile(path)) {
      s.settings.configFileChanged(path);
      config = true;
    } else if (isScannable(path)) {
      const root = s.settings.roots.find((r) => isInside(path, r));
      if (!root) continue;
      // The folder's settings, not the file's: a branch switch may touch thousands of files.
      const { settings } = await s.settings.forDocument(pathToUri(root), false);
      // A deleted file fails to stat and is forgotten; an open one keeps its editor text.
      crossFile = (await s.crossFile.updateFromDisk(path, settings.maxFileSize)) || crossFile;
    }
  }
  if (config) s.diagnostics.refreshAll();
  else if (crossFile) s.diagnostics.crossFileChanged();
}
