import { containerImages } from '../../facts/images';
import { containerName } from '../../facts/pss';
import { defineKubernetesRule } from '../rule';

export default defineKubernetesRule({
  meta: {
    id: 'k8s-image-digest',
    target: 'kubernetes',
    title: 'Container images should be pinned by digest',
    practice: 'integrity',
    severity: 'info',
    fix: 'none',
    digestPin: true,
    peers: { checkov: ['CKV_K8S_43'] },
    messages: {
      noDigest:
        'Image {{image}} of container "{{container}}" is not pinned by digest, so the same tag can run different content; pin it as {{image}}@sha256:<digest>',
    },
    docs: {
      rationale:
        'A tag is a movable pointer: whoever controls the repository (or takes it over) can point it at new content, and every node that pulls afterwards runs it, with no change to the manifest. A digest (`@sha256:…`) names exactly one image, and admission controllers that verify signatures check that digest; keeping the tag next to it (`nginx:1.27@sha256:…`) keeps it readable, and Renovate or Dependabot update both. Pinning means taking on updates deliberately, so this is informational, as its Dockerfile counterpart `base-image-digest`; teams that deploy fresh patch releases on purpose may turn it off. The editor offers a “Pin to digest” command that looks the digest up in the registry; the rule itself works offline and has no fix. Every container is checked, init and ephemeral ones included.',
      references: ['https://kubernetes.io/docs/concepts/containers/images/#image-names'],
    },
  },
  check(ctx) {
    for (const obj of ctx.kubernetes.objects) {
      for (const img of containerImages(obj, ctx.text)) {
        if (img.view.digest) continue;
        ctx.report({
          start: img.start,
          end: img.end,
          messageId: 'noDigest',
          data: { image: img.view.display, container: containerName(img.container) },
        });
      }
    }
  },
});
