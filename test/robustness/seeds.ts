import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { corpusFiles } from '../support/shared';
import type { Seed } from './lspFuzz';

export const REGRESSIONS = join(__dirname, '..', 'fixtures', 'regressions');

/** What a fixture file is, by its name: `*.Dockerfile` / `Dockerfile*` or `*.yaml` / `*.yml`. */
export function seedKind(name: string): Seed['kind'] | undefined {
  if (/\.(json|md)$/i.test(name)) return undefined;
  if (/\.ya?ml$/i.test(name)) return 'yaml';
  if (/(^|[./])(docker|container)file/i.test(name)) return 'dockerfile';
  return undefined;
}

/** Regression inputs the fuzzer (or a person) found, sorted by name. */
export function regressionSeeds(): (Seed & { name: string })[] {
  if (!existsSync(REGRESSIONS)) return [];
  return readdirSync(REGRESSIONS)
    .sort()
    .flatMap((name) => {
      const kind = seedKind(name);
      return kind && statSync(join(REGRESSIONS, name)).isFile()
        ? [{ name, kind, text: readFileSync(join(REGRESSIONS, name), 'utf8') }]
        : [];
    });
}

/** Fuzzing seeds: the shared corpus (manifests under 300 kB), the test fixtures and the regression cases. */
export function fuzzSeeds(): (Seed & { path: string })[] {
  const fixtures: (Seed & { path: string })[] = [];
  const walk = (dir: string) => {
    for (const n of readdirSync(dir).sort()) {
      const p = join(dir, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (seedKind(n)) fixtures.push({ path: p, kind: seedKind(n)!, text: readFileSync(p, 'utf8') });
    }
  };
  walk(join(__dirname, '..', 'fixtures'));
  return [
    ...corpusFiles('dockerfiles').map((f) => ({ path: f.path, kind: 'dockerfile' as const, text: f.text })),
    ...corpusFiles('kubernetes')
      .filter((f) => /\.ya?ml$/.test(f.path) && f.text.length < 300_000)
      .map((f) => ({ path: f.path, kind: 'yaml' as const, text: f.text })),
    ...fixtures,
  ];
}

/** Language-server bursts saved by `npm run fuzz` (`<fixture>.burst.json`): the texts to replay, in order. */
export function regressionBursts(): { name: string; kind: Seed['kind']; texts: string[] }[] {
  if (!existsSync(REGRESSIONS)) return [];
  return readdirSync(REGRESSIONS)
    .filter((n) => n.endsWith('.burst.json'))
    .sort()
    .map((name) => ({
      name,
      ...(JSON.parse(readFileSync(join(REGRESSIONS, name), 'utf8')) as { kind: Seed['kind']; texts: string[] }),
    }));
}
