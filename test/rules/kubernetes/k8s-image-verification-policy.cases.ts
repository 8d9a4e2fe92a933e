import rule from '../../../server/src/engine/rules/kubernetes/k8s-image-verification-policy';
import { cases, k8s } from '../../support/cases';

const kyverno = k8s`
  apiVersion: kyverno.io/v1
  kind: ClusterPolicy
  metadata: {name: verify}
  spec:
    rules:
      - name: acme
        match: {any: [{resources: {kinds: [Pod]}}]}
        verifyImages:
          - imageReferences: ["ghcr.io/acme/*", "docker.io/library/*"]
            attestors: [{entries: [{keyless: {subject: "https://github.com/acme/*", issuer: "https://token.actions.githubusercontent.com"}}]}]`;
const sigstore =
  'apiVersion: policy.sigstore.dev/v1beta1\nkind: ClusterImagePolicy\nmetadata: {name: signed}\nspec:\n  images:\n    - glob: "index.docker.io/library/*"\n    - glob: "ghcr.io/acme/**"\n  authorities: [{keyless: {url: "https://fulcio.sigstore.dev"}}]\n';
const kustomization =
  'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [deployment.yaml]\npatches:\n  - path: manifest.yaml\n';

export default cases(rule, {
  valid: [
    {
      name: 'a Kyverno policy covers every image',
      docs: 'good',
      code: k8s`
        apiVersion: kyverno.io/v1
        kind: ClusterPolicy
        metadata:
          name: verify-image-signatures
        spec:
          validationFailureAction: Enforce
          rules:
            - name: verify-signatures
              match:
                any:
                  - resources:
                      kinds: [Pod]
              verifyImages:
                - imageReferences: ["ghcr.io/acme/*", "docker.io/library/*"]
                  attestors:
                    - entries:
                        - keyless:
                            subject: "https://github.com/acme/*"
                            issuer: "https://token.actions.githubusercontent.com"
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          template:
            spec:
              containers:
                - name: web
                  image: ghcr.io/acme/web:2.1.0
                - name: proxy
                  image: nginx:1.27`,
    },
    {
      name: 'a Kyverno policy in another file covers every image',
      workspace: { 'platform/verify-images.yaml': kyverno },
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
                  image: ghcr.io/acme/web:2.1.0
                - name: proxy
                  image: nginx:1.27`,
    },
    {
      name: 'a Sigstore ClusterImagePolicy, in its own spelling of Docker Hub',
      workspace: { 'policy.yaml': sigstore },
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec: {containers: [{name: a, image: "nginx:1.27"}, {name: b, image: ghcr.io/acme/tools/cli:1}]}`,
    },
    {
      name: 'reported once per workspace: the first workload is in another file',
      workspace: {
        'a/api.yaml':
          'apiVersion: v1\nkind: Pod\nmetadata: {name: api}\nspec: {containers: [{name: api, image: api:1}]}\n',
      },
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec: {containers: [{name: web, image: web:1}]}`,
    },
    {
      name: 'no workloads',
      code: k8s`
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: c}
        data: {image: nginx}`,
    },
    {
      name: 'kustomize patches are partial',
      workspace: { 'kustomization.yaml': kustomization },
      code: k8s`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          template:
            spec:
              containers: [{name: web, image: web:1.5}]`,
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
            spec:
              containers: [{name: app, image: nginx:1.27}]`,
    },
  ],
  invalid: [
    {
      name: 'no verification policy: one finding, two policies to add',
      docs: 'bad',
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: web
          image: ⟦ghcr.io/acme/web:2.1.0⟧
        - name: proxy
          image: nginx:1.27
`,
      errors: [
        {
          messageId: 'unverified',
          data: { count: 2, image: 'ghcr.io/acme/web:2.1.0' },
          suggestions: [
            {
              messageId: 'addKeyless',
              output: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: web
          image: ghcr.io/acme/web:2.1.0
        - name: proxy
          image: nginx:1.27
---
# Admission check of image signatures (Kyverno). Replace every REPLACE-ME before applying it.
apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata:
  name: verify-image-signatures
spec:
  validationFailureAction: Enforce
  webhookTimeoutSeconds: 30
  rules:
    - name: verify-signatures
      match:
        any:
          - resources:
              kinds:
                - Pod
      verifyImages:
        - imageReferences:
            - docker.io/library/*
            - ghcr.io/acme/*
          attestors:
            - entries:
                - keyless:
                    subject: "REPLACE-ME: signer identity, e.g. https://github.com/OWNER/REPO/.github/workflows/release.yml@refs/tags/*"
                    issuer: https://token.actions.githubusercontent.com
                    rekor:
                      url: https://rekor.sigstore.dev
`,
            },
            {
              messageId: 'addPublicKey',
              output: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: web
          image: ghcr.io/acme/web:2.1.0
        - name: proxy
          image: nginx:1.27
---
# Admission check of image signatures (Kyverno). Replace every REPLACE-ME before applying it.
apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata:
  name: verify-image-signatures
spec:
  validationFailureAction: Enforce
  webhookTimeoutSeconds: 30
  rules:
    - name: verify-signatures
      match:
        any:
          - resources:
              kinds:
                - Pod
      verifyImages:
        - imageReferences:
            - docker.io/library/*
            - ghcr.io/acme/*
          attestors:
            - entries:
                - keys:
                    publicKeys: "-----BEGIN PUBLIC KEY-----\\nREPLACE-ME: the cosign public key that signs these images\\n-----END PUBLIC KEY-----"
`,
            },
          ],
        },
      ],
    },
    {
      name: 'a namespaced Kyverno Policy covers its namespace only; CronJob init container, CRLF',
      workspace: {
        'policy.yaml':
          'apiVersion: kyverno.io/v1\nkind: Policy\nmetadata: {name: v, namespace: team-a}\nspec:\n  rules:\n  - name: r\n    verifyImages:\n    - imageReferences: ["*"]\n',
      },
      code: 'apiVersion: batch/v1\r\nkind: CronJob\r\nmetadata: {name: backup, namespace: team-b}\r\nspec:\r\n  jobTemplate:\r\n    spec:\r\n      template:\r\n        spec:\r\n          initContainers: [{name: i, image: busybox:1.36}]\r\n          containers: [{name: m, image: ⟦busybox:1.36⟧}]\r\n',
      errors: [{ messageId: 'unverified', data: { count: 1, image: 'busybox:1.36' } }],
    },
    {
      name: 'the policy covers some images: the first uncovered one is reported, in a kind List',
      workspace: { 'platform/verify-images.yaml': kyverno },
      code: k8s`
        apiVersion: v1
        kind: List
        items:
        - apiVersion: apps/v1
          kind: Deployment
          metadata: {name: web}
          spec:
            template:
              spec:
                containers:
                - {name: web, image: ghcr.io/acme/web:2.1.0}
                - {name: cache, image: ⟦quay.io/opstree/redis:v7.0.15⟧}`,
      errors: [{ messageId: 'unverified', data: { count: 1, image: 'quay.io/opstree/redis:v7.0.15' } }],
    },
  ],
});
