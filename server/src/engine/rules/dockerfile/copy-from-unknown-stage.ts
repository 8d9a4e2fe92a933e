import type { Stage } from '../../models/dockerfile';
import { fromSource, fromValues } from '../../facts/imageFacts';
import { defineDockerfileRule } from '../rule';

/** Edit distance counting a swap of neighbours as one edit (the commonest typo: `biuld`). */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** Earlier stage names a typo most likely meant, closest first. */
function closeNames(value: string, stage: Stage, stages: Stage[]): string[] {
  const v = value.toLowerCase();
  const limit = Math.max(1, Math.min(2, Math.floor(v.length / 3)));
  return stages
    .filter((s) => s.index < stage.index && s.name)
    .map((s) => ({ name: s.name!.value, d: distance(v, s.name!.value) }))
    .filter((c) => c.d <= limit)
    .sort((a, b) => a.d - b.d)
    .map((c) => c.name);
}

export default defineDockerfileRule({
  meta: {
    id: 'copy-from-unknown-stage',
    target: 'dockerfile',
    title: 'COPY --from must name an earlier stage or an image',
    practice: 'multi-stage-builds',
    severity: 'warning',
    fix: 'suggestion',
    peers: { hadolint: ['DL3022'] },
    messages: {
      unknownStage:
        '{{flag}} names no earlier stage and does not look like an image; use the name of an earlier stage, or write the image with its tag',
      laterStage:
        '{{flag}} refers to stage {{name}}, which is defined further down; define a stage before copying from it',
      useStage: 'Use stage {{name}}',
    },
    docs: {
      rationale:
        'A `--from` value that names no stage is taken as an image and pulled from Docker Hub: a misspelt stage name (`--from=biuld`) either fails the build or, worse, copies files out of whatever public image has that name. A bare word that is not a stage is reported unless it is a well-known official image (`--from=busybox`); values with a registry, path, tag or digest (`nginx:1.27`, `ghcr.io/acme/tools`) are images and left alone, as are numeric indexes of earlier stages and values that hold a build argument. A reference to a stage defined further down is reported as well: BuildKit resolves it, the classic builder pulls an image of that name instead, and readers expect stages to be defined before use (hadolint DL3022 reports both). `RUN --mount=…,from=` is checked the same way.',
      references: [
        'https://github.com/hadolint/hadolint/wiki/DL3022',
        'https://docs.docker.com/reference/dockerfile/#copy---from',
      ],
    },
  },
  check(ctx) {
    const model = ctx.dockerfile;
    for (const stage of model.stages) {
      for (const { token, mount } of fromValues(model, stage)) {
        const source = fromSource(model, stage, token);
        const flag = `${mount ? 'from' : '--from'}=${token.value}`;
        if (source.kind === 'later') {
          ctx.report({
            start: token.start,
            end: token.end,
            messageId: 'laterStage',
            data: { flag, name: source.stage.name?.value ?? String(source.stage.index) },
          });
        } else if (source.kind === 'unknown') {
          const suggest = closeNames(token.value, stage, model.stages).map((name) => ({
            messageId: 'useStage' as const,
            data: { name },
            edits: [ctx.replace(token.start, token.end, name)],
          }));
          ctx.report({ start: token.start, end: token.end, messageId: 'unknownStage', data: { flag }, suggest });
        }
      }
    }
  },
});
