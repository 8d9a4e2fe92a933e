import { defineKubernetesRule } from '../rule';
import { bindingObjects } from './rbac/bindings';

type Messages = 'otherNamespace';

export default defineKubernetesRule<Messages>({
  meta: {
    id: 'k8s-rbac-cross-namespace-binding',
    target: 'kubernetes',
    title: 'RoleBindings should not grant rights to service accounts of other namespaces',
    practice: 'least-privilege',
    severity: 'info',
    fix: 'none',
    peers: {},
    messages: {
      otherNamespace:
        'RoleBinding "{{name}}" in namespace "{{namespace}}" gives {{role}} to service account "{{account}}" of namespace "{{other}}": every pod running as it in "{{other}}" gets those rights in "{{namespace}}", so a compromise there crosses namespaces; check that this is intended',
    },
    docs: {
      rationale:
        "Namespaces are the usual boundary between teams and applications. A RoleBinding whose subject is a service account of another namespace lets every pod of that namespace that runs as the account act in this one, so a compromised pod there reaches here; the binding is often a leftover from a moved application, or a monitoring or CI account that deserves its own review. A RoleBinding subject `kind: ServiceAccount` with a `namespace` different from the RoleBinding's is reported, on that namespace; a subject without a namespace is in the binding's own, and a RoleBinding that writes no namespace (applied with `kubectl apply -n`) is not reported. ClusterRoleBindings have no namespace of their own and are not reported. Intended cases (a central CI or monitoring account) are common, hence the info severity: suppress them with a reason.",
      references: ['https://kubernetes.io/docs/reference/access-authn-authz/rbac/#service-account-permissions'],
    },
  },
  check(ctx) {
    for (const b of bindingObjects(ctx)) {
      // Without a namespace in the manifest, `kubectl apply -n` decides where the binding lives: nothing to compare.
      if (b.kind !== 'RoleBinding' || !b.namespaced) continue;
      const role = b.roleRef ? `${b.roleRef.kind} "${b.roleRef.name}"` : 'its role';
      for (const s of b.subjects) {
        if (s.kind !== 'ServiceAccount' || s.namespace === undefined || s.namespace === b.namespace) continue;
        const at = ctx.at(b.obj, ['subjects', s.index, 'namespace']);
        ctx.report({
          start: at.start,
          end: at.end,
          messageId: 'otherNamespace',
          data: { name: b.name, namespace: b.namespace ?? 'default', role, account: s.name, other: s.namespace },
        });
      }
    }
  },
});
