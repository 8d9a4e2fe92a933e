import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultSettings } from '../../server/src/engine/base/config';
import { KubernetesCache } from '../../server/src/engine/runner/kubernetesRunner';
import { lint } from '../../server/src/engine/runner/runner';
import { Workspace } from '../../server/src/engine/facts/workspace';

/** Issue 15: a binding is judged by the role it references, wherever that role is; edits to the role re-judge it. */
const binding = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: deployer}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: deployer}
subjects: [{kind: ServiceAccount, name: ci, namespace: ci}]
`;
const role = (verbs: string) => `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: deployer}
rules: [{apiGroups: ["*"], resources: ["*"], verbs: [${verbs}]}]
`;

test('a binding gets the cluster-admin finding when the role in another file gains "*" on "*", and loses it again', () => {
  const settings = defaultSettings();
  const ws = new Workspace();
  const cache = new KubernetesCache();
  const adminFindings = () =>
    lint({ uri: 'file:///w/binding.yaml', text: binding }, settings, { cache, workspace: ws }).findings.filter(
      (f) => f.ruleId === 'k8s-rbac-cluster-admin-binding',
    );

  lint({ uri: 'file:///w/role.yaml', text: role('get, list') }, settings, { workspace: ws });
  assert.deepEqual(adminFindings(), []);

  lint({ uri: 'file:///w/role.yaml', text: role('"*"') }, settings, { workspace: ws });
  const found = adminFindings();
  assert.equal(found.length, 1);
  assert.match(found[0].message, /ClusterRole "deployer" \(its rule 1 allows every verb on every resource\)/);
  assert.deepEqual(found[0].range, { start: { line: 3, character: 72 }, end: { line: 3, character: 80 } });

  lint({ uri: 'file:///w/role.yaml', text: role('get') }, settings, { workspace: ws });
  assert.deepEqual(adminFindings(), []);

  lint({ uri: 'file:///w/role.yaml', text: role('"*"') }, settings, { workspace: ws });
  assert.equal(adminFindings().length, 1);
  ws.delete('file:///w/role.yaml');
  assert.deepEqual(adminFindings(), [], 'a closed or deleted role file no longer counts');
});
