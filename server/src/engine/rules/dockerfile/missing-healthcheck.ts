import { ownInstructions } from '../../models/dockerfile';
import { shippedStages } from '../../models/runScript';
import { defineDockerfileRule } from '../rule';

export default defineDockerfileRule({
  meta: {
    id: 'missing-healthcheck',
    target: 'dockerfile',
    title: 'Give service images a HEALTHCHECK',
    practice: 'health-checks',
    severity: 'hint',
    fix: 'none',
    peers: { hadolint: ['DL3057'], trivy: ['DS-0026'], checkov: ['CKV_DOCKER_2'] },
    messages: {
      missing:
        'This image exposes a port but has no HEALTHCHECK, so Docker and Swarm cannot tell a hung service from a healthy one; add HEALTHCHECK CMD <probe>, or HEALTHCHECK NONE when the orchestrator probes it',
    },
    docs: {
      rationale:
        'Without a health check, Docker, Compose and Swarm consider a container healthy as long as its process runs, so a deadlocked or wedged service keeps receiving traffic and is never restarted. A HEALTHCHECK (for example `HEALTHCHECK CMD ["/app", "healthcheck"]` or a `curl -f` of a health endpoint where curl is present) lets them act on it. Kubernetes ignores HEALTHCHECK and uses liveness and readiness probes instead, which is why this is a hint (hadolint keeps DL3057 off by default; Trivy and Checkov report it). Only images that EXPOSE a port in the final stage or the stages it is built on are checked: base and command-line images have nothing to probe. A HEALTHCHECK inherited from an earlier stage counts, and `HEALTHCHECK NONE` records a deliberate decision (for example "Kubernetes probes this") and silences the rule. A HEALTHCHECK in the base image cannot be seen and is the usual reason to suppress it.',
      references: [
        'https://docs.docker.com/reference/dockerfile/#healthcheck',
        'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/',
      ],
    },
  },
  check(ctx) {
    const model = ctx.dockerfile;
    const stage = model.finalStage;
    if (!stage || stage.implicit) return;
    const instructions = shippedStages(model).flatMap((s) => ownInstructions(model, s));
    if (
      !instructions.some((i) => i.getKeyword() === 'EXPOSE') ||
      instructions.some((i) => i.getKeyword() === 'HEALTHCHECK')
    )
      return;
    const imageRange = stage.from.getImageRange();
    const at = model.offsets(imageRange ?? stage.from.getRange());
    ctx.report({ start: at.start, end: at.end, messageId: 'missing' });
  },
});
