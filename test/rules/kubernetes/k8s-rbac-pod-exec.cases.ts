import rule from '../../../server/src/engine/rules/kubernetes/k8s-rbac-pod-exec';
import { cases, k8s } from '../../support/cases';

export default cases(rule, {
  valid: [
    {
      name: 'logs and pod reads only',
      docs: 'good',
      code: k8s`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata:
          name: support
          namespace: shop
        rules:
          - apiGroups: [""]
            resources: ["pods", "pods/log"]
            verbs: ["get", "list"]`,
    },
    {
      name: 'exec in another API group, list on exec, and pods without the subresource',
      code: k8s`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: c}
        rules:
          - apiGroups: [kubevirt.io]
            resources: [pods/exec]
            verbs: [create]
          - apiGroups: [""]
            resources: [pods/exec]
            verbs: [list]
          - apiGroups: [""]
            resources: [pods]
            verbs: [create]`,
    },
  ],
  invalid: [
    {
      name: 'exec and attach for a debugging role',
      docs: 'bad',
      code: k8s`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata:
          name: debug
          namespace: shop
        rules:
          - apiGroups: [""]
            resources: [⟦"pods/exec"⟧, ⟦"pods/attach"⟧]
            verbs: ["create"]`,
      errors: [
        {
          messageId: 'exec',
          data: {
            kind: 'Role',
            name: 'debug',
            rule: 1,
            verbs: '"create"',
            resource: 'pods/exec',
            scope: 'in namespace "shop"',
          },
        },
        {
          messageId: 'attach',
          data: {
            kind: 'Role',
            name: 'debug',
            rule: 1,
            verbs: '"create"',
            resource: 'pods/attach',
            scope: 'in namespace "shop"',
          },
        },
      ],
    },
    {
      name: 'port-forward with get (WebSocket clients), "*/exec" for every resource\'s exec, "*" verbs; debug containers (get on them is only a read)',
      code: k8s`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: ops}
        rules:
          - apiGroups: [""]
            resources: [⟦pods/portforward⟧]
            verbs: [get]
          - apiGroups: ["*"]
            resources: [⟦"*/exec"⟧]
            verbs: ["*"]
          - apiGroups: [""]
            resources: [pods/ephemeralcontainers]
            verbs: [get]
          - apiGroups: [""]
            resources: [⟦pods/ephemeralcontainers⟧]
            verbs: [patch]`,
      errors: [
        {
          messageId: 'portforward',
          data: {
            kind: 'ClusterRole',
            name: 'ops',
            rule: 1,
            verbs: '"get"',
            resource: 'pods/portforward',
            scope: 'in every namespace through a ClusterRoleBinding (in one through a RoleBinding)',
          },
        },
        {
          messageId: 'exec',
          data: {
            kind: 'ClusterRole',
            name: 'ops',
            rule: 2,
            verbs: '"*"',
            resource: '*/exec',
            scope: 'in every namespace through a ClusterRoleBinding (in one through a RoleBinding)',
          },
        },
        {
          messageId: 'ephemeral',
          data: {
            kind: 'ClusterRole',
            name: 'ops',
            rule: 4,
            verbs: '"patch"',
            resource: 'pods/ephemeralcontainers',
            scope: 'in every namespace through a ClusterRoleBinding (in one through a RoleBinding)',
          },
        },
      ],
    },
  ],
});
