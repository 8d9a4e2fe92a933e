import rule from '../../../server/src/engine/rules/kubernetes/k8s-rbac-cross-namespace-binding';
import { cases, k8s } from '../../support/cases';

export default cases(rule, {
  valid: [
    {
      name: "the service account of the binding's own namespace, with or without the namespace written",
      docs: 'good',
      code: k8s`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata:
          name: app
          namespace: shop
        roleRef:
          apiGroup: rbac.authorization.k8s.io
          kind: Role
          name: app
        subjects:
          - kind: ServiceAccount
            name: app
            namespace: shop
          - kind: ServiceAccount
            name: worker`,
    },
    {
      name: "a RoleBinding that writes no namespace goes where kubectl apply -n puts it (argo-cd's install.yaml)",
      code: k8s`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: b}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: r}
        subjects: [{kind: ServiceAccount, name: ci, namespace: argocd}]`,
    },
    {
      name: 'ClusterRoleBindings have no namespace of their own',
      code: k8s`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: b}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
        subjects: [{kind: ServiceAccount, name: prometheus, namespace: monitoring}]`,
    },
  ],
  invalid: [
    {
      name: 'a monitoring account of another namespace',
      docs: 'bad',
      code: k8s`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata:
          name: scrape
          namespace: shop
        roleRef:
          apiGroup: rbac.authorization.k8s.io
          kind: Role
          name: pod-reader
        subjects:
          - kind: ServiceAccount
            name: prometheus
            namespace: ⟦monitoring⟧`,
      errors: [
        {
          messageId: 'otherNamespace',
          data: {
            name: 'scrape',
            namespace: 'shop',
            role: 'Role "pod-reader"',
            account: 'prometheus',
            other: 'monitoring',
          },
        },
      ],
    },
    {
      name: 'a ClusterRole through a RoleBinding, flow style',
      code: k8s`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: b, namespace: default}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
        subjects: [{kind: ServiceAccount, name: ci, namespace: ⟦tools⟧}]`,
      errors: [
        {
          messageId: 'otherNamespace',
          data: { name: 'b', namespace: 'default', role: 'ClusterRole "edit"', account: 'ci', other: 'tools' },
        },
      ],
    },
  ],
});
