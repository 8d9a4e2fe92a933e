import { getIn } from '../../models/kubernetes';
import { ownerName, pssPods, securityContexts } from '../../facts/pss';
import { yamlBool } from '../../models/yamlValues';
import { defineKubernetesRule } from '../rule';

export default defineKubernetesRule({
  meta: {
    id: 'k8s-windows-host-process',
    target: 'kubernetes',
    title: 'Windows pods must not run as HostProcess containers',
    practice: 'least-privilege',
    severity: 'warning',
    fix: 'none',
    peers: { pss: ['windowsHostProcess'], trivy: ['KSV-0103'] },
    messages: {
      hostProcess:
        'hostProcess: {{owner}} must not set securityContext.windowsOptions.hostProcess=true; run it in a namespace with the privileged profile',
    },
    docs: {
      rationale:
        'A Windows HostProcess container runs directly on the node, in its network namespace, with access to its file system and as any node user, which is the Windows equivalent of a privileged container. The baseline profile forbids hostProcess: true on the pod and on every container. No fix is offered: a HostProcess pod must also use the host network and set the field consistently on all containers, so turning it off is a redesign, not an edit.',
      references: [
        'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
        'https://kubernetes.io/docs/tasks/configure-pod-container/create-hostprocess-pod/',
      ],
    },
  },
  check(ctx) {
    for (const pod of pssPods(ctx, 'baseline')) {
      for (const ref of securityContexts(pod)) {
        const path = [...ref.path, 'windowsOptions', 'hostProcess'];
        if (yamlBool(getIn(pod.obj.node, path)) !== true) continue;
        const at = ctx.at(pod.obj, path);
        ctx.report({ start: at.start, end: at.end, messageId: 'hostProcess', data: { owner: ownerName(ref) } });
      }
    }
  },
});
