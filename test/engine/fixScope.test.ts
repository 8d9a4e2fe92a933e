import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { KubernetesCache } from '../../server/src/engine/runner/kubernetesRunner';
import { rules } from '../../server/src/engine/rules';
import { lint } from '../../server/src/engine/runner/runner';
import { defaultSettings, resolveSettings } from '../../server/src/engine/base/config';
import type { Finding, Settings } from '../../server/src/engine/base/types';
import { Workspace } from '../../server/src/engine/facts/workspace';
import type { RuleCases } from '../support/cases';
import { caseSettings, stripMarkers } from '../support/ruleTester';
import { corpusFiles, MISSING_SHARED } from '../support/shared';

/**
 * The language server lints for diagnostics with `fixes: false` (fix edits are verified by re-parsing, which was
 * most of the lint time) and computes fixes for the documents under a code action request only. Both must give
 * exactly the findings of a full lint: same list, same order, fixes equal where computed, `fixable` where not.
 */
const strip = (f: Finding): Finding => {
  const { fix, suggestions: _suggestions, ...rest } = f;
  // Without edits a finding still says whether it has a safe fix (the CLI's `fixable`).
  return fix ? { ...rest, fixable: true } : rest;
};

function assertScopes(uri: string, text: string, settings: Settings, workspace = () => new Workspace()): void {
  const full = lint({ uri, text }, settings, { workspace: workspace() }).findings;
  const none = lint({ uri, text }, settings, { workspace: workspace(), fixes: false }).findings;
  assert.deepEqual(none, full.map(strip), `${uri}: findings without fixes differ from a full lint`);
  // A line span: findings of the documents around it carry their fixes, the others none; with one cache throughout.
  const cache = new KubernetesCache();
  const ws = workspace();
  lint({ uri, text }, settings, { workspace: ws, cache, fixes: false });
  const lines = text.split('\n').length;
  for (const from of [0, Math.floor(lines / 2), lines - 1]) {
    const some = lint({ uri, text }, settings, { workspace: ws, cache, fixes: { from, to: from } }).findings;
    assert.deepEqual(some.map(strip), full.map(strip), `${uri}: findings for fixes at line ${from} differ`);
    some.forEach((f, i) => {
      if (f.fix || f.suggestions) assert.deepEqual(f, full[i], `${uri}: fixes of finding ${i} differ`);
    });
    full.forEach((f, i) => {
      if (f.range.start.line === from)
        assert.deepEqual(some[i], f, `${uri}: finding ${i} at line ${from} lacks its fixes`);
    });
  }
  // After partial and fix-less lints, the cache still gives the full result.
  assert.deepEqual(
    lint({ uri, text }, settings, { workspace: ws, cache }).findings,
    full,
    `${uri}: cached full lint differs`,
  );
  assert.deepEqual(lint({ uri, text }, settings, { workspace: ws, cache, fixes: false }).findings, full.map(strip));
}

test('every Kubernetes rule case: the same findings with fixes off or limited to some lines', () => {
  for (const rule of rules) {
    if (rule.meta.target !== 'kubernetes') continue;
    const file = join(__dirname, '..', 'rules', 'kubernetes', `${rule.meta.id}.cases.ts`);
    if (!existsSync(file)) continue;

    const { valid, invalid } = (require(file) as { default: RuleCases }).default;
    for (const c of [...valid, ...invalid]) {
      const { text } = stripMarkers(c.code);
      const settings = caseSettings(rule, c.settings);
      assertScopes(c.filename ?? 'manifest.yaml', text, settings);
    }
  }
});

test('corpus manifests: the same findings with fixes off or limited to some lines (baseline and restricted)', (t) => {
  const files = corpusFiles('kubernetes').filter((f) => /\.ya?ml$/.test(f.path) && f.text.length < 300_000);
  if (files.length === 0) return t.skip(MISSING_SHARED);
  const restricted = resolveSettings({ pss: { level: 'restricted' } });
  for (const f of files) {
    assertScopes(f.path, f.text, defaultSettings());
    assertScopes(f.path, f.text, restricted);
  }
});
