import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import {
  fromHadolintConfig,
  parseConfigText,
  resolveSettings,
  rulesById,
  rulesForPeer,
  type ConfigLayer,
  type DocumentKind,
  type Settings,
} from '../engine';
import { oneLine, UsageError } from './errors';
import type { Candidate } from './files';
import { isInside, toPosix } from './ignores';
// `require` on purpose: esbuild then bundles the CommonJS build; the ESM one (via fdir) calls
// createRequire(import.meta.url), which is undefined in our CommonJS bundle.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
import tinyglobby = require('tinyglobby');

export const CONFIG_FILE = '.harden.yaml';
const HADOLINT_FILES = ['.hadolint.yaml', '.hadolint.yml'];
const GLOB_SKIP = ['**/node_modules/**', '**/.git/**'];

interface LoadedConfig {
  path: string;
  /** `include`/`exclude` globs are relative to this folder: the file's own, or the working directory for `--config`. */
  base: string;
  layer: ConfigLayer;
}

interface GlobFilter {
  include?: Set<string>;
  exclude?: Set<string>;
}

/**
 * Settings per file. Precedence, highest first: command-line options, then `--config` or the nearest
 * `.harden.yaml` (searched from the file's folder up to the working directory, or up to the walk root for
 * files outside it), then a `.hadolint.yaml` next to a Dockerfile, then defaults.
 */
export class ConfigResolver {
  private readonly nearestCache = new Map<string, Promise<LoadedConfig | undefined>>();
  private readonly hadolintCache = new Map<string, Promise<ConfigLayer | undefined>>();
  private readonly filterCache = new Map<LoadedConfig, Promise<GlobFilter>>();

  private constructor(
    private readonly cwd: string,
    private readonly overrides: ConfigLayer,
    private readonly fixed: LoadedConfig | undefined,
  ) {}

  static async create(cwd: string, overrides: ConfigLayer, configPath?: string): Promise<ConfigResolver> {
    let fixed: LoadedConfig | undefined;
    if (configPath !== undefined) {
      fixed = await load(resolve(cwd, configPath), cwd, cwd);
      if (!fixed) throw new UsageError(`cannot read config file ${configPath}: no such file`);
    }
    return new ConfigResolver(cwd, overrides, fixed);
  }

  async settingsFor(file: Candidate, kind: DocumentKind): Promise<Settings> {
    const config = await this.configFor(file);
    const hadolint = kind === 'dockerfile' ? await this.hadolintFor(dirname(file.abs)) : undefined;
    return resolveSettings(this.overrides, config?.layer, hadolint);
  }

  /** `include`/`exclude` of the file's config; files named on the command line are always accepted. */
  async accepts(file: Candidate): Promise<boolean> {
    if (file.explicit) return true;
    const config = await this.configFor(file);
    if (!config || (!config.layer.include?.length && !config.layer.exclude?.length)) return true;
    let filter = this.filterCache.get(config);
    if (!filter) this.filterCache.set(config, (filter = globFilter(config)));
    const { include, exclude } = await filter;
    return (!include || include.has(file.abs)) && !exclude?.has(file.abs);
  }

  private configFor(file: Candidate): Promise<LoadedConfig | undefined> {
    if (this.fixed) return Promise.resolve(this.fixed);
    const stop = isInside(file.abs, this.cwd) ? this.cwd : file.root;
    return this.nearest(dirname(file.abs), stop);
  }

  private nearest(dir: string, stop: string): Promise<LoadedConfig | undefined> {
    const key = `${dir}\0${stop}`;
    let found = this.nearestCache.get(key);
    if (!found) {
      found = load(join(dir, CONFIG_FILE), dir, this.cwd).then((c) => {
        if (c || dir === stop || dirname(dir) === dir || !isInside(dir, stop)) return c;
        return this.nearest(dirname(dir), stop);
      });
      this.nearestCache.set(key, found);
    }
    return found;
  }

  private hadolintFor(dir: string): Promise<ConfigLayer | undefined> {
    let layer = this.hadolintCache.get(dir);
    if (!layer) {
      layer = (async () => {
        for (const name of HADOLINT_FILES) {
          const text = await readOptional(join(dir, name), this.cwd);
          if (text !== undefined) return fromHadolintConfig(text, rulesForPeer);
        }
        return undefined;
      })();
      this.hadolintCache.set(dir, layer);
    }
    return layer;
  }
}

/** A missing file is `undefined`; an unreadable or invalid one is a usage error naming it. */
async function load(path: string, base: string, cwd: string): Promise<LoadedConfig | undefined> {
  const text = await readOptional(path, cwd);
  if (text === undefined) return undefined;
  const { config, problems } = parseConfigText(text, new Set(rulesById.keys()));
  if (problems.length > 0) throw new UsageError(`${display(path, cwd)}: ${problems.map((p) => p.message).join('; ')}`);
  return { path, base, layer: config };
}

async function readOptional(path: string, cwd: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new UsageError(`cannot read ${display(path, cwd)}: ${oneLine(e)}`);
  }
}

async function globFilter(config: LoadedConfig): Promise<GlobFilter> {
  const match = async (patterns: string[]) =>
    new Set(
      (
        await tinyglobby.glob(patterns, {
          cwd: config.base,
          absolute: true,
          dot: true,
          followSymbolicLinks: false,
          ignore: GLOB_SKIP,
        })
      ).map((p) => resolve(p)),
    );
  return {
    include: config.layer.include?.length ? await match(config.layer.include) : undefined,
    exclude: config.layer.exclude?.length ? await match(config.layer.exclude) : undefined,
  };
}

function display(path: string, cwd: string): string {
  return toPosix(relative(cwd, path)) || path;
}
