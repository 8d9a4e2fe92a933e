import { test } from 'node:test';
import { KubernetesCache } from '../../server/src/engine/runner/kubernetesRunner';
import { corpusFiles, MISSING_SHARED } from '../support/shared';
import { mutate, rng } from './mutate';
import { checkProperties } from './properties';

/**
 * Bounded mutation fuzzing, fixed seed, in `npm test` (about a minute at most); `npm run fuzz -- --minutes N`
 * runs the same properties for longer with fresh seeds.
 */
const ITERATIONS = Number(process.env.HARDEN_FUZZ_ITERATIONS ?? 400);

test(`mutation fuzzing of the corpus through the engine (${ITERATIONS} mutants, seed 1)`, (t) => {
  const seeds = corpusFiles('dockerfiles')
    .map((f) => ({ uri: 'file:///fuzz/Dockerfile', text: f.text }))
    .concat(
      corpusFiles('kubernetes')
        .filter((f) => /\.ya?ml$/.test(f.path) && f.text.length < 300_000)
        .map((f) => ({ uri: 'file:///fuzz/m.yaml', text: f.text })),
    );
  if (seeds.length === 0) return t.skip(MISSING_SHARED);
  // The first lint loads the parsers (mvdan-sh is large); time the mutants, not module start-up.
  checkProperties('file:///warm/Dockerfile', 'FROM a\nRUN b | c\n');
  checkProperties('file:///warm/m.yaml', 'apiVersion: v1\nkind: Pod\nspec: {containers: [{name: a}]}\n');
  const r = rng(1);
  let slowest = 0;
  const caches = new Map<string, KubernetesCache>();
  for (let i = 0; i < ITERATIONS; i++) {
    const seed = seeds[Math.floor(r() * seeds.length)];
    const text = mutate(seed.text, r, 1 + Math.floor(r() * 6));
    const cache = caches.get(seed.text) ?? new KubernetesCache();
    caches.set(seed.text, cache);
    slowest = Math.max(slowest, checkProperties(seed.uri, text, seed.uri.endsWith('.yaml') ? cache : undefined).ms);
  }
  t.diagnostic(`slowest mutant: ${slowest.toFixed(0)} ms`);
});
