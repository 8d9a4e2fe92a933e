import rule from '../../../server/src/engine/rules/kubernetes/k8s-rbac-persistent-volumes';
import { cases, k8s } from '../../support/cases';

export default cases(rule, {
  valid: [
    {
      name: 'claims, not volumes',
      docs: 'good',
      code: k8s`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: app
        rules:
          - apiGroups: [""]
            resources: ["persistentvolumeclaims"]
            verbs: ["create", "get"]
          - apiGroups: [""]
            resources: ["persistentvolumes"]
            verbs: ["get", "update", "patch"]`,
    },
    {
      name: 'a Role cannot grant cluster-scoped volumes',
      code: k8s`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: r, namespace: a}
        rules: [{apiGroups: [""], resources: [persistentvolumes], verbs: [create]}]`,
    },
  ],
  invalid: [
    {
      name: 'a provisioner that creates volumes',
      docs: 'bad',
      code: k8s`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: provisioner
        rules:
          - apiGroups: [""]
            resources: [⟦"persistentvolumes"⟧]
            verbs: ["get", "create", "delete"]`,
      errors: [
        { messageId: 'createVolumes', data: { kind: 'ClusterRole', name: 'provisioner', rule: 1, verbs: '"create"' } },
      ],
    },
  ],
});
