import rule from '../../../server/src/engine/rules/kubernetes/k8s-host-namespaces';
import { cases, k8s } from '../../support/cases';

export default cases(rule, {
  valid: [
    {
      name: 'own namespaces',
      docs: 'good',
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
        spec:
          hostNetwork: false
          containers:
            - name: web
              image: nginx:1.27`,
    },
    {
      name: 'namespace labelled privileged',
      code: k8s`
        apiVersion: v1
        kind: Namespace
        metadata:
          name: monitoring
          labels:
            pod-security.kubernetes.io/enforce: privileged
        ---
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: node-exporter, namespace: monitoring}
        spec:
          template:
            spec:
              hostNetwork: true
              hostPID: true
              containers: [{name: exporter, image: node-exporter:1}]`,
    },
    {
      name: 'namespace in another workspace file',
      workspace: {
        'ns.yaml': k8s`
          apiVersion: v1
          kind: Namespace
          metadata:
            name: system
            labels: {pod-security.kubernetes.io/enforce: privileged}`,
      },
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata: {name: agent, namespace: system}
        spec:
          hostIPC: true
          containers: [{name: agent, image: agent:1}]`,
    },
    {
      name: 'quoted string is not a boolean',
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          hostPID: "no"
          containers: [{name: a, image: a}]`,
    },
    {
      name: 'helm template is skipped',
      filename: 'templates/daemonset.yaml',
      code: k8s`
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: {{ include "agent.fullname" . }}
        spec:
          template:
            spec:
              hostNetwork: true
              containers:
                - name: agent
                  image: "{{ .Values.image }}"`,
    },
  ],
  invalid: [
    {
      name: 'host network and PID in a DaemonSet',
      docs: 'bad',
      code: k8s`
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: agent
        spec:
          template:
            spec:
              hostNetwork: ⟦true⟧ # scrape node metrics
              hostPID: ⟦true⟧
              containers:
                - name: agent
                  image: agent:1.2`,
      errors: [
        { messageId: 'hostNamespace', data: { field: 'hostNetwork' } },
        { messageId: 'hostNamespace', data: { field: 'hostPID' } },
      ],
      output: k8s`
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: agent
        spec:
          template:
            spec:
              hostNetwork: false # scrape node metrics
              hostPID: false
              containers:
                - name: agent
                  image: agent:1.2`,
    },
    {
      name: 'YAML 1.1 boolean in a flow mapping of a CronJob',
      code: k8s`
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: c}
        spec:
          jobTemplate:
            spec:
              template:
                spec: {hostIPC: ⟦yes⟧, containers: [{name: a, image: a}]}`,
      errors: [{ messageId: 'hostNamespace', data: { field: 'hostIPC' } }],
      output: k8s`
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: c}
        spec:
          jobTemplate:
            spec:
              template:
                spec: {hostIPC: false, containers: [{name: a, image: a}]}`,
    },
    {
      name: 'kind List item with CRLF',
      code: 'apiVersion: v1\r\nkind: List\r\nitems:\r\n- apiVersion: v1\r\n  kind: Pod\r\n  metadata: {name: p}\r\n  spec:\r\n    hostNetwork: ⟦true⟧\r\n    containers: [{name: a, image: a}]\r\n',
      errors: [{ messageId: 'hostNamespace' }],
      output:
        'apiVersion: v1\r\nkind: List\r\nitems:\r\n- apiVersion: v1\r\n  kind: Pod\r\n  metadata: {name: p}\r\n  spec:\r\n    hostNetwork: false\r\n    containers: [{name: a, image: a}]\r\n',
    },
    {
      name: 'namespace labelled baseline overrides a privileged-free default',
      settings: { pss: { level: 'baseline' } },
      code: k8s`
        apiVersion: v1
        kind: Namespace
        metadata:
          name: apps
          labels:
            pod-security.kubernetes.io/enforce: baseline
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: p, namespace: apps}
        spec:
          hostPID: ⟦true⟧
          containers: [{name: a, image: a}]`,
      errors: [{ messageId: 'hostNamespace', data: { field: 'hostPID' } }],
      output: k8s`
        apiVersion: v1
        kind: Namespace
        metadata:
          name: apps
          labels:
            pod-security.kubernetes.io/enforce: baseline
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: p, namespace: apps}
        spec:
          hostPID: false
          containers: [{name: a, image: a}]`,
    },
  ],
});
