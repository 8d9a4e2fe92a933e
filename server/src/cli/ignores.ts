import { readFile, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';

/** The patterns of one `.gitignore`, relative to the folder holding it. */
export interface IgnoreLayer {
  base: string;
  ig: Ignore;
}

export function toPosix(p: string): string {
  return sep === '/' ? p : p.split(sep).join('/');
}

/** `child` is `parent` or below it (both absolute and normalized). */
export function isInside(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (rel !== '..' && !rel.startsWith('..' + sep) && !isAbsolute(rel));
}

export async function readGitignore(dir: string): Promise<IgnoreLayer | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, '.gitignore'), 'utf8');
  } catch {
    return undefined;
  }
  return { base: dir, ig: ignore().add(text) };
}

/**
 * Git's rule for nested `.gitignore` files: deeper files are consulted later, and the last pattern that
 * matches (ignoring or re-including with `!`) decides.
 */
export function isGitIgnored(layers: readonly IgnoreLayer[], abs: string, isDir: boolean): boolean {
  let ignored = false;
  for (const { base, ig } of layers) {
    if (!isInside(abs, base) || abs === base) continue;
    const r = ig.test(toPosix(relative(base, abs)) + (isDir ? '/' : ''));
    if (r.ignored) ignored = true;
    else if (r.unignored) ignored = false;
  }
  return ignored;
}

/**
 * The `.gitignore` files above a walk root that still apply to it: from the repository top (the nearest
 * folder holding `.git`) down to the root's parent; without a repository, from the working directory
 * when the root is inside it.
 */
export async function ancestorGitignores(root: string, cwd: string): Promise<IgnoreLayer[]> {
  if (await exists(join(root, '.git'))) return [];
  const chain: string[] = [];
  let top: string | undefined;
  for (let dir = dirname(root); ; dir = dirname(dir)) {
    chain.unshift(dir);
    if (await exists(join(dir, '.git'))) {
      top = dir;
      break;
    }
    if (dirname(dir) === dir) break;
  }
  const dirs = top ? chain : isInside(root, cwd) && root !== cwd ? chain.filter((d) => isInside(d, cwd)) : [];
  const layers = await Promise.all(dirs.map(readGitignore));
  return layers.filter((l): l is IgnoreLayer => l !== undefined);
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}

/** `--ignore` patterns, matched like `.gitignore` lines relative to the working directory (or to the walk root outside it). */
export class PatternIgnore {
  private readonly ig: Ignore;

  constructor(
    patterns: readonly string[],
    private readonly cwd: string,
  ) {
    this.ig = ignore().add(patterns.map((p) => p.replace(/^\.\//, '')));
  }

  ignores(abs: string, root: string, isDir: boolean): boolean {
    const base = isInside(abs, this.cwd) ? this.cwd : root;
    if (abs === base || !isInside(abs, base)) return false;
    return this.ig.ignores(toPosix(relative(base, abs)) + (isDir ? '/' : ''));
  }
}
