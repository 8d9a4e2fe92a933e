import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fromHadolintConfig, parseConfigText, rulesById, rulesForPeer, type ConfigLayer } from '../engine';
import { CONFIG_FILE_NAME, HADOLINT_CONFIG_NAMES } from '../shared/protocol';
import type { Logger } from './context';
import { isInside } from './paths';

export interface ConfigFile {
  path: string;
  layer: ConfigLayer;
  problems: string[];
}

const knownRuleIds = () => new Set(rulesById.keys());

export function parseHardenConfig(text: string): { layer: ConfigLayer; problems: string[] } {
  const { config, problems } = parseConfigText(text, knownRuleIds());
  return { layer: config, problems: problems.map((p) => p.message) };
}

export const isConfigFile = (path: string) => basename(path) === CONFIG_FILE_NAME;
export const isHadolintFile = (path: string) => (HADOLINT_CONFIG_NAMES as readonly string[]).includes(basename(path));

/**
 * `.harden.yaml` and `.hadolint.yaml` files, read once and kept until a watcher, an edit of the open file or a
 * configuration change invalidates them. Absent files are cached too (as null): lookups walk up folders.
 */
export class ConfigFiles {
  private readonly files = new Map<string, ConfigFile | null>();

  constructor(
    /** Text of an open (possibly unsaved) editor for this path: it wins over the disk. */
    private readonly openText: (path: string) => string | undefined,
    private readonly log: Logger,
  ) {}

  /** The nearest `.harden.yaml` from `filePath`'s folder up to its workspace root (the first root for untitled files). */
  hardenFor(filePath: string | undefined, roots: readonly string[]): ConfigFile | undefined {
    const start = filePath ? dirname(filePath) : roots[0];
    if (!start) return undefined;
    const root = roots.filter((r) => isInside(start, r)).sort((a, b) => b.length - a.length)[0];
    for (let dir = start; ; dir = dirname(dir)) {
      const found = this.load(join(dir, CONFIG_FILE_NAME), 'harden');
      if (found) return found;
      if ((root !== undefined && !isInside(dirname(dir), root)) || dirname(dir) === dir) return undefined;
    }
  }

  /** A `.hadolint.yaml` in the Dockerfile's own folder. */
  hadolintFor(filePath: string): ConfigLayer | undefined {
    for (const name of HADOLINT_CONFIG_NAMES) {
      const found = this.load(join(dirname(filePath), name), 'hadolint');
      if (found) return found.layer;
    }
    return undefined;
  }

  invalidate(path?: string): void {
    if (path === undefined) this.files.clear();
    else this.files.delete(path);
  }

  private load(path: string, format: 'harden' | 'hadolint'): ConfigFile | undefined {
    const cached = this.files.get(path);
    if (cached !== undefined) return cached ?? undefined;
    const text = this.openText(path) ?? readIfExists(path);
    let file: ConfigFile | null = null;
    if (text !== undefined) {
      file =
        format === 'harden'
          ? { path, ...parseHardenConfig(text) }
          : { path, layer: fromHadolintConfig(text, rulesForPeer), problems: [] };
      for (const p of file.problems) this.log.warn(`${path}: ${p} (ignored)`);
    }
    this.files.set(path, file);
    return file ?? undefined;
  }
}

function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
