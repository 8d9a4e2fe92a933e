import rule from '../../../server/src/engine/rules/kubernetes/k8s-run-as-non-root';
import { cases, k8s } from '../../support/cases';

const restricted = { pss: { level: 'restricted' as const } };

export default cases(rule, {
  valid: [
    {
      name: 'pod-level true covers every container',
      docs: 'good',
      settings: restricted,
      code: k8s`
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          template:
            spec:
              securityContext:
                runAsNonRoot: true
                runAsUser: 10001
              initContainers:
                - name: migrate
                  image: web:1.4
              containers:
                - name: web
                  image: web:1.4`,
    },
    {
      name: 'every container sets it',
      settings: restricted,
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers:
            - {name: a, image: a, securityContext: {runAsNonRoot: true}}
            - {name: b, image: b, securityContext: {runAsNonRoot: true}}`,
    },
    {
      name: 'user namespace pods are exempt from v1.35',
      settings: { pss: { level: 'restricted', version: 'v1.35' } },
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          hostUsers: false
          containers: [{name: a, image: a}]`,
    },
    {
      name: 'baseline does not check it',
      settings: { pss: { level: 'baseline' } },
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          securityContext: {runAsNonRoot: false}
          containers: [{name: a, image: a}]`,
    },
  ],
  invalid: [
    {
      name: 'no container and no pod sets it: one finding on the pod',
      docs: 'bad',
      settings: restricted,
      code: k8s`
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          template:
            ⟦spec⟧:
              containers:
                - name: web
                  image: web:1.4
                - name: proxy
                  image: envoy:1.31`,
      errors: [{ messageId: 'missingPod', data: { containers: 'containers "web", "proxy"' } }],
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
                - name: proxy
                  image: envoy:1.31
              securityContext:
                runAsNonRoot: true`,
    },
    {
      name: 'some containers set it: the others get it at container level',
      settings: restricted,
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          securityContext:
            fsGroup: 2000 # shared volume
          containers:
            - name: a
              securityContext: {runAsNonRoot: true}
            - ⟦name: b⟧
              image: b
          ephemeralContainers:
            - name: debug
              ⟦securityContext⟧:
                readOnlyRootFilesystem: true`,
      errors: [
        { messageId: 'missingContainer', data: { container: 'b' } },
        { messageId: 'missingContainer', data: { container: 'debug' } },
      ],
      output: k8s`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          securityContext:
            fsGroup: 2000 # shared volume
          containers:
            - name: a
              securityContext: {runAsNonRoot: true}
            - name: b
              image: b
              securityContext:
                runAsNonRoot: true
          ephemeralContainers:
            - name: debug
              securityContext:
                readOnlyRootFilesystem: true
                runAsNonRoot: true`,
    },
    {
      name: 'explicit false on the pod and a container: suggestions only',
      settings: restricted,
      code: k8s`
        apiVersion: batch/v1
        kind: Job
        metadata: {name: j}
        spec:
          template:
            spec:
              securityContext: {runAsNonRoot: ⟦false⟧}
              containers:
                - name: a
                  securityContext:
                    runAsNonRoot: ⟦no⟧ # legacy image
                - name: b`,
      errors: [
        {
          messageId: 'notTrue',
          data: { owner: 'pod', value: 'false' },
          suggestions: [
            {
              messageId: 'setTrue',
              output: k8s`
                apiVersion: batch/v1
                kind: Job
                metadata: {name: j}
                spec:
                  template:
                    spec:
                      securityContext: {runAsNonRoot: true}
                      containers:
                        - name: a
                          securityContext:
                            runAsNonRoot: no # legacy image
                        - name: b`,
            },
          ],
        },
        {
          messageId: 'notTrue',
          data: { owner: 'container "a"', value: 'no' },
          suggestions: [
            {
              messageId: 'setTrue',
              output: k8s`
                apiVersion: batch/v1
                kind: Job
                metadata: {name: j}
                spec:
                  template:
                    spec:
                      securityContext: {runAsNonRoot: false}
                      containers:
                        - name: a
                          securityContext:
                            runAsNonRoot: true # legacy image
                        - name: b`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'no fix where runAsUser is 0',
      settings: restricted,
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        ⟦spec⟧:
          containers:
            - name: a
              securityContext: {runAsUser: 0}`,
      errors: [{ messageId: 'missingPod', data: { containers: 'container "a"' } }],
      output: null,
    },
    {
      name: 'user namespace pods are checked before v1.35',
      settings: { pss: { level: 'restricted', version: 'v1.34' } },
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        ⟦spec⟧:
          hostUsers: false
          containers: [{name: a, image: a}]`,
      errors: [{ messageId: 'missingPod' }],
      output: k8s`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          hostUsers: false
          containers: [{name: a, image: a}]
          securityContext:
            runAsNonRoot: true`,
    },
  ],
});
