import type { Instruction } from 'dockerfile-ast';
import { ownInstructions, type DockerfileModel } from '../../models/dockerfile';
import { defineDockerfileRule } from '../rule';

/** The whole lines of an instruction, when nothing else (a comment inside a continuation) lives on them. */
function instructionLines(model: DockerfileModel, ins: Instruction): { start: number; end: number } | undefined {
  const r = model.offsets(ins.getRange());
  const lineStart = model.index.lineStarts[model.index.positionAt(r.start).line];
  const nl = model.text.indexOf('\n', r.end);
  if (!/^[ \t]*$/.test(model.text.slice(lineStart, r.start)) || /\n[ \t]*#/.test(model.text.slice(r.start, r.end)))
    return undefined;
  if (nl < 0)
    return lineStart > 0
      ? { start: lineStart - (model.text[lineStart - 2] === '\r' ? 2 : 1), end: model.text.length }
      : undefined;
  return { start: lineStart, end: nl + 1 };
}

export default defineDockerfileRule({
  meta: {
    id: 'multiple-healthchecks',
    target: 'dockerfile',
    title: 'Use one HEALTHCHECK per stage',
    practice: 'health-checks',
    severity: 'warning',
    fix: 'safe',
    peers: { hadolint: ['DL3012'], trivy: ['DS-0023'], buildkit: ['MultipleInstructionsDisallowed'] },
    messages: {
      overridden: 'This HEALTHCHECK is overridden by the one on line {{line}} and never runs; remove it',
    },
    docs: {
      rationale:
        "Only the last HEALTHCHECK of a stage takes effect; earlier ones are dead code that readers mistake for the probe in use, so a fix made to them changes nothing. The fix deletes each overridden HEALTHCHECK, which leaves the image exactly as it was; it is not offered when a comment sits inside the instruction's continuation lines, so no comment is lost.",
      references: [
        'https://docs.docker.com/reference/dockerfile/#healthcheck',
        'https://github.com/hadolint/hadolint/wiki/DL3012',
      ],
    },
  },
  check(ctx) {
    const model = ctx.dockerfile;
    for (const stage of model.stages) {
      const checks = ownInstructions(model, stage).filter((i) => i.getKeyword() === 'HEALTHCHECK');
      const last = checks[checks.length - 1];
      for (const ins of checks.slice(0, -1)) {
        const kw = model.offsets(ins.getInstructionRange());
        const lines = instructionLines(model, ins);
        const line = model.index.positionAt(model.offsets(last.getRange()).start).line + 1;
        ctx.report({
          start: kw.start,
          end: kw.end,
          messageId: 'overridden',
          data: { line },
          fix: lines ? [ctx.replace(lines.start, lines.end, '')] : undefined,
        });
      }
    }
  },
});
