import rule from '../../../server/src/engine/rules/kubernetes/k8s-sysctls';
import { cases, k8s } from '../../support/cases';

export default cases(rule, {
  valid: [
    {
      name: 'safe sysctls',
      docs: 'good',
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
        spec:
          securityContext:
            sysctls:
              - name: net.ipv4.ip_unprivileged_port_start
                value: "80"
              - name: net.ipv4.tcp_keepalive_time
                value: "300"
          containers:
            - name: web
              image: web:1.4`,
    },
    {
      name: 'tcp_rmem from v1.32',
      settings: { pss: { version: 'v1.32' } },
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          securityContext: {sysctls: [{name: net.ipv4.tcp_rmem, value: "4096 87380 6291456"}]}
          containers: [{name: a}]`,
    },
  ],
  invalid: [
    {
      name: 'node-wide sysctl next to a safe one',
      docs: 'bad',
      code: k8s`
        apiVersion: apps/v1
        kind: StatefulSet
        metadata:
          name: redis
        spec:
          template:
            spec:
              securityContext:
                sysctls:
                  - name: ⟦net.core.somaxconn⟧ # redis warns otherwise
                    value: "1024"
                  - name: kernel.shm_rmid_forced
                    value: "1"
              containers:
                - name: redis
                  image: redis:7.4`,
      errors: [
        {
          messageId: 'forbidden',
          data: { name: 'net.core.somaxconn', minor: 37 },
          suggestions: [
            {
              messageId: 'removeSysctl',
              output: k8s`
                apiVersion: apps/v1
                kind: StatefulSet
                metadata:
                  name: redis
                spec:
                  template:
                    spec:
                      securityContext:
                        sysctls:
                          - name: kernel.shm_rmid_forced
                            value: "1"
                      containers:
                        - name: redis
                          image: redis:7.4`,
            },
          ],
        },
      ],
    },
    {
      name: 'a sysctl before the version that allows it, flow style',
      settings: { pss: { version: 'v1.36' } },
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          securityContext: {runAsUser: 1000, sysctls: [{name: ⟦net.ipv4.tcp_notsent_lowat⟧, value: "16384"}]}
          containers: [{name: a}]`,
      errors: [
        {
          messageId: 'forbidden',
          data: { name: 'net.ipv4.tcp_notsent_lowat', minor: 36 },
          suggestions: [
            {
              messageId: 'removeSysctl',
              output: k8s`
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec:
                  securityContext: {runAsUser: 1000}
                  containers: [{name: a}]`,
            },
          ],
        },
      ],
    },
  ],
});
