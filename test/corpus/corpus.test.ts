import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultSettings, resolveSettings } from '../../server/src/engine/base/config';
import { fixAll, parsesAsWell } from '../../server/src/engine/runner/fixer';
import { parseKubernetes } from '../../server/src/engine/models/kubernetes';
import { lint } from '../../server/src/engine/runner/runner';
import { summarize, Workspace } from '../../server/src/engine/facts/workspace';
import { corpusFiles, MISSING_SHARED } from '../support/shared';

/** Findings per rule over the real-world corpus, and `--fix` round trips: what the issues' closing notes quote. */
const settingsFor = (level: 'baseline' | 'restricted') => ({
  ...resolveSettings({ pss: { level } }),
  today: '2026-11-28',
});

function roundTrip(
  uri: string,
  text: string,
  settings: ReturnType<typeof defaultSettings>,
  workspace?: Workspace,
): void {
  const errors: string[] = [];
  const once = fixAll({ uri, text }, settings, {
    workspace: workspace?.fork(),
    onRuleError: (id, e) => errors.push(`${id}: ${e}`),
  });
  assert.deepEqual(errors, [], `${uri}: a rule threw`);
  assert.ok(parsesAsWell(uri, text, once.text), `${uri}: fixed text does not parse`);
  const twice = fixAll({ uri, text: once.text }, settings, { workspace: workspace?.fork() });
  assert.equal(twice.text, once.text, `${uri}: --fix is not idempotent`);
  assert.ok(!twice.remaining.some((f) => f.fix), `${uri}: fixable findings left`);
}

test('Dockerfile corpus: no rule throws, --fix re-parses and is idempotent', (t) => {
  const files = corpusFiles('dockerfiles');
  if (files.length === 0) return t.skip(MISSING_SHARED);
  const counts = new Map<string, number>();
  for (const f of files) {
    const errors: string[] = [];
    const { findings } = lint({ uri: f.path, text: f.text }, settingsFor('baseline'), {
      onRuleError: (id, e) => errors.push(`${id}: ${e}`),
    });
    assert.deepEqual(errors, []);
    for (const x of findings)
      counts.set(`${x.ruleId} (${x.severity})`, (counts.get(`${x.ruleId} (${x.severity})`) ?? 0) + 1);
    roundTrip(f.path, f.text, settingsFor('baseline'));
  }
  t.diagnostic(
    `${files.length} files: ${[...counts]
      .sort()
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
});

for (const level of ['baseline', 'restricted'] as const) {
  test(`Kubernetes corpus at ${level}: no rule throws, Helm templates are quiet, --fix re-parses and is idempotent`, (t) => {
    const files = corpusFiles('kubernetes').filter((f) => /\.ya?ml$/.test(f.path));
    if (files.length === 0) return t.skip(MISSING_SHARED);
    const ws = new Workspace();
    for (const f of files) ws.set(f.path, summarize(f.path, parseKubernetes(f.text)));
    const counts = new Map<string, number>();
    for (const f of files) {
      const errors: string[] = [];
      const { findings } = lint({ uri: f.path, text: f.text }, settingsFor(level), {
        workspace: ws.fork(),
        onRuleError: (id, e) => errors.push(`${id}: ${e}`),
      });
      assert.deepEqual(errors, []);
      if (f.path.includes('/charts/'))
        assert.deepEqual(
          findings.map((x) => x.ruleId),
          [],
          `${f.path}: Helm chart files give nothing`,
        );
      for (const x of findings) counts.set(x.ruleId, (counts.get(x.ruleId) ?? 0) + 1);
      roundTrip(f.path, f.text, settingsFor(level), ws);
    }
    t.diagnostic(
      `${files.length} files: ${[...counts]
        .sort()
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
    );
  });
}
