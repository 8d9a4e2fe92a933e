import { containerImages, registryMatcher, spanOf } from '../../facts/images';
import { containerName } from '../../facts/pss';
import { defineKubernetesRule } from '../rule';

export default defineKubernetesRule({
  meta: {
    id: 'k8s-trusted-registries',
    target: 'kubernetes',
    title: 'Container images must come from a trusted registry',
    practice: 'integrity',
    severity: 'warning',
    fix: 'none',
    peers: { trivy: ['KSV-0125'] },
    messages: {
      untrusted:
        'Image {{image}} of container "{{container}}" comes from {{registry}}, which is not in trustedRegistries ({{trusted}}); use an image from a trusted registry',
    },
    docs: {
      rationale:
        "Images pulled from an arbitrary registry bypass the scanning, signing and mirroring an organization sets up for its own registries, and a typo-squatted or compromised public image runs with the pod's service account and network access. When the `trustedRegistries` setting lists registries, every container image (init and ephemeral ones included) must come from one of them; with the setting empty (the default) nothing is reported. Entries are matched exactly as by the Dockerfile rule `trusted-base-registry`: images without a registry host are Docker Hub images and match `docker.io`; an entry may add a path prefix (`docker.io/library`, `ghcr.io/acme`) and use `*` within a host label (`*.azurecr.io`); a port is part of the host. Trivy KSV-0125 checks a built-in list of public registries instead; this rule checks the list the team configured. Enforce the same list at admission (for example with a Kyverno or Gatekeeper policy): a linter only sees the manifests it is shown.",
      references: ['https://kubernetes.io/docs/concepts/containers/images/'],
    },
  },
  check(ctx) {
    const entries = ctx.settings.trustedRegistries.filter((e) => e.trim());
    if (!entries.length) return;
    const matchers = entries.map(registryMatcher);
    for (const obj of ctx.kubernetes.objects) {
      for (const img of containerImages(obj, ctx.text)) {
        const { view } = img;
        if (view.dynamic || matchers.some((m) => m(view))) continue;
        const at = img.exact && view.ref.registry ? spanOf(img, 'registry') : { start: img.start, end: img.end };
        ctx.report({
          ...at,
          messageId: 'untrusted',
          data: {
            image: view.display,
            container: containerName(img.container),
            registry: view.registry,
            trusted: entries.join(', '),
          },
        });
      }
    }
  },
});
