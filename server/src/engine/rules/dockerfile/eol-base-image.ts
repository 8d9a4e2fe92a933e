import { EOL_AS_OF } from '../../data/eol';
import {
  cycleTag,
  isEol,
  knownTagScheme,
  nearestSupported,
  productOf,
  releaseName,
  releasesOf,
  stageImages,
  supportedCycles,
  todayOf,
  type ImageView,
  type Release,
} from '../../facts/imageFacts';
import { replaceImage, retag, spliceTag, type Edit } from '../../edit/imageEdits';
import { defineDockerfileRule } from '../rule';

/** Maintained successors of products that have none of their own. */
const SUCCESSORS: Record<string, string> = { centos: 'almalinux' };

export default defineDockerfileRule({
  meta: {
    id: 'eol-base-image',
    target: 'dockerfile',
    title: 'Base images must not be end-of-life releases',
    practice: 'vulnerable-images',
    severity: 'warning',
    fix: 'suggestion',
    peers: {},
    messages: {
      eol: '{{release}} reached end of life on {{date}} and gets no security fixes; move to a supported release',
      eolUndated: '{{release}} reached end of life and gets no security fixes; move to a supported release',
      deprecated:
        'The openjdk image is deprecated and publishes no updates; switch to a maintained OpenJDK build such as eclipse-temurin',
      upgrade: 'Use {{image}}',
    },
    docs: {
      rationale: `A base image whose release is past its end of life gets no security fixes: every new vulnerability in it stays open, and image scanners report an ever-growing list. Builder stages are checked too, because an end-of-life toolchain (an old Go or Node.js) puts its unfixed flaws into the artifacts it builds. The release comes from the tag: the image's own version (\`python:3.8\`, \`node:hydrogen\`, \`debian:buster\`, \`ubuntu:18.04\`) and, for official images, an operating system named in it (\`3.9-slim-bullseye\`, \`alpine3.16\`, \`jdk-focal\`), each reported where it is written; untagged or \`latest\` counts as the newest release, which matters for images whose every release has ended (\`centos\`). The deprecated \`openjdk\` image is reported whatever its tag. Dates are endoflife.date's end of security support (data as of ${EOL_AS_OF}), compared with today, so a finding can appear without any change to the file; for Debian the end of Debian LTS counts, because its free fixes reach images through the regular archive, while Ubuntu ESM needs a subscription and does not. The quick fixes offer the nearest supported release (the smallest upgrade, variant suffix kept) and the newest one; an operating system inside a tag moves to its newest release, since official images are built on the newest ones. hadolint, Checkov and Trivy's Dockerfile checks have no equivalent; image scanners report end-of-life operating systems only after the image is built.`,
      references: ['https://endoflife.date', 'https://docs.docker.com/build/building/best-practices/#from'],
    },
  },
  check(ctx) {
    const today = todayOf(ctx.settings);
    for (const { view } of stageImages(ctx.dockerfile)) {
      const toSuggestions = (plans: { image: string; edits: Edit[] }[]) =>
        plans.map((p) => ({
          messageId: 'upgrade' as const,
          data: { image: p.image },
          edits: p.edits.map((e) => ctx.replace(e.start, e.end, e.text)),
        }));
      const deprecated = view.name === 'openjdk';
      if (deprecated) {
        const at = isWritten(view) ? view.ref.name : view.ref;
        ctx.report({
          start: at.start,
          end: at.end,
          messageId: 'deprecated',
          suggest: toSuggestions(temurin(view, today)),
        });
      }
      const releases = releasesOf(view).filter((r) => isEol(r.cycle, today) && !(deprecated && r.own));
      if (!releases.length) continue;
      const suggest = toSuggestions(upgrades(view, releases, today));
      for (const r of releases) {
        const data = { release: releaseName(r), date: String(r.cycle.eol) };
        ctx.report({
          start: r.start,
          end: r.end,
          messageId: typeof r.cycle.eol === 'string' ? 'eol' : 'eolUndated',
          data,
          suggest,
        });
      }
    }
  },
});

const isWritten = (view: ImageView) => !view.ref.name.value.includes('$');

/** Tags with every end-of-life release replaced: the nearest supported one, then the newest. */
function upgrades(view: ImageView, eol: Release[], today: string): { image: string; edits: Edit[] }[] {
  const out: { image: string; edits: Edit[] }[] = [];
  const add = (image: string, edits: Edit[] | undefined) => {
    if (edits && !out.some((o) => o.image === image)) out.push({ image, edits });
  };
  if (knownTagScheme(view) && eol.every((r) => r.editable && r.form !== 'implicit')) {
    // Moved repositories: `dotnet/core/*` gets no new tags.
    const repository = view.repository.replace('/dotnet/core/', '/dotnet/');
    for (const nearest of [true, false]) {
      const spans: Edit[] = [];
      for (const r of eol) {
        const target =
          nearest && r.own ? nearestSupported(r.product, r.cycle, today) : supportedCycles(r.product, today)[0];
        // A date stamp after the release (`focal-20240101`) names a build of the old release.
        const stamp = /^-\d{8}(?![\w.])/.exec(view.ref.text.slice(r.end - view.ref.start));
        const end = r.end + (stamp?.[0].length ?? 0);
        if (target)
          spans.push({
            start: r.start,
            end,
            text: r.form === 'codename' ? (target.codename ?? target.cycle) : cycleTag(r.product, target),
          });
      }
      if (spans.length < eol.length) continue;
      const tag = spliceTag(view, spans);
      add(
        `${repository}:${tag}`,
        repository === view.repository ? retag(view, tag) : replaceImage(view, `${repository}:${tag}`),
      );
    }
  }
  const own = eol.find((r) => r.own);
  const successor = own && !supportedCycles(own.product, today).length && productOf(SUCCESSORS[own.product.slug] ?? '');
  if (own && successor) {
    const target = nearestSupported(successor, own.cycle, today) ?? supportedCycles(successor, today)[0];
    if (target)
      add(`${successor.images[0]}:${target.cycle}`, replaceImage(view, `${successor.images[0]}:${target.cycle}`));
  }
  return out;
}

/** eclipse-temurin with the same (or the nearest supported) Java major and the JDK/JRE and Alpine variant kept. */
function temurin(view: ImageView, today: string): { image: string; edits: Edit[] }[] {
  const product = productOf('eclipse-temurin');
  if (!product) return [];
  const tag = view.tag ?? '';
  const major = /^\d+/.exec(tag)?.[0];
  const target =
    (major && nearestSupported(product, { cycle: major, eol: false }, today)) || supportedCycles(product, today)[0];
  if (!target) return [];
  const image = `eclipse-temurin:${target.cycle}-${/jre/.test(tag) ? 'jre' : 'jdk'}${/alpine/.test(tag) ? '-alpine' : ''}`;
  const edits = replaceImage(view, image);
  return edits ? [{ image, edits }] : [];
}
