import { defineKubernetesRule } from '../rule';
import { grants, reportGrants, roleObjects } from './rbac/model';
import { listText, roleData } from './rbac/text';

type Messages = 'changeConfigMaps';

export default defineKubernetesRule<Messages>({
  meta: {
    id: 'k8s-rbac-kube-system-configmaps',
    target: 'kubernetes',
    title: 'Roles in kube-system should not change ConfigMaps',
    practice: 'least-privilege',
    severity: 'warning',
    fix: 'none',
    peers: { trivy: ['KSV-0115'] },
    messages: {
      changeConfigMaps:
        '{{kind}} "{{name}}" rule {{rule}} allows {{verbs}} on ConfigMaps{{names}} in kube-system: they configure the cluster itself (aws-auth maps cloud identities to groups such as system:masters, coredns and kube-proxy route traffic); keep this to the cluster\'s own components',
    },
    docs: {
      rationale:
        'ConfigMaps in `kube-system` configure the cluster, not an application: on EKS `aws-auth` maps IAM roles to Kubernetes users and groups, so whoever may change it maps its own cloud identity to `system:masters`; `coredns` decides where every name resolves; `kube-proxy` and `kubeadm-config` configure the nodes. A Role in namespace `kube-system` is reported when it allows `update`, `patch` or `*` on `configmaps` in the core group; the message quotes its `resourceNames` when it has some. Creating ConfigMaps does not change existing ones and is not reported. A ClusterRole with the same rule grants it in kube-system only through a binding there, which this rule does not resolve.',
      references: [
        'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege',
        'https://docs.aws.amazon.com/eks/latest/userguide/auth-configmap.html',
      ],
    },
  },
  check(ctx) {
    for (const role of roleObjects(ctx)) {
      if (role.kind !== 'Role' || role.namespace !== 'kube-system') continue;
      const found = grants(role.rules, { groups: [''], resources: ['configmaps'], verbs: ['update', 'patch'] });
      reportGrants(ctx, role, found, 'changeConfigMaps', (g) => ({
        ...roleData(role, g.rule.index),
        verbs: listText(g.verbs),
        names: g.rule.resourceNames.length ? ` named ${listText(g.rule.resourceNames)}` : '',
      }));
    }
  },
});
