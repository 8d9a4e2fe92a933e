import rule from '../../../server/src/engine/rules/kubernetes/k8s-privileged-container';
import { cases, k8s } from '../../support/cases';

export default cases(rule, {
  valid: [
    {
      name: 'privileged false',
      docs: 'good',
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
        spec:
          containers:
            - name: web
              image: nginx:1.27
              securityContext:
                privileged: false`,
    },
    {
      name: 'no security context',
      code: k8s`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          template:
            spec:
              containers: [{name: web, image: nginx}]`,
    },
    {
      name: 'not a workload',
      code: k8s`
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: c}
        data:
          privileged: "true"`,
    },
    {
      name: 'suppressed with a pragma above the container',
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata: {name: agent}
        spec:
          containers:
            # harden-ignore k8s-privileged-container -- node agent needs devices
            - name: agent
              image: agent:1
              securityContext:
                privileged: true`,
    },
    {
      name: 'suppressed with a kube-linter annotation',
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata:
          name: agent
          annotations:
            ignore-check.kube-linter.io/privileged-container: "needs devices"
        spec:
          containers:
            - name: agent
              image: agent:1
              securityContext: {privileged: true}`,
    },
    {
      name: 'namespace labelled privileged',
      workspace: {
        'ns.yaml':
          'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: kube-system\n  labels:\n    pod-security.kubernetes.io/enforce: privileged\n',
      },
      code: k8s`
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: kube-proxy, namespace: kube-system}
        spec:
          template:
            spec:
              containers: [{name: kube-proxy, securityContext: {privileged: true}}]`,
    },
    {
      name: 'helm template is skipped quietly',
      filename: 'templates/deployment.yaml',
      code: k8s`
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {{ .Release.Name }}
        spec:
          template:
            spec:
              containers:
                - name: app
                  securityContext:
                    privileged: true`,
    },
  ],
  invalid: [
    {
      name: 'privileged container in a Deployment',
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
                - name: web
                  image: nginx:1.27
                  securityContext:
                    privileged: ⟦true⟧ # TODO: why?`,
      errors: [{ messageId: 'privileged', data: { container: 'web' } }],
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
                    privileged: false # TODO: why?`,
    },
    {
      name: 'flow style, init and ephemeral containers, CronJob',
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
                  - {name: init, image: busybox, securityContext: {privileged: ⟦true⟧}}
                  containers:
                  - name: main
                    image: busybox
                    securityContext: {privileged: ⟦true⟧}`,
      errors: [
        { messageId: 'privileged', data: { container: 'init' } },
        { messageId: 'privileged', data: { container: 'main' } },
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
                  - {name: init, image: busybox, securityContext: {privileged: false}}
                  containers:
                  - name: main
                    image: busybox
                    securityContext: {privileged: false}`,
    },
    {
      name: 'second document of a multi-document file with CRLF',
      code: 'apiVersion: v1\r\nkind: Service\r\nmetadata: {name: s}\r\n---\r\n# the pod\r\napiVersion: v1\r\nkind: Pod\r\nmetadata: {name: p}\r\nspec:\r\n  containers:\r\n  - name: a\r\n    securityContext:\r\n      privileged: ⟦true⟧\r\n',
      errors: [{ messageId: 'privileged' }],
      output:
        'apiVersion: v1\r\nkind: Service\r\nmetadata: {name: s}\r\n---\r\n# the pod\r\napiVersion: v1\r\nkind: Pod\r\nmetadata: {name: p}\r\nspec:\r\n  containers:\r\n  - name: a\r\n    securityContext:\r\n      privileged: false\r\n',
    },
    {
      name: 'YAML 1.1 boolean in an ephemeral container',
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers: [{name: a}]
          ephemeralContainers:
            - name: debug
              securityContext:
                privileged: ⟦on⟧`,
      errors: [{ messageId: 'privileged', data: { container: 'debug' } }],
      output: k8s`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers: [{name: a}]
          ephemeralContainers:
            - name: debug
              securityContext:
                privileged: false`,
    },
    {
      name: 'kind List item',
      code: k8s`
        apiVersion: v1
        kind: List
        items:
        - apiVersion: v1
          kind: Pod
          metadata: {name: p}
          spec:
            containers:
            - name: a
              securityContext:
                privileged: ⟦true⟧`,
      errors: [{ messageId: 'privileged' }],
      output: k8s`
        apiVersion: v1
        kind: List
        items:
        - apiVersion: v1
          kind: Pod
          metadata: {name: p}
          spec:
            containers:
            - name: a
              securityContext:
                privileged: false`,
    },
  ],
});
