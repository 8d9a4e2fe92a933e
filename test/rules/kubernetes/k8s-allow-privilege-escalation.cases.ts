import rule from '../../../server/src/engine/rules/kubernetes/k8s-allow-privilege-escalation';
import { cases, k8s } from '../../support/cases';

const restricted = { pss: { level: 'restricted' as const } };

export default cases(rule, {
  valid: [
    {
      name: 'explicitly false on every container',
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
              initContainers:
                - name: migrate
                  image: web:1.4
                  securityContext:
                    allowPrivilegeEscalation: false
              containers:
                - name: web
                  image: web:1.4
                  securityContext:
                    allowPrivilegeEscalation: false`,
    },
    {
      name: 'baseline level does not check it',
      settings: { pss: { level: 'baseline' } },
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers: [{name: a, image: a}]`,
    },
    {
      name: 'Windows pod exempt from v1.25',
      settings: { pss: { level: 'restricted', version: 'v1.25' } },
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata: {name: w}
        spec:
          os:
            name: windows
          containers: [{name: a, image: a}]`,
    },
    {
      name: 'kustomize patch leaves the field to its base',
      settings: restricted,
      filename: 'overlays/prod/patch.yaml',
      workspace: {
        'overlays/prod/kustomization.yaml': k8s`
          apiVersion: kustomize.config.k8s.io/v1beta1
          kind: Kustomization
          resources: [../../base]
          patches:
            - path: patch.yaml`,
      },
      code: k8s`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          template:
            spec:
              containers:
                - name: web
                  resources: {limits: {memory: 512Mi}}`,
    },
  ],
  invalid: [
    {
      name: 'missing in a Deployment',
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
              containers:
                - name: web
                  image: web:1.4
                  ⟦securityContext⟧:
                    # the image runs as uid 1000
                    runAsNonRoot: true`,
      errors: [{ messageId: 'missing', data: { container: 'web' } }],
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
                    # the image runs as uid 1000
                    runAsNonRoot: true
                    allowPrivilegeEscalation: false`,
    },
    {
      name: 'explicit true, init, ephemeral and flow containers in a CronJob',
      settings: restricted,
      code: k8s`
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: report}
        spec:
          schedule: "0 3 * * *"
          jobTemplate:
            spec:
              template:
                spec:
                  initContainers:
                    - {⟦name: init⟧, image: busybox}
                  containers:
                    - name: report
                      image: report:2
                      securityContext:
                        allowPrivilegeEscalation: ⟦true⟧ # sudo inside
                  ephemeralContainers:
                    - ⟦name: debug⟧
                      image: busybox`,
      errors: [
        { messageId: 'missing', data: { container: 'init' } },
        { messageId: 'notFalse', data: { container: 'report', value: 'true' } },
        { messageId: 'missing', data: { container: 'debug' } },
      ],
      output: k8s`
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: report}
        spec:
          schedule: "0 3 * * *"
          jobTemplate:
            spec:
              template:
                spec:
                  initContainers:
                    - {name: init, image: busybox, securityContext: {allowPrivilegeEscalation: false}}
                  containers:
                    - name: report
                      image: report:2
                      securityContext:
                        allowPrivilegeEscalation: false # sudo inside
                  ephemeralContainers:
                    - name: debug
                      image: busybox
                      securityContext:
                        allowPrivilegeEscalation: false`,
    },
    {
      name: 'no fix while the container is privileged or adds CAP_SYS_ADMIN',
      settings: restricted,
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers:
            - name: a
              ⟦securityContext⟧:
                privileged: true
            - name: b
              ⟦securityContext⟧:
                capabilities: {add: [CAP_SYS_ADMIN]}`,
      errors: [
        { messageId: 'missing', data: { container: 'a' } },
        { messageId: 'missing', data: { container: 'b' } },
      ],
      output: null,
    },
    {
      name: 'Windows pod checked before v1.25, multi-document file with CRLF',
      settings: { pss: { level: 'restricted', version: 'v1.24' } },
      code: 'apiVersion: v1\r\nkind: ConfigMap\r\nmetadata: {name: c}\r\n---\r\napiVersion: v1\r\nkind: Pod\r\nmetadata: {name: w}\r\nspec:\r\n  os: {name: windows}\r\n  containers:\r\n  - ⟦name: a⟧\r\n    image: a\r\n',
      errors: [{ messageId: 'missing' }],
      output:
        'apiVersion: v1\r\nkind: ConfigMap\r\nmetadata: {name: c}\r\n---\r\napiVersion: v1\r\nkind: Pod\r\nmetadata: {name: w}\r\nspec:\r\n  os: {name: windows}\r\n  containers:\r\n  - name: a\r\n    image: a\r\n    securityContext:\r\n      allowPrivilegeEscalation: false\r\n',
    },
    {
      name: 'kustomize patch: an explicit true is still reported',
      settings: restricted,
      filename: 'patch.yaml',
      workspace: {
        'kustomization.yaml':
          'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\npatchesStrategicMerge: [patch.yaml]\n',
      },
      code: k8s`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          template:
            spec:
              containers:
                - name: web
                  securityContext: {allowPrivilegeEscalation: ⟦true⟧}`,
      errors: [{ messageId: 'notFalse' }],
      output: k8s`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          template:
            spec:
              containers:
                - name: web
                  securityContext: {allowPrivilegeEscalation: false}`,
    },
    {
      name: 'kind List of a Pod and a ReplicationController',
      settings: restricted,
      code: k8s`
        apiVersion: v1
        kind: List
        items:
          - apiVersion: v1
            kind: ReplicationController
            metadata: {name: rc}
            spec:
              template:
                spec:
                  containers:
                    - ⟦name: a⟧
          - apiVersion: v1
            kind: PodTemplate
            metadata: {name: t}
            template:
              spec:
                containers:
                  - ⟦name: b⟧`,
      errors: [
        { messageId: 'missing', data: { container: 'a' } },
        { messageId: 'missing', data: { container: 'b' } },
      ],
      output: k8s`
        apiVersion: v1
        kind: List
        items:
          - apiVersion: v1
            kind: ReplicationController
            metadata: {name: rc}
            spec:
              template:
                spec:
                  containers:
                    - name: a
                      securityContext:
                        allowPrivilegeEscalation: false
          - apiVersion: v1
            kind: PodTemplate
            metadata: {name: t}
            template:
              spec:
                containers:
                  - name: b
                    securityContext:
                      allowPrivilegeEscalation: false`,
    },
  ],
});
