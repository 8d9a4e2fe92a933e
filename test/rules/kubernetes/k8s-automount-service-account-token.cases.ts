import rule from '../../../server/src/engine/rules/kubernetes/k8s-automount-service-account-token';
import { cases, k8s } from '../../support/cases';

const kustomization =
  'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [deployment.yaml]\npatches:\n  - path: manifest.yaml\n';

export default cases(rule, {
  valid: [
    {
      name: 'token not mounted',
      docs: 'good',
      code: k8s`
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          template:
            spec:
              serviceAccountName: web
              automountServiceAccountToken: false
              containers:
                - name: web
                  image: app:1.2`,
    },
    {
      name: 'an explicit true is a decision',
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata: {name: operator}
        spec: {serviceAccountName: operator, automountServiceAccountToken: true, containers: [{name: a}]}`,
    },
    {
      name: 'the service account is bound to a role',
      code: k8s`
        apiVersion: v1
        kind: List
        items:
        - apiVersion: rbac.authorization.k8s.io/v1
          kind: RoleBinding
          metadata: {name: controller, namespace: ops}
          roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: controller}
          subjects: [{kind: ServiceAccount, name: controller}]
        - apiVersion: apps/v1
          kind: Deployment
          metadata: {name: controller, namespace: ops}
          spec:
            template:
              spec:
                serviceAccountName: controller
                containers: [{name: c}]`,
    },
    {
      name: 'the service account decides itself; a group binding covers a namespace',
      code: k8s`
        apiVersion: v1
        kind: List
        items:
        - {apiVersion: v1, kind: ServiceAccount, metadata: {name: web}, automountServiceAccountToken: false}
        - apiVersion: v1
          kind: Pod
          metadata: {name: web}
          spec: {serviceAccountName: web, containers: [{name: a}]}
        - apiVersion: rbac.authorization.k8s.io/v1
          kind: ClusterRoleBinding
          metadata: {name: view-all}
          roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
          subjects: [{kind: Group, name: "system:serviceaccounts:tools"}]
        - apiVersion: v1
          kind: Pod
          metadata: {name: kubectl, namespace: tools}
          spec: {containers: [{name: a}]}`,
    },
    {
      name: 'kustomize patch that leaves the field out',
      workspace: { 'kustomization.yaml': kustomization },
      code: k8s`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          template:
            spec:
              containers: [{name: web, image: app:1.3}]`,
    },
    {
      name: 'helm template is skipped',
      filename: 'chart/templates/deployment.yaml',
      code: k8s`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: {{ .Release.Name }}}
        spec:
          template:
            spec:
              containers: [{name: app}]`,
    },
  ],
  invalid: [
    {
      name: 'token mounted, account bound to nothing',
      docs: 'bad',
      code: k8s`
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          template:
            ⟦spec⟧:
              serviceAccountName: web
              containers:
                - name: web
                  image: app:1.2`,
      errors: [
        {
          messageId: 'tokenMounted',
          data: { account: 'web' },
          suggestions: [
            {
              messageId: 'disableToken',
              output: k8s`
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  template:
                    spec:
                      serviceAccountName: web
                      containers:
                        - name: web
                          image: app:1.2
                      automountServiceAccountToken: false`,
            },
          ],
        },
      ],
    },
    {
      name: 'CronJob in flow style on the default account; a binding in another namespace does not count',
      code: k8s`
        apiVersion: v1
        kind: List
        items:
        - apiVersion: rbac.authorization.k8s.io/v1
          kind: RoleBinding
          metadata: {name: b, namespace: other}
          roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: r}
          subjects: [{kind: ServiceAccount, name: default}]
        - apiVersion: batch/v1
          kind: CronJob
          metadata: {name: backup}
          spec:
            jobTemplate:
              spec:
                template:
                  ⟦spec⟧: {containers: [{name: main, image: "busybox:1.36"}]} # nightly`,
      errors: [
        {
          messageId: 'tokenMounted',
          data: { account: 'default' },
          suggestions: [
            {
              messageId: 'disableToken',
              output: k8s`
                apiVersion: v1
                kind: List
                items:
                - apiVersion: rbac.authorization.k8s.io/v1
                  kind: RoleBinding
                  metadata: {name: b, namespace: other}
                  roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: r}
                  subjects: [{kind: ServiceAccount, name: default}]
                - apiVersion: batch/v1
                  kind: CronJob
                  metadata: {name: backup}
                  spec:
                    jobTemplate:
                      spec:
                        template:
                          spec: {containers: [{name: main, image: "busybox:1.36"}], automountServiceAccountToken: false} # nightly`,
            },
          ],
        },
      ],
    },
    {
      name: 'second document, deprecated serviceAccount field, CRLF',
      code: 'apiVersion: v1\r\nkind: Service\r\nmetadata: {name: s}\r\n---\r\napiVersion: v1\r\nkind: Pod\r\nmetadata: {name: p}\r\n⟦spec⟧:\r\n  # legacy field\r\n  serviceAccount: legacy\r\n  containers:\r\n  - name: a\r\n',
      errors: [
        {
          messageId: 'tokenMounted',
          data: { account: 'legacy' },
          suggestions: [
            {
              messageId: 'disableToken',
              output:
                'apiVersion: v1\r\nkind: Service\r\nmetadata: {name: s}\r\n---\r\napiVersion: v1\r\nkind: Pod\r\nmetadata: {name: p}\r\nspec:\r\n  # legacy field\r\n  serviceAccount: legacy\r\n  containers:\r\n  - name: a\r\n  automountServiceAccountToken: false\r\n',
            },
          ],
        },
      ],
    },
  ],
});
