import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { rules } from '../../server/src/engine/rules';

const ROOT = join(__dirname, '..', '..');
const ruleFiles = (target: string) =>
  readdirSync(join(ROOT, 'server', 'src', 'engine', 'rules', target))
    .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
    .map((f) => f.replace(/\.ts$/, ''))
    .sort();
const caseFiles = (target: string) =>
  readdirSync(join(ROOT, 'test', 'rules', target))
    .filter((f) => f.endsWith('.cases.ts'))
    .map((f) => f.replace(/\.cases\.ts$/, ''))
    .sort();

for (const target of ['dockerfile', 'kubernetes'] as const) {
  test(`${target}: rule files = registry = case tables`, () => {
    const registered = rules
      .filter((r) => r.meta.target === target)
      .map((r) => r.meta.id)
      .sort();
    assert.deepEqual(registered, ruleFiles(target), 'every rule file is registered, and only those');
    assert.deepEqual(caseFiles(target), registered, 'every registered rule has a case table, and only those');
  });
}

test('rule ids are unique across targets', () => {
  const ids = rules.map((r) => r.meta.id);
  assert.equal(new Set(ids).size, ids.length);
});
