import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { CrossFile, isScannable } from '../../server/src/lsp/crossFile';
import { pathToUri } from '../../server/src/lsp/paths';

const dir = mkdtempSync(join(tmpdir(), 'harden-xfile-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const pod = (name: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n    - name: c\n      image: nginx\n`;
const names = (c: CrossFile) => [...c.workspace.objects()].map((o) => o.name).sort();

test('the scan reads manifests, skips node_modules and other YAML, and stops at its file budget', async () => {
  mkdirSync(join(dir, 'a', 'node_modules'), { recursive: true });
  mkdirSync(join(dir, 'b'), { recursive: true });
  writeFileSync(join(dir, 'a', 'one.yaml'), pod('one'));
  writeFileSync(join(dir, 'a', 'node_modules', 'dep.yaml'), pod('dep'));
  writeFileSync(join(dir, 'b', 'two.yml'), pod('two'));
  writeFileSync(join(dir, 'b', 'ci.yaml'), 'on: push\njobs: {}\n');
  const all = new CrossFile();
  assert.equal(await all.scan([dir], { maxFiles: 100, maxDirectories: 100, maxFileSize: 1e6 }), true);
  assert.deepEqual(names(all), ['one', 'two']);
  const bounded = new CrossFile();
  await bounded.scan([dir], { maxFiles: 1, maxDirectories: 100, maxFileSize: 1e6 });
  assert.equal(names(bounded).length, 1);
  const small = new CrossFile();
  await small.scan([dir], { maxFiles: 100, maxDirectories: 100, maxFileSize: 10 });
  assert.deepEqual(names(small), []);
  assert.equal(isScannable(join(dir, 'a', 'node_modules', 'dep.yaml')), false);
});

test('an open document wins over its file until closed; speculative lints get a copy', async () => {
  const path = join(dir, 'b', 'two.yml');
  const uri = pathToUri(path);
  const c = new CrossFile();
  await c.updateFromDisk(path, 1e6);
  c.opened(uri);
  c.update(uri, pod('edited'));
  assert.equal(await c.updateFromDisk(path, 1e6), false, 'disk events are ignored while open');
  assert.deepEqual(names(c), ['edited']);
  const fork = c.fork();
  fork.set(uri, []);
  assert.deepEqual(names(c), ['edited'], 'the fork is independent');
  assert.equal(await c.closed(uri, 1e6), true);
  assert.deepEqual(names(c), ['two']);
  assert.equal(c.update(uri, pod('two')), false, 'same facts, same generation');
});
