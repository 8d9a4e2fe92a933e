import type { Dirent } from 'node:fs';
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { detectKind } from '../engine';
import { oneLine, UsageError } from './errors';
import { ancestorGitignores, isGitIgnored, isInside, PatternIgnore, readGitignore, type IgnoreLayer } from './ignores';

/** A file to read: found by the walk or named on the command line. */
export interface Candidate {
  /** Absolute path as reached (a symlink inside a root stays the link). */
  abs: string;
  /** Resolved path: where `--fix` writes, and the identity used to drop duplicates. */
  real: string;
  /** The folder given on the command line, or the file's own folder for a file given explicitly. */
  root: string;
  /** Named on the command line: linted whatever its name, not subject to ignore files or globs. */
  explicit: boolean;
}

export interface WalkOptions {
  cwd: string;
  /** `--ignore` patterns. */
  ignore: readonly string[];
  /** Called for folders that cannot be read; the walk goes on. */
  onWarning(message: string): void;
}

const SKIPPED_DIRS = new Set(['node_modules', '.git']);
const YAML_NAME = /\.ya?ml$/i;
/**
 * `Dockerfile.<x>` names that are something else: source files named after the format (`dockerfile.ts`),
 * docs, templates that only render to a Dockerfile, and BuildKit's `Dockerfile.dockerignore`.
 */
const NOT_A_DOCKERFILE =
  /\.(?:[cm]?[jt]sx?|json|md|markdown|rst|txt|html?|go|py|rb|rs|java|kt|sh|ps1|toml|ini|lock|dockerignore|j2|jinja2?|tpl|tmpl|template|gotmpl|erb|hbs|mustache|orig|rej|bak|swp)$/i;

/**
 * Names the walk reads: Dockerfiles by name (Dockerfile, Dockerfile.*, *.Dockerfile, Containerfile,
 * *.containerfile) and YAML files, which the engine then keeps only when they are manifests.
 */
export function isCandidateName(name: string): boolean {
  if (YAML_NAME.test(name)) return true;
  return detectKind(name, '') === 'dockerfile' && !NOT_A_DOCKERFILE.test(name);
}

/** Every candidate under `paths`, sorted by path, each real file once. A missing path is a usage error. */
export async function collectFiles(paths: readonly string[], options: WalkOptions): Promise<Candidate[]> {
  const patterns = new PatternIgnore(options.ignore, options.cwd);
  const found: Candidate[] = [];
  for (const p of paths) {
    const abs = resolve(options.cwd, p);
    let real: string;
    try {
      await lstat(abs);
      real = await realpath(abs);
    } catch (e) {
      throw new UsageError(
        `cannot read ${p}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : oneLine(e)}`,
      );
    }
    const st = await stat(real);
    if (st.isDirectory()) {
      const walker = new Walker(abs, real, patterns, options, found);
      await walker.walk(abs, [...(await ancestorGitignores(abs, options.cwd))]);
    } else if (st.isFile()) {
      found.push({ abs, real, root: dirname(abs), explicit: true });
    } else {
      throw new UsageError(`cannot read ${p}: not a file or folder`);
    }
  }
  return dedupe(found);
}

/**
 * Overlapping roots and in-root symlinks reach one file twice: keep an explicit mention, else the path
 * that is not a link, else the first path.
 */
function dedupe(found: Candidate[]): Candidate[] {
  const byReal = new Map<string, Candidate>();
  const rank = (c: Candidate) => (c.explicit ? 0 : c.abs === c.real ? 1 : 2);
  for (const c of [...found].sort((a, b) => rank(a) - rank(b) || compare(a.abs, b.abs))) {
    if (!byReal.has(c.real)) byReal.set(c.real, c);
  }
  return [...byReal.values()].sort((a, b) => compare(a.abs, b.abs));
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

class Walker {
  constructor(
    private readonly root: string,
    private readonly rootReal: string,
    private readonly patterns: PatternIgnore,
    private readonly options: WalkOptions,
    private readonly out: Candidate[],
  ) {}

  async walk(dir: string, inherited: IgnoreLayer[]): Promise<void> {
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (e) {
      this.options.onWarning(`skipping ${dir}: ${oneLine(e)}`);
      return;
    }
    const own = entries.some((e) => e.name === '.gitignore' && e.isFile()) ? await readGitignore(dir) : undefined;
    const layers = own ? [...inherited, own] : inherited;
    for (const entry of entries.sort((a, b) => compare(a.name, b.name))) {
      if (SKIPPED_DIRS.has(entry.name)) continue;
      const abs = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!this.skipped(layers, abs, true)) await this.walk(abs, layers);
      } else if (entry.isFile()) {
        if (isCandidateName(entry.name) && !this.skipped(layers, abs, false))
          this.out.push({ abs, real: join(this.rootReal, relative(this.root, abs)), root: this.root, explicit: false });
      } else if (entry.isSymbolicLink()) {
        await this.link(layers, abs, entry.name);
      }
    }
  }

  /**
   * Symlinks are read only when they resolve to a file inside the root; linked folders are never entered
   * (their target is either walked anyway or outside the root), which also rules out cycles.
   */
  private async link(layers: IgnoreLayer[], abs: string, name: string): Promise<void> {
    if (!isCandidateName(name) || this.skipped(layers, abs, false)) return;
    try {
      const real = await realpath(abs);
      if (!isInside(real, this.rootReal) || !(await stat(real)).isFile()) return;
      this.out.push({ abs, real, root: this.root, explicit: false });
    } catch {
      // A dangling link: nothing to read.
    }
  }

  private skipped(layers: IgnoreLayer[], abs: string, isDir: boolean): boolean {
    return isGitIgnored(layers, abs, isDir) || this.patterns.ignores(abs, this.root, isDir);
  }
}
