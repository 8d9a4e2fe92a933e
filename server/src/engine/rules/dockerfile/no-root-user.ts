import type { Instruction } from 'dockerfile-ast';
import { baseFamily, type BaseFamily } from '../../facts/baseFamily';
import { NON_ROOT_IMAGES } from '../../data/nonRootImages';
import { viewImage } from '../../facts/imageFacts';
import { ownInstructions, type DockerfileModel, type Stage } from '../../models/dockerfile';
import { insertLines } from '../../edit/dockerEdits';
import { defineDockerfileRule } from '../rule';

const ROOT = /^(root|0)(:.*)?$/;
const UID = '10001';

/** The last USER that applies to a stage, following `FROM <stage>` to the stages it builds on. */
function lastUser(model: DockerfileModel, stage: Stage): Instruction | undefined {
  for (const s of [...stage.chain].reverse()) {
    const users = ownInstructions(model, s).filter((i) => i.getKeyword() === 'USER');
    if (users.length) return users[users.length - 1];
  }
  return undefined;
}

/** Whether the stage's base image already runs as a non-root user (data/nonRootImages.ts, or the setting). */
function runsAsNonRootByDefault(stage: Stage, extra: readonly string[]): boolean {
  const image = stage.root.image;
  if (!image) return false;
  const view = viewImage(image);
  const name = `${view.registry}/${view.path}`;
  const tag = view.tag ?? 'latest';
  if (NON_ROOT_IMAGES.some((e) => e.name.test(name) && (!e.tag || e.tag.test(tag)))) return true;
  const short = view.display.replace(/@.*$/, '');
  return extra.some((glob) => {
    const re = globRegExp(glob);
    const withTag = glob.includes(':', glob.lastIndexOf('/') + 1);
    return withTag
      ? re.test(`${name}:${tag}`) || re.test(short)
      : re.test(name) || re.test(short.replace(/:[^/]*$/, ''));
  });
}

/** `*` within a path segment, `**` across them; everything else literal. */
function globRegExp(glob: string): RegExp {
  const body = glob
    .split('**')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*'))
    .join('.*');
  return new RegExp(`^${body}$`, 'i');
}

/** A base image that is only a build argument without a default: its user cannot be known here. */
function unknownBase(stage: Stage): boolean {
  const image = stage.root.image;
  return !!image && viewImage(image).dynamic;
}

const CREATE_USER: Partial<Record<BaseFamily, string>> = {
  alpine: `RUN addgroup -S -g ${UID} app && adduser -S -D -H -u ${UID} -G app app`,
  debian: `RUN groupadd --system --gid ${UID} app && useradd --system --no-log-init --uid ${UID} --gid app app`,
  rhel: `RUN groupadd --system --gid ${UID} app && useradd --system --no-log-init --uid ${UID} --gid app app`,
};

export default defineDockerfileRule({
  meta: {
    id: 'no-root-user',
    target: 'dockerfile',
    title: 'Final stage must not run as root',
    practice: 'least-privilege',
    severity: 'warning',
    fix: 'suggestion',
    peers: { hadolint: ['DL3002'], trivy: ['DS-0002'], checkov: ['CKV_DOCKER_3', 'CKV_DOCKER_8'] },
    messages: {
      noUser: 'The final stage sets no USER, so the container runs as root; add a non-root USER before the entrypoint',
      unknownBase:
        'The base image is a build argument, so whether it switches to a non-root user cannot be known here; set USER in this stage to be sure',
      rootUser: 'The last USER of the final stage is {{user}}; switch to a non-root UID before the entrypoint',
      addNumericUser: 'Add "USER {{uid}}" to the final stage',
      createUser: 'Create user app ({{uid}}) with {{tool}} and switch to it',
      distrolessUser: 'Switch to the distroless nonroot user (65532)',
    },
    docs: {
      rationale:
        'A container that runs as root turns any code-execution bug into root inside the container, one kernel or runtime bug away from the host; Kubernetes `runAsNonRoot` also refuses to start it. Only the final stage matters: builder stages never run in production. Unlike hadolint DL3002, which only flags an explicit `USER root`, a final stage with no USER at all is reported too (as Trivy DS-0002 and Checkov CKV_DOCKER_3 do), because the default user of almost every base image is root; images whose default user is already non-root (distroless `:nonroot`, Chainguard) are not reported. Base images whose image config already sets a non-root user (distroless `:nonroot`, Chainguard, Bitnami, `nginx-unprivileged`, the Prometheus and Grafana images and others listed in data/nonRootImages.ts, plus `nonRootBaseImages` in .harden.yaml) need no USER of their own. When the base image is only a build argument without a default, the user cannot be known, and that is said at info severity instead.',
      references: [
        'https://docs.docker.com/build/building/best-practices/#user',
        'https://github.com/hadolint/hadolint/wiki/DL3002',
      ],
    },
  },
  check(ctx) {
    const stage = ctx.dockerfile.finalStage;
    if (!stage) return;
    const user = lastUser(ctx.dockerfile, stage);
    const value = user?.getArgumentsContent()?.trim() ?? '';
    if (user && !ROOT.test(value)) return;
    // A snippet without FROM (see instruction-before-from): an explicit root USER still is one; no USER says nothing.
    if (!user && stage.implicit) return;
    if (!user && runsAsNonRootByDefault(stage, ctx.settings.nonRootBaseImages ?? [])) return;
    if (!user && unknownBase(stage)) {
      const image = stage.root.image!;
      ctx.report({ start: image.start, end: image.end, messageId: 'unknownBase', severity: 'info', absent: true });
      return;
    }

    const family = baseFamily(stage);
    const userEnd = user ? ctx.dockerfile.offsets(user.getRange()).end : -1;
    const entry = stage.instructions.find(
      (i) =>
        (i.getKeyword() === 'CMD' || i.getKeyword() === 'ENTRYPOINT') &&
        ctx.dockerfile.offsets(i.getRange()).start > userEnd,
    );
    const insert = (lines: string[]) => {
      const { at, text } = insertLines(ctx.dockerfile, stage, lines, entry);
      return [ctx.replace(at, at, text)];
    };
    const suggest = [];
    if (family === 'distroless')
      suggest.push({ messageId: 'distrolessUser' as const, edits: insert(['USER 65532:65532']) });
    const create = CREATE_USER[family];
    if (create)
      suggest.push({
        messageId: 'createUser' as const,
        data: { uid: UID, tool: family === 'alpine' ? 'adduser' : 'useradd' },
        edits: insert([create, `USER ${UID}:${UID}`]),
      });
    suggest.push({
      messageId: 'addNumericUser' as const,
      data: { uid: `${UID}:${UID}` },
      edits: insert([`USER ${UID}:${UID}`]),
    });

    if (user) {
      const arg = ctx.dockerfile.offsets(user.getArgumentsRange()!);
      ctx.report({ start: arg.start, end: arg.end, messageId: 'rootUser', data: { user: value }, suggest });
    } else {
      // The base image token of the final FROM (for `FROM build`, the stage name written there).
      const imageRange = stage.from.getImageRange();
      const span = imageRange ? ctx.dockerfile.offsets(imageRange) : ctx.dockerfile.offsets(stage.from.getRange());
      ctx.report({ start: span.start, end: span.end, messageId: 'noUser', suggest });
    }
  },
});
