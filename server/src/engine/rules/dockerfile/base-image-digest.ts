import { stageImages } from '../../facts/imageFacts';
import { defineDockerfileRule } from '../rule';

export default defineDockerfileRule({
  meta: {
    id: 'base-image-digest',
    target: 'dockerfile',
    title: 'Base images should be pinned by digest',
    practice: 'integrity',
    severity: 'info',
    fix: 'none',
    digestPin: true,
    peers: {},
    messages: {
      noDigest:
        'Base image {{image}} is not pinned by digest, so the same tag can pull different content; pin it as {{image}}@sha256:<digest>',
    },
    docs: {
      rationale:
        'A tag is a movable pointer: the publisher (or anyone who takes over the repository or registry) can point it at new content, so two builds of the same Dockerfile can start from different images, and a compromised tag reaches every build. A digest (`@sha256:…`) names exactly one image; keeping the tag next to it (`node:22-slim@sha256:…`) keeps it readable, and tools such as Dependabot or Renovate update both. Pinning means taking on updates deliberately, so this is informational: teams that rebuild on fresh patch releases on purpose may turn it off. The editor offers a “Pin to digest” command that looks the digest up in the registry; the rule itself works offline and has no fix. Stages, `scratch` and references with unresolved build arguments are skipped. hadolint, Checkov and Trivy have no equivalent check.',
      references: [
        'https://docs.docker.com/build/building/best-practices/#pin-base-image-versions',
        'https://docs.docker.com/reference/dockerfile/#from',
      ],
    },
  },
  check(ctx) {
    for (const { view } of stageImages(ctx.dockerfile)) {
      if (view.digest || view.display.includes('$')) continue;
      ctx.report({ start: view.ref.start, end: view.ref.end, messageId: 'noDigest', data: { image: view.display } });
    }
  },
});
