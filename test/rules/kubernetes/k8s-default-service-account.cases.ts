import rule from '../../../server/src/engine/rules/kubernetes/k8s-default-service-account';
import { cases, k8s } from '../../support/cases';

export default cases(rule, {
  valid: [
    {
      name: 'a dedicated service account; the default one mounts nothing',
      docs: 'good',
      code: k8s`
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: default
          namespace: shop
        automountServiceAccountToken: false
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: cart
          namespace: shop
        spec:
          template:
            spec:
              serviceAccountName: cart
              automountServiceAccountToken: true
              containers:
                - name: cart
                  image: cart:1.4`,
    },
    {
      name: 'a pod on the default account that says nothing about the token is left to k8s-automount-service-account-token',
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec: {containers: [{name: a}]}`,
    },
    {
      name: 'bindings of other accounts',
      code: k8s`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: b}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: r}
        subjects: [{kind: ServiceAccount, name: app}, {kind: User, name: default}]`,
    },
    {
      name: 'helm template is skipped',
      filename: 'chart/templates/sa.yaml',
      code: k8s`
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: default
          labels: {{- include "labels" . | nindent 4 }}`,
    },
  ],
  invalid: [
    {
      name: 'pod mounts the default account token',
      docs: 'bad',
      code: k8s`
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          template:
            spec:
              automountServiceAccountToken: ⟦true⟧
              containers:
                - name: web
                  image: app:1.2`,
      errors: [{ messageId: 'podUsesDefault' }],
    },
    {
      name: 'the default account mounts its token; a ClusterRoleBinding grants it a role (kind List, flow style)',
      code: k8s`
        apiVersion: v1
        kind: List
        items:
        - apiVersion: v1
          kind: ServiceAccount
          metadata:
            # created by the namespace controller anyway
            name: ⟦default⟧
            namespace: shop
        - apiVersion: rbac.authorization.k8s.io/v1
          kind: ClusterRoleBinding
          metadata: {name: shop-view}
          roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
          subjects: [{kind: ServiceAccount, name: ⟦default⟧, namespace: shop}]`,
      errors: [
        {
          messageId: 'defaultAccountMounts',
          data: { namespace: 'shop' },
          suggestions: [
            {
              messageId: 'disableToken',
              output: k8s`
                apiVersion: v1
                kind: List
                items:
                - apiVersion: v1
                  kind: ServiceAccount
                  metadata:
                    # created by the namespace controller anyway
                    name: default
                    namespace: shop
                  automountServiceAccountToken: false
                - apiVersion: rbac.authorization.k8s.io/v1
                  kind: ClusterRoleBinding
                  metadata: {name: shop-view}
                  roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
                  subjects: [{kind: ServiceAccount, name: default, namespace: shop}]`,
            },
          ],
        },
        {
          messageId: 'bindsDefault',
          data: { kind: 'ClusterRoleBinding', name: 'shop-view', role: '"view"', namespace: 'shop' },
        },
      ],
    },
    {
      name: 'CronJob naming the default account explicitly, second document, CRLF',
      code: 'apiVersion: v1\r\nkind: ConfigMap\r\nmetadata: {name: c}\r\n---\r\napiVersion: batch/v1\r\nkind: CronJob\r\nmetadata: {name: j}\r\nspec:\r\n  jobTemplate:\r\n    spec:\r\n      template:\r\n        spec:\r\n          serviceAccountName: default\r\n          automountServiceAccountToken: ⟦yes⟧\r\n          containers: [{name: a}]\r\n',
      errors: [{ messageId: 'podUsesDefault' }],
    },
    {
      name: 'a RoleBinding subject without namespace binds the default account of its own namespace',
      code: k8s`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: edit, namespace: dev}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: edit}
        subjects:
          - kind: ServiceAccount
            name: ⟦default⟧`,
      errors: [
        { messageId: 'bindsDefault', data: { kind: 'RoleBinding', name: 'edit', role: '"edit"', namespace: 'dev' } },
      ],
    },
  ],
});
