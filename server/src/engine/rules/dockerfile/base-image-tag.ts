import {
  cycleTag,
  isLatestTag,
  knownTagScheme,
  productOf,
  stageImages,
  supportedCycles,
  tagPinsVersion,
  todayOf,
  type ImageView,
} from '../../facts/imageFacts';
import { retag } from '../../edit/imageEdits';
import { defineDockerfileRule } from '../rule';

/** Tag words that name a release channel rather than a release; a suggested version replaces them. */
const CHANNELS = new Set([
  'latest',
  'lts',
  'current',
  'stable',
  'oldstable',
  'mainline',
  'edge',
  'rolling',
  'devel',
  'testing',
  'unstable',
  'sid',
  'experimental',
  'innovation',
]);

/** The floating tag with a version in front or in place of its channel word: `lts-alpine` → `24-alpine`, `slim` → `3.14-slim`. */
function pinned(tag: string | undefined, version: string): string | undefined {
  if (!tag || tag === 'latest') return version;
  // An OS release in a floating tag (`alpine3.20`) may not exist for the suggested version.
  if (/alpine\d/.test(tag)) return undefined;
  const [first, ...rest] = tag.split('-');
  return CHANNELS.has(first.toLowerCase()) ? [version, ...rest].join('-') : `${version}-${tag}`;
}

export default defineDockerfileRule({
  meta: {
    id: 'base-image-tag',
    target: 'dockerfile',
    title: 'Base images must be pinned to a version tag',
    practice: 'pinned-dependencies',
    severity: 'warning',
    fix: 'suggestion',
    peers: { hadolint: ['DL3006', 'DL3007'], trivy: ['DS-0001'], checkov: ['CKV_DOCKER_7'] },
    messages: {
      untagged: 'Base image {{image}} has no tag, so each build may pull a different release; pin a version tag',
      latest: 'Base image {{image}} uses the latest tag, which moves to every new release; pin a version tag',
      floating: 'Tag {{tag}} of {{image}} names no version and moves to every new release; pin a version tag',
      useTag: 'Use {{image}}',
    },
    docs: {
      rationale:
        'An untagged or `latest` base image changes under the same Dockerfile: rebuilds pick up new major releases, break without a code change, and cannot be reproduced or rolled back. Tags that name only a variant or channel (`node:alpine`, `python:slim`, `nginx:mainline`, `debian:stable`) of an official image float across major releases the same way and are reported too, which hadolint (DL3006 untagged, DL3007 `latest`), Trivy DS-0001 and Checkov CKV_DOCKER_7 do not do; for other images only a missing or `latest` tag is reported, because their tag schemes are unknown. A release codename (`debian:bookworm`, `node:iron`) pins a release. `scratch`, earlier stages, digest-pinned references and references that still hold an unresolved build argument are skipped. For official images with release data the quick fixes offer the newest supported (LTS where the project has LTS) releases.',
      references: [
        'https://docs.docker.com/build/building/best-practices/#from',
        'https://github.com/hadolint/hadolint/wiki/DL3006',
        'https://github.com/hadolint/hadolint/wiki/DL3007',
      ],
    },
  },
  check(ctx) {
    const today = todayOf(ctx.settings);
    for (const { view } of stageImages(ctx.dockerfile)) {
      if (view.digest || tagPinsVersion(view)) continue;
      const { ref } = view;
      const suggest = suggestions(view, today).map((s) => ({
        messageId: 'useTag' as const,
        data: { image: s.image },
        edits: s.edits.map((e) => ctx.replace(e.start, e.end, e.text)),
      }));
      if (!view.tag) {
        ctx.report({ start: ref.start, end: ref.end, messageId: 'untagged', data: { image: view.display }, suggest });
      } else {
        const at = ref.tag ?? ref;
        const messageId = isLatestTag(view.tag) ? 'latest' : 'floating';
        ctx.report({ start: at.start, end: at.end, messageId, data: { image: view.display, tag: view.tag }, suggest });
      }
    }
  },
});

/** Up to three supported releases of an image with release data, newest first. */
function suggestions(
  view: ImageView,
  today: string,
): { image: string; edits: { start: number; end: number; text: string }[] }[] {
  const product = productOf(view.name);
  if (!product || !knownTagScheme(view)) return [];
  const out = [];
  for (const cycle of supportedCycles(product, today).slice(0, 3)) {
    const tag = pinned(view.tag, cycleTag(product, cycle));
    const edits = tag && retag(view, tag);
    if (tag && edits) out.push({ image: `${view.repository}:${tag}`, edits });
  }
  return out;
}
