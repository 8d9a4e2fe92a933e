import rule from '../../../server/src/engine/rules/kubernetes/k8s-host-probes-and-lifecycle';
import { cases, k8s } from '../../support/cases';

export default cases(rule, {
  valid: [
    {
      name: 'probes target the pod',
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
              livenessProbe:
                httpGet:
                  path: /healthz
                  port: 8080
                  httpHeaders:
                    - {name: Host, value: web.example.com}`,
    },
    {
      name: 'not checked before v1.34',
      settings: { pss: { version: 'v1.33' } },
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers: [{name: a, readinessProbe: {tcpSocket: {host: 10.0.0.1, port: 22}}}]`,
    },
    {
      name: 'empty host',
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers: [{name: a, startupProbe: {httpGet: {host: "", port: 80}}}]`,
    },
  ],
  invalid: [
    {
      name: 'probe and hook sent to other hosts',
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
                  image: web:1.4
                  readinessProbe:
                    httpGet:
                      host: ⟦169.254.169.254⟧ # metadata endpoint
                      path: /latest/meta-data
                      port: 80
                  lifecycle:
                    preStop:
                      httpGet: {host: ⟦localhost⟧, port: 9000, path: /drain}`,
      errors: [
        {
          messageId: 'host',
          data: { container: 'web', handler: 'readinessProbe.httpGet', host: '169.254.169.254' },
          suggestions: [
            {
              messageId: 'removeHost',
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
                          image: web:1.4
                          readinessProbe:
                            httpGet:
                              path: /latest/meta-data
                              port: 80
                          lifecycle:
                            preStop:
                              httpGet: {host: localhost, port: 9000, path: /drain}`,
            },
          ],
        },
        {
          messageId: 'host',
          data: { container: 'web', handler: 'lifecycle.preStop.httpGet', host: 'localhost' },
          suggestions: [
            {
              messageId: 'removeHost',
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
                          image: web:1.4
                          readinessProbe:
                            httpGet:
                              host: 169.254.169.254 # metadata endpoint
                              path: /latest/meta-data
                              port: 80
                          lifecycle:
                            preStop:
                              httpGet: {port: 9000, path: /drain}`,
            },
          ],
        },
      ],
    },
    {
      name: 'tcpSocket probe of an init container from v1.34',
      settings: { pss: { version: 'v1.34' } },
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          initContainers: [{name: i, startupProbe: {tcpSocket: {host: ⟦db.internal⟧, port: 5432}}}]
          containers: [{name: a}]`,
      errors: [{ messageId: 'host', data: { container: 'i', handler: 'startupProbe.tcpSocket', host: 'db.internal' } }],
    },
  ],
});
