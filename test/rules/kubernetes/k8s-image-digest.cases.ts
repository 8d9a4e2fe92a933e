import rule from '../../../server/src/engine/rules/kubernetes/k8s-image-digest';
import { cases, k8s } from '../../support/cases';

const kustomization =
  'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [deployment.yaml]\npatches:\n  - path: manifest.yaml\n';

export default cases(rule, {
  valid: [
    {
      name: 'tag and digest',
      docs: 'good',
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
                  image: nginx:1.27@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef`,
    },
    {
      name: 'kustomize patch without an image',
      workspace: { 'kustomization.yaml': kustomization },
      code: k8s`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          template:
            spec:
              containers: [{name: web, resources: {limits: {memory: 1Gi}}}]`,
    },
    {
      name: 'helm template is skipped',
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
      name: 'tag only',
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
                  image: ⟦nginx:1.27⟧`,
      errors: [{ messageId: 'noDigest', data: { image: 'nginx:1.27', container: 'web' } }],
    },
    {
      name: 'CronJob init and ephemeral containers, flow style, quoted, second document of a kind List with CRLF',
      code: "apiVersion: v1\r\nkind: Service\r\nmetadata: {name: s}\r\n---\r\napiVersion: v1\r\nkind: List\r\nitems:\r\n- apiVersion: batch/v1\r\n  kind: CronJob\r\n  metadata: {name: c}\r\n  spec:\r\n    jobTemplate:\r\n      spec:\r\n        template:\r\n          spec:\r\n            initContainers: [{name: i, image: ⟦'busybox:1.36'⟧}]\r\n            containers: [{name: m, image: ⟦ghcr.io/acme/job:2⟧}]\r\n            ephemeralContainers: [{name: d, image: ⟦busybox⟧}]\r\n",
      errors: [
        { messageId: 'noDigest', data: { image: 'busybox:1.36', container: 'i' } },
        { messageId: 'noDigest', data: { image: 'ghcr.io/acme/job:2', container: 'm' } },
        { messageId: 'noDigest', data: { image: 'busybox', container: 'd' } },
      ],
    },
    {
      name: 'a kustomize patch that sets an image is reported',
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
                  # bumped by CI
                  image: ⟦app:1.4.2⟧`,
      errors: [{ messageId: 'noDigest' }],
    },
  ],
});
