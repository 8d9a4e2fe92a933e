import rule from '../../../server/src/engine/rules/kubernetes/k8s-apparmor-profile';
import { cases, k8s } from '../../support/cases';

export default cases(rule, {
  valid: [
    {
      name: 'runtime default and a localhost profile',
      docs: 'good',
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
          annotations:
            container.apparmor.security.beta.kubernetes.io/sidecar: localhost/k8s-sidecar
        spec:
          securityContext:
            appArmorProfile:
              type: RuntimeDefault
          containers:
            - name: web
              image: web:1.4
              securityContext:
                appArmorProfile: {type: Localhost, localhostProfile: k8s-web}
            - name: sidecar
              image: sidecar:1`,
    },
    {
      name: 'other annotations are ignored',
      code: k8s`
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: d
          annotations: {container.apparmor.security.beta.kubernetes.io/a: unconfined}
        spec:
          template:
            metadata:
              annotations: {seccomp.security.alpha.kubernetes.io/pod: unconfined}
            spec:
              containers: [{name: a}]`,
    },
  ],
  invalid: [
    {
      name: 'Unconfined field on a container',
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
                  securityContext:
                    appArmorProfile:
                      type: ⟦Unconfined⟧ # debugging`,
      errors: [
        {
          messageId: 'forbiddenType',
          data: { owner: 'container "web"', type: 'Unconfined' },
          suggestions: [
            {
              messageId: 'useRuntimeDefault',
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
                          securityContext:
                            appArmorProfile:
                              type: RuntimeDefault # debugging`,
            },
          ],
        },
      ],
    },
    {
      name: 'annotation on the pod template of a CronJob, and on the pod',
      code: k8s`
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: c}
        spec:
          jobTemplate:
            spec:
              template:
                metadata:
                  annotations:
                    container.apparmor.security.beta.kubernetes.io/main: ⟦unconfined⟧
                spec:
                  securityContext: {appArmorProfile: {type: ⟦Unconfined⟧}}
                  containers: [{name: main}]`,
      errors: [
        {
          messageId: 'forbiddenAnnotation',
          data: { key: 'container.apparmor.security.beta.kubernetes.io/main', value: 'unconfined' },
          suggestions: [
            {
              messageId: 'useRuntimeDefaultAnnotation',
              output: k8s`
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: c}
                spec:
                  jobTemplate:
                    spec:
                      template:
                        metadata:
                          annotations:
                            container.apparmor.security.beta.kubernetes.io/main: runtime/default
                        spec:
                          securityContext: {appArmorProfile: {type: Unconfined}}
                          containers: [{name: main}]`,
            },
          ],
        },
        {
          messageId: 'forbiddenType',
          data: { owner: 'pod', type: 'Unconfined' },
          suggestions: [
            {
              messageId: 'useRuntimeDefault',
              output: k8s`
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: c}
                spec:
                  jobTemplate:
                    spec:
                      template:
                        metadata:
                          annotations:
                            container.apparmor.security.beta.kubernetes.io/main: unconfined
                        spec:
                          securityContext: {appArmorProfile: {type: RuntimeDefault}}
                          containers: [{name: main}]`,
            },
          ],
        },
      ],
    },
  ],
});
