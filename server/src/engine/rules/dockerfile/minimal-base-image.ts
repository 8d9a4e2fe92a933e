import { osCodename, rootImage, type ImageView } from '../../facts/imageFacts';
import { replaceImage, retag, type Edit } from '../../edit/imageEdits';
import { defineDockerfileRule } from '../rule';

interface Alternative {
  image: string;
  edits?: Edit[];
}

/** What the final image is: a full OS or runtime image with a smaller variant, or a build toolchain. */
interface Assessment {
  kind: 'full' | 'toolchain';
  /** Named in the message: the first alternative, or advice when no edit can express it. */
  instead: string;
  alternatives: Alternative[];
}

const retagged = (view: ImageView, tag: string): Alternative => ({
  image: `${view.repository}:${tag}`,
  edits: retag(view, tag),
});
const replaced = (view: ImageView, image: string): Alternative => ({ image, edits: replaceImage(view, image) });

/** Python, Ruby and Perl put `slim` before the Debian codename (`3.12-slim-bookworm`); Node.js after it (`22-bookworm-slim`). */
function runtimeVariants(
  view: ImageView,
  words: string[],
  alpine: boolean,
  slimBeforeCodename: boolean,
): Alternative[] {
  if (!view.tag || view.tag === 'latest')
    return [retagged(view, 'slim'), ...(alpine ? [retagged(view, 'alpine')] : [])];
  const os = words.findIndex((w) => osCodename(w)?.slug === 'debian');
  const slim = os >= 0 && slimBeforeCodename ? [...words.slice(0, os), 'slim', ...words.slice(os)] : [...words, 'slim'];
  const out = [retagged(view, slim.join('-'))];
  if (alpine) out.push(retagged(view, [...words.filter((_, i) => i !== os), 'alpine'].join('-')));
  return out;
}

function assess(view: ImageView): Assessment | undefined {
  const tag = view.tag?.toLowerCase() ?? '';
  const words = view.tag ? view.tag.split('-') : [];
  if (/windows|nanoserver|ltsc/.test(tag)) return undefined;
  const full = (alternatives: Alternative[]): Assessment => ({
    kind: 'full',
    instead: alternatives[0].image,
    alternatives,
  });
  const toolchain = (instead: string, alternatives: Alternative[] = []): Assessment => ({
    kind: 'toolchain',
    instead: alternatives[0]?.image ?? instead,
    alternatives,
  });
  const jre = (major: string | undefined) =>
    major ? [replaced(view, `eclipse-temurin:${major}-jre${/alpine/.test(tag) ? '-alpine' : ''}`)] : [];
  const name = view.name;
  switch (name) {
    case 'debian':
      return /slim|backports/.test(tag)
        ? undefined
        : full([retagged(view, !view.tag || tag === 'latest' ? 'stable-slim' : `${view.tag}-slim`)]);
    case 'python':
    case 'ruby':
    case 'perl':
      return /slim|alpine/.test(tag) ? undefined : full(runtimeVariants(view, words, name !== 'perl', true));
    case 'node':
      return /slim|alpine/.test(tag) ? undefined : full(runtimeVariants(view, words, true, false));
    case 'buildpack-deps': {
      const os = osCodename(words[0] ?? 'stable');
      return toolchain('', [
        replaced(view, os?.slug === 'ubuntu' ? `ubuntu:${words[0]}` : `debian:${os ? words[0] : 'stable'}-slim`),
      ]);
    }
    case 'rockylinux':
    case 'almalinux':
      return /^\d/.test(tag) && !/minimal/.test(tag) ? full([retagged(view, `${view.tag}-minimal`)]) : undefined;
    case 'oraclelinux':
      return /^\d/.test(tag) && !/slim/.test(tag) ? full([retagged(view, `${view.tag}-slim`)]) : undefined;
    case 'eclipse-temurin': {
      if (!/^\d/.test(tag) || words.some((w) => /^jre$/i.test(w))) return undefined;
      const jdk = words.findIndex((w) => /^jdk$/i.test(w));
      const jreTag = jdk >= 0 ? words.map((w, i) => (i === jdk ? 'jre' : w)) : [words[0], 'jre', ...words.slice(1)];
      return toolchain('', [retagged(view, jreTag.join('-'))]);
    }
    case 'maven':
    case 'gradle':
      return toolchain(
        'an eclipse-temurin JRE image',
        jre(/(?:temurin-|openjdk-|corretto-|jdk-?)(\d+)/.exec(tag)?.[1]),
      );
    case 'golang':
      return toolchain('gcr.io/distroless/static or scratch');
    case 'rust':
      return toolchain('gcr.io/distroless/cc or debian:stable-slim');
  }
  const suffix = view.tag ? `:${view.tag}` : '';
  const dotnet = /^mcr\.microsoft\.com\/dotnet\/(core\/)?sdk$/.exec(name);
  if (dotnet)
    return toolchain(
      '',
      ['aspnet', 'runtime'].map((r) => replaced(view, `${view.repository.replace(/sdk$/, r)}${suffix}`)),
    );
  const ubi = /^(registry\.access\.redhat\.com|registry\.redhat\.io)\/(ubi\d+)(\/ubi)?$/.exec(name);
  if (ubi)
    return full([
      replaced(view, `${view.repository}-minimal${suffix}`),
      replaced(view, `${view.repository}-micro${suffix}`),
    ]);
  return undefined;
}

export default defineDockerfileRule({
  meta: {
    id: 'minimal-base-image',
    target: 'dockerfile',
    title: 'The final stage should use a minimal base image',
    practice: 'minimal-base-images',
    severity: 'info',
    fix: 'suggestion',
    peers: {},
    messages: {
      fullImage:
        'The final image is built on {{image}}, a full image with tools the application does not need at run time; use a smaller variant such as {{instead}}',
      toolchainImage:
        'The final image is built on the build toolchain {{image}}; build in an earlier stage and copy the result onto {{instead}}',
      useImage: 'Use {{image}}',
    },
    docs: {
      rationale:
        'Every package in the final image is attack surface and scanner noise: compilers, package managers, shells and documentation that the application never uses at run time still carry vulnerabilities and help an attacker who gets in. Only the final stage (or the stage it builds on) is checked, because builder stages are meant to hold toolchains. Reported are full images that have a smaller variant of the same lineage (`python:3.12` → `-slim` or `-alpine`, `node:22` → `-slim` or `-alpine`, `debian:bookworm` → `bookworm-slim`, Rocky and Alma Linux → `-minimal`, Oracle Linux → `-slim`, UBI → `ubi-minimal`) and build toolchains (`golang`, `rust`, `maven`, `gradle`, `buildpack-deps` → `debian:*-slim`, Temurin JDKs → JREs, .NET `sdk` → `aspnet` or `runtime`). Ubuntu and PHP images are not reported: neither has a slim variant of itself, and switching distribution is not a tag change. The suggested variants are quick fixes, never automatic: `slim` lacks compilers and headers that native extensions may need, and Alpine uses musl. Acceptable when the final image really is a development or CI image; suppress the finding there. Peers have no such check (Checkov and Trivy only look at tags); severity is info because many official and CI images are built on full bases on purpose.',
      references: [
        'https://docs.docker.com/build/building/best-practices/#choose-the-right-base-image',
        'https://docs.docker.com/build/building/multi-stage/',
      ],
    },
  },
  check(ctx) {
    const final = ctx.dockerfile.finalStage;
    const view = final && rootImage(final);
    const found = view && assess(view);
    if (!view || !found) return;
    const suggest = found.alternatives
      .filter((a) => a.edits)
      .map((a) => ({
        messageId: 'useImage' as const,
        data: { image: a.image },
        edits: a.edits!.map((e) => ctx.replace(e.start, e.end, e.text)),
      }));
    const messageId = found.kind === 'full' ? 'fullImage' : 'toolchainImage';
    ctx.report({
      start: view.ref.start,
      end: view.ref.end,
      messageId,
      data: { image: view.display, instead: found.instead },
      suggest,
    });
  },
});
