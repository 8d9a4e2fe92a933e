import { defineKubernetesRule } from '../rule';
import { grants, reportGrants, roleObjects } from './rbac/model';
import { listText, roleData } from './rbac/text';

type Messages = 'listSecrets' | 'getSecrets';

const LIST = ['list', 'watch', '*'];

export default defineKubernetesRule<Messages>({
  meta: {
    id: 'k8s-rbac-secret-access',
    target: 'kubernetes',
    title: 'Roles should not read Secrets they do not name',
    practice: 'least-privilege',
    severity: 'warning',
    fix: 'none',
    peers: { kubeLinter: ['access-to-secrets'], trivy: ['KSV-0041', 'KSV-0113'] },
    messages: {
      listSecrets:
        '{{kind}} "{{name}}" rule {{rule}} allows {{verbs}} on Secrets {{scope}}: list and watch return the value of every Secret (service account tokens, TLS keys, passwords); allow only get on the Secrets it needs, named in resourceNames',
      getSecrets:
        '{{kind}} "{{name}}" rule {{rule}} allows get on every Secret {{scope}}: whoever knows or guesses a name (most follow conventions) reads its value; name the Secrets it needs in resourceNames',
    },
    docs: {
      rationale:
        'Secrets hold the credentials of everything else: database passwords, TLS keys, cloud keys and, in older clusters, service account tokens that carry those accounts\' rights. `list` and `watch` return the full objects, values included, so a role that may list Secrets reads all of them at once; `get` reads any Secret whose name is known, and names are predictable. A rule is reported when it allows `get`, `list`, `watch` or `*` on `secrets` in the core API group (`""` or `*`) without `resourceNames`; a rule that names its Secrets in `resourceNames` restricts every one of those verbs to them and is not reported. The finding is on the `secrets` item, and says where the rights apply: the Role\'s namespace, or every namespace for a ClusterRole bound by a ClusterRoleBinding. `resources: ["*"]` is reported by `k8s-rbac-wildcard`. Write access to Secrets is not this rule\'s concern: creating or replacing a Secret does not reveal the others. Operators that manage Secrets for others (cert-manager, external-secrets, sealed-secrets) need this by design; suppress the finding on their role with a reason.',
      references: [
        'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#listing-secrets',
        'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-resources',
      ],
    },
  },
  check(ctx) {
    for (const role of roleObjects(ctx)) {
      const found = grants(role.rules, {
        groups: [''],
        resources: ['secrets'],
        verbs: ['get', 'list', 'watch'],
      }).filter((g) => g.rule.resourceNames.length === 0);
      reportGrants(
        ctx,
        role,
        found,
        (g) => (g.verbs.some((v) => LIST.includes(v)) ? 'listSecrets' : 'getSecrets'),
        (g) => ({ ...roleData(role, g.rule.index), verbs: listText(g.verbs) }),
      );
    }
  },
});
