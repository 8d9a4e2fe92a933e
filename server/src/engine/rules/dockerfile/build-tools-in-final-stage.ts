import { canonicalName, type DockerfileModel, type ImageRef, type Stage } from '../../models/dockerfile';
import { insertLines } from '../../edit/dockerEdits';
import { remainingOsPackages } from '../../facts/installedPackages';
import { transferOf } from '../../facts/transfers';
import { ownInstructions } from '../../models/dockerfile';
import { defineDockerfileRule } from '../rule';
import type { TextEdit } from '../../base/types';

const COMPILERS = new Set(
  'gcc g++ gcc-c++ clang llvm golang golang-go go rustc rust default-jdk default-jdk-headless'.split(' '),
);
const BUILD_SYSTEMS = new Set(
  'make cmake build-essential build-base alpine-sdk autoconf automake libtool pkg-config pkgconf pkgconfig bison flex meson ninja ninja-build cargo maven gradle'.split(
    ' ',
  ),
);
const HEADERS = new Set('libc-dev musl-dev linux-headers kernel-headers'.split(' '));

function toolKind(name: string): string | undefined {
  if (COMPILERS.has(name) || /^(gcc|g\+\+|clang|llvm|cpp)-\d+$|^openjdk-?\d+(-jdk(-headless)?)?$/.test(name))
    return 'a compiler';
  if (BUILD_SYSTEMS.has(name)) return 'a build tool';
  if (HEADERS.has(name) || /-(dev|devel)$/.test(name)) return 'a development package';
  return undefined;
}
const JAVA = new Set(['openjdk', 'eclipse-temurin', 'amazoncorretto', 'sapmachine', 'ibm-semeru-runtimes', 'ibmjava']);

function rootImage(stage: Stage): ImageRef | undefined {
  return stage.root.image;
}

/** The SDK image kind of a base image, or undefined when it is not a build-toolchain image. */
function sdkOf(image: ImageRef): string | undefined {
  const name = canonicalName(image);
  const tag = image.tag?.value.toLowerCase() ?? '';
  if (name === 'golang' || name === 'rust' || name === 'maven' || name === 'gradle') return name;
  if (/^mcr\.microsoft\.com\/dotnet\/(core\/)?sdk$/.test(name)) return 'dotnet';
  if (JAVA.has(name) && !tag.includes('jre')) return 'java';
  if (name === 'buildpack-deps' && !/scm|curl/.test(tag)) return 'buildpack-deps';
  return undefined;
}

/** A minimal runtime base for the new final stage. */
function runtimeBase(image: ImageRef | undefined): string {
  const kind = image && sdkOf(image);
  const tag = image?.tag?.value ?? '';
  if (kind === 'golang') return 'gcr.io/distroless/static-debian12';
  if (kind === 'rust') return 'gcr.io/distroless/cc-debian12';
  if (kind === 'dotnet') return `mcr.microsoft.com/dotnet/aspnet${tag ? `:${tag}` : ''}`;
  if (kind === 'java' || kind === 'maven' || kind === 'gradle') {
    const v =
      /(?:jdk|temurin|corretto|java|openjdk)-?(\d{1,2})(?!\d)/i.exec(tag)?.[1] ??
      (kind === 'java' ? /^(\d{1,2})(?![\d])/.exec(tag)?.[1] : undefined);
    return `eclipse-temurin:${v ?? '21'}-jre`;
  }
  if (kind === 'buildpack-deps')
    return /^(noble|jammy|focal)/.test(tag)
      ? `ubuntu:${tag.split('-')[0]}`
      : `debian:${tag ? tag.split('-')[0] : 'stable'}-slim`;
  return image?.text ?? 'debian:stable-slim';
}

/** Names the final stage (if needed) and appends a runtime stage that copies the artifact and the start command. */
function multiStageEdits(
  model: DockerfileModel,
  stage: Stage,
  replace: (s: number, e: number, t: string) => TextEdit,
): TextEdit[] {
  const edits: TextEdit[] = [];
  let name = stage.name?.value;
  if (!name) {
    const taken = new Set(model.stages.map((s) => s.name?.value));
    name = 'build';
    for (let n = 2; taken.has(name); n++) name = `build-${n}`;
    const imageRange = stage.from.getImageRange();
    const after = imageRange ? model.offsets(imageRange).end : model.offsets(stage.from.getRange()).end;
    edits.push(replace(after, after, ` AS ${name}`));
  }
  const chain = stage.chain;
  const last = (kw: string) =>
    chain
      .flatMap((s) => s.instructions)
      .filter((i) => i.getKeyword() === kw)
      .pop();
  const carried = ['WORKDIR', 'ENTRYPOINT', 'CMD'].map(last).filter((i) => i !== undefined);
  carried.sort((a, b) => model.offsets(a.getRange()).start - model.offsets(b.getRange()).start);
  const lines = [
    '',
    `FROM ${runtimeBase(rootImage(stage))}`,
    `# TODO: copy only what the application needs at run time from the "${name}" stage`,
    `COPY --from=${name} /TODO/path/to/artifact /TODO/path/to/artifact`,
    ...carried.map((i) => {
      const r = model.offsets(i.getRange());
      return model.text.slice(r.start, r.end);
    }),
  ];
  const { at, text } = insertLines(model, stage, lines);
  edits.push(replace(at, at, text));
  return edits;
}

export default defineDockerfileRule({
  meta: {
    id: 'build-tools-in-final-stage',
    target: 'dockerfile',
    title: 'Keep compilers and SDKs out of the final image',
    practice: 'multi-stage-builds',
    severity: 'warning',
    fix: 'suggestion',
    peers: { hadolint: ['DL3067'] },
    messages: {
      wholeFilesystem:
        'COPY --from={{from}} copies that whole filesystem, build tools and all, into the final image; copy only the paths the application needs',
      buildTool:
        '{{name}} is {{what}} and stays in the final image; build in an earlier stage and copy only the result',
      sdkImage:
        'The final stage runs on the {{image}} build image, so the whole toolchain ships; build in this stage and copy the result into a runtime image',
      multiStage: 'Convert to a multi-stage build with a {{base}} runtime stage',
    },
    docs: {
      rationale:
        'Compilers, build systems, header packages (`*-dev`, `*-devel`) and SDK images (`golang`, `maven`, `gradle`, `rust`, `dotnet/sdk`, JDK images) are needed to build, not to run. Left in the final image they add hundreds of megabytes and many CVEs, and give an attacker a toolchain to build exploits in place. A multi-stage build compiles in one stage and copies only the artifact into a small runtime stage. Only packages still installed at the end of the final stage count: the official images install build dependencies and purge them in the same RUN (`apk del .build-deps`, `apt-mark auto` + `apt-get purge --auto-remove`), which is fine and not reported. `git` is not in the list (CI and GitOps images use it at run time). The quick fix names the stage `build`, appends a runtime stage on a slim or distroless base with a `COPY --from=build` whose paths you must fill in (marked TODO), and repeats the last WORKDIR, ENTRYPOINT and CMD there; it keeps every line you wrote. A `COPY --from=<stage> / …` of a whole filesystem is reported too (hadolint DL3067): it brings the toolchain of the builder along, whatever the stages say.',
      references: ['https://docs.docker.com/build/building/multi-stage/'],
    },
  },
  check(ctx) {
    const model = ctx.dockerfile;
    const stage = model.finalStage;
    if (!stage || stage.implicit) return;
    const root = rootImage(stage);
    let edits: TextEdit[] | undefined;
    const suggest = () => {
      edits ??= multiStageEdits(model, stage, ctx.replace);
      return [{ messageId: 'multiStage' as const, data: { base: runtimeBase(root) }, edits }];
    };
    const sdk = root && sdkOf(root);
    if (root && sdk) {
      const imageRange = stage.from.getImageRange();
      const at = imageRange ? model.offsets(imageRange) : root;
      ctx.report({
        start: at.start,
        end: at.end,
        messageId: 'sdkImage',
        data: { image: canonicalName(root) },
        suggest: suggest(),
      });
    }
    // `COPY --from=build / /`: the builder's whole filesystem undoes the multi-stage build.
    for (const s of stage.chain)
      for (const ins of ownInstructions(model, s)) {
        if (ins.getKeyword() !== 'COPY') continue;
        const t = transferOf(model, ins);
        const from = t.flags.find((f) => f.getName().toLowerCase() === 'from')?.getValue();
        if (!from) continue;
        for (const src of t.sources)
          if (/^\/(?:\.|\*)?$/.test(src.value))
            ctx.report({ start: src.start, end: src.end, messageId: 'wholeFilesystem', data: { from } });
      }
    for (const { pkg } of remainingOsPackages(model)) {
      const what = toolKind(pkg.name);
      if (what)
        ctx.report({
          start: pkg.word.start,
          end: pkg.word.end,
          messageId: 'buildTool',
          data: { name: pkg.name, what },
          suggest: suggest(),
        });
    }
  },
});
