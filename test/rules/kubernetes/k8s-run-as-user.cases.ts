import rule from '../../../server/src/engine/rules/kubernetes/k8s-run-as-user';
import { cases, k8s } from '../../support/cases';

const restricted = { pss: { level: 'restricted' as const } };

export default cases(rule, {
  valid: [
    {
      name: 'non-zero UID',
      docs: 'good',
      settings: restricted,
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
        spec:
          securityContext:
            runAsUser: 10001
          containers:
            - name: web
              image: web:1.4`,
    },
    {
      name: 'unset is allowed',
      settings: restricted,
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
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
          securityContext: {runAsUser: 0}
          containers: [{name: a, image: a}]`,
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
          securityContext: {runAsUser: 0}
          containers: [{name: a, image: a}]`,
    },
  ],
  invalid: [
    {
      name: 'root on the pod',
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
              securityContext:
                runAsUser: ⟦0⟧ # writes to /var/lib/web
              containers:
                - name: web
                  image: web:1.4`,
      errors: [
        {
          messageId: 'root',
          data: { owner: 'pod' },
          suggestions: [
            {
              messageId: 'useUid',
              output: k8s`
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  template:
                    spec:
                      securityContext:
                        runAsUser: 10001 # writes to /var/lib/web
                      containers:
                        - name: web
                          image: web:1.4`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'root on init and ephemeral containers, flow style, CronJob',
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
                  initContainers: [{name: init, securityContext: {runAsUser: ⟦0⟧}}]
                  containers: [{name: main}]
                  ephemeralContainers:
                    - name: debug
                      securityContext:
                        runAsUser: ⟦0⟧`,
      errors: [
        {
          messageId: 'root',
          data: { owner: 'container "init"' },
          suggestions: [
            {
              messageId: 'useUid',
              output: k8s`
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: c}
                spec:
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          initContainers: [{name: init, securityContext: {runAsUser: 10001}}]
                          containers: [{name: main}]
                          ephemeralContainers:
                            - name: debug
                              securityContext:
                                runAsUser: 0`,
            },
          ],
        },
        { messageId: 'root', data: { owner: 'container "debug"' } },
      ],
      output: null,
    },
    {
      name: 'checked before v1.35 even with hostUsers false',
      settings: { pss: { level: 'restricted', version: 'v1.34' } },
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          hostUsers: false
          containers: [{name: a, securityContext: {runAsUser: ⟦0⟧}}]`,
      errors: [{ messageId: 'root' }],
      output: null,
    },
  ],
});
