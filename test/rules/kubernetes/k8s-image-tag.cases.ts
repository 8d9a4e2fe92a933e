import rule from '../../../server/src/engine/rules/kubernetes/k8s-image-tag';
import { cases, k8s } from '../../support/cases';

const kustomization =
  'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [deployment.yaml]\npatches:\n  - path: manifest.yaml\n';

export default cases(rule, {
  valid: [
    {
      name: 'version tags and digests',
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
                  image: nginx:1.27-alpine
                - name: sidecar
                  image: ghcr.io/acme/proxy@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef`,
    },
    {
      name: 'tags of unknown images are not judged; codenames pin',
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers: [{name: a, image: "quay.io/acme/app:main"}, {name: b, image: "debian:bookworm"}, {name: c, image: "localhost:5000/app:dev"}]`,
    },
    {
      name: 'kustomize patch without an image',
      workspace: { 'kustomization.yaml': kustomization },
      code: k8s`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          replicas: 3`,
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
              containers:
                - name: app
                  image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default "latest" }}"`,
    },
  ],
  invalid: [
    {
      name: 'latest and untagged images',
      docs: 'bad',
      code: k8s`
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          template:
            spec:
              initContainers:
                - name: init
                  image: ⟦busybox⟧
              containers:
                - name: web
                  image: ghcr.io/acme/web:⟦latest⟧`,
      errors: [
        { messageId: 'untagged', data: { image: 'busybox', container: 'init', tag: '' } },
        { messageId: 'latest', data: { image: 'ghcr.io/acme/web:latest', container: 'web', tag: 'latest' } },
      ],
    },
    {
      name: 'floating tag of an official image in a CronJob, quoted, with a comment',
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
                  - name: main
                    image: "postgres:⟦alpine⟧" # nightly dump`,
      errors: [{ messageId: 'floating', data: { image: 'postgres:alpine', container: 'main', tag: 'alpine' } }],
    },
    {
      name: 'ephemeral container in flow style, kind List, second document, CRLF; a registry port is not a tag',
      code: 'apiVersion: v1\r\nkind: Service\r\nmetadata: {name: s}\r\n---\r\napiVersion: v1\r\nkind: List\r\nitems:\r\n- apiVersion: v1\r\n  kind: Pod\r\n  metadata: {name: p}\r\n  spec:\r\n    containers: [{name: a, image: ⟦localhost:5000/app⟧}]\r\n    ephemeralContainers: [{name: debug, image: "⟦busybox⟧"}]\r\n',
      errors: [
        { messageId: 'untagged', data: { image: 'localhost:5000/app', container: 'a', tag: '' } },
        { messageId: 'untagged', data: { image: 'busybox', container: 'debug', tag: '' } },
      ],
    },
    {
      name: 'a kustomize patch that sets a latest image is reported',
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
                  image: app:⟦latest⟧`,
      errors: [{ messageId: 'latest', data: { image: 'app:latest', container: 'web', tag: 'latest' } }],
    },
  ],
});
