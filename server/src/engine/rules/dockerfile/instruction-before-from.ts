import { defineDockerfileRule } from '../rule';

export default defineDockerfileRule({
  meta: {
    id: 'instruction-before-from',
    target: 'dockerfile',
    title: 'Only ARG may come before the first FROM',
    practice: 'multi-stage-builds',
    severity: 'error',
    fix: 'none',
    peers: { hadolint: ['DL3061'] },
    messages: {
      beforeFrom:
        '{{keyword}} comes before the first FROM: only ARG (and comments or parser directives) may, and the build fails',
      noFrom:
        'This Dockerfile has no FROM: the build fails until one comes first (its instructions are checked as one stage meanwhile)',
    },
    docs: {
      rationale:
        'BuildKit and the classic builder refuse a Dockerfile whose first instruction is anything but FROM, apart from ARG declarations whose values FROM lines may use. A file without any FROM (a snippet, a Dockerfile being typed) is reported once, on its first instruction, and its instructions are still checked as one implicit stage, as hadolint does, so the other rules help while it is written. Instructions before the first FROM of a file that has one are reported each; the other rules do not check them, since no stage runs them.',
      references: [
        'https://github.com/hadolint/hadolint/wiki/DL3061',
        'https://docs.docker.com/reference/dockerfile/#format',
      ],
    },
  },
  check(ctx) {
    const model = ctx.dockerfile;
    const first = model.stages[0];
    if (first?.implicit) {
      const ins = first.instructions.find((i) => i.getKeyword() !== 'ARG');
      if (!ins) return;
      const { start, end } = model.offsets(ins.getInstructionRange());
      ctx.report({ start, end, messageId: 'noFrom' });
      return;
    }
    for (const ins of model.beforeFrom) {
      const { start, end } = model.offsets(ins.getInstructionRange());
      ctx.report({ start, end, messageId: 'beforeFrom', data: { keyword: ins.getKeyword() } });
    }
  },
});
