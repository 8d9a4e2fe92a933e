import { defineKubernetesRule } from '../rule';
import { bindingObjects, whereText } from './rbac/bindings';

type Messages = 'anonymous' | 'authenticated' | 'masters';

const SUBJECTS: Record<string, Messages> = {
  'system:anonymous': 'anonymous',
  'system:unauthenticated': 'anonymous',
  'system:authenticated': 'authenticated',
  'system:masters': 'masters',
};

/** ClusterRoles the API server itself binds to these groups: discovery, self-review and version info. */
const DEFAULT_PUBLIC = new Set(['system:discovery', 'system:basic-user', 'system:public-info-viewer']);

export default defineKubernetesRule<Messages>({
  meta: {
    id: 'k8s-rbac-system-group-binding',
    target: 'kubernetes',
    title: 'Bindings should not name system:anonymous, system:unauthenticated, system:authenticated or system:masters',
    practice: 'least-privilege',
    severity: 'error',
    fix: 'none',
    peers: { trivy: ['KSV-0122', 'KSV-0123'] },
    messages: {
      anonymous:
        '{{kind}} "{{name}}" gives {{role}} to {{subject}} {{where}}: anyone who can reach the API server gets it without credentials; remove the subject',
      authenticated:
        '{{kind}} "{{name}}" gives {{role}} to system:authenticated {{where}}: every identity the cluster accepts gets it, every service account of every namespace included (on GKE, any Google account); bind the users or groups that need it',
      masters:
        '{{kind}} "{{name}}" names the group system:masters: its members bypass RBAC entirely, so the binding grants nothing and only hides who the role was meant for; remove the subject',
    },
    docs: {
      rationale:
        "Three groups hold identities the cluster does not choose: `system:anonymous` (user) and `system:unauthenticated` (group) are every request without credentials, when anonymous authentication is on (the default for the API server); `system:authenticated` is every identity that authenticates, which includes every service account token of every namespace and, on GKE, any Google account. Binding a role to them gives it to strangers or to every pod of the cluster. `system:masters` is the opposite: members skip authorization altogether, so a binding naming it grants nothing and is a mistake or a placeholder for a role meant for someone else. The API server binds `system:discovery`, `system:basic-user` and `system:public-info-viewer` to these groups itself; bindings of those roles are not reported. The finding is on the subject's name.",
      references: [
        'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#discovery-roles',
        'https://kubernetes.io/docs/reference/access-authn-authz/authentication/#anonymous-requests',
        'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege',
      ],
    },
  },
  check(ctx) {
    for (const b of bindingObjects(ctx)) {
      if (b.roleRef?.kind === 'ClusterRole' && DEFAULT_PUBLIC.has(b.roleRef.name)) continue;
      const role = b.roleRef ? `${b.roleRef.kind} "${b.roleRef.name}"` : 'its role';
      for (const s of b.subjects) {
        const messageId = s.kind !== 'ServiceAccount' ? SUBJECTS[s.name] : undefined;
        if (!messageId) continue;
        const at = ctx.at(b.obj, ['subjects', s.index, 'name']);
        ctx.report({
          start: at.start,
          end: at.end,
          messageId,
          data: { kind: b.kind, name: b.name, role, subject: s.name, where: whereText(b) },
        });
      }
    }
  },
});
