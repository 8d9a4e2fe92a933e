import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultSettings } from '../../server/src/engine/base/config';
import { detectKind } from '../../server/src/engine/models/detect';
import { lint } from '../../server/src/engine/runner/runner';

const manifest = 'apiVersion: v1\nkind: Pod\n';

test('Dockerfiles by name, Containerfiles too, but not source files named after them', () => {
  for (const name of [
    'Dockerfile',
    'dockerfile',
    'Dockerfile.dev',
    'Dockerfile.prod.arm64',
    'Dockerfile-prod',
    'Dockerfile_arm64',
    'Containerfile.dev',
    'web.dockerfile',
    'api.Dockerfile',
    'Containerfile',
    'app.containerfile',
    'file:///w/Dockerfile',
  ]) {
    assert.equal(detectKind(name, 'FROM a'), 'dockerfile', name);
  }
  for (const name of [
    'dockerfile.ts',
    'Dockerfile.md',
    'Dockerfile.j2',
    'Dockerfile.dockerignore',
    'Dockerfile.yaml',
    'Dockerfile-generator.py',
    'dockerfile_parser.go',
    'Dockerfiles',
  ]) {
    assert.notEqual(detectKind(name, 'FROM a'), 'dockerfile', name);
  }
  assert.equal(detectKind('untitled:Untitled-1', 'FROM a', 'dockerfile'), 'dockerfile');
});

test('Kubernetes by content, other YAML is other', () => {
  assert.equal(detectKind('deploy.yaml', manifest), 'kubernetes');
  assert.equal(detectKind('deploy.yml', `# c\n---\n${manifest}`), 'kubernetes');
  assert.equal(detectKind('untitled:Untitled-2', manifest, 'yaml'), 'kubernetes');
  assert.equal(detectKind('config.yaml', 'name: x\nitems: [1]\n'), 'other');
  assert.equal(detectKind('chart.yaml', 'kind: x\n'), 'other');
  assert.equal(detectKind('readme.md', manifest), 'other');
});

test('opt-in rules report nothing until a setting turns them on', () => {
  const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    image: a:1\n';
  const ids = (rules: Record<string, 'warning'>) =>
    lint({ uri: 'p.yaml', text }, { ...defaultSettings(), rules }).findings.map((f) => f.ruleId);
  assert.ok(!ids({}).includes('k8s-cpu-limits'));
  assert.ok(ids({ 'k8s-cpu-limits': 'warning' }).includes('k8s-cpu-limits'));
});
