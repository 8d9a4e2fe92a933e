import { getIn } from '../../models/kubernetes';
import { containerName, pssPods } from '../../facts/pss';
import { asFix } from '../../edit/fixEdits';
import { stringValue } from '../../models/yamlValues';
import { defineKubernetesRule } from '../rule';

/** Handlers whose `host` PSA checks, relative to a container. */
const HANDLERS = [
  ['livenessProbe'],
  ['readinessProbe'],
  ['startupProbe'],
  ['lifecycle', 'postStart'],
  ['lifecycle', 'preStop'],
].flatMap((h) => ['httpGet', 'tcpSocket'].map((kind) => [...h, kind]));

export default defineKubernetesRule({
  meta: {
    id: 'k8s-host-probes-and-lifecycle',
    target: 'kubernetes',
    title: 'Probes and lifecycle hooks must not target another host',
    practice: 'least-privilege',
    severity: 'warning',
    fix: 'suggestion',
    peers: { pss: ['hostProbesAndHostLifecycle'] },
    messages: {
      host: 'probe or lifecycle host: container "{{container}}" sets {{handler}}.host to "{{host}}"; remove it so the kubelet targets the pod',
      removeHost: 'Remove {{handler}}.host',
    },
    docs: {
      rationale:
        'The kubelet runs probes and httpGet/tcpSocket lifecycle hooks from the node; with a host set, a pod can make the kubelet send requests to any address the node reaches (node-local services, cloud metadata endpoints), a server-side request forgery. From v1.34 the baseline profile requires host to be empty or unset in the liveness, readiness and startup probes and in postStart and preStop hooks. Removing host is a suggestion: the probe then goes to the pod IP, so a Host header the server needs belongs in httpHeaders.',
      references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline'],
    },
  },
  check(ctx) {
    for (const pod of pssPods(ctx, 'baseline')) {
      if (pod.policy.minor < 34) continue;
      for (const c of pod.spec.containers) {
        for (const handler of HANDLERS) {
          const path = [...c.path, ...handler, 'host'];
          const host = stringValue(getIn(pod.obj.node, path));
          if (!host) continue;
          const at = ctx.at(pod.obj, path);
          const name = handler.join('.');
          const edits = asFix(ctx.remove(pod.obj, path));
          ctx.report({
            start: at.start,
            end: at.end,
            messageId: 'host',
            data: { container: containerName(c), handler: name, host },
            suggest: edits ? [{ messageId: 'removeHost', data: { handler: name }, edits }] : undefined,
          });
        }
      }
    }
  },
});
