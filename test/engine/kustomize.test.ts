import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseKubernetes } from '../../server/src/engine/models/kubernetes';
import { resolveUri, summarize, Workspace } from '../../server/src/engine/facts/workspace';

test('resolveUri joins against the folder and resolves dot segments', () => {
  assert.equal(
    resolveUri('file:///repo/overlays/prod/kustomization.yaml', 'patch.yaml'),
    'file:///repo/overlays/prod/patch.yaml',
  );
  assert.equal(
    resolveUri('file:///repo/overlays/prod/kustomization.yaml', '../base/./p.yaml'),
    'file:///repo/overlays/base/p.yaml',
  );
  assert.equal(resolveUri('k/kustomization.yaml', 'p.yaml'), 'k/p.yaml');
});

test('files a kustomization lists as patches are partial', () => {
  const ws = new Workspace();
  const k =
    'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [deployment.yaml]\npatches:\n  - path: replicas.yaml\n  - patch: |-\n      - op: replace\npatchesStrategicMerge:\n  - sc.yaml\n';
  ws.set('file:///o/kustomization.yaml', summarize('file:///o/kustomization.yaml', parseKubernetes(k)));
  assert.equal(ws.isPatch('file:///o/replicas.yaml'), true);
  assert.equal(ws.isPatch('file:///o/sc.yaml'), true);
  assert.equal(ws.isPatch('file:///o/deployment.yaml'), false);
});
