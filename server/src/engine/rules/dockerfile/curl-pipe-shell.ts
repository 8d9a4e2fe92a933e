import { unwrap } from '../../models/commands';
import { remoteExecutions } from '../../facts/downloads';
import { defineDockerfileRule } from '../rule';

export default defineDockerfileRule({
  meta: {
    id: 'curl-pipe-shell',
    target: 'dockerfile',
    title: 'Do not run scripts straight from the network',
    practice: 'integrity',
    severity: 'warning',
    fix: 'none',
    peers: {},
    messages: {
      pipeToShell:
        '{{tool}} output is run by {{runner}} unchecked, so whoever controls the URL runs code in the build; download to a file, verify its checksum, then run it',
    },
    docs: {
      rationale:
        '`curl … | sh` executes whatever the server returns at build time: a compromised host, a hijacked domain or a truncated download (the shell runs the part that arrived) goes straight into the image, and nothing records what actually ran. Downloading the installer to a file, checking it against a pinned SHA-256 (or signature) and then running it makes the build reproducible and tamper-evident. Reported forms: a pipe into a shell or interpreter that reads its script from stdin (`| sh`, `| sudo bash -s --`, `| python3 -`), `bash <(curl …)`, `source <(curl …)`, and `sh -c "$(curl …)"` / `eval "$(wget -qO- …)"`. There is no automatic fix, because the digest to pin is not known.',
      references: ['https://docs.docker.com/build/building/best-practices/#using-pipes'],
    },
  },
  check(ctx) {
    const model = ctx.dockerfile;
    for (const stage of model.stages) {
      for (const ins of stage.instructions) {
        if (ins.getKeyword() !== 'RUN') continue;
        for (const { download, runner } of remoteExecutions(model.shell(ins), model.text)) {
          const piped = runner.pipeline !== undefined && runner.pipeline.commands === download.cmd.pipeline?.commands;
          const start = piped ? download.cmd.start : Math.min(runner.start, download.cmd.start);
          const end = piped ? runner.end : Math.max(runner.end, download.cmd.end);
          ctx.report({
            start,
            end,
            messageId: 'pipeToShell',
            data: { tool: download.tool, runner: unwrap(runner).name },
          });
        }
      }
    }
  },
});
