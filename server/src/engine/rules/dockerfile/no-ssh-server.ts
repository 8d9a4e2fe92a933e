import { removalSpan } from '../../models/commands';
import { packageRemovalSpan } from '../../facts/packages';
import { remainingOsPackages } from '../../facts/installedPackages';
import { shippedStages } from '../../models/runScript';
import { defineDockerfileRule } from '../rule';

const SERVERS = new Set(['openssh-server', 'openssh-server-pam', 'openssh', 'dropbear', 'tinyssh']);

/** `22`, `22/tcp` or a range such as `20-30/tcp` that covers 22; variables are not resolved. */
function covers22(port: string): boolean {
  const m = /^(\d+)(?:-(\d+))?(?:\/tcp)?$/i.exec(port);
  if (!m) return false;
  const lo = Number(m[1]);
  const hi = m[2] ? Number(m[2]) : lo;
  return lo <= 22 && 22 <= hi;
}

export default defineDockerfileRule({
  meta: {
    id: 'no-ssh-server',
    target: 'dockerfile',
    title: 'Do not run an SSH server in the container',
    practice: 'least-privilege',
    severity: 'warning',
    fix: 'suggestion',
    peers: { trivy: ['DS-0004'], checkov: ['CKV_DOCKER_1'] },
    messages: {
      exposes22:
        'Port 22 is exposed, which signals an SSH server in the container; remove it and use "kubectl exec" or "docker exec" for access',
      installsServer:
        '{{name}} installs an SSH server in the final image; remove it and use "kubectl exec" or "docker exec" for access',
      removePort: 'Remove port {{port}} from EXPOSE',
      removeExpose: 'Remove the EXPOSE instruction',
      removePackage: 'Remove {{name}} from the install',
    },
    docs: {
      rationale:
        "An SSH daemon in a container is a second, long-lived way in: it needs keys or passwords baked into or mounted into the image, it runs as root to switch users, and it is reachable by anything that can reach the pod. Orchestrators already give audited shell access (`kubectl exec`, `kubectl debug`, `docker exec`). The rule reports `EXPOSE 22` (also `22/tcp` and ranges covering it) in the final stage and the stages it builds on, as Trivy DS-0004 and Checkov CKV_DOCKER_1 do, and an SSH server package (`openssh-server`, Alpine's `openssh`, `dropbear`) still installed at the end of the final stage. SSH clients (for git over SSH) are fine. Git servers that speak SSH on port 22 (Gitea, GitLab) are a legitimate exception: suppress the rule there.",
      references: ['https://docs.docker.com/reference/dockerfile/#expose'],
    },
  },
  check(ctx) {
    const model = ctx.dockerfile;
    for (const stage of shippedStages(model)) {
      for (const ins of stage.instructions) {
        if (ins.getKeyword() !== 'EXPOSE') continue;
        const args = ins.getArguments();
        for (const arg of args) {
          const port = arg.getValue();
          if (!covers22(port)) continue;
          const { start, end } = model.offsets(arg.getRange());
          let suggest;
          if (args.length === 1) {
            const r = model.offsets(ins.getRange());
            const lineStart = model.index.lineStarts[model.index.positionAt(r.start).line];
            const next = model.text.indexOf('\n', r.end);
            if (
              /^[ \t]*$/.test(model.text.slice(lineStart, r.start)) &&
              next >= 0 &&
              !/\r?\n[ \t]*#/.test(model.text.slice(r.start, r.end))
            ) {
              suggest = [{ messageId: 'removeExpose' as const, edits: [ctx.replace(lineStart, next + 1, '')] }];
            }
          } else {
            const span = removalSpan(model.text, { value: port, raw: port, start, end });
            if (span)
              suggest = [
                { messageId: 'removePort' as const, data: { port }, edits: [ctx.replace(span.start, span.end, '')] },
              ];
          }
          ctx.report({ start, end, messageId: 'exposes22', suggest });
        }
      }
    }
    for (const { pc, pkg } of remainingOsPackages(model)) {
      if (!SERVERS.has(pkg.name)) continue;
      const span = packageRemovalSpan(model, pc, pkg);
      const suggest = span
        ? [
            {
              messageId: 'removePackage' as const,
              data: { name: pkg.name },
              edits: [ctx.replace(span.start, span.end, '')],
            },
          ]
        : undefined;
      ctx.report({
        start: pkg.word.start,
        end: pkg.word.end,
        messageId: 'installsServer',
        data: { name: pkg.name },
        suggest,
      });
    }
  },
});
