import { defineKubernetesRule } from '../rule';
import { bindingObjects, subjectText, whereText } from './rbac/bindings';
import { effectiveRules, findRole, isAllOnAll } from './rbac/model';

type Messages = 'clusterAdmin' | 'namespaceAdmin';

export default defineKubernetesRule<Messages>({
  meta: {
    id: 'k8s-rbac-cluster-admin-binding',
    target: 'kubernetes',
    title: 'Bindings should not grant cluster-admin or every verb on every resource',
    practice: 'least-privilege',
    severity: 'warning',
    fix: 'none',
    peers: {
      kubeLinter: ['cluster-admin-role-binding'],
      trivy: ['KSV-0111'],
      polaris: ['clusterrolebindingClusterAdmin', 'rolebindingClusterAdminClusterRole', 'rolebindingClusterAdminRole'],
    },
    messages: {
      clusterAdmin:
        '{{kind}} "{{name}}" gives {{role}} to {{subjects}} across the whole cluster: every Secret, every workload and node, and RBAC itself; bind a role with only the rights they need',
      namespaceAdmin:
        'RoleBinding "{{name}}" gives {{role}} to {{subjects}} {{where}}: every Secret and workload there, and the namespace\'s RBAC; bind a role with only the rights they need',
    },
    docs: {
      rationale:
        "`cluster-admin` allows every verb on every resource: whoever holds it reads every Secret, runs any pod on any node, and grants anything to anyone, so a leaked token or a compromised pod of one of its subjects is the whole cluster. The rule reports a binding whose roleRef is the ClusterRole `cluster-admin`, or a Role or ClusterRole of the workspace (any file) with a rule that allows `*` verbs on `*` resources in `*` API groups, its own or one it aggregates: a ClusterRole with an `aggregationRule` holds the rules of the workspace's ClusterRoles whose labels its `clusterRoleSelectors` select (matchLabels and matchExpressions, transitively). A ClusterRoleBinding grants it cluster-wide; a RoleBinding grants even a ClusterRole only in the RoleBinding's namespace, which the message says (that is still every Secret and workload of the namespace). Subjects whose name starts with `system:` are the cluster's own (`system:masters` is bound to cluster-admin by default) and are not reported here; `system:anonymous`, `system:unauthenticated` and `system:authenticated` are reported by `k8s-rbac-system-group-binding`. The finding is on the roleRef name and lists the subjects.",
      references: [
        'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege',
        'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles',
      ],
    },
  },
  check(ctx) {
    for (const b of bindingObjects(ctx)) {
      if (!b.roleRef) continue;
      const { kind: refKind, name: refName } = b.roleRef;
      let role: string | undefined;
      if (refKind === 'ClusterRole' && refName === 'cluster-admin') role = 'ClusterRole "cluster-admin"';
      else if (refKind === 'ClusterRole' || refKind === 'Role') {
        const found = findRole(ctx.workspace, refKind, refName, b.namespace ?? '');
        const hit = found ? effectiveRules(ctx.workspace, found).find((r) => isAllOnAll(r.rule)) : undefined;
        if (hit && hit.from === found)
          role = `${refKind} "${refName}" (its rule ${hit.rule.index + 1} allows every verb on every resource)`;
        else if (hit)
          role = `${refKind} "${refName}" (it aggregates ClusterRole "${hit.from.name ?? ''}", whose rule ${hit.rule.index + 1} allows every verb on every resource)`;
      }
      if (!role) continue;
      const subjects = b.subjects.filter((s) => s.kind === 'ServiceAccount' || !s.name.startsWith('system:'));
      if (!subjects.length) continue;
      const at = ctx.at(b.obj, ['roleRef', 'name']);
      const data = {
        kind: b.kind,
        name: b.name,
        role,
        subjects: subjects.map((s) => subjectText(s, b)).join(', '),
        namespace: b.namespace ?? '',
        where: whereText(b),
      };
      ctx.report({
        start: at.start,
        end: at.end,
        messageId: b.kind === 'ClusterRoleBinding' ? 'clusterAdmin' : 'namespaceAdmin',
        data,
      });
    }
  },
});
