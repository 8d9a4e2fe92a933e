import rule from '../../../server/src/engine/rules/kubernetes/k8s-read-only-root-filesystem';
import { cases, k8s } from '../../support/cases';

const kustomization =
  'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [deployment.yaml]\npatches:\n  - path: manifest.yaml\n';

export default cases(rule, {
  valid: [
    {
      name: 'read-only root filesystem with an emptyDir for /tmp',
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
                  securityContext:
                    readOnlyRootFilesystem: true
                  volumeMounts:
                    - name: tmp
                      mountPath: /tmp
              volumes:
                - name: tmp
                  emptyDir: {}`,
    },
    {
      name: 'YAML 1.1 yes and flow style',
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers: [{name: a, securityContext: {readOnlyRootFilesystem: yes}}]
          ephemeralContainers: [{name: debug, image: busybox}]`,
    },
    {
      name: 'Windows pod',
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          os: {name: windows}
          containers: [{name: a}]`,
    },
    {
      name: 'not a workload',
      code: k8s`
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: c}
        data: {readOnlyRootFilesystem: "false"}`,
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
              containers:
                - name: web
                  image: nginx:1.28`,
    },
    {
      name: 'helm template is skipped',
      filename: 'templates/deployment.yaml',
      code: k8s`
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {{ include "app.fullname" . }}
        spec:
          template:
            spec:
              containers:
                - name: app
                  image: "{{ .Values.image.repository }}"`,
    },
  ],
  invalid: [
    {
      name: 'missing in a Deployment',
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
          data: { container: 'web' },
          suggestions: [
            {
              messageId: 'setTrueWithTmp',
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
                          securityContext:
                            readOnlyRootFilesystem: true
                          volumeMounts:
                            - name: tmp
                              mountPath: /tmp
                      volumes:
                        - name: tmp
                          emptyDir: {}`,
            },
          ],
        },
      ],
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
                  securityContext:
                    readOnlyRootFilesystem: true`,
    },
    {
      name: 'explicit false is only a suggestion, with a comment inside the edited block',
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers:
            - name: app
              securityContext:
                # the app writes its cache
                readOnlyRootFilesystem: ⟦false⟧
              volumeMounts:
                - {name: tmp, mountPath: /tmp}
          volumes:
            - {name: tmp, emptyDir: {}}`,
      errors: [
        {
          messageId: 'disabled',
          data: { container: 'app', value: 'false' },
          suggestions: [
            {
              messageId: 'setTrue',
              output: k8s`
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec:
                  containers:
                    - name: app
                      securityContext:
                        # the app writes its cache
                        readOnlyRootFilesystem: true
                      volumeMounts:
                        - {name: tmp, mountPath: /tmp}
                  volumes:
                    - {name: tmp, emptyDir: {}}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'CronJob with an init container, flow style; ephemeral containers are skipped',
      code: k8s`
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: backup}
        spec:
          jobTemplate:
            spec:
              template:
                spec:
                  initContainers:
                  - {⟦name: init⟧, image: busybox:1.36}
                  containers:
                  - name: main
                    image: busybox:1.36
                    ⟦securityContext⟧: {runAsNonRoot: true}
                  ephemeralContainers:
                  - {name: debug, image: busybox:1.36}`,
      errors: [
        { messageId: 'missing', data: { container: 'init' } },
        { messageId: 'missing', data: { container: 'main' } },
      ],
      output: k8s`
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: backup}
        spec:
          jobTemplate:
            spec:
              template:
                spec:
                  initContainers:
                  - {name: init, image: busybox:1.36, securityContext: {readOnlyRootFilesystem: true}}
                  containers:
                  - name: main
                    image: busybox:1.36
                    securityContext: {runAsNonRoot: true, readOnlyRootFilesystem: true}
                  ephemeralContainers:
                  - {name: debug, image: busybox:1.36}`,
    },
    {
      name: 'second document, kind List item, CRLF, a used volume name',
      code: 'apiVersion: v1\r\nkind: Service\r\nmetadata: {name: s}\r\n---\r\napiVersion: v1\r\nkind: List\r\nitems:\r\n- apiVersion: v1\r\n  kind: Pod\r\n  metadata: {name: p}\r\n  spec:\r\n    containers:\r\n    - ⟦name: a⟧\r\n    volumes:\r\n    - name: tmp\r\n      configMap: {name: c}\r\n',
      errors: [
        {
          messageId: 'missing',
          suggestions: [
            {
              messageId: 'setTrueWithTmp',
              output:
                'apiVersion: v1\r\nkind: Service\r\nmetadata: {name: s}\r\n---\r\napiVersion: v1\r\nkind: List\r\nitems:\r\n- apiVersion: v1\r\n  kind: Pod\r\n  metadata: {name: p}\r\n  spec:\r\n    containers:\r\n    - name: a\r\n      securityContext:\r\n        readOnlyRootFilesystem: true\r\n      volumeMounts:\r\n      - name: a-tmp\r\n        mountPath: /tmp\r\n    volumes:\r\n    - name: tmp\r\n      configMap: {name: c}\r\n    - name: a-tmp\r\n      emptyDir: {}\r\n',
            },
          ],
        },
      ],
      output:
        'apiVersion: v1\r\nkind: Service\r\nmetadata: {name: s}\r\n---\r\napiVersion: v1\r\nkind: List\r\nitems:\r\n- apiVersion: v1\r\n  kind: Pod\r\n  metadata: {name: p}\r\n  spec:\r\n    containers:\r\n    - name: a\r\n      securityContext:\r\n        readOnlyRootFilesystem: true\r\n    volumes:\r\n    - name: tmp\r\n      configMap: {name: c}\r\n',
    },
    {
      name: 'a kustomize patch that sets false is reported',
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
                  securityContext:
                    readOnlyRootFilesystem: ⟦false⟧`,
      errors: [{ messageId: 'disabled' }],
      output: null,
    },
  ],
});
