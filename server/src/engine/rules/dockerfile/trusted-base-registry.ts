import { fromSource, fromValues, stageImages, type ImageView } from '../../facts/imageFacts';
import { registryMatcher } from '../../facts/images';
import { defineDockerfileRule } from '../rule';

export default defineDockerfileRule({
  meta: {
    id: 'trusted-base-registry',
    target: 'dockerfile',
    title: 'Images must come from a trusted registry',
    practice: 'integrity',
    severity: 'warning',
    fix: 'none',
    peers: { hadolint: ['DL3026'] },
    messages: {
      untrusted:
        '{{image}} comes from {{registry}}, which is not in trustedRegistries ({{trusted}}); use an image from a trusted registry',
    },
    docs: {
      rationale:
        'Images pulled from an arbitrary registry bypass the scanning, signing and mirroring an organization sets up for its own registries, and a typo-squatted or compromised public image runs with full access to the build. When the `trustedRegistries` setting lists registries, every base image, every `COPY --from=<image>` and every `RUN --mount=…,from=<image>` must come from one of them; with the setting empty (the default) nothing is reported. Images without a registry host are Docker Hub images and match `docker.io` (also written `hub.docker.com` or `index.docker.io`), as in hadolint DL3026. An entry may add a path prefix (`docker.io/library` trusts only official images, `ghcr.io/acme` one organization) and use `*` within a host label (`*.azurecr.io`); a port is part of the host (`localhost:5000`). Stages, `scratch` and references whose registry is an unresolved build argument are skipped.',
      references: ['https://github.com/hadolint/hadolint/wiki/DL3026'],
    },
  },
  check(ctx) {
    const entries = ctx.settings.trustedRegistries.filter((e) => e.trim());
    if (!entries.length) return;
    const matchers = entries.map(registryMatcher);
    const check = (view: ImageView, start: number, end: number) => {
      if (view.dynamic || view.name === 'scratch' || matchers.some((m) => m(view))) return;
      ctx.report({
        start,
        end,
        messageId: 'untrusted',
        data: { image: view.display, registry: view.registry, trusted: entries.join(', ') },
      });
    };
    for (const { view } of stageImages(ctx.dockerfile)) {
      const at = view.ref.registry ?? view.ref;
      check(view, at.start, at.end);
    }
    for (const stage of ctx.dockerfile.stages) {
      for (const { token } of fromValues(ctx.dockerfile, stage)) {
        const source = fromSource(ctx.dockerfile, stage, token);
        if (source.kind === 'image') check(source.view, token.start, token.end);
      }
    }
  },
});
