import rule from '../../../server/src/engine/rules/kubernetes/k8s-selinux-options';
import { cases, k8s } from '../../support/cases';

export default cases(rule, {
  valid: [
    {
      name: 'allowed type and level only',
      docs: 'good',
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
        spec:
          securityContext:
            seLinuxOptions:
              level: "s0:c123,c456"
          containers:
            - name: web
              image: web:1.4
              securityContext:
                seLinuxOptions: {type: container_init_t}`,
    },
    {
      name: 'container_engine_t from v1.31',
      settings: { pss: { version: 'v1.31' } },
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers: [{name: a, securityContext: {seLinuxOptions: {type: container_engine_t}}}]`,
    },
    {
      name: 'empty strings are unset',
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          securityContext: {seLinuxOptions: {type: "", user: "", role: ""}}
          containers: [{name: a}]`,
    },
  ],
  invalid: [
    {
      name: 'super-privileged type and a user on a container',
      docs: 'bad',
      code: k8s`
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: agent
        spec:
          template:
            spec:
              containers:
                - name: agent
                  image: agent:1.2
                  securityContext:
                    seLinuxOptions:
                      type: ⟦spc_t⟧ # needs host files
                      user: ⟦system_u⟧`,
      errors: [
        {
          messageId: 'forbiddenType',
          data: {
            owner: 'container "agent"',
            type: 'spc_t',
            allowed: 'container_t, container_init_t, container_kvm_t, container_engine_t',
          },
          suggestions: [
            {
              messageId: 'removeField',
              output: k8s`
                apiVersion: apps/v1
                kind: DaemonSet
                metadata:
                  name: agent
                spec:
                  template:
                    spec:
                      containers:
                        - name: agent
                          image: agent:1.2
                          securityContext:
                            seLinuxOptions:
                              user: system_u`,
            },
          ],
        },
        { messageId: 'forbiddenField', data: { owner: 'container "agent"', field: 'user' } },
      ],
    },
    {
      name: 'container_engine_t before v1.31, role on the pod, init container',
      settings: { pss: { version: 'v1.30' } },
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          securityContext: {seLinuxOptions: {role: ⟦system_r⟧}}
          initContainers: [{name: i, securityContext: {seLinuxOptions: {type: ⟦container_engine_t⟧}}}]
          containers: [{name: a}]`,
      errors: [
        { messageId: 'forbiddenField', data: { owner: 'pod', field: 'role' } },
        {
          messageId: 'forbiddenType',
          data: {
            owner: 'container "i"',
            type: 'container_engine_t',
            allowed: 'container_t, container_init_t, container_kvm_t',
          },
        },
      ],
    },
  ],
});
