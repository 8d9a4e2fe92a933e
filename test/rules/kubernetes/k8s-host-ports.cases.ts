import rule from '../../../server/src/engine/rules/kubernetes/k8s-host-ports';
import { cases, k8s } from '../../support/cases';

export default cases(rule, {
  valid: [
    {
      name: 'container port only',
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
              ports:
                - containerPort: 8080`,
    },
    {
      name: 'hostPort 0 means none',
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers: [{name: a, ports: [{containerPort: 80, hostPort: 0}]}]`,
    },
  ],
  invalid: [
    {
      name: 'host port on a DaemonSet',
      docs: 'bad',
      code: k8s`
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: ingress
        spec:
          template:
            spec:
              containers:
                - name: controller
                  image: ingress:1.12
                  ports:
                    - name: http
                      containerPort: 80
                      hostPort: ⟦80⟧ # bare metal
                    - name: https
                      containerPort: 443`,
      errors: [
        {
          messageId: 'hostPort',
          data: { container: 'controller', port: '80' },
          suggestions: [
            {
              messageId: 'removeHostPort',
              output: k8s`
                apiVersion: apps/v1
                kind: DaemonSet
                metadata:
                  name: ingress
                spec:
                  template:
                    spec:
                      containers:
                        - name: controller
                          image: ingress:1.12
                          ports:
                            - name: http
                              containerPort: 80
                            - name: https
                              containerPort: 443`,
            },
          ],
        },
      ],
    },
    {
      name: 'init and ephemeral containers in flow style, CronJob',
      code: k8s`
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: c}
        spec:
          jobTemplate:
            spec:
              template:
                spec:
                  initContainers: [{name: i, ports: [{containerPort: 9, hostPort: ⟦9⟧}]}]
                  containers: [{name: m}]
                  ephemeralContainers: [{name: e, ports: [{containerPort: 7, hostPort: ⟦7⟧}]}]`,
      errors: [
        {
          messageId: 'hostPort',
          data: { container: 'i', port: '9' },
          suggestions: [
            {
              messageId: 'removeHostPort',
              output: k8s`
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: c}
                spec:
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          initContainers: [{name: i, ports: [{containerPort: 9}]}]
                          containers: [{name: m}]
                          ephemeralContainers: [{name: e, ports: [{containerPort: 7, hostPort: 7}]}]`,
            },
          ],
        },
        { messageId: 'hostPort', data: { container: 'e', port: '7' } },
      ],
    },
  ],
});
