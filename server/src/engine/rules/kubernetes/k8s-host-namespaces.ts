import { getIn } from '../../models/kubernetes';
import { pssPods } from '../../facts/pss';
import { asFix } from '../../edit/fixEdits';
import { yamlBool } from '../../models/yamlValues';
import { defineKubernetesRule } from '../rule';

const FIELDS = ['hostNetwork', 'hostPID', 'hostIPC'] as const;

export default defineKubernetesRule({
  meta: {
    id: 'k8s-host-namespaces',
    target: 'kubernetes',
    title: 'Pods must not share the host network, PID or IPC namespace',
    practice: 'least-privilege',
    severity: 'warning',
    fix: 'safe',
    peers: {
      pss: ['hostNamespaces'],
      kubeLinter: ['host-network', 'host-pid', 'host-ipc'],
      checkov: ['CKV_K8S_17', 'CKV_K8S_18', 'CKV_K8S_19'],
      trivy: ['KSV-0008', 'KSV-0009', 'KSV-0010'],
      polaris: ['hostNetworkSet', 'hostPIDSet', 'hostIPCSet'],
    },
    messages: {
      hostNamespace: 'host namespaces: the pod sets {{field}}=true; set it to false',
    },
    docs: {
      rationale:
        'A pod in the host network namespace sees every interface of the node and can bind its ports; in the host PID namespace it can inspect and signal every process on the node; in the host IPC namespace it shares memory segments with them. The Pod Security Standards baseline profile forbids all three. Node agents (CNI plugins, node exporters) may need one of them: run those in a namespace labelled with the privileged profile, or suppress this rule for them with a reason. The fix sets the field to false, which is also its default.',
      references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline'],
    },
  },
  check(ctx) {
    for (const pod of pssPods(ctx, 'baseline')) {
      for (const field of FIELDS) {
        const path = [...pod.spec.path, field];
        if (yamlBool(getIn(pod.obj.node, path)) !== true) continue;
        const at = ctx.at(pod.obj, path);
        ctx.report({
          start: at.start,
          end: at.end,
          messageId: 'hostNamespace',
          data: { field },
          fix: asFix(ctx.ensure(pod.obj, path, false)),
        });
      }
    }
  },
});
