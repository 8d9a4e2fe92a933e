import { defineDockerfileRule } from '../rule';

/** sudo options that change nothing about who runs the command; with any other (`-u`, `-i`, `-s`) removal is not offered. */
const HARMLESS = /^-[EHnS]+$/;

export default defineDockerfileRule({
  meta: {
    id: 'sudo-in-run',
    target: 'dockerfile',
    title: 'Do not use sudo in RUN',
    practice: 'least-privilege',
    severity: 'warning',
    fix: 'suggestion',
    peers: { hadolint: ['DL3004'], trivy: ['DS-0010'], checkov: ['CKV2_DOCKER_1'] },
    messages: {
      sudo: 'sudo in a build step means sudo is installed in the image, a ready privilege escalation for whoever gets a shell; run the step as root with USER root before it and switch back after',
      removeSudo: 'Remove sudo (the step runs as the current USER)',
      passwordless:
        'This RUN writes a NOPASSWD sudoers rule: any process of that user becomes root without a password; drop the rule and switch users with USER instead',
    },
    docs: {
      rationale:
        "RUN already executes as the stage's current USER, so sudo adds nothing a `USER root` line cannot do, while keeping sudo (and usually a passwordless sudoers entry) in the image hands root to any process that is compromised later; its TTY and environment handling also make builds behave unexpectedly. Every sudo command is reported: in pipes (`curl … | sudo bash`), `&&` chains, heredocs and `sh -c` bodies, but not a package named sudo. Removing sudo is only a suggestion: if the current USER is not root, the command then needs a `USER root` before it, and with options such as `-u` sudo changes the user on purpose, so no edit is offered there.",
      references: [
        'https://docs.docker.com/build/building/best-practices/#user',
        'https://github.com/hadolint/hadolint/wiki/DL3004',
      ],
    },
  },
  check(ctx) {
    const model = ctx.dockerfile;
    for (const stage of model.stages) {
      for (const run of stage.instructions) {
        if (run.getKeyword() !== 'RUN') continue;
        const script = model.shell(run);
        // `echo "app ALL=(ALL) NOPASSWD:ALL" >> /etc/sudoers`, `… | tee /etc/sudoers.d/app`: a command of this RUN
        // whose words grant NOPASSWD, in a RUN that writes the sudoers file or directory.
        const span = model.offsets(run.getRange());
        if (/\/etc\/sudoers/.test(model.text.slice(span.start, span.end)))
          for (const cmd of script.commands)
            for (const w of cmd.words) {
              const at = (w.value ?? w.raw).indexOf('NOPASSWD');
              if (at < 0 || cmd.name === 'grep') continue;
              const offset = model.text.indexOf('NOPASSWD', w.start);
              if (offset < 0 || offset >= w.end) continue;
              ctx.report({ start: offset, end: offset + 'NOPASSWD'.length, messageId: 'passwordless' });
            }
        for (const cmd of script.commands) {
          const i = cmd.words.findIndex((w) => w.value === 'sudo' || w.value?.endsWith('/sudo'));
          // Only as the command itself, or behind env-like wrappers before it (`env X=1 sudo …`).
          if (
            i < 0 ||
            cmd.words.slice(0, i).some((w) => !/^(?:env|nice|nohup|exec|command|time|\w+=.*)$/s.test(w.value ?? ''))
          )
            continue;
          const sudo = cmd.words[i];
          let k = i + 1;
          while (k < cmd.words.length && HARMLESS.test(cmd.words[k].value ?? '')) k++;
          const next = cmd.words[k];
          const clean = next && !(next.value ?? '-').startsWith('-') && sudo.raw === sudo.value;
          const suggest = clean
            ? [{ messageId: 'removeSudo' as const, edits: [ctx.replace(sudo.start, next.start, '')] }]
            : [];
          ctx.report({ start: sudo.start, end: sudo.end, messageId: 'sudo', suggest });
        }
      }
    }
  },
});
