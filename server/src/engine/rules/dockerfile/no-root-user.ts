import type { Instruction } from 'dockerfile-ast';
import { baseFamily, type BaseFamily } from '../../facts/baseFamily';
import { canonicalName, ownInstructions, type DockerfileModel, type Stage } from '../../models/dockerfile';
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

/** Images whose default user is already non-root (distroless :nonroot, Chainguard). */
function runsAsNonRootByDefault(stage: Stage): boolean {
  const image = stage.root.image;
  if (!image) return false;
  const name = canonicalName(image);
  return /(^|[-.])nonroot\b/.test(image.tag?.value ?? '') || name.startsWith('cgr.dev/chainguard/');
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
      rootUser: 'The last USER of the final stage is {{user}}; switch to a non-root UID before the entrypoint',
      addNumericUser: 'Add "USER {{uid}}" to the final stage',
      createUser: 'Create user app ({{uid}}) with {{tool}} and switch to it',
      distrolessUser: 'Switch to the distroless nonroot user (65532)',
    },
    docs: {
      rationale:
        'A container that runs as root turns any code-execution bug into root inside the container, one kernel or runtime bug away from the host; Kubernetes `runAsNonRoot` also refuses to start it. Only the final stage matters: builder stages never run in production. Unlike hadolint DL3002, which only flags an explicit `USER root`, a final stage with no USER at all is reported too (as Trivy DS-0002 and Checkov CKV_DOCKER_3 do), because the default user of almost every base image is root; images whose default user is already non-root (distroless `:nonroot`, Chainguard) are not reported.',
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
    if (!user && runsAsNonRootByDefault(stage)) return;

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
