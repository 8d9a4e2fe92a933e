import rule from '../../../server/src/engine/rules/kubernetes/k8s-trusted-registries';
import { cases, k8s } from '../../support/cases';

const trusted = { trustedRegistries: ['registry.acme.example', 'docker.io/library', '*.azurecr.io'] };
const kustomization =
  'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [deployment.yaml]\npatches:\n  - path: manifest.yaml\n';

export default cases(rule, {
  valid: [
    {
      name: 'images from trusted registries',
      docs: 'good',
      settings: trusted,
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
                  image: registry.acme.example/shop/web:2.1.0
                - name: proxy
                  image: nginx:1.27
                - name: agent
                  image: acme.azurecr.io/agent:3`,
    },
    {
      name: 'nothing is checked without trustedRegistries',
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers: [{name: a, image: evil.example/miner:1}]`,
    },
    {
      name: 'kustomize patch without an image',
      settings: trusted,
      workspace: { 'kustomization.yaml': kustomization },
      code: k8s`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          replicas: 2`,
    },
    {
      name: 'helm template is skipped',
      settings: trusted,
      filename: 'chart/templates/deployment.yaml',
      code: k8s`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: app}
        spec:
          template:
            spec:
              containers: [{name: app, image: "{{ .Values.image }}"}]`,
    },
  ],
  invalid: [
    {
      name: 'a public registry and a Docker Hub organisation',
      docs: 'bad',
      settings: trusted,
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
                  image: ⟦ghcr.io⟧/someone/web:1.0
                - name: tools
                  image: ⟦bitnami/kubectl:1.30⟧`,
      errors: [
        {
          messageId: 'untrusted',
          data: {
            image: 'ghcr.io/someone/web:1.0',
            container: 'web',
            registry: 'ghcr.io',
            trusted: 'registry.acme.example, docker.io/library, *.azurecr.io',
          },
        },
        {
          messageId: 'untrusted',
          data: {
            image: 'bitnami/kubectl:1.30',
            container: 'tools',
            registry: 'docker.io',
            trusted: 'registry.acme.example, docker.io/library, *.azurecr.io',
          },
        },
      ],
    },
    {
      name: 'CronJob init and ephemeral containers in flow style, kind List, CRLF',
      settings: { trustedRegistries: ['registry.acme.example'] },
      code: 'apiVersion: v1\r\nkind: List\r\nitems:\r\n- apiVersion: batch/v1\r\n  kind: CronJob\r\n  metadata: {name: c}\r\n  spec:\r\n    jobTemplate:\r\n      spec:\r\n        template:\r\n          spec:\r\n            initContainers: [{name: i, image: "⟦quay.io⟧/x/y:1"}]\r\n            containers: [{name: m, image: registry.acme.example/job:2}]\r\n            ephemeralContainers: [{name: d, image: ⟦busybox:1.36⟧}]\r\n',
      errors: [
        {
          messageId: 'untrusted',
          data: { image: 'quay.io/x/y:1', container: 'i', registry: 'quay.io', trusted: 'registry.acme.example' },
        },
        { messageId: 'untrusted' },
      ],
    },
    {
      name: 'a kustomize patch that sets an image is reported',
      settings: trusted,
      workspace: { 'kustomization.yaml': kustomization },
      code: k8s`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          template:
            spec:
              containers:
                - name: web
                  image: ⟦ghcr.io⟧/fork/web:1.0 # temporary`,
      errors: [{ messageId: 'untrusted' }],
    },
  ],
});
