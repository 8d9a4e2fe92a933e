import { defineKubernetesRule } from '../rule';
import { roleObjects } from './rbac/model';
import { groupsText, listText, roleData } from './rbac/text';

type Messages = 'everything' | 'anyVerb' | 'anyResource' | 'anyGroup' | 'useReadVerbs';

const READ_VERBS = ['get', 'list', 'watch'];

export default defineKubernetesRule<Messages>({
  meta: {
    id: 'k8s-rbac-wildcard',
    target: 'kubernetes',
    title: 'Roles should not grant wildcard verbs, resources or API groups',
    practice: 'least-privilege',
    severity: 'warning',
    fix: 'suggestion',
    peers: {
      kubeLinter: ['wildcard-in-rules'],
      trivy: ['KSV-0044', 'KSV-0045', 'KSV-0046', 'KSV-0112'],
      checkov: ['CKV_K8S_49'],
    },
    messages: {
      everything:
        '{{kind}} "{{name}}" rule {{rule}} allows every verb on every resource of {{groups}} {{scope}}: whoever holds it administers that scope (reads every Secret, runs any pod, grants itself more); list the resources and verbs it needs',
      anyVerb:
        '{{kind}} "{{name}}" rule {{rule}} allows every verb on {{resources}} {{scope}}, including delete, deletecollection and verbs added in later versions; list the verbs it needs',
      anyResource:
        '{{kind}} "{{name}}" rule {{rule}} allows {{verbs}} on every resource of {{groups}} {{scope}}, including Secrets and resources added later; list the resources it needs',
      anyGroup:
        '{{kind}} "{{name}}" rule {{rule}} matches {{resources}} in every API group, including groups that CRDs add later with the same resource names; name the groups',
      useReadVerbs: 'Replace "*" with get, list and watch',
    },
    docs: {
      rationale:
        'A `*` in a role grants more than its author tested, and more with every Kubernetes version and CRD installed later: `verbs: ["*"]` includes `delete`, `deletecollection`, `escalate`, `bind` and `impersonate` where they apply; `resources: ["*"]` includes Secrets, `pods/exec` and every custom resource; `apiGroups: ["*"]` matches resources of the same name in any group. Every verb on every resource is administrator rights over the scope: cluster-wide for a ClusterRole bound by a ClusterRoleBinding, one namespace for a Role or a RoleBinding. Each `*` item is underlined; a rule with `*` verbs on `*` resources gives one finding. Rules with only `nonResourceURLs` are not checked. A `*` resource is reported by this rule only: the rules about Secrets, pods and escalation look at named resources, so one `*` does not give ten findings. The suggestion replaces a `*` verb by the read verbs, which changes what the role can do: check what its holder needs first. Controllers that manage arbitrary resources (Argo CD, Flux, operators of operators) need wildcards by design; suppress the finding on their role with a reason.',
      references: [
        'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege',
        'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-resources',
      ],
    },
  },
  check(ctx) {
    for (const role of roleObjects(ctx)) {
      for (const rule of role.rules) {
        if (!rule.resources.length) continue;
        const data = roleData(role, rule.index);
        const anyVerb = rule.verbs.find((v) => v.value === '*');
        const anyResource = rule.resources.find((r) => r.value === '*');
        const anyGroup = rule.apiGroups.find((g) => g.value === '*');
        const groups = groupsText(rule.apiGroups);
        const resources = listText(rule.resources);
        const path = (field: string, index: number) => ['rules', rule.index, field, index];
        if (anyVerb && anyResource) {
          const at = ctx.at(role.obj, path('resources', anyResource.index));
          ctx.report({ start: at.start, end: at.end, messageId: 'everything', data: { ...data, groups } });
          continue;
        }
        if (anyVerb) {
          const at = ctx.at(role.obj, path('verbs', anyVerb.index));
          const verbs = [...new Set([...rule.verbs.filter((v) => v.value !== '*').map((v) => v.value), ...READ_VERBS])];
          const edits = ctx.ensure(role.obj, ['rules', rule.index, 'verbs'], verbs);
          ctx.report({
            start: at.start,
            end: at.end,
            messageId: 'anyVerb',
            data: { ...data, resources },
            suggest: edits?.length ? [{ messageId: 'useReadVerbs', edits }] : undefined,
          });
        }
        if (anyResource) {
          const at = ctx.at(role.obj, path('resources', anyResource.index));
          ctx.report({
            start: at.start,
            end: at.end,
            messageId: 'anyResource',
            data: { ...data, groups, verbs: listText(rule.verbs) },
          });
        } else if (anyGroup) {
          const at = ctx.at(role.obj, path('apiGroups', anyGroup.index));
          ctx.report({ start: at.start, end: at.end, messageId: 'anyGroup', data: { ...data, resources } });
        }
      }
    }
  },
});
