import rule from '../../../server/src/engine/rules/kubernetes/k8s-dangling-network-policy';
import { cases, k8s } from '../../support/cases';

const web =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\nspec:\n  template:\n    metadata:\n      labels: {app: web, tier: frontend}\n    spec:\n      containers: [{name: web, image: web:1.4}]\n';
const kustomization =
  'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [policy.yaml]\npatches:\n  - path: manifest.yaml\n';

export default cases(rule, {
  valid: [
    {
      name: 'the policy selects a workload',
      docs: 'good',
      code: k8s`
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: shop
        spec:
          template:
            metadata:
              labels:
                app: web
            spec:
              containers:
                - name: web
                  image: web:1.4
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: web
          namespace: shop
        spec:
          podSelector:
            matchLabels:
              app: web
          policyTypes: [Ingress]`,
    },
    {
      name: 'the policy selects a workload in another file',
      workspace: { 'apps/web.yaml': web },
      code: k8s`
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: web
          namespace: shop
        spec:
          podSelector:
            matchLabels:
              app: web
          policyTypes: [Ingress]`,
    },
    {
      name: 'matchExpressions and an empty selector',
      workspace: { 'apps/web.yaml': web },
      code: k8s`
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: frontends, namespace: shop}
        spec:
          podSelector:
            matchExpressions: [{key: tier, operator: NotIn, values: [backend]}, {key: app, operator: Exists}]
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: deny-all, namespace: shop}
        spec: {podSelector: {}}`,
    },
    {
      name: 'no workload of the namespace in the workspace: nothing to judge',
      workspace: { 'apps/web.yaml': web },
      code: k8s`
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: db, namespace: data}
        spec: {podSelector: {matchLabels: {app: postgres}}}`,
    },
    {
      name: 'a custom resource in the namespace may create the pods',
      workspace: {
        'apps/web.yaml': web,
        'apps/prometheus.yaml':
          'apiVersion: monitoring.coreos.com/v1\nkind: Prometheus\nmetadata: {name: k8s, namespace: shop}\nspec: {replicas: 2}\n',
      },
      code: k8s`
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: prometheus, namespace: shop}
        spec: {podSelector: {matchLabels: {app.kubernetes.io/name: prometheus}}}`,
    },
    {
      name: 'kustomize patches change only part of a selector',
      workspace: { 'apps/web.yaml': web, 'kustomization.yaml': kustomization },
      code: k8s`
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: web, namespace: shop}
        spec:
          podSelector:
            matchLabels: {version: v2}`,
    },
    {
      name: 'helm template is skipped',
      filename: 'chart/templates/np.yaml',
      workspace: { 'apps/web.yaml': web },
      code: k8s`
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: x, namespace: shop}
        spec:
          podSelector:
            matchLabels: {{- include "selectorLabels" . | nindent 6 }}`,
    },
  ],
  invalid: [
    {
      name: 'a typo in a label',
      docs: 'bad',
      code: k8s`
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: shop
        spec:
          template:
            metadata:
              labels:
                app: web
            spec:
              containers:
                - name: web
                  image: web:1.4
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: web
          namespace: shop
        spec:
          ⟦podSelector⟧:
            matchLabels:
              app: wbe
          policyTypes: [Ingress]`,
      errors: [{ messageId: 'dangling', data: { name: 'web', count: 1, namespace: 'shop' } }],
    },
    {
      name: 'second document of a file that also holds the workload; CRLF, flow style, an unknown operator selects nothing',
      code: 'apiVersion: v1\r\nkind: Pod\r\nmetadata: {name: p, labels: {app: p}}\r\nspec: {containers: [{name: a}]}\r\n---\r\n# isolate p\r\napiVersion: networking.k8s.io/v1\r\nkind: NetworkPolicy\r\nmetadata: {name: np}\r\nspec: {⟦podSelector⟧: {matchExpressions: [{key: app, operator: Equals, values: [p]}]}}\r\n',
      errors: [{ messageId: 'dangling', data: { name: 'np', count: 1, namespace: 'default' } }],
    },
    {
      name: 'a policy in a kind List against a CronJob in another file',
      workspace: {
        'jobs.yaml':
          'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: backup, namespace: ops}\nspec:\n  jobTemplate:\n    spec:\n      template:\n        metadata: {labels: {job: backup}}\n        spec: {containers: [{name: b}]}\n',
      },
      code: k8s`
        apiVersion: v1
        kind: List
        items:
        - apiVersion: networking.k8s.io/v1
          kind: NetworkPolicy
          metadata: {name: backup, namespace: ops}
          spec:
            ⟦podSelector⟧: {matchLabels: {job: restore}}`,
      errors: [{ messageId: 'dangling', data: { name: 'backup', count: 1, namespace: 'ops' } }],
    },
  ],
});
