import { isScalar } from 'yaml';
import { getIn } from '../../parse/kubernetes';
import { defineKubernetesRule } from '../../rule';

export default defineKubernetesRule({
  meta: {
    id: 'k8s-privileged-container',
    target: 'kubernetes',
    title: 'Containers must not run privileged',
    practice: 'least-privilege',
    severity: 'error',
    fix: 'safe',
    peers: { pss: ['privileged'], kubeLinter: ['privileged-container'], checkov: ['CKV_K8S_16'], trivy: ['KSV-0017'], polaris: ['privilegeEscalationAllowed'], kubeScore: ['container-security-context-privileged'] },
    messages: {
      privileged: 'Container "{{container}}" runs privileged (securityContext.privileged: true); set it to false',
    },
    docs: {
      rationale:
        'A privileged container has every capability and access to all host devices: root in it is root on the node. The Pod Security Standards baseline profile forbids it. Run privileged only for node agents that truly need it, in a namespace with the privileged profile, and suppress this rule there with a reason.',
      references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline'],
    },
  },
  check(ctx) {
    for (const obj of ctx.kubernetes.objects) {
      for (const c of obj.podSpec?.containers ?? []) {
        const node = getIn(obj.node, [...c.path, 'securityContext', 'privileged']);
        if (!isScalar(node) || node.value !== true) continue;
        const at = ctx.at(obj, [...c.path, 'securityContext', 'privileged']);
        ctx.report({
          start: at.start,
          end: at.end,
          messageId: 'privileged',
          data: { container: c.name ?? String(c.index) },
          fix: [ctx.replace(at.start, at.end, 'false')],
        });
      }
    }
  },
});
