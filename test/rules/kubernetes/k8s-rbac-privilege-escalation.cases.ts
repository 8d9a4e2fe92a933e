import rule from '../../../server/src/engine/rules/kubernetes/k8s-rbac-privilege-escalation';
import { cases, k8s } from '../../support/cases';

const CLUSTER = 'in every namespace through a ClusterRoleBinding (in one through a RoleBinding)';

export default cases(rule, {
  valid: [
    {
      name: 'managing bindings without bind or escalate; reading roles',
      docs: 'good',
      code: k8s`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: rbac-viewer
        rules:
          - apiGroups: ["rbac.authorization.k8s.io"]
            resources: ["roles", "clusterroles", "rolebindings"]
            verbs: ["get", "list", "watch"]
          - apiGroups: [""]
            resources: ["nodes/metrics", "nodes/stats"]
            verbs: ["get"]`,
    },
    {
      name: 'cluster-scoped resources in a Role grant nothing; escalate in the wrong API group; CSR approval without a signer',
      code: k8s`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: r, namespace: a}
        rules:
          - apiGroups: [""]
            resources: [users, groups, nodes/proxy]
            verbs: [impersonate, get]
          - apiGroups: [""]
            resources: [roles]
            verbs: [escalate]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: csr-updater}
        rules:
          - apiGroups: [certificates.k8s.io]
            resources: [certificatesigningrequests/approval]
            verbs: [update]
          - apiGroups: [""]
            resources: [serviceaccounts/token]
            verbs: [get]`,
    },
  ],
  invalid: [
    {
      name: 'escalate and bind on roles; impersonate a named group',
      docs: 'bad',
      code: k8s`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: delegator
        rules:
          - apiGroups: ["rbac.authorization.k8s.io"]
            resources: [⟦"clusterroles"⟧]
            verbs: ["bind", "escalate", "update"]
          - apiGroups: [""]
            resources: [⟦"groups"⟧]
            resourceNames: ["system:masters"]
            verbs: ["impersonate"]`,
      errors: [
        {
          messageId: 'escalate',
          data: { kind: 'ClusterRole', name: 'delegator', rule: 1, resource: 'clusterroles', scope: CLUSTER },
        },
        {
          messageId: 'bind',
          range: 'L7:C17-L7:C31',
          data: {
            kind: 'ClusterRole',
            name: 'delegator',
            rule: 1,
            resource: 'clusterroles',
            names: '',
            scope: CLUSTER,
          },
        },
        {
          messageId: 'impersonate',
          data: {
            kind: 'ClusterRole',
            name: 'delegator',
            rule: 2,
            resource: 'groups',
            names: ' named "system:masters"',
            scope: CLUSTER,
          },
        },
      ],
    },
    {
      name: 'token creation and impersonation of service accounts in a Role; "*" verbs',
      code: k8s`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: minter, namespace: ci}
        rules:
          - apiGroups: [""]
            resources: [⟦serviceaccounts/token⟧, ⟦serviceaccounts⟧]
            verbs: ["*"]`,
      errors: [
        {
          messageId: 'tokenCreate',
          data: { kind: 'Role', name: 'minter', rule: 1, names: '', scope: 'in namespace "ci"' },
        },
        {
          messageId: 'impersonate',
          data: {
            kind: 'Role',
            name: 'minter',
            rule: 1,
            resource: 'serviceaccounts',
            names: '',
            scope: 'in namespace "ci"',
          },
        },
      ],
    },
    {
      name: 'node proxy, and CSR approval with a signer (both needed)',
      code: k8s`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: node-admin}
        rules:
          - apiGroups: [""]
            resources: [⟦nodes/proxy⟧]
            verbs: [get, create]
          - apiGroups: [certificates.k8s.io]
            resources: [⟦certificatesigningrequests/approval⟧]
            verbs: [update]
          - apiGroups: [certificates.k8s.io]
            resources: [signers]
            resourceNames: [kubernetes.io/kube-apiserver-client]
            verbs: [approve]`,
      errors: [
        {
          messageId: 'nodeProxy',
          data: { kind: 'ClusterRole', name: 'node-admin', rule: 1, verbs: '"get", "create"' },
        },
        {
          messageId: 'csrApproval',
          data: {
            kind: 'ClusterRole',
            name: 'node-admin',
            rule: 2,
            signers: 'signers "kubernetes.io/kube-apiserver-client"',
          },
        },
      ],
    },
  ],
});
