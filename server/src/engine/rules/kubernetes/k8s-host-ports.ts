import { getIn } from '../../models/kubernetes';
import { containerName, pssPods } from '../../facts/pss';
import { asFix } from '../../edit/fixEdits';
import { isUnset, scalarValue, seqItems } from '../../models/yamlValues';
import { defineKubernetesRule } from '../rule';

export default defineKubernetesRule({
  meta: {
    id: 'k8s-host-ports',
    target: 'kubernetes',
    title: 'Containers must not bind host ports',
    practice: 'least-privilege',
    severity: 'warning',
    fix: 'suggestion',
    peers: { pss: ['hostPorts'], checkov: ['CKV_K8S_26'], trivy: ['KSV-0024'], polaris: ['hostPortSet'] },
    messages: {
      hostPort:
        'hostPort: container "{{container}}" uses hostPort {{port}}; remove it and expose the port with a Service',
      removeHostPort: 'Remove hostPort {{port}}',
    },
    docs: {
      rationale:
        "A hostPort opens the port on the node's own addresses, bypassing Services and most NetworkPolicy implementations, and limits scheduling to one such pod per node. The baseline profile allows only an unset or 0 hostPort. Ingress controllers on bare metal sometimes need host ports: run them in a namespace with the privileged profile or suppress this rule there with a reason. Removing the hostPort is a suggestion, since clients may reach the pod through the node address.",
      references: [
        'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
        'https://kubernetes.io/docs/concepts/configuration/overview/#services',
      ],
    },
  },
  check(ctx) {
    for (const pod of pssPods(ctx, 'baseline')) {
      for (const c of pod.spec.containers) {
        for (const { index } of seqItems(getIn(pod.obj.node, [...c.path, 'ports']))) {
          const path = [...c.path, 'ports', index, 'hostPort'];
          const node = getIn(pod.obj.node, path);
          if (isUnset(node) || scalarValue(node) === 0) continue;
          const port = String(scalarValue(node) ?? '');
          const at = ctx.at(pod.obj, path);
          const edits = asFix(ctx.remove(pod.obj, path));
          ctx.report({
            start: at.start,
            end: at.end,
            messageId: 'hostPort',
            data: { container: containerName(c), port },
            suggest: edits ? [{ messageId: 'removeHostPort', data: { port }, edits }] : undefined,
          });
        }
      }
    }
  },
});
