import assert from 'node:assert/strict';
import { chmodSync, lstatSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { harden, json, only, PRIVILEGED, PRIVILEGED_ERROR, ROOT_DOCKERFILE, ROOT_WARNING, tree } from './helpers';

const CONFIG = only({ ...PRIVILEGED_ERROR, ...ROOT_WARNING });

/** Two privileged containers, comments and odd spacing that a fix must not touch. */
const POD = `# keep this comment
apiVersion: v1
kind: Pod
metadata:
  name: p   # and this one
spec:
  containers:
    - name: a
      image: nginx:1.27
      securityContext:
        privileged: true
    - name: b
      image: busybox:1.36
      securityContext: {privileged: true}
`;

test('--fix rewrites the file atomically, keeps its mode and every other byte, and is idempotent', () => {
  const dir = tree({ '.harden.yaml': CONFIG, 'pod.yaml': POD });
  const file = join(dir, 'pod.yaml');
  chmodSync(file, 0o640);
  const before = statSync(file);

  const first = harden(['--fix'], dir);
  assert.equal(first.code, 0, first.stdout + first.stderr);
  assert.equal(first.stdout, '', 'nothing left to report');
  assert.equal(readFileSync(file, 'utf8'), POD.replaceAll('privileged: true', 'privileged: false'));
  const after = statSync(file);
  assert.equal(after.mode & 0o777, 0o640);
  assert.notEqual(after.ino, before.ino, 'replaced by rename, not rewritten in place');
  assert.deepEqual(readdirSync(dir).sort(), ['.harden.yaml', 'pod.yaml'], 'no temporary file left behind');

  const second = harden(['--fix'], dir);
  assert.equal(second.code, 0);
  const again = statSync(file);
  assert.equal(again.ino, after.ino, 'an unchanged file is not written');
  assert.equal(again.mtimeMs, after.mtimeMs);
});

test('--fix keeps a BOM and CRLF line breaks', () => {
  const text = '\uFEFF' + PRIVILEGED.replace(/\n/g, '\r\n');
  const dir = tree({ '.harden.yaml': CONFIG, 'pod.yaml': text });
  assert.equal(harden(['--fix'], dir).code, 0);
  assert.equal(readFileSync(join(dir, 'pod.yaml'), 'utf8'), text.replace('privileged: true', 'privileged: false'));
});

test('--fix reports what is left and never touches files without a safe fix', () => {
  const dir = tree({ '.harden.yaml': CONFIG, 'pod.yaml': PRIVILEGED, Dockerfile: ROOT_DOCKERFILE });
  const docker = join(dir, 'Dockerfile');
  const before = statSync(docker);
  const run = harden(['--fix', '--format', 'json'], dir);
  assert.equal(run.code, 0);
  const report = json<{ files: { path: string; findings: { ruleId: string }[] }[] }>(run);
  assert.deepEqual(
    report.files.map((f) => [f.path, f.findings.map((x) => x.ruleId)]),
    [
      ['Dockerfile', ['no-root-user']],
      ['pod.yaml', []],
    ],
  );
  assert.equal(readFileSync(docker, 'utf8'), ROOT_DOCKERFILE);
  assert.equal(statSync(docker).mtimeMs, before.mtimeMs);
});

test('--fix through a symlink inside the root writes the target and keeps the link', () => {
  const dir = tree({ '.harden.yaml': CONFIG, 'real/pod.yaml': PRIVILEGED });
  symlinkSync(join('real', 'pod.yaml'), join(dir, 'alias.yaml'));
  assert.equal(harden(['--fix', 'alias.yaml'], dir).code, 0);
  assert.ok(lstatSync(join(dir, 'alias.yaml')).isSymbolicLink());
  assert.match(readFileSync(join(dir, 'real', 'pod.yaml'), 'utf8'), /privileged: false/);
});
