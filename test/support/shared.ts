import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** `../shared` beside the repository (read-only material); tests skip with a clear message where it is absent. */
export const SHARED = join(__dirname, '..', '..', '..', 'shared');

export function sharedPath(...parts: string[]): string | undefined {
  const p = join(SHARED, ...parts);
  return existsSync(p) ? p : undefined;
}

export const MISSING_SHARED = `../shared not found at ${SHARED}: corpus tests skipped`;

/** Every file below a folder of the shared corpus, sorted, with its text. */
export function corpusFiles(sub: 'dockerfiles' | 'kubernetes'): { path: string; text: string }[] {
  const root = sharedPath('corpus', sub);
  if (!root) return [];
  const out: { path: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const n of readdirSync(dir).sort()) {
      const p = join(dir, n);
      if (statSync(p).isDirectory()) walk(p);
      else out.push({ path: p, text: readFileSync(p, 'utf8') });
    }
  };
  walk(root);
  return out;
}
