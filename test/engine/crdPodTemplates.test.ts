import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultSettings, lint, Workspace } from '../../server/src/engine';

const ids = (text: string) =>
  new Set(
    lint({ uri: 'file:///w/crd.yaml', text }, defaultSettings(), { workspace: new Workspace() }).findings.map(
      (f) => f.ruleId,
    ),
  );

const podTemplate = (head: string, at = 'template') => `${head}
spec:
  ${at}:
    metadata:
      labels: { app: web }
    spec:
      hostNetwork: true
      containers:
        - name: web
          image: nginx:1.27
          securityContext:
            privileged: true
`;

test('custom resources with a known pod template are checked like a Deployment', () => {
  for (const head of [
    'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata:\n  name: web',
    'apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata:\n  name: web',
    'apiVersion: apps.kruise.io/v1alpha1\nkind: CloneSet\nmetadata:\n  name: web',
  ]) {
    const found = ids(podTemplate(head));
    assert.ok(found.has('k8s-host-namespaces'), head);
    assert.ok(found.has('k8s-privileged-container'), head);
    assert.ok(found.has('k8s-probes'), `${head}: long-running, so probes apply`);
  }
});

test('a core Service is not a Knative Service', () => {
  const found = ids(
    'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  template: {}\n  ports: [{ port: 80 }]\n',
  );
  assert.ok(!found.has('k8s-privileged-container') && !found.has('k8s-probes'));
});

test('unknown custom resources: a full pod template is checked, a partial one (no image) is not', () => {
  const full = ids(podTemplate('apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w'));
  assert.ok(full.has('k8s-privileged-container'));
  assert.ok(!full.has('k8s-probes'), 'not known to be long-running');
  const partial = ids(
    'apiVersion: elasticsearch.k8s.elastic.co/v1\nkind: Kibana\nmetadata:\n  name: k\nspec:\n  podTemplate:\n    spec:\n      containers:\n        - name: kibana\n          resources: {}\n',
  );
  assert.equal(partial.size, 0, [...partial].join(','));
});
