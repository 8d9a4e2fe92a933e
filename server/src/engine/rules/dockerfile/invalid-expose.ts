import { defineDockerfileRule } from '../rule';

const SPEC = /^(\d+)(?:-(\d+))?(?:\/([A-Za-z]+))?$/;

type Problem = {
  messageId: 'outOfRange' | 'reversed' | 'protocol' | 'hostPort' | 'malformed';
  data?: Record<string, string>;
  containerPort?: string;
};

function problem(spec: string): Problem | undefined {
  const host = /^(?:[\d.]+:|\[[\da-f:]+\]:)?\d+:(\d+(?:-\d+)?(?:\/\w+)?)$/i.exec(spec);
  if (host) return { messageId: 'hostPort', containerPort: host[1] };
  const m = SPEC.exec(spec);
  if (!m) return { messageId: 'malformed' };
  const [lo, hi] = [Number(m[1]), m[2] === undefined ? Number(m[1]) : Number(m[2])];
  const bad = [lo, hi].find((p) => p > 65535);
  if (bad !== undefined) return { messageId: 'outOfRange', data: { port: String(bad) } };
  if (hi < lo) return { messageId: 'reversed' };
  if (m[3] && !['tcp', 'udp', 'sctp'].includes(m[3].toLowerCase()))
    return { messageId: 'protocol', data: { protocol: m[3] } };
  return undefined;
}

export default defineDockerfileRule({
  meta: {
    id: 'invalid-expose',
    target: 'dockerfile',
    title: 'EXPOSE only valid container ports',
    practice: 'network-policies',
    severity: 'error',
    fix: 'suggestion',
    peers: { hadolint: ['DL3011'], trivy: ['DS-0008'] },
    messages: {
      outOfRange: 'Port {{port}} is outside the valid range 0-65535; use a real port number',
      reversed: 'The port range "{{spec}}" ends before it starts; write it as low-high',
      protocol: 'Protocol "{{protocol}}" is not one of tcp, udp or sctp; use one of them',
      hostPort:
        '"{{spec}}" publishes a host port, which a Dockerfile cannot do; EXPOSE only the container port and publish it at run time',
      malformed:
        '"{{spec}}" is not a port, port range or port/protocol; use forms such as 8080, 8080/tcp or 8000-8010/udp',
      containerOnly: 'Expose only {{port}}',
    },
    docs: {
      rationale:
        'EXPOSE documents which ports the application listens on; orchestration tooling, `docker run -P` and readers of the Dockerfile rely on it when they write Services and NetworkPolicies. A port outside 0-65535, a reversed range, an unknown protocol or a `host:container` mapping is either rejected by the build or silently means something else, so the image documents a port nothing listens on. Publishing to the host is a run-time decision (`docker run -p`, a Kubernetes Service) and is offered as a quick fix that keeps only the container port. Ports written with variables are not checked. Every stage is checked, since an invalid EXPOSE breaks the build wherever it is.',
      references: [
        'https://docs.docker.com/reference/dockerfile/#expose',
        'https://github.com/hadolint/hadolint/wiki/DL3011',
      ],
    },
  },
  check(ctx) {
    const model = ctx.dockerfile;
    for (const stage of model.stages) {
      for (const ins of stage.instructions) {
        if (ins.getKeyword() !== 'EXPOSE') continue;
        for (const arg of ins.getArguments()) {
          const spec = arg.getValue();
          if (spec.includes('$')) continue;
          const p = problem(spec);
          if (!p) continue;
          const { start, end } = model.offsets(arg.getRange());
          const suggest =
            p.containerPort && !problem(p.containerPort)
              ? [
                  {
                    messageId: 'containerOnly' as const,
                    data: { port: p.containerPort },
                    edits: [ctx.replace(start, end, p.containerPort)],
                  },
                ]
              : undefined;
          ctx.report({ start, end, messageId: p.messageId, data: { spec, ...p.data }, suggest });
        }
      }
    }
  },
});
