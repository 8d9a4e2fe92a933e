import { isMap, isSeq } from 'yaml';
import { getIn } from '../../models/kubernetes';
import { asFix } from '../../edit/fixEdits';
import { stringValue, yamlBool } from '../../models/yamlValues';
import { serviceAccountOf } from '../../facts/workloads';
import { defineKubernetesRule } from '../rule';

type Messages = 'podUsesDefault' | 'defaultAccountMounts' | 'bindsDefault' | 'disableToken';

export default defineKubernetesRule<Messages>({
  meta: {
    id: 'k8s-default-service-account',
    target: 'kubernetes',
    title: 'The default service account should not be used to call the API',
    practice: 'least-privilege',
    severity: 'warning',
    fix: 'suggestion',
    peers: { checkov: ['CKV_K8S_41', 'CKV_K8S_42'] },
    messages: {
      podUsesDefault:
        'Pod mounts the API token of the default service account; run it under a dedicated service account with only the rights it needs',
      defaultAccountMounts:
        'The default service account of namespace "{{namespace}}" does not set automountServiceAccountToken: false, so every pod without its own account gets its token; set it to false',
      bindsDefault:
        '{{kind}} "{{name}}" grants {{role}} to the default service account of namespace "{{namespace}}", and so to every pod there without its own account; bind a dedicated service account',
      disableToken: 'Set automountServiceAccountToken to false',
    },
    docs: {
      rationale:
        "Every namespace has a `default` service account, used by every pod that names no other. Rights granted to it go to all those pods, and pods that do need the API become indistinguishable from each other in audit logs. CIS Kubernetes Benchmark 5.1.5 asks that the default account mount no token and be bound to nothing. This rule reports the three ways the default account gets used: a ServiceAccount `default` that does not set automountServiceAccountToken: false (Checkov CKV_K8S_41), a RoleBinding or ClusterRoleBinding that names it (Checkov CKV_K8S_42), and a pod that runs as the default account and explicitly mounts its token. A pod that runs as the default account without saying anything about the token is reported by `k8s-automount-service-account-token` instead, so one problem gives one finding. Setting the default account's automount to false is offered as a suggestion: pods that rely on its token and do not set automount themselves lose it.",
      references: [
        'https://kubernetes.io/docs/concepts/security/service-accounts/#default-service-accounts',
        'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#service-account-permissions',
      ],
    },
  },
  check(ctx) {
    for (const obj of ctx.kubernetes.objects) {
      const ns = obj.namespace ?? 'default';
      if (obj.podSpec) {
        const path = [...obj.podSpec.path, 'automountServiceAccountToken'];
        if (serviceAccountOf(obj).name !== 'default' || yamlBool(getIn(obj.node, path)) !== true) continue;
        const at = ctx.at(obj, path);
        ctx.report({ start: at.start, end: at.end, messageId: 'podUsesDefault' });
      } else if (obj.kind === 'ServiceAccount' && obj.apiVersion === 'v1' && obj.name === 'default') {
        if (yamlBool(getIn(obj.node, ['automountServiceAccountToken'])) === false) continue;
        const at = ctx.at(obj, ['metadata', 'name']);
        const edits = asFix(ctx.ensure(obj, ['automountServiceAccountToken'], false));
        ctx.report({
          start: at.start,
          end: at.end,
          messageId: 'defaultAccountMounts',
          data: { namespace: ns },
          suggest: edits ? [{ messageId: 'disableToken', edits }] : undefined,
        });
      } else if (
        (obj.kind === 'RoleBinding' || obj.kind === 'ClusterRoleBinding') &&
        obj.apiVersion.startsWith('rbac.authorization.k8s.io/')
      ) {
        const subjects = getIn(obj.node, ['subjects']);
        if (!isSeq(subjects)) continue;
        subjects.items.forEach((s, i) => {
          if (
            !isMap(s) ||
            stringValue(s.get('kind', true)) !== 'ServiceAccount' ||
            stringValue(s.get('name', true)) !== 'default'
          )
            return;
          const at = ctx.at(obj, ['subjects', i, 'name']);
          const role = stringValue(getIn(obj.node, ['roleRef', 'name']));
          const data = {
            kind: obj.kind,
            name: obj.name ?? '',
            role: role ? `"${role}"` : 'a role',
            namespace: stringValue(s.get('namespace', true)) ?? ns,
          };
          ctx.report({ start: at.start, end: at.end, messageId: 'bindsDefault', data });
        });
      }
    }
  },
});
