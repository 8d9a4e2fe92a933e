import rule from '../../../server/src/engine/rules/kubernetes/k8s-resources';
import { cases, k8s } from '../../support/cases';

const kustomization =
  'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [deployment.yaml]\npatchesStrategicMerge:\n  - manifest.yaml\n';

export default cases(rule, {
  valid: [
    {
      name: 'requests and a memory limit',
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
                    requests:
                      cpu: 100m
                      memory: 256Mi
                    limits:
                      memory: 256Mi`,
    },
    {
      name: 'requests default to the limits',
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers: [{name: a, resources: {limits: {cpu: "1", memory: 1Gi}}}]`,
    },
    {
      name: 'pod-level resources count for every container; ephemeral containers cannot set any',
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          resources:
            requests: {cpu: 500m, memory: 1Gi}
            limits: {memory: 1Gi}
          containers: [{name: a}, {name: b}]
          ephemeralContainers: [{name: debug}]`,
    },
    {
      name: 'kustomize patch that only changes the image',
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
                  image: nginx:1.28`,
    },
    {
      name: 'helm template is skipped',
      filename: 'chart/templates/deployment.yaml',
      code: k8s`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: app}
        spec:
          template:
            spec:
              containers:
                - name: app
                  resources: {{- toYaml .Values.resources | nindent 12 }}`,
    },
  ],
  invalid: [
    {
      name: 'no resources at all',
      docs: 'bad',
      code: k8s`
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          template:
            spec:
              containers:
                - ⟦name: web⟧
                  image: nginx:1.27`,
      errors: [
        {
          messageId: 'missing',
          data: { container: 'web', missing: 'cpu request, memory request, memory limit' },
          suggestions: [
            {
              messageId: 'addPlaceholders',
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
                              cpu: 100m
                              memory: 128Mi
                            limits:
                              memory: 128Mi`,
            },
          ],
        },
      ],
    },
    {
      name: 'memory limit starts at the request; comment inside the edited block',
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers:
            - name: app
              ⟦resources⟧:
                # sized in load test 42
                requests:
                  cpu: 250m
                  memory: 512Mi`,
      errors: [
        {
          messageId: 'missing',
          data: { container: 'app', missing: 'memory limit' },
          suggestions: [
            {
              messageId: 'addPlaceholders',
              output: k8s`
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec:
                  containers:
                    - name: app
                      resources:
                        # sized in load test 42
                        requests:
                          cpu: 250m
                          memory: 512Mi
                        limits:
                          memory: 512Mi`,
            },
          ],
        },
      ],
    },
    {
      name: 'CronJob init container and flow style; ephemeral containers are skipped',
      code: k8s`
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: backup}
        spec:
          jobTemplate:
            spec:
              template:
                spec:
                  initContainers: [{⟦name: init⟧, image: busybox:1.36}]
                  containers:
                  - name: main
                    resources: {⟦requests⟧: {memory: 8Mi}, limits: {memory: 8Mi}}
                  ephemeralContainers: [{name: debug}]`,
      errors: [
        {
          messageId: 'missing',
          data: { container: 'init', missing: 'cpu request, memory request, memory limit' },
          suggestions: [
            {
              messageId: 'addPlaceholders',
              output: k8s`
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: backup}
                spec:
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          initContainers: [{name: init, image: busybox:1.36, resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {memory: 128Mi}}}]
                          containers:
                          - name: main
                            resources: {requests: {memory: 8Mi}, limits: {memory: 8Mi}}
                          ephemeralContainers: [{name: debug}]`,
            },
          ],
        },
        { messageId: 'missing', data: { container: 'main', missing: 'cpu request' } },
      ],
    },
    {
      name: 'kind List in a second document with CRLF',
      code: 'apiVersion: v1\r\nkind: Namespace\r\nmetadata: {name: n}\r\n---\r\napiVersion: v1\r\nkind: List\r\nitems:\r\n- apiVersion: apps/v1\r\n  kind: StatefulSet\r\n  metadata: {name: db}\r\n  spec:\r\n    template:\r\n      spec:\r\n        containers:\r\n        - name: db\r\n          ⟦resources⟧:\r\n            limits:\r\n              cpu: 2\r\n',
      errors: [
        {
          messageId: 'missing',
          data: { container: 'db', missing: 'memory request, memory limit' },
          suggestions: [
            {
              messageId: 'addPlaceholders',
              output:
                'apiVersion: v1\r\nkind: Namespace\r\nmetadata: {name: n}\r\n---\r\napiVersion: v1\r\nkind: List\r\nitems:\r\n- apiVersion: apps/v1\r\n  kind: StatefulSet\r\n  metadata: {name: db}\r\n  spec:\r\n    template:\r\n      spec:\r\n        containers:\r\n        - name: db\r\n          resources:\r\n            limits:\r\n              cpu: 2\r\n              memory: 128Mi\r\n            requests:\r\n              memory: 128Mi\r\n',
            },
          ],
        },
      ],
    },
    {
      name: 'a kustomize patch that empties a value is reported',
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
                    requests:
                      cpu: ⟦null⟧`,
      errors: [{ messageId: 'missing', data: { container: 'web', missing: 'cpu request' } }],
    },
  ],
});
