import rule from '../../../server/src/engine/rules/kubernetes/k8s-proc-mount';
import { cases, k8s } from '../../support/cases';

export default cases(rule, {
  valid: [
    {
      name: 'Default mask',
      docs: 'good',
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata:
          name: builder
        spec:
          containers:
            - name: builder
              image: buildkit:0.17
              securityContext:
                procMount: Default`,
    },
    {
      name: 'baseline from v1.35: unmasked in a user namespace',
      settings: { pss: { level: 'baseline', version: 'v1.35' } },
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          hostUsers: false
          containers: [{name: a, securityContext: {procMount: Unmasked}}]`,
    },
  ],
  invalid: [
    {
      name: 'unmasked /proc',
      docs: 'bad',
      code: k8s`
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: builder
        spec:
          template:
            spec:
              containers:
                - name: builder
                  image: buildkit:0.17
                  securityContext:
                    procMount: ⟦Unmasked⟧ # nested containers
                    runAsUser: 1000`,
      errors: [
        {
          messageId: 'procMount',
          data: { container: 'builder', value: 'Unmasked' },
          suggestions: [
            {
              messageId: 'removeProcMount',
              output: k8s`
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: builder
                spec:
                  template:
                    spec:
                      containers:
                        - name: builder
                          image: buildkit:0.17
                          securityContext:
                            runAsUser: 1000`,
            },
          ],
        },
      ],
    },
    {
      name: 'baseline before v1.35: user namespace does not help',
      settings: { pss: { version: 'v1.34' } },
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          hostUsers: false
          ephemeralContainers: [{name: e, securityContext: {procMount: ⟦Unmasked⟧}}]
          containers: [{name: a}]`,
      errors: [{ messageId: 'procMount', data: { container: 'e', value: 'Unmasked' } }],
    },
    {
      name: 'restricted from v1.35: no user namespace relaxation',
      settings: { pss: { level: 'restricted', version: 'v1.35' } },
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          hostUsers: false
          initContainers: [{name: i, securityContext: {procMount: ⟦Unmasked⟧}}]
          containers: [{name: a}]`,
      errors: [{ messageId: 'procMount', data: { container: 'i', value: 'Unmasked' } }],
    },
  ],
});
