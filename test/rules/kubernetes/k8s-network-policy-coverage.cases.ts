import rule from '../../../server/src/engine/rules/kubernetes/k8s-network-policy-coverage';
import { cases, k8s } from '../../support/cases';

const denyAll =
  'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny-all, namespace: shop}\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]\n';
const frontendOnly = k8s`
  apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata: {name: frontend, namespace: shop}
  spec:
    podSelector:
      matchExpressions:
        - {key: tier, operator: In, values: [frontend, edge]}
        - {key: canary, operator: DoesNotExist}
    policyTypes: [Ingress]`;
const kustomization =
  'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [deployment.yaml]\npatches:\n  - path: manifest.yaml\n';

export default cases(rule, {
  valid: [
    {
      name: 'a default-deny policy selects the pods',
      docs: 'good',
      code: k8s`
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: shop
        spec:
          template:
            metadata:
              labels:
                app: web
            spec:
              containers:
                - name: web
                  image: web:1.4
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: web-default-deny
          namespace: shop
        spec:
          podSelector:
            matchLabels:
              app: web
          policyTypes: [Ingress, Egress]
          ingress:
            - from: [{podSelector: {matchLabels: {app: gateway}}}]`,
    },
    {
      name: 'a policy in another file selects the pods',
      workspace: { 'policies/shop.yaml': frontendOnly },
      code: k8s`
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: shop
        spec:
          template:
            metadata:
              labels:
                tier: frontend
            spec:
              containers:
                - name: web
                  image: web:1.4`,
    },
    {
      name: 'an empty podSelector selects every pod of its namespace',
      workspace: { 'deny.yaml': denyAll },
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata: {name: p, namespace: shop}
        spec: {containers: [{name: a}]}`,
    },
    {
      name: 'host-network pods are not governed by policies',
      workspace: { 'policies/shop.yaml': frontendOnly },
      code: k8s`
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: node-agent, namespace: shop}
        spec:
          template:
            metadata: {labels: {app: node-agent}}
            spec: {hostNetwork: true, containers: [{name: a}]}`,
    },
    {
      name: 'a namespace without policies is reported once, on its first workload (here in another file)',
      workspace: {
        'a/api.yaml':
          'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api, namespace: shop}\nspec:\n  template:\n    metadata: {labels: {app: api}}\n    spec: {containers: [{name: api}]}\n',
      },
      code: k8s`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec:
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: web}]}`,
    },
    {
      name: 'PodTemplates create no pods',
      code: k8s`
        apiVersion: v1
        kind: PodTemplate
        metadata: {name: t}
        template:
          metadata: {labels: {app: t}}
          spec: {containers: [{name: a}]}`,
    },
    {
      name: 'kustomize patches are partial',
      workspace: { 'kustomization.yaml': kustomization, 'policies/shop.yaml': frontendOnly },
      code: k8s`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec:
          template:
            metadata: {labels: {tier: backend}}`,
    },
    {
      name: 'helm template is skipped',
      filename: 'chart/templates/deployment.yaml',
      code: k8s`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: {{ .Release.Name }}}
        spec:
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: app}]}`,
    },
  ],
  invalid: [
    {
      name: 'no policy in the namespace: reported once, with a default-deny policy to add',
      docs: 'bad',
      code: k8s`
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: shop
        spec:
          template:
            metadata:
              ⟦labels⟧:
                app: web
            spec:
              containers:
                - name: web
                  image: web:1.4
                  ports:
                    - name: http
                      containerPort: 8080
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: worker
          namespace: shop
        spec:
          template:
            metadata:
              labels:
                app: worker
            spec:
              containers:
                - name: worker
                  image: worker:1.4`,
      errors: [
        {
          messageId: 'namespaceUncovered',
          data: { namespace: 'shop', count: 2 },
          suggestions: [
            {
              messageId: 'createPolicy',
              output: k8s`
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                  namespace: shop
                spec:
                  template:
                    metadata:
                      labels:
                        app: web
                    spec:
                      containers:
                        - name: web
                          image: web:1.4
                          ports:
                            - name: http
                              containerPort: 8080
                ---
                # Default-deny NetworkPolicy for Deployment "web": it selects exactly its pods and, with no allow rule,
                # denies all their ingress and egress traffic. Uncomment and edit the allow rules they need before applying it.
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata:
                  name: web-default-deny
                  namespace: shop
                spec:
                  podSelector:
                    matchLabels:
                      app: web
                  policyTypes:
                    - Ingress
                    - Egress
                  # Allow ingress from pods of this namespace (narrow the podSelector) to the ports the containers declare:
                  # ingress:
                  #   - from:
                  #       - podSelector: {}
                  #     ports:
                  #       - protocol: TCP
                  #         port: http
                  # Allow DNS lookups; add the services the pods call:
                  # egress:
                  #   - to:
                  #       - namespaceSelector:
                  #           matchLabels:
                  #             kubernetes.io/metadata.name: kube-system
                  #         podSelector:
                  #           matchLabels:
                  #             k8s-app: kube-dns
                  #     ports:
                  #       - protocol: UDP
                  #         port: 53
                  #       - protocol: TCP
                  #         port: 53
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: worker
                  namespace: shop
                spec:
                  template:
                    metadata:
                      labels:
                        app: worker
                    spec:
                      containers:
                        - name: worker
                          image: worker:1.4`,
            },
            {
              messageId: 'createPolicyFile',
              newFile: {
                name: 'web-networkpolicy.yaml',
                text: '# Default-deny NetworkPolicy for Deployment "web": it selects exactly its pods and, with no allow rule,\n# denies all their ingress and egress traffic. Uncomment and edit the allow rules they need before applying it.\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: web-default-deny\n  namespace: shop\nspec:\n  podSelector:\n    matchLabels:\n      app: web\n  policyTypes:\n    - Ingress\n    - Egress\n  # Allow ingress from pods of this namespace (narrow the podSelector) to the ports the containers declare:\n  # ingress:\n  #   - from:\n  #       - podSelector: {}\n  #     ports:\n  #       - protocol: TCP\n  #         port: http\n  # Allow DNS lookups; add the services the pods call:\n  # egress:\n  #   - to:\n  #       - namespaceSelector:\n  #           matchLabels:\n  #             kubernetes.io/metadata.name: kube-system\n  #         podSelector:\n  #           matchLabels:\n  #             k8s-app: kube-dns\n  #     ports:\n  #       - protocol: UDP\n  #         port: 53\n  #       - protocol: TCP\n  #         port: 53\n',
              },
            },
          ],
        },
      ],
    },
    {
      name: 'policies exist but none selects these pods (matchExpressions); CronJob and flow style',
      workspace: { 'policies/shop.yaml': frontendOnly },
      code: k8s`
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: report, namespace: shop}
        spec:
          jobTemplate:
            spec:
              template:
                metadata: {⟦labels⟧: {tier: frontend, canary: "true"}}
                spec: {containers: [{name: r, image: "report:2"}]}`,
      errors: [
        {
          messageId: 'uncovered',
          data: { namespace: 'shop', kind: 'CronJob', name: 'report' },
          suggestions: [
            {
              messageId: 'createPolicy',
              output: k8s`
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: report, namespace: shop}
                spec:
                  jobTemplate:
                    spec:
                      template:
                        metadata: {labels: {tier: frontend, canary: "true"}}
                        spec: {containers: [{name: r, image: "report:2"}]}
                ---
                # Default-deny NetworkPolicy for CronJob "report": it selects exactly its pods and, with no allow rule,
                # denies all their ingress and egress traffic. Uncomment and edit the allow rules they need before applying it.
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata:
                  name: report-default-deny
                  namespace: shop
                spec:
                  podSelector:
                    matchLabels:
                      tier: frontend
                      canary: "true"
                  policyTypes:
                    - Ingress
                    - Egress
                  # Allow ingress from pods of this namespace (narrow the podSelector) to the ports the containers declare:
                  # ingress:
                  #   - from:
                  #       - podSelector: {}
                  # Allow DNS lookups; add the services the pods call:
                  # egress:
                  #   - to:
                  #       - namespaceSelector:
                  #           matchLabels:
                  #             kubernetes.io/metadata.name: kube-system
                  #         podSelector:
                  #           matchLabels:
                  #             k8s-app: kube-dns
                  #     ports:
                  #       - protocol: UDP
                  #         port: 53
                  #       - protocol: TCP
                  #         port: 53`,
            },
            {
              messageId: 'createPolicyFile',
              newFile: {
                name: 'report-networkpolicy.yaml',
                text: '# Default-deny NetworkPolicy for CronJob "report": it selects exactly its pods and, with no allow rule,\n# denies all their ingress and egress traffic. Uncomment and edit the allow rules they need before applying it.\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: report-default-deny\n  namespace: shop\nspec:\n  podSelector:\n    matchLabels:\n      tier: frontend\n      canary: "true"\n  policyTypes:\n    - Ingress\n    - Egress\n  # Allow ingress from pods of this namespace (narrow the podSelector) to the ports the containers declare:\n  # ingress:\n  #   - from:\n  #       - podSelector: {}\n  # Allow DNS lookups; add the services the pods call:\n  # egress:\n  #   - to:\n  #       - namespaceSelector:\n  #           matchLabels:\n  #             kubernetes.io/metadata.name: kube-system\n  #         podSelector:\n  #           matchLabels:\n  #             k8s-app: kube-dns\n  #     ports:\n  #       - protocol: UDP\n  #         port: 53\n  #       - protocol: TCP\n  #         port: 53\n',
              },
            },
          ],
        },
      ],
    },
    {
      name: 'kind List with CRLF and flush sequences; the policy keeps the file style',
      workspace: {
        'policies/other.yaml':
          'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: x}\nspec:\n  podSelector: {matchLabels: {app: other}}\n',
      },
      code: 'apiVersion: v1\r\nkind: List\r\nitems:\r\n- apiVersion: v1\r\n  kind: Pod\r\n  metadata:\r\n    name: p\r\n    ⟦labels⟧: {app: p}\r\n  spec:\r\n    containers:\r\n    - name: a\r\n      ports:\r\n      - {containerPort: 53, protocol: UDP}\r\n',
      errors: [
        {
          messageId: 'uncovered',
          data: { namespace: 'default', kind: 'Pod', name: 'p' },
          suggestions: [
            {
              messageId: 'createPolicy',
              output:
                'apiVersion: v1\r\nkind: List\r\nitems:\r\n- apiVersion: v1\r\n  kind: Pod\r\n  metadata:\r\n    name: p\r\n    labels: {app: p}\r\n  spec:\r\n    containers:\r\n    - name: a\r\n      ports:\r\n      - {containerPort: 53, protocol: UDP}\r\n---\r\n# Default-deny NetworkPolicy for Pod "p": it selects exactly its pods and, with no allow rule,\r\n# denies all their ingress and egress traffic. Uncomment and edit the allow rules they need before applying it.\r\napiVersion: networking.k8s.io/v1\r\nkind: NetworkPolicy\r\nmetadata:\r\n  name: p-default-deny\r\nspec:\r\n  podSelector:\r\n    matchLabels:\r\n      app: p\r\n  policyTypes:\r\n  - Ingress\r\n  - Egress\r\n  # Allow ingress from pods of this namespace (narrow the podSelector) to the ports the containers declare:\r\n  # ingress:\r\n  # - from:\r\n  #   - podSelector: {}\r\n  #   ports:\r\n  #   - protocol: UDP\r\n  #     port: 53\r\n  # Allow DNS lookups; add the services the pods call:\r\n  # egress:\r\n  # - to:\r\n  #   - namespaceSelector:\r\n  #       matchLabels:\r\n  #         kubernetes.io/metadata.name: kube-system\r\n  #     podSelector:\r\n  #       matchLabels:\r\n  #         k8s-app: kube-dns\r\n  #   ports:\r\n  #   - protocol: UDP\r\n  #     port: 53\r\n  #   - protocol: TCP\r\n  #     port: 53\r\n',
            },
            {
              messageId: 'createPolicyFile',
              newFile: {
                name: 'p-networkpolicy.yaml',
                text: '# Default-deny NetworkPolicy for Pod "p": it selects exactly its pods and, with no allow rule,\r\n# denies all their ingress and egress traffic. Uncomment and edit the allow rules they need before applying it.\r\napiVersion: networking.k8s.io/v1\r\nkind: NetworkPolicy\r\nmetadata:\r\n  name: p-default-deny\r\nspec:\r\n  podSelector:\r\n    matchLabels:\r\n      app: p\r\n  policyTypes:\r\n  - Ingress\r\n  - Egress\r\n  # Allow ingress from pods of this namespace (narrow the podSelector) to the ports the containers declare:\r\n  # ingress:\r\n  # - from:\r\n  #   - podSelector: {}\r\n  #   ports:\r\n  #   - protocol: UDP\r\n  #     port: 53\r\n  # Allow DNS lookups; add the services the pods call:\r\n  # egress:\r\n  # - to:\r\n  #   - namespaceSelector:\r\n  #       matchLabels:\r\n  #         kubernetes.io/metadata.name: kube-system\r\n  #     podSelector:\r\n  #       matchLabels:\r\n  #         k8s-app: kube-dns\r\n  #   ports:\r\n  #   - protocol: UDP\r\n  #     port: 53\r\n  #   - protocol: TCP\r\n  #     port: 53\r\n',
              },
            },
          ],
        },
      ],
    },
    {
      name: 'a pod without labels cannot be selected exactly: no suggestion',
      workspace: { 'deny.yaml': denyAll },
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata:
          name: ⟦p⟧
        spec:
          containers: [{name: a}]`,
      errors: [{ messageId: 'namespaceUncovered', data: { namespace: 'default', count: 1 }, suggestions: [] }],
    },
  ],
});
