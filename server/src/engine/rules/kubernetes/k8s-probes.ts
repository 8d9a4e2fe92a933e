import { getIn, type Container } from '../../models/kubernetes';
import { containerName } from '../../facts/pss';
import { containerPorts, isLongRunning, type ContainerPort } from '../../facts/workloads';
import { ensureChanged } from '../../edit/fixEdits';
import { isBlank } from '../../models/yamlValues';
import { defineKubernetesRule, type SuggestionReport } from '../rule';

type Messages = 'missingBoth' | 'missingLiveness' | 'missingReadiness' | 'addHttpGet' | 'addTcpSocket' | 'addGrpc';

const PROBES = [
  { key: 'livenessProbe', path: '/healthz' },
  { key: 'readinessProbe', path: '/readyz' },
] as const;

export default defineKubernetesRule<Messages>({
  meta: {
    id: 'k8s-probes',
    target: 'kubernetes',
    title: 'Long-running containers should have liveness and readiness probes',
    practice: 'health-checks',
    severity: 'warning',
    fix: 'suggestion',
    peers: {
      checkov: ['CKV_K8S_8', 'CKV_K8S_9'],
      kubeLinter: ['no-liveness-probe', 'no-readiness-probe'],
      polaris: ['livenessProbeMissing', 'readinessProbeMissing'],
      kubeScore: ['pod-probes'],
    },
    messages: {
      missingBoth:
        'Container "{{container}}" has no liveness or readiness probe; add probes so Kubernetes restarts it when it hangs and sends it traffic only when ready',
      missingLiveness:
        'Container "{{container}}" has no liveness probe; add one so Kubernetes restarts it when it hangs',
      missingReadiness:
        'Container "{{container}}" has no readiness probe; add one so it gets traffic, and rollouts continue, only when it is ready',
      addHttpGet: 'Add HTTP probes on port {{port}} (edit the paths)',
      addTcpSocket: 'Add TCP probes on port {{port}}',
      addGrpc: 'Add gRPC health probes on port {{port}}',
    },
    docs: {
      rationale:
        'Without a liveness probe a deadlocked process keeps its pod Running forever; without a readiness probe Services send traffic to a pod that is still starting or overloaded, and a rolling update replaces healthy pods with broken ones as fast as they start. Probes are checked on the containers of Deployments, StatefulSets, DaemonSets, ReplicaSets, ReplicationControllers and DeploymentConfigs, and of bare Pods that restart always (the default); Jobs, CronJobs and Pods with `restartPolicy: Never` or `OnFailure` (Helm tests) run to completion and are skipped, as are init, sidecar and ephemeral containers, unlike Polaris and Checkov, which also report sidecars. A startup probe does not replace either. Suggestions write probe skeletons on the first TCP containerPort (its name when it has one): HTTP GET `/healthz` and `/readyz` to adapt, a TCP connect, or a gRPC health check when the port is named grpc. A container that declares no port gets no suggestion, since no command the image can run can be guessed. Liveness and readiness should differ: restarting a pod because a dependency is down only makes an outage worse.',
      references: [
        'https://kubernetes.io/docs/concepts/configuration/liveness-readiness-startup-probes/',
        'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/',
      ],
    },
  },
  check(ctx) {
    for (const obj of ctx.kubernetes.objects) {
      if (!obj.podSpec || !isLongRunning(obj)) continue;
      for (const c of obj.podSpec.containers) {
        if (c.group !== 'containers') continue;
        let missing = PROBES.filter((p) => isBlank(getIn(obj.node, [...c.path, p.key])));
        // A kustomize patch only says what it changes: a probe it blanks out, not one it leaves out.
        const blanked = missing.filter((p) => getIn(obj.node, [...c.path, p.key]) !== undefined);
        if (obj.partial) missing = blanked;
        if (missing.length === 0) continue;
        const messageId =
          missing.length === 2
            ? 'missingBoth'
            : missing[0].key === 'livenessProbe'
              ? 'missingLiveness'
              : 'missingReadiness';
        const at = ctx.at(obj, [...c.path, missing[0].key]);
        const suggest: SuggestionReport<Messages>[] = [];
        // Only suggestions need the port, and findings-only lints drop them.
        const port = ctx.fixes ? probePort(c) : undefined;
        if (port) {
          for (const [id, probe] of skeletons(port)) {
            const edits = ensureChanged(ctx, obj, c.path, (container) => {
              for (const p of missing) container[p.key] = probe(p.path);
            });
            if (edits) suggest.push({ messageId: id, data: { port: port.name ?? port.port }, edits });
          }
        }
        ctx.report({
          start: at.start,
          end: at.end,
          messageId,
          data: { container: containerName(c) },
          suggest,
          absent: blanked.length === 0,
        });
      }
    }
  },
});

/** The port a probe would check: the first TCP port, an HTTP-looking one first. */
function probePort(c: Container): ContainerPort | undefined {
  const tcp = containerPorts(c).filter((p) => p.protocol === 'TCP');
  return tcp.find((p) => /^(?:http|web)/i.test(p.name ?? '')) ?? tcp[0];
}

function skeletons(port: ContainerPort): [Messages, (path: string) => unknown][] {
  const ref = port.name ?? port.port;
  // The gRPC probe takes a port number only, never a name.
  if (/grpc/i.test(port.name ?? ''))
    return [
      ['addGrpc', () => ({ grpc: { port: port.port } })],
      ['addTcpSocket', () => ({ tcpSocket: { port: ref } })],
    ];
  return [
    ['addHttpGet', (path) => ({ httpGet: { path, port: ref } })],
    ['addTcpSocket', () => ({ tcpSocket: { port: ref } })],
  ];
}
