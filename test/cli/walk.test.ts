import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { harden, json, only, PRIVILEGED, PRIVILEGED_ERROR, ROOT_DOCKERFILE, ROOT_WARNING, tree } from './helpers';

const CONFIG = only({ ...PRIVILEGED_ERROR, ...ROOT_WARNING });

interface Report {
  files: { path: string; kind: string; findings: { ruleId: string; severity: string }[] }[];
}

function listed(args: string[], cwd: string): string[] {
  const run = harden(['--format', 'json', ...args], cwd);
  assert.ok(run.code === 0 || run.code === 1, run.stderr);
  return json<Report>(run).files.map((f) => f.path);
}

test('finds Dockerfiles by name and manifests by content, skipping node_modules and .git', () => {
  const dir = tree({
    '.harden.yaml': CONFIG,
    Dockerfile: ROOT_DOCKERFILE,
    'Dockerfile.prod': ROOT_DOCKERFILE,
    'api.Dockerfile': ROOT_DOCKERFILE,
    Containerfile: ROOT_DOCKERFILE,
    'worker.containerfile': ROOT_DOCKERFILE,
    'notes.txt': ROOT_DOCKERFILE,
    'dockerfile.ts': 'export const x = 1;\n',
    'Dockerfile.dockerignore': 'node_modules\n',
    'Dockerfile.j2': ROOT_DOCKERFILE,
    'deploy/pod.yml': PRIVILEGED,
    'deploy/values.yaml': 'replicas: 2\n',
    'node_modules/pkg/Dockerfile': ROOT_DOCKERFILE,
    '.git/Dockerfile': ROOT_DOCKERFILE,
  });
  assert.deepEqual(listed([], dir), [
    'Containerfile',
    'Dockerfile',
    'Dockerfile.prod',
    'api.Dockerfile',
    'deploy/pod.yml',
    'worker.containerfile',
  ]);
});

test('.gitignore files are respected, root and nested, with negation', () => {
  const dir = tree({
    '.harden.yaml': CONFIG,
    '.gitignore': 'ignored/\n*.gen.yaml\n',
    'pod.yaml': PRIVILEGED,
    'a.gen.yaml': PRIVILEGED,
    'ignored/pod.yaml': PRIVILEGED,
    'sub/.gitignore': '*.yaml\n!keep.yaml\n',
    'sub/drop.yaml': PRIVILEGED,
    'sub/keep.yaml': PRIVILEGED,
    'sub/b.gen.yaml': PRIVILEGED,
  });
  assert.deepEqual(listed([], dir), ['pod.yaml', 'sub/keep.yaml']);
  assert.deepEqual(listed(['sub'], dir), ['sub/keep.yaml'], 'the .gitignore above a walked folder still applies');
});

test('the .gitignore files of the enclosing repository apply when run from a subfolder', () => {
  const dir = tree({
    '.gitignore': 'generated/\n',
    'app/.harden.yaml': CONFIG,
    'app/pod.yaml': PRIVILEGED,
    'app/generated/pod.yaml': PRIVILEGED,
  });
  mkdirSync(join(dir, '.git'));
  assert.deepEqual(listed([], join(dir, 'app')), ['pod.yaml']);
});

test('--ignore patterns skip files and folders', () => {
  const dir = tree({
    '.harden.yaml': CONFIG,
    'pod.yaml': PRIVILEGED,
    'vendor/pod.yaml': PRIVILEGED,
    'deploy/pod.yaml': PRIVILEGED,
    'deploy/test.yaml': PRIVILEGED,
  });
  assert.deepEqual(listed(['--ignore', 'vendor/', '--ignore', 'deploy/test.yaml'], dir), [
    'deploy/pod.yaml',
    'pod.yaml',
  ]);
  assert.deepEqual(listed(['--ignore', './deploy'], dir), ['pod.yaml', 'vendor/pod.yaml']);
  assert.deepEqual(listed(['--ignore', '*.yaml'], dir), []);
});

test('.harden.yaml include and exclude globs narrow the walk', () => {
  const dir = tree({
    '.harden.yaml': only(
      { ...PRIVILEGED_ERROR, ...ROOT_WARNING },
      'include:\n  - "deploy/**"\n  - Dockerfile\nexclude:\n  - "deploy/legacy/**"\n',
    ),
    Dockerfile: ROOT_DOCKERFILE,
    'tools/Dockerfile': ROOT_DOCKERFILE,
    'deploy/pod.yaml': PRIVILEGED,
    'deploy/legacy/pod.yaml': PRIVILEGED,
  });
  assert.deepEqual(listed([], dir), ['Dockerfile', 'deploy/pod.yaml']);
  assert.deepEqual(
    listed(['tools/Dockerfile', 'deploy/legacy/pod.yaml'], dir),
    ['deploy/legacy/pod.yaml', 'tools/Dockerfile'],
    'explicit files are always linted',
  );
});

test('the nearest .harden.yaml applies to each file', () => {
  const dir = tree({
    '.harden.yaml': CONFIG,
    'pod.yaml': PRIVILEGED,
    'team/.harden.yaml': only({ 'k8s-privileged-container': 'info' }),
    'team/pod.yaml': PRIVILEGED,
  });
  const report = json<Report>(harden(['--format', 'json'], dir));
  assert.deepEqual(
    report.files.map((f) => [f.path, f.findings.map((x) => x.severity)]),
    [
      ['pod.yaml', ['error']],
      ['team/pod.yaml', ['info']],
    ],
  );
});

test('symlinks resolving outside the root are not followed; links inside it are read once', () => {
  const outside = tree({ 'pod.yaml': PRIVILEGED, 'nested/pod.yaml': PRIVILEGED });
  const dir = tree({ '.harden.yaml': CONFIG, 'pod.yaml': PRIVILEGED });
  symlinkSync(join(outside, 'pod.yaml'), join(dir, 'escape.yaml'));
  symlinkSync(outside, join(dir, 'escape-dir'));
  symlinkSync('pod.yaml', join(dir, 'alias.yaml'));
  symlinkSync('missing.yaml', join(dir, 'dangling.yaml'));
  assert.deepEqual(listed([], dir), ['pod.yaml']);
  assert.deepEqual(listed(['escape.yaml'], dir), ['escape.yaml'], 'a link named on the command line is read');
});

test('a file given explicitly is linted whatever its name', () => {
  const dir = tree({
    '.harden.yaml': CONFIG,
    'build/app.Dockerfile': ROOT_DOCKERFILE,
    'build/image.txt': `# base\n${ROOT_DOCKERFILE}`,
    'k8s/pod.yaml.tmpl': PRIVILEGED,
  });
  const report = json<Report>(
    harden(['--format', 'json', 'build/app.Dockerfile', 'build/image.txt', 'k8s/pod.yaml.tmpl'], dir),
  );
  assert.deepEqual(
    report.files.map((f) => [f.path, f.kind, f.findings.map((x) => x.ruleId)]),
    [
      ['build/app.Dockerfile', 'dockerfile', ['no-root-user']],
      ['build/image.txt', 'dockerfile', ['no-root-user']],
      ['k8s/pod.yaml.tmpl', 'kubernetes', ['k8s-privileged-container']],
    ],
  );
});

test('binary files are skipped unless they are Dockerfiles by name', () => {
  const binary = Buffer.concat([Buffer.from('apiVersion: v1\nkind: Pod\n'), Buffer.alloc(16), Buffer.from('\n')]);
  const dir = tree({ '.harden.yaml': CONFIG, 'blob.yaml': binary, 'pod.yaml': PRIVILEGED });
  assert.deepEqual(listed([], dir), ['pod.yaml']);
});

test('many files come back sorted by path', () => {
  const files: Record<string, string> = { '.harden.yaml': CONFIG };
  for (let i = 0; i < 40; i++) files[`d${i % 7}/pod-${String(39 - i).padStart(2, '0')}.yaml`] = PRIVILEGED;
  const dir = tree(files);
  const paths = listed([], dir);
  assert.equal(paths.length, 40);
  assert.deepEqual(paths, [...paths].sort());
  const text = harden([], dir).stdout;
  const headers = text.split('\n').filter((l) => l.endsWith('.yaml'));
  assert.deepEqual(headers, paths);
});
