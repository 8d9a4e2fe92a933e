import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KubernetesCache } from '../../server/src/engine/runner/kubernetesRunner';
import { checkProperties } from './properties';
import { replayBurst } from './lspFuzz';
import { regressionBursts, regressionSeeds } from './seeds';

/**
 * Every input in test/fixtures/regressions (found by `npm run fuzz` or by hand; see its README) keeps every
 * property, in name order in one process: some broke the inputs linted after them.
 */
const cases = regressionSeeds();

test('the regression inputs exist', () => {
  assert.ok(cases.length >= 4, 'test/fixtures/regressions holds the known cases');
});

for (const c of cases) {
  test(`regression: ${c.name}`, (t) => {
    const uri = c.kind === 'yaml' ? 'file:///regressions/manifest.yaml' : 'file:///regressions/Dockerfile';
    const { ms, findings } = checkProperties(uri, c.text, c.kind === 'yaml' ? new KubernetesCache() : undefined);
    t.diagnostic(`${findings} findings, ${ms.toFixed(0)} ms`);
  });
}

for (const b of regressionBursts()) {
  test(`regression (language server burst): ${b.name}`, async () => {
    assert.equal(await replayBurst(b.kind, b.texts), undefined);
  });
}
