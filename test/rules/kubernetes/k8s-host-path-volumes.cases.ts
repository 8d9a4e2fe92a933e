import rule from '../../../server/src/engine/rules/kubernetes/k8s-host-path-volumes';
import { cases, k8s } from '../../support/cases';

export default cases(rule, {
  valid: [
    {
      name: 'emptyDir and configMap volumes',
      docs: 'good',
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
        spec:
          containers:
            - name: web
              image: web:1.4
              volumeMounts:
                - {name: cache, mountPath: /var/cache/web}
          volumes:
            - name: cache
              emptyDir: {}`,
    },
    {
      name: 'privileged namespace',
      workspace: {
        'ns.yaml':
          'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: logging\n  labels:\n    pod-security.kubernetes.io/enforce: privileged\n',
      },
      code: k8s`
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: fluent-bit, namespace: logging}
        spec:
          template:
            spec:
              containers: [{name: fb, image: fluent-bit}]
              volumes: [{name: varlog, hostPath: {path: /var/log}}]`,
    },
    {
      name: 'helm template',
      filename: 'charts/x/templates/ds.yaml',
      code: k8s`
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: {{ .Release.Name }}}
        spec:
          template:
            spec:
              volumes: [{name: varlog, hostPath: {path: /var/log}}]`,
    },
  ],
  invalid: [
    {
      name: 'container runtime socket',
      docs: 'bad',
      code: k8s`
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: agent
        spec:
          template:
            spec:
              containers:
                - name: agent
                  image: agent:1.2
                  volumeMounts:
                    - name: docker # talks to dockerd
                      mountPath: /var/run/docker.sock
                    - name: config
                      mountPath: /etc/agent
              volumes:
                - name: docker
                  ⟦hostPath⟧:
                    path: /var/run/docker.sock
                - name: config
                  configMap: {name: agent}`,
      errors: [
        {
          messageId: 'hostPath',
          data: { volume: 'docker', path: '/var/run/docker.sock' },
          suggestions: [
            {
              messageId: 'removeVolume',
              output: k8s`
                apiVersion: apps/v1
                kind: DaemonSet
                metadata:
                  name: agent
                spec:
                  template:
                    spec:
                      containers:
                        - name: agent
                          image: agent:1.2
                          volumeMounts:
                            - name: config
                              mountPath: /etc/agent
                      volumes:
                        - name: config
                          configMap: {name: agent}`,
            },
          ],
        },
      ],
    },
    {
      name: 'restricted level still reports hostPath here, init container mount, flow style',
      settings: { pss: { level: 'restricted' } },
      code: k8s`
        apiVersion: batch/v1
        kind: Job
        metadata: {name: j}
        spec:
          template:
            spec:
              initContainers:
                - {name: init, volumeMounts: [{name: host, mountPath: /host}]}
              containers:
                - {name: main}
              volumes: [{name: host, ⟦hostPath⟧: {path: /}}]`,
      errors: [
        {
          messageId: 'hostPath',
          data: { volume: 'host', path: '/' },
          suggestions: [
            {
              messageId: 'removeVolume',
              output: k8s`
                apiVersion: batch/v1
                kind: Job
                metadata: {name: j}
                spec:
                  template:
                    spec:
                      initContainers:
                        - {name: init}
                      containers:
                        - {name: main}`,
            },
          ],
        },
      ],
    },
  ],
});
