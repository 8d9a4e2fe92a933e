import rule from '../../../server/src/engine/rules/kubernetes/k8s-cpu-limits';
import { cases, k8s } from '../../support/cases';

const kustomization =
  'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [deployment.yaml]\npatches:\n  - path: manifest.yaml\n';

export default cases(rule, {
  valid: [
    {
      name: 'cpu limit set',
      docs: 'good',
      code: k8s`
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          template:
            spec:
              containers:
                - name: web
                  image: nginx:1.27
                  resources:
                    requests: {cpu: 250m, memory: 256Mi}
                    limits: {cpu: 500m, memory: 256Mi}`,
    },
    {
      name: 'pod-level cpu limit; ephemeral containers cannot set resources',
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          resources: {limits: {cpu: "2"}}
          containers: [{name: a}, {name: b}]
          ephemeralContainers: [{name: debug}]`,
    },
    {
      name: 'kustomize patch that leaves the limit out',
      workspace: { 'kustomization.yaml': kustomization },
      code: k8s`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          template:
            spec:
              containers: [{name: web, image: nginx:1.28}]`,
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
      name: 'no cpu limit: the suggestion starts at the request',
      docs: 'bad',
      settings: { rules: { 'k8s-cpu-limits': 'warning' } },
      code: k8s`
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          template:
            spec:
              containers:
                - name: web
                  image: nginx:1.27
                  resources:
                    requests:
                      cpu: 250m
                    ⟦limits⟧:
                      # same as the request
                      memory: 256Mi`,
      errors: [
        {
          messageId: 'missing',
          data: { container: 'web' },
          suggestions: [
            {
              messageId: 'addLimit',
              output: k8s`
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  template:
                    spec:
                      containers:
                        - name: web
                          image: nginx:1.27
                          resources:
                            requests:
                              cpu: 250m
                            limits:
                              # same as the request
                              memory: 256Mi
                              cpu: 250m`,
            },
          ],
        },
      ],
    },
    {
      name: 'CronJob init container in flow style: a numeric request is kept a number',
      code: k8s`
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: backup}
        spec:
          jobTemplate:
            spec:
              template:
                spec:
                  initContainers: [{name: init, ⟦resources⟧: {requests: {cpu: 2}}}]
                  containers:
                  - name: main
                    resources: {limits: {cpu: 100m}}`,
      errors: [
        {
          messageId: 'missing',
          data: { container: 'init' },
          suggestions: [
            {
              messageId: 'addLimit',
              output: k8s`
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: backup}
                spec:
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          initContainers: [{name: init, resources: {requests: {cpu: 2}, limits: {cpu: 2}}}]
                          containers:
                          - name: main
                            resources: {limits: {cpu: 100m}}`,
            },
          ],
        },
      ],
    },
    {
      name: 'second document, kind List, CRLF',
      code: 'apiVersion: v1\r\nkind: Service\r\nmetadata: {name: s}\r\n---\r\napiVersion: v1\r\nkind: List\r\nitems:\r\n- apiVersion: v1\r\n  kind: Pod\r\n  metadata: {name: p}\r\n  spec:\r\n    containers:\r\n    - ⟦name: a⟧\r\n',
      errors: [
        {
          messageId: 'missing',
          suggestions: [
            {
              messageId: 'addLimit',
              output:
                'apiVersion: v1\r\nkind: Service\r\nmetadata: {name: s}\r\n---\r\napiVersion: v1\r\nkind: List\r\nitems:\r\n- apiVersion: v1\r\n  kind: Pod\r\n  metadata: {name: p}\r\n  spec:\r\n    containers:\r\n    - name: a\r\n      resources:\r\n        limits:\r\n          cpu: 500m\r\n',
            },
          ],
        },
      ],
    },
    {
      name: 'a kustomize patch that blanks the limit is reported',
      workspace: { 'kustomization.yaml': kustomization },
      code: k8s`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          template:
            spec:
              containers:
                - name: web
                  resources:
                    limits:
                      cpu: ⟦""⟧`,
      errors: [{ messageId: 'missing', data: { container: 'web' } }],
    },
  ],
});
