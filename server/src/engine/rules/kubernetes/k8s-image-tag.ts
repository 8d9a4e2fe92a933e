import { isLatestTag, tagPinsVersion } from '../../facts/imageFacts';
import { containerImages, spanOf } from '../../facts/images';
import { containerName } from '../../facts/pss';
import { defineKubernetesRule } from '../rule';

export default defineKubernetesRule({
  meta: {
    id: 'k8s-image-tag',
    target: 'kubernetes',
    title: 'Container images must be pinned to a version tag',
    practice: 'pinned-dependencies',
    severity: 'warning',
    fix: 'none',
    peers: {
      kubeLinter: ['latest-tag'],
      checkov: ['CKV_K8S_14'],
      trivy: ['KSV-0013'],
      polaris: ['tagNotSpecified'],
      kubeScore: ['container-image-tag'],
    },
    messages: {
      untagged:
        'Image {{image}} of container "{{container}}" has no tag, so it runs whatever latest is when a node pulls it; pin a version tag',
      latest:
        'Image {{image}} of container "{{container}}" uses the latest tag, so nodes can run different releases and a rollback redeploys the new one; pin a version tag',
      floating:
        'Tag {{tag}} of image {{image}} (container "{{container}}") names no version and moves to every new release; pin a version tag',
    },
    docs: {
      rationale:
        'With an untagged or `latest` image, what runs depends on when each node pulled it: replicas of one Deployment can run different releases, a restarted pod can pick up a new major version, and rolling back the manifest does not roll back the image. Kubernetes also pulls `latest` on every start (imagePullPolicy defaults to Always), so a registry outage stops pods from starting. Like the Dockerfile rule `base-image-tag`, tags that name only a variant or channel of an official image (`nginx:alpine`, `node:lts-slim`, `debian:stable`) are reported too, which kube-linter, Checkov and Trivy do not do; for other images only a missing or `latest` tag is reported, since their tag schemes are unknown. References pinned by digest are not reported. Every container is checked, init and ephemeral ones included, and so are kustomize patches, which report the image they set.',
      references: [
        'https://kubernetes.io/docs/concepts/containers/images/#image-names',
        'https://kubernetes.io/docs/concepts/configuration/overview/#container-images',
      ],
    },
  },
  check(ctx) {
    for (const obj of ctx.kubernetes.objects) {
      for (const img of containerImages(obj, ctx.text)) {
        const { view } = img;
        if (view.digest || tagPinsVersion(view)) continue;
        const data = { image: view.display, container: containerName(img.container), tag: view.tag ?? '' };
        if (!view.tag)
          ctx.report({
            start: img.exact ? view.ref.start : img.start,
            end: img.exact ? view.ref.end : img.end,
            messageId: 'untagged',
            data,
          });
        else ctx.report({ ...spanOf(img, 'tag'), messageId: isLatestTag(view.tag) ? 'latest' : 'floating', data });
      }
    }
  },
});
