import rule from '../../../server/src/engine/rules/kubernetes/k8s-rbac-secret-access';
import { cases, k8s } from '../../support/cases';

const CLUSTER = 'in every namespace through a ClusterRoleBinding (in one through a RoleBinding)';

export default cases(rule, {
  valid: [
    {
      name: 'get on the Secrets it needs, named',
      docs: 'good',
      code: k8s`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata:
          name: app
          namespace: shop
        rules:
          - apiGroups: [""]
            resources: ["secrets"]
            resourceNames: ["app-db"]
            verbs: ["get"]`,
    },
    {
      name: 'writing Secrets does not read them; secrets in another API group are not core Secrets; "*" resources are left to k8s-rbac-wildcard',
      code: k8s`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: writer}
        rules:
          - apiGroups: [""]
            resources: [secrets]
            verbs: [create, update, delete]
          - apiGroups: [external-secrets.io]
            resources: [secrets]
            verbs: [list]
          - apiGroups: [""]
            resources: ["*"]
            verbs: [list]`,
    },
    {
      name: "kube-linter's annotation keeps working on the role",
      code: k8s`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: external-secrets
          annotations: {ignore-check.kube-linter.io/access-to-secrets: "syncs Secrets by design"}
        rules: [{apiGroups: [""], resources: [secrets], verbs: [list, watch]}]`,
    },
    {
      name: 'list with resourceNames is limited to those names',
      code: k8s`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: r, namespace: a}
        rules: [{apiGroups: [""], resources: [secrets], resourceNames: [tls], verbs: [get, list, watch]}]`,
    },
  ],
  invalid: [
    {
      name: 'list and watch on every Secret of the cluster',
      docs: 'bad',
      code: k8s`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: reader
        rules:
          - apiGroups: [""]
            resources: ["pods", ⟦"secrets"⟧]
            verbs: ["get", "list", "watch"]`,
      errors: [
        {
          messageId: 'listSecrets',
          data: { kind: 'ClusterRole', name: 'reader', rule: 1, verbs: '"get", "list", "watch"', scope: CLUSTER },
        },
      ],
    },
    {
      name: 'get without names in a namespace; "*" verbs and "*" apiGroups count',
      code: k8s`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: app, namespace: shop}
        rules:
          - apiGroups: [""]
            resources: [⟦secrets⟧]
            verbs: [get]
          - apiGroups: ["*"]
            resources: [⟦secrets⟧]
            verbs: ["*"]`,
      errors: [
        {
          messageId: 'getSecrets',
          data: { kind: 'Role', name: 'app', rule: 1, verbs: '"get"', scope: 'in namespace "shop"' },
        },
        {
          messageId: 'listSecrets',
          data: { kind: 'Role', name: 'app', rule: 2, verbs: '"*"', scope: 'in namespace "shop"' },
        },
      ],
    },
  ],
});
