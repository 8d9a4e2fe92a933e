import rule from '../../../server/src/engine/rules/kubernetes/k8s-capabilities';
import { cases, k8s } from '../../support/cases';

const restricted = { pss: { level: 'restricted' as const } };

export default cases(rule, {
  valid: [
    {
      name: 'baseline: default capabilities may be added',
      settings: { pss: { level: 'baseline' } },
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - name: web
              image: nginx:1.27
              securityContext:
                capabilities:
                  add: [CHOWN, NET_BIND_SERVICE, SETUID, SETGID]`,
    },
    {
      name: 'restricted: drop ALL, add NET_BIND_SERVICE',
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
              containers:
                - name: web
                  image: nginx:1.27
                  securityContext:
                    capabilities:
                      drop: ["ALL"]
                      add: ["NET_BIND_SERVICE"]`,
    },
    {
      name: 'restricted: Windows pods are exempt from v1.25',
      settings: { pss: { level: 'restricted', version: 'v1.25' } },
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata: {name: win}
        spec:
          os: {name: windows}
          containers: [{name: iis, image: mcr.microsoft.com/windows/servercore/iis}]`,
    },
    {
      name: 'baseline namespace label wins over restricted settings',
      settings: restricted,
      code: k8s`
        apiVersion: v1
        kind: Namespace
        metadata:
          name: web
          labels: {pod-security.kubernetes.io/enforce: baseline}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web, namespace: web}
        spec:
          containers: [{name: web, image: nginx}]`,
    },
  ],
  invalid: [
    {
      name: 'baseline: SYS_ADMIN and NET_ADMIN added',
      settings: { pss: { level: 'baseline' } },
      docs: 'bad',
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata:
          name: vpn
        spec:
          containers:
            - name: vpn
              image: vpn:2
              securityContext:
                capabilities:
                  add:
                    - ⟦NET_ADMIN⟧ # tun device
                    - CHOWN
                    - ⟦SYS_ADMIN⟧`,
      errors: [
        {
          messageId: 'addBaseline',
          data: { container: 'vpn', capability: 'NET_ADMIN' },
          suggestions: [
            {
              messageId: 'removeCapability',
              output: k8s`
                apiVersion: v1
                kind: Pod
                metadata:
                  name: vpn
                spec:
                  containers:
                    - name: vpn
                      image: vpn:2
                      securityContext:
                        capabilities:
                          add:
                            - CHOWN
                            - SYS_ADMIN`,
            },
          ],
        },
        { messageId: 'addBaseline', data: { container: 'vpn', capability: 'SYS_ADMIN' } },
      ],
      output: null,
    },
    {
      name: 'baseline: names are compared exactly (CAP_ prefix is not allowed)',
      settings: { pss: { level: 'baseline' } },
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers:
            - {name: a, image: a, securityContext: {capabilities: {add: [⟦CAP_CHOWN⟧]}}}`,
      errors: [
        {
          messageId: 'addBaseline',
          data: { container: 'a', capability: 'CAP_CHOWN' },
          suggestions: [
            {
              messageId: 'removeCapability',
              output: k8s`
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec:
                  containers:
                    - {name: a, image: a, securityContext: {capabilities: {}}}`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'restricted: missing drop, in init, regular and ephemeral containers',
      settings: restricted,
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          initContainers:
            - ⟦name: init⟧
              image: busybox
          containers:
            - name: app
              image: app:1
              ⟦securityContext⟧:
                runAsNonRoot: true # keep
          ephemeralContainers:
            - name: debug
              image: busybox
              securityContext:
                ⟦capabilities⟧:
                  add: [NET_BIND_SERVICE]`,
      errors: [
        { messageId: 'dropAll', data: { container: 'init' } },
        { messageId: 'dropAll', data: { container: 'app' } },
        { messageId: 'dropAll', data: { container: 'debug' } },
      ],
      output: k8s`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          initContainers:
            - name: init
              image: busybox
              securityContext:
                capabilities:
                  drop:
                    - ALL
          containers:
            - name: app
              image: app:1
              securityContext:
                runAsNonRoot: true # keep
                capabilities:
                  drop:
                    - ALL
          ephemeralContainers:
            - name: debug
              image: busybox
              securityContext:
                capabilities:
                  add: [NET_BIND_SERVICE]
                  drop:
                    - ALL`,
    },
    {
      name: 'restricted: ALL is appended to an existing drop list, flow and block',
      settings: restricted,
      code: k8s`
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: backup}
        spec:
          jobTemplate:
            spec:
              template:
                spec:
                  containers:
                  - name: backup
                    securityContext:
                      capabilities: {⟦drop⟧: [NET_RAW]}
                  - name: upload
                    securityContext:
                      capabilities:
                        ⟦drop⟧:
                        - NET_RAW # raw sockets
                        - all`,
      errors: [
        { messageId: 'dropAll', data: { container: 'backup' } },
        { messageId: 'dropAll', data: { container: 'upload' } },
      ],
      output: k8s`
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: backup}
        spec:
          jobTemplate:
            spec:
              template:
                spec:
                  containers:
                  - name: backup
                    securityContext:
                      capabilities: {drop: [NET_RAW, ALL]}
                  - name: upload
                    securityContext:
                      capabilities:
                        drop:
                        - NET_RAW # raw sockets
                        - all
                        - ALL`,
    },
    {
      name: 'restricted: only NET_BIND_SERVICE may be added',
      settings: restricted,
      code: k8s`
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: db}
        spec:
          template:
            spec:
              containers:
                - name: db
                  image: postgres:17
                  securityContext:
                    capabilities:
                      drop: [ALL]
                      add: [⟦CHOWN⟧, NET_BIND_SERVICE]`,
      errors: [
        {
          messageId: 'addRestricted',
          data: { container: 'db', capability: 'CHOWN' },
          suggestions: [
            {
              messageId: 'removeCapability',
              output: k8s`
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: db}
                spec:
                  template:
                    spec:
                      containers:
                        - name: db
                          image: postgres:17
                          securityContext:
                            capabilities:
                              drop: [ALL]
                              add: [NET_BIND_SERVICE]`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'restricted: Windows pods are checked before v1.25',
      settings: { pss: { level: 'restricted', version: 'v1.24' } },
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata: {name: win}
        spec:
          os: {name: windows}
          containers: [{⟦name: iis⟧, image: iis}]`,
      errors: [{ messageId: 'dropAll' }],
      output: k8s`
        apiVersion: v1
        kind: Pod
        metadata: {name: win}
        spec:
          os: {name: windows}
          containers: [{name: iis, image: iis, securityContext: {capabilities: {drop: [ALL]}}}]`,
    },
    {
      name: 'restricted by the namespace label, second document',
      code: k8s`
        apiVersion: v1
        kind: Namespace
        metadata:
          name: shop
          labels:
            pod-security.kubernetes.io/enforce: restricted
            pod-security.kubernetes.io/enforce-version: v1.30
        ---
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata: {name: cart, namespace: shop}
        spec:
          template:
            spec:
              containers:
                - name: cart
                  image: cart:3
                  securityContext:
                    capabilities:
                      add: [⟦SYS_PTRACE⟧]
                      ⟦drop⟧: []`,
      errors: [
        { messageId: 'addRestricted', data: { container: 'cart', capability: 'SYS_PTRACE' } },
        { messageId: 'dropAll' },
      ],
      output: k8s`
        apiVersion: v1
        kind: Namespace
        metadata:
          name: shop
          labels:
            pod-security.kubernetes.io/enforce: restricted
            pod-security.kubernetes.io/enforce-version: v1.30
        ---
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata: {name: cart, namespace: shop}
        spec:
          template:
            spec:
              containers:
                - name: cart
                  image: cart:3
                  securityContext:
                    capabilities:
                      add: [SYS_PTRACE]
                      drop: [ALL]`,
    },
  ],
});
