import rule from '../../../server/src/engine/rules/kubernetes/k8s-probes';
import { cases, k8s } from '../../support/cases';

const kustomization =
  'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [deployment.yaml]\npatches:\n  - path: manifest.yaml\n';

export default cases(rule, {
  valid: [
    {
      name: 'liveness and readiness probes',
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
                  ports:
                    - name: http
                      containerPort: 8080
                  livenessProbe:
                    httpGet: {path: /healthz, port: http}
                  readinessProbe:
                    httpGet: {path: /readyz, port: http}`,
    },
    {
      name: 'Jobs and CronJobs run to completion',
      code: k8s`
        apiVersion: batch/v1
        kind: Job
        metadata: {name: migrate}
        spec:
          template:
            spec:
              containers: [{name: migrate, image: app:1}]
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: backup}
        spec:
          jobTemplate:
            spec:
              template:
                spec:
                  containers: [{name: backup, image: app:1}]`,
    },
    {
      name: 'bare Pod that does not restart (Helm test)',
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata: {name: test-connection}
        spec:
          restartPolicy: Never
          containers: [{name: wget, image: busybox:1.36}]`,
    },
    {
      name: 'init, sidecar and ephemeral containers are not checked',
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          initContainers:
            - {name: init, image: busybox:1.36}
            - {name: proxy, image: envoy:1.30, restartPolicy: Always}
          containers:
            - {name: app, image: app:1, livenessProbe: {tcpSocket: {port: 80}}, readinessProbe: {tcpSocket: {port: 80}}}
          ephemeralContainers:
            - {name: debug, image: busybox:1.36}`,
    },
    {
      name: 'kustomize patch that leaves probes out',
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
        metadata: {name: {{ .Release.Name }}}
        spec:
          template:
            spec:
              containers: [{name: app}]`,
    },
  ],
  invalid: [
    {
      name: 'no probes; the suggestions use the HTTP port by name',
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
                  image: nginx:1.27
                  ports:
                    - name: metrics
                      containerPort: 9090
                    - name: http
                      containerPort: 8080`,
      errors: [
        {
          messageId: 'missingBoth',
          data: { container: 'web' },
          suggestions: [
            {
              messageId: 'addHttpGet',
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
                          ports:
                            - name: metrics
                              containerPort: 9090
                            - name: http
                              containerPort: 8080
                          livenessProbe:
                            httpGet:
                              path: /healthz
                              port: http
                          readinessProbe:
                            httpGet:
                              path: /readyz
                              port: http`,
            },
            {
              messageId: 'addTcpSocket',
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
                          ports:
                            - name: metrics
                              containerPort: 9090
                            - name: http
                              containerPort: 8080
                          livenessProbe:
                            tcpSocket:
                              port: http
                          readinessProbe:
                            tcpSocket:
                              port: http`,
            },
          ],
        },
      ],
    },
    {
      name: 'readiness missing, a gRPC port takes a number, comment inside the edited block',
      code: k8s`
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: api}
        spec:
          template:
            spec:
              containers:
              - ⟦name: api⟧
                ports: [{name: grpc, containerPort: 9000}]
                # restarts on deadlock
                livenessProbe: {grpc: {port: 9000}}`,
      errors: [
        {
          messageId: 'missingReadiness',
          data: { container: 'api' },
          suggestions: [
            {
              messageId: 'addGrpc',
              output: k8s`
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: api}
                spec:
                  template:
                    spec:
                      containers:
                      - name: api
                        ports: [{name: grpc, containerPort: 9000}]
                        # restarts on deadlock
                        livenessProbe: {grpc: {port: 9000}}
                        readinessProbe:
                          grpc:
                            port: 9000`,
            },
            {
              messageId: 'addTcpSocket',
              output: k8s`
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: api}
                spec:
                  template:
                    spec:
                      containers:
                      - name: api
                        ports: [{name: grpc, containerPort: 9000}]
                        # restarts on deadlock
                        livenessProbe: {grpc: {port: 9000}}
                        readinessProbe:
                          tcpSocket:
                            port: grpc`,
            },
          ],
        },
      ],
    },
    {
      name: 'flow style container without ports gets no suggestion; bare Pod restarts always',
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata: {name: worker}
        spec:
          containers: [{⟦name: worker⟧, image: worker:2, readinessProbe: {exec: {command: [cat, /tmp/ready]}}}]`,
      errors: [{ messageId: 'missingLiveness', data: { container: 'worker' }, suggestions: [] }],
    },
    {
      name: 'DaemonSet in a kind List after another document, CRLF, numbered UDP and TCP ports',
      code: 'apiVersion: v1\r\nkind: ServiceAccount\r\nmetadata: {name: a}\r\n---\r\napiVersion: v1\r\nkind: List\r\nitems:\r\n- apiVersion: apps/v1\r\n  kind: DaemonSet\r\n  metadata: {name: agent}\r\n  spec:\r\n    template:\r\n      spec:\r\n        containers:\r\n        - ⟦name: agent⟧\r\n          ports:\r\n          - {containerPort: 8125, protocol: UDP}\r\n          - {containerPort: 8126}\r\n',
      errors: [
        {
          messageId: 'missingBoth',
          suggestions: [
            {
              messageId: 'addHttpGet',
              output:
                'apiVersion: v1\r\nkind: ServiceAccount\r\nmetadata: {name: a}\r\n---\r\napiVersion: v1\r\nkind: List\r\nitems:\r\n- apiVersion: apps/v1\r\n  kind: DaemonSet\r\n  metadata: {name: agent}\r\n  spec:\r\n    template:\r\n      spec:\r\n        containers:\r\n        - name: agent\r\n          ports:\r\n          - {containerPort: 8125, protocol: UDP}\r\n          - {containerPort: 8126}\r\n          livenessProbe:\r\n            httpGet:\r\n              path: /healthz\r\n              port: 8126\r\n          readinessProbe:\r\n            httpGet:\r\n              path: /readyz\r\n              port: 8126\r\n',
            },
            {
              messageId: 'addTcpSocket',
              output:
                'apiVersion: v1\r\nkind: ServiceAccount\r\nmetadata: {name: a}\r\n---\r\napiVersion: v1\r\nkind: List\r\nitems:\r\n- apiVersion: apps/v1\r\n  kind: DaemonSet\r\n  metadata: {name: agent}\r\n  spec:\r\n    template:\r\n      spec:\r\n        containers:\r\n        - name: agent\r\n          ports:\r\n          - {containerPort: 8125, protocol: UDP}\r\n          - {containerPort: 8126}\r\n          livenessProbe:\r\n            tcpSocket:\r\n              port: 8126\r\n          readinessProbe:\r\n            tcpSocket:\r\n              port: 8126\r\n',
            },
          ],
        },
      ],
    },
    {
      name: 'a kustomize patch that removes a probe is reported',
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
                  livenessProbe: ⟦null⟧`,
      errors: [{ messageId: 'missingLiveness', data: { container: 'web' } }],
    },
  ],
});
