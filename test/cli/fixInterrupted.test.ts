import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { CLI, only, PRIVILEGED, PRIVILEGED_ERROR, tree } from './helpers';

/**
 * `--fix` writes a temporary file next to the target and renames it over; interrupted anywhere, the target is
 * the old text or the new one, never a mix (fix.test.ts covers the rename itself: a new inode, mode kept).
 */
const PRELOAD = join(__dirname, 'interruptWrite.cjs');
const CONFIG = only(PRIVILEGED_ERROR);
const FIXED = PRIVILEGED.replace('privileged: true', 'privileged: false');

function fixWith(how: string) {
  const dir = tree({ '.harden.yaml': CONFIG, 'pod.yaml': PRIVILEGED });
  const run = spawnSync(process.execPath, ['--require', PRELOAD, CLI, '--fix', '.'], {
    cwd: dir,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, NO_COLOR: '1', HARDEN_INTERRUPT: how },
  });
  const others = readdirSync(dir).filter((n) => n !== '.harden.yaml' && n !== 'pod.yaml');
  return { run, dir, text: readFileSync(join(dir, 'pod.yaml'), 'utf8'), others };
}

test('killed half-way through writing: the file is untouched; only a hidden temporary file is left', () => {
  const { run, text, others, dir } = fixWith('mid-write');
  assert.equal(run.signal, 'SIGKILL');
  assert.equal(text, PRIVILEGED);
  assert.equal(others.length, 1);
  assert.match(others[0], /^\.pod\.yaml\.\d+-[0-9a-f]+\.harden-tmp$/);
  assert.ok(
    FIXED.startsWith(readFileSync(join(dir, others[0]), 'utf8')),
    'the partial write went to the temporary file',
  );
});

test('killed after writing, before the rename: the file is untouched', () => {
  const { run, text, others } = fixWith('before-rename');
  assert.equal(run.signal, 'SIGKILL');
  assert.equal(text, PRIVILEGED);
  assert.equal(others.length, 1);
});

test('the write fails (disk full): the file is untouched, the temporary file removed, exit 2 with one line', () => {
  const { run, text, others } = fixWith('write-fails');
  assert.equal(run.status, 2, run.stderr);
  assert.equal(text, PRIVILEGED);
  assert.deepEqual(others, []);
  assert.equal(run.stderr, 'harden: cannot write pod.yaml: ENOSPC: no space left on device, write\n');
});

test('control: the same preload without an interruption fixes the file', () => {
  const { run, text, others } = fixWith('none');
  assert.equal(run.status, 0, run.stderr);
  assert.equal(text, FIXED);
  assert.deepEqual(others, []);
});
