import rule from '../../../server/src/engine/rules/kubernetes/k8s-root-group';
import { cases, k8s } from '../../support/cases';

export default cases(rule, {
  valid: [
    {
      name: 'non-zero groups',
      docs: 'good',
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
        spec:
          securityContext:
            runAsUser: 10001
            runAsGroup: 10001
            fsGroup: 10001
            supplementalGroups: [10002]
          containers:
            - name: web
              image: web:1.4`,
    },
    {
      name: 'unset groups, and a Windows pod',
      code: k8s`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: d}
        spec:
          template:
            spec:
              containers:
                - {name: a, image: a:1}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: w}
        spec:
          os: {name: windows}
          securityContext: {runAsGroup: 0}
          containers:
            - {name: w, image: w:1}`,
    },
  ],
  invalid: [
    {
      name: 'runAsGroup 0 on the pod and on a container',
      docs: 'bad',
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
        spec:
          securityContext:
            runAsUser: 10001
            runAsGroup: ⟦0⟧
          containers:
            - name: web
              image: web:1.4
              securityContext:
                runAsGroup: ⟦0⟧`,
      errors: [
        {
          messageId: 'rootGroup',
          data: { field: 'runAsGroup', owner: 'pod' },
          suggestions: [
            {
              messageId: 'useGid',
              output: k8s`
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web
                spec:
                  securityContext:
                    runAsUser: 10001
                    runAsGroup: 10001
                  containers:
                    - name: web
                      image: web:1.4
                      securityContext:
                        runAsGroup: 0`,
            },
          ],
        },
        { messageId: 'rootGroup', data: { field: 'runAsGroup', owner: 'container "web"' } },
      ],
      output: null,
    },
    {
      name: 'fsGroup 0 and a root supplementary group in a Deployment',
      code: k8s`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: d}
        spec:
          template:
            spec:
              securityContext:
                fsGroup: ⟦0⟧
                supplementalGroups: [1000, ⟦0⟧]
              containers:
                - {name: a, image: a:1}`,
      errors: [
        { messageId: 'rootGroup', data: { field: 'fsGroup', owner: 'pod' } },
        { messageId: 'rootGroup', data: { field: 'supplementalGroups', owner: 'pod' } },
      ],
      output: null,
    },
  ],
});
