import { fromSource, fromValues } from '../../facts/imageFacts';
import { defineDockerfileRule } from '../rule';

export default defineDockerfileRule({
  meta: {
    id: 'copy-from-own-stage',
    target: 'dockerfile',
    title: 'COPY --from must not name its own stage',
    practice: 'multi-stage-builds',
    severity: 'error',
    fix: 'none',
    peers: { hadolint: ['DL3023'] },
    messages: {
      ownStage:
        '{{flag}} names the stage it is in, which BuildKit rejects as a circular dependency; copy from an earlier stage or from the build context',
    },
    docs: {
      rationale:
        'A stage cannot copy from itself: its file system is still being built, so BuildKit fails with a circular dependency and the classic builder pulls an image of that name instead. The value is compared with the stage name case-insensitively and with the stage index, as BuildKit resolves it; `RUN --mount=…,from=` is checked too. There is no automatic fix: the intended source (an earlier stage, or the build context without `--from`) is not knowable.',
      references: ['https://github.com/hadolint/hadolint/wiki/DL3023'],
    },
  },
  check(ctx) {
    const model = ctx.dockerfile;
    for (const stage of model.stages) {
      for (const { token, mount } of fromValues(model, stage)) {
        if (fromSource(model, stage, token).kind !== 'self') continue;
        ctx.report({
          start: token.start,
          end: token.end,
          messageId: 'ownStage',
          data: { flag: `${mount ? 'from' : '--from'}=${token.value}` },
        });
      }
    }
  },
});
