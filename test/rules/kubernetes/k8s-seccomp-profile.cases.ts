import rule from '../../../server/src/engine/rules/kubernetes/k8s-seccomp-profile';
import { cases, k8s } from '../../support/cases';

const restricted = { pss: { level: 'restricted' as const } };

export default cases(rule, {
  valid: [
    {
      name: 'RuntimeDefault on the pod',
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
                seccompProfile:
                  type: RuntimeDefault
              containers:
                - name: web
                  image: web:1.4`,
    },
    {
      name: 'Localhost on every container (Checkov rejects it, PSA does not)',
      settings: restricted,
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers:
            - name: a
              securityContext:
                seccompProfile: {type: Localhost, localhostProfile: profiles/audit.json}
            - name: b
              securityContext:
                seccompProfile: {type: RuntimeDefault}`,
    },
    {
      name: 'baseline allows an unset profile',
      settings: { pss: { level: 'baseline' } },
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers: [{name: a, image: a}]`,
    },
    {
      name: 'restricted Windows pods are exempt from v1.25, even from Unconfined',
      settings: { pss: { level: 'restricted', version: 'v1.25' } },
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata: {name: w}
        spec:
          os: {name: windows}
          securityContext: {seccompProfile: {type: Unconfined}}
          containers: [{name: a, image: a}]`,
    },
  ],
  invalid: [
    {
      name: 'restricted: no profile anywhere',
      docs: 'bad',
      settings: restricted,
      code: k8s`
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          template:
            spec:
              ⟦securityContext⟧:
                runAsNonRoot: true # image user 1000
              containers:
                - name: web
                  image: web:1.4`,
      errors: [{ messageId: 'missingPod', data: { containers: 'container "web"' } }],
      output: k8s`
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          template:
            spec:
              securityContext:
                runAsNonRoot: true # image user 1000
                seccompProfile:
                  type: RuntimeDefault
              containers:
                - name: web
                  image: web:1.4`,
    },
    {
      name: 'baseline: Unconfined anywhere, a suggestion only',
      settings: { pss: { level: 'baseline' } },
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          securityContext:
            seccompProfile:
              type: ⟦Unconfined⟧ # strace
          containers:
            - name: a
              image: a`,
      errors: [
        {
          messageId: 'forbiddenType',
          data: { owner: 'pod', type: 'Unconfined' },
          suggestions: [
            {
              messageId: 'useRuntimeDefault',
              output: k8s`
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec:
                  securityContext:
                    seccompProfile:
                      type: RuntimeDefault # strace
                  containers:
                    - name: a
                      image: a`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'restricted: some containers set it, the pod does not; init and ephemeral included',
      settings: restricted,
      code: k8s`
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: c}
        spec:
          jobTemplate:
            spec:
              template:
                spec:
                  initContainers:
                    - {⟦name: init⟧, image: busybox}
                  containers:
                    - name: main
                      securityContext: {seccompProfile: {type: RuntimeDefault}}
                  ephemeralContainers:
                    - name: debug
                      securityContext:
                        seccompProfile:
                          type: ⟦Unconfined⟧`,
      errors: [
        { messageId: 'missingContainer', data: { container: 'init' } },
        { messageId: 'forbiddenType', data: { owner: 'container "debug"', type: 'Unconfined' } },
      ],
      output: k8s`
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: c}
        spec:
          jobTemplate:
            spec:
              template:
                spec:
                  initContainers:
                    - {name: init, image: busybox}
                  containers:
                    - name: main
                      securityContext: {seccompProfile: {type: RuntimeDefault}}
                  ephemeralContainers:
                    - name: debug
                      securityContext:
                        seccompProfile:
                          type: Unconfined
                  securityContext:
                    seccompProfile:
                      type: RuntimeDefault`,
    },
    {
      name: 'restricted: profile without a type',
      settings: restricted,
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          securityContext: {⟦seccompProfile⟧: {localhostProfile: x.json}}
          containers: [{name: a}]`,
      errors: [{ messageId: 'forbiddenType', data: { owner: 'pod', type: '' }, suggestions: [] }],
      output: null,
    },
    {
      name: 'restricted Windows pods are checked before v1.25, List with CRLF',
      settings: { pss: { level: 'restricted', version: 'v1.24' } },
      code: 'kind: List\r\napiVersion: v1\r\nitems:\r\n- apiVersion: v1\r\n  kind: Pod\r\n  metadata: {name: w}\r\n  ⟦spec⟧:\r\n    os: {name: windows}\r\n    containers: [{name: a}]\r\n',
      errors: [{ messageId: 'missingPod' }],
      output:
        'kind: List\r\napiVersion: v1\r\nitems:\r\n- apiVersion: v1\r\n  kind: Pod\r\n  metadata: {name: w}\r\n  spec:\r\n    os: {name: windows}\r\n    containers: [{name: a}]\r\n    securityContext:\r\n      seccompProfile:\r\n        type: RuntimeDefault\r\n',
    },
  ],
});
