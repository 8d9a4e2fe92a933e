import { defineKubernetesRule } from '../rule';
import { grants, reportGrants, roleObjects } from './rbac/model';
import { listText, roleData } from './rbac/text';

type Messages = 'mutating' | 'validating';

const GROUP = 'admissionregistration.k8s.io';
const VERBS = ['create', 'update', 'patch', 'delete', 'deletecollection'];

export default defineKubernetesRule<Messages>({
  meta: {
    id: 'k8s-rbac-admission-webhooks',
    target: 'kubernetes',
    title: 'ClusterRoles should not change admission webhooks and policies',
    practice: 'least-privilege',
    severity: 'warning',
    fix: 'none',
    peers: { checkov: ['CKV_K8S_155'], trivy: ['KSV-0114'] },
    messages: {
      mutating:
        '{{kind}} "{{name}}" rule {{rule}} allows {{verbs}} on {{resource}}{{names}}: whoever holds it registers a webhook that receives, and may rewrite, every object sent to the API server (Secrets in clear, pods it can give any image or privilege); keep this to the webhook\'s own installer',
      validating:
        '{{kind}} "{{name}}" rule {{rule}} allows {{verbs}} on {{resource}}{{names}}: whoever holds it removes or weakens the admission checks that enforce policy, or registers a webhook that receives every object sent to the API server, Secrets included; keep this to the policy engine\'s installer',
    },
    docs: {
      rationale:
        "Admission webhooks see every request they register for, with the full object (Secrets included, in clear), and mutating webhooks may change it: a webhook registered by an attacker injects containers, service accounts or host mounts into every new pod, and a deleted or relaxed validating webhook or ValidatingAdmissionPolicy turns off the policy engine (Kyverno, Gatekeeper) that would have stopped it. A ClusterRole is reported when it allows `create`, `update`, `patch`, `delete`, `deletecollection` or `*` on `mutatingwebhookconfigurations`, `mutatingadmissionpolicies` (and bindings), `validatingwebhookconfigurations` or `validatingadmissionpolicies` (and bindings) in `admissionregistration.k8s.io`. These are cluster-scoped, so a Role naming them grants nothing and is not reported. Read access is not reported. Tools that manage their own webhook configuration (cert-manager's cainjector patches caBundle) need `update` or `patch`: prefer `resourceNames` for their own configuration, and suppress the finding with a reason.",
      references: [
        'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#control-admission-webhooks',
        'https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/',
      ],
    },
  },
  check(ctx) {
    for (const role of roleObjects(ctx)) {
      if (role.kind !== 'ClusterRole') continue;
      const found = grants(role.rules, {
        groups: [GROUP],
        resources: [
          'mutatingwebhookconfigurations',
          'mutatingadmissionpolicies',
          'mutatingadmissionpolicybindings',
          'validatingwebhookconfigurations',
          'validatingadmissionpolicies',
          'validatingadmissionpolicybindings',
        ],
        verbs: VERBS,
      });
      reportGrants(
        ctx,
        role,
        found,
        (g) => (g.resource.value.startsWith('mutating') ? 'mutating' : 'validating'),
        (g) => ({
          ...roleData(role, g.rule.index),
          verbs: listText(g.verbs),
          resource: g.resource.value,
          names: g.rule.resourceNames.length ? ` named ${listText(g.rule.resourceNames)}` : '',
        }),
      );
    }
  },
});
