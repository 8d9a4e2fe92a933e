import { defineKubernetesRule, type KubernetesContext } from '../rule';
import {
  grants,
  RBAC_GROUP,
  reportGrants,
  roleObjects,
  type Grant,
  type Permission,
  type RoleObject,
} from './rbac/model';
import { listText, roleData } from './rbac/text';

type Messages = 'escalate' | 'bind' | 'impersonate' | 'tokenCreate' | 'nodeProxy' | 'csrApproval';

const CERTS = 'certificates.k8s.io';

/** The families this rule reports, with what a role must allow; cluster-scoped resources only count in a ClusterRole. */
const FAMILIES: { id: Messages; permission: Permission; clusterOnly?: boolean }[] = [
  { id: 'escalate', permission: { groups: [RBAC_GROUP], resources: ['roles', 'clusterroles'], verbs: ['escalate'] } },
  { id: 'bind', permission: { groups: [RBAC_GROUP], resources: ['roles', 'clusterroles'], verbs: ['bind'] } },
  {
    id: 'impersonate',
    permission: { groups: [''], resources: ['users', 'groups'], verbs: ['impersonate'] },
    clusterOnly: true,
  },
  { id: 'impersonate', permission: { groups: [''], resources: ['serviceaccounts'], verbs: ['impersonate'] } },
  {
    id: 'impersonate',
    permission: { groups: ['authentication.k8s.io'], resources: ['userextras/*', 'uids'], verbs: ['impersonate'] },
    clusterOnly: true,
  },
  { id: 'tokenCreate', permission: { groups: [''], resources: ['serviceaccounts/token'], verbs: ['create'] } },
  {
    id: 'nodeProxy',
    permission: { groups: [''], resources: ['nodes/proxy'], verbs: ['get', 'create'] },
    clusterOnly: true,
  },
];

export default defineKubernetesRule<Messages>({
  meta: {
    id: 'k8s-rbac-privilege-escalation',
    target: 'kubernetes',
    title: 'Roles should not allow escalate, bind, impersonate, token creation, node proxy or certificate approval',
    practice: 'least-privilege',
    severity: 'warning',
    fix: 'none',
    peers: { trivy: ['KSV-0043', 'KSV-0047'], checkov: ['CKV_K8S_156', 'CKV_K8S_157', 'CKV_K8S_158'] },
    messages: {
      escalate:
        '{{kind}} "{{name}}" rule {{rule}} allows escalate on {{resource}} {{scope}}: whoever holds it (with update) adds to a role any right it does not have, cluster-admin\'s included; remove escalate',
      bind: '{{kind}} "{{name}}" rule {{rule}} allows bind on {{resource}}{{names}} {{scope}}: whoever holds it (with create on bindings) grants itself any of those roles, with rights it does not have; remove bind or name the roles in resourceNames',
      impersonate:
        '{{kind}} "{{name}}" rule {{rule}} allows impersonate on {{resource}}{{names}} {{scope}}: whoever holds it acts as those identities with all their rights (system:masters is a group); name the identities in resourceNames',
      tokenCreate:
        '{{kind}} "{{name}}" rule {{rule}} allows create on serviceaccounts/token{{names}} {{scope}}: whoever holds it mints tokens for those service accounts and acts with their rights; remove it or name the accounts in resourceNames',
      nodeProxy:
        '{{kind}} "{{name}}" rule {{rule}} allows {{verbs}} on nodes/proxy: whoever holds it calls the kubelet API of every node, runs commands in any pod of the cluster and bypasses audit and admission; remove it (metrics need only nodes/metrics)',
      csrApproval:
        '{{kind}} "{{name}}" rule {{rule}} allows approving CertificateSigningRequests (with approve on {{signers}}): whoever holds it issues itself client certificates for any user or group, system:masters included with the kube-apiserver-client signer; keep this to the certificate controller',
    },
    docs: {
      rationale:
        "Kubernetes RBAC prevents privilege escalation: a role can only be created or bound by someone who already holds its rights. A few verbs lift that rule on purpose, and a role that has them is as strong as the strongest role in its scope: `escalate` on `roles` or `clusterroles` lets its holder write rights it lacks into a role; `bind` lets it bind roles with rights it lacks; `impersonate` on `users`, `groups` or `serviceaccounts` lets it act as any of them (the group `system:masters` bypasses RBAC entirely); `create` on `serviceaccounts/token` mints a token for any service account in scope. `nodes/proxy` reaches the kubelet API, which runs commands in every pod of the node and is neither audited nor admitted by the API server. Approving CertificateSigningRequests takes `update` on `certificatesigningrequests/approval` and `approve` on the signer (`signers` in `certificates.k8s.io`): together they issue client certificates with any user and group in them, and the finding is reported only when the role has both. `resourceNames` narrow bind, impersonate and token creation to the names listed and are quoted in the message. Cluster-scoped resources (users, groups, nodes, certificate requests) only count in a ClusterRole: a Role naming them grants nothing. Each family has its own message; the controllers built for these rights (the certificate approver, kube-controller-manager's roles, Rancher or Vault) should be suppressed with a reason.",
      references: [
        'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#privilege-escalation-risks',
        'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#privilege-escalation-prevention-and-bootstrapping',
        'https://kubernetes.io/docs/reference/access-authn-authz/certificate-signing-requests/#authorization',
      ],
    },
  },
  check(ctx) {
    for (const role of roleObjects(ctx)) {
      const data = (g: Grant) => ({
        ...roleData(role, g.rule.index),
        resource: g.resource.value,
        verbs: listText(g.verbs),
        names: namesText(g),
      });
      for (const f of FAMILIES) {
        if (f.clusterOnly && role.kind !== 'ClusterRole') continue;
        reportGrants(ctx, role, grants(role.rules, f.permission), f.id, data);
      }
      if (role.kind === 'ClusterRole') csrApproval(ctx, role);
    }
  },
});

function namesText(g: Grant): string {
  return g.rule.resourceNames.length ? ` named ${listText(g.rule.resourceNames)}` : '';
}

/** Approval needs both rights in the role: update on the approval subresource and approve on a signer. */
function csrApproval(ctx: KubernetesContext<Messages>, role: RoleObject): void {
  const approval = grants(role.rules, {
    groups: [CERTS],
    resources: ['certificatesigningrequests/approval'],
    verbs: ['update', 'patch'],
  });
  const signers = grants(role.rules, { groups: [CERTS], resources: ['signers'], verbs: ['approve'] });
  if (!approval.length || !signers.length) return;
  const names = signers.flatMap((g) => (g.rule.resourceNames.length ? g.rule.resourceNames : ['*']));
  const text = names.includes('*') ? 'every signer' : `signers ${listText(names)}`;
  reportGrants(ctx, role, approval, 'csrApproval', (g) => ({ ...roleData(role, g.rule.index), signers: text }));
}
