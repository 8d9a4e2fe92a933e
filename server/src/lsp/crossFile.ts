import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { detectKind, parseKubernetes, summarize, Workspace } from '../engine';
import { fileKey, pathToUri } from './paths';

export interface ScanLimits {
  maxFiles: number;
  maxDirectories: number;
  maxFileSize: number;
}

export const DEFAULT_SCAN_LIMITS: Omit<ScanLimits, 'maxFileSize'> = { maxFiles: 2000, maxDirectories: 20000 };

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);
const YAML_FILE = /\.ya?ml$/i;

/** A YAML file the scan would read (not below node_modules, .git…); watcher events for others are ignored. */
export function isScannable(path: string): boolean {
  return YAML_FILE.test(path) && !path.split(/[\\/]/).some((segment) => SKIP_DIRS.has(segment));
}

/**
 * The engine `Workspace` of cross-file facts, keyed by URI. The engine's `lint` records an open document's
 * summaries itself (under the editor's URI); this class adds the YAML files on disk (a bounded scan at
 * start-up, then watcher events) and keeps the two apart: while an editor holds a file its text wins.
 */
export class CrossFile {
  readonly workspace = new Workspace();
  private readonly open = new Set<string>();

  /** Records what `text` declares (for documents the engine does not lint); true when the facts changed. */
  update(uri: string, text: string): boolean {
    const before = this.workspace.generation;
    let summaries: ReturnType<typeof summarize> = [];
    try {
      if (detectKind(uri, text, 'yaml') === 'kubernetes')
        summaries = summarize(uri, parseKubernetes(text, { sourceTokens: false })); // no edits: no CST kept
    } catch {
      summaries = [];
    }
    if (summaries.length === 0) this.workspace.delete(uri);
    else this.workspace.set(uri, summaries);
    return this.workspace.generation !== before;
  }

  remove(uri: string): boolean {
    const before = this.workspace.generation;
    this.workspace.delete(uri);
    return this.workspace.generation !== before;
  }

  /** An editor opened `uri`: its disk entry, if spelled differently (`c%3A` vs `C:`), must not count twice. */
  opened(uri: string): boolean {
    const path = fileKey(uri);
    this.open.add(path);
    return path !== uri && pathToUri(path) !== uri ? this.remove(pathToUri(path)) : false;
  }

  /** The editor is gone: back to the file on disk (unsaved edits are gone too), or nothing for untitled. */
  async closed(uri: string, maxFileSize: number): Promise<boolean> {
    const path = fileKey(uri);
    this.open.delete(path);
    if (path === uri) return this.remove(uri);
    const removed = pathToUri(path) !== uri ? this.remove(uri) : false;
    return (await this.updateFromDisk(path, maxFileSize)) || removed;
  }

  /** A watched file changed on disk; ignored while an editor holds it. */
  async updateFromDisk(path: string, maxFileSize: number): Promise<boolean> {
    if (this.open.has(path)) return false;
    const uri = pathToUri(path);
    try {
      const s = await stat(path);
      if (!s.isFile() || s.size > maxFileSize) return this.remove(uri);
      return this.update(uri, await readFile(path, 'utf8'));
    } catch {
      return this.remove(uri);
    }
  }

  /** A copy for speculative lints (fix-all passes, previews), so hypothetical text never leaks into the facts. */
  fork(): Workspace {
    const copy = new Workspace();
    const byUri = new Map<string, ReturnType<typeof summarize>>();
    for (const s of this.workspace.objects()) byUri.set(s.uri, [...(byUri.get(s.uri) ?? []), s]);
    for (const [uri, list] of byUri) copy.set(uri, list);
    return copy;
  }

  /** Forgets every file below `folder` (a removed workspace folder) that no editor holds. */
  forgetFolder(folder: string): boolean {
    let changed = false;
    const uris = new Set([...this.workspace.objects()].map((s) => s.uri));
    for (const uri of uris) {
      const path = fileKey(uri);
      if (path.startsWith(folder) && !this.open.has(path)) changed = this.remove(uri) || changed;
    }
    return changed;
  }

  /**
   * Breadth-first walk of the folders for YAML files, bounded in files and folders; yields to the event loop
   * between folders so requests are answered while it runs. True when anything changed.
   */
  async scan(folders: readonly string[], limits: ScanLimits, cancelled: () => boolean = () => false): Promise<boolean> {
    const queue = [...folders];
    let files = 0;
    let dirs = 0;
    let changed = false;
    while (queue.length > 0 && files < limits.maxFiles && dirs < limits.maxDirectories && !cancelled()) {
      const dir = queue.shift()!;
      dirs++;
      let entries;
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch {
        continue;
      }
      for (const e of entries) {
        if (e.isDirectory()) {
          if (!SKIP_DIRS.has(e.name)) queue.push(join(dir, e.name));
        } else if (e.isFile() && YAML_FILE.test(e.name)) {
          if (++files > limits.maxFiles) break;
          changed = (await this.updateFromDisk(join(dir, e.name), limits.maxFileSize)) || changed;
        }
      }
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return changed;
  }
}
