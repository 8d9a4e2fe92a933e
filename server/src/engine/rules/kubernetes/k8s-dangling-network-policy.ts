import { getIn } from '../../models/kubernetes';
import { isNetworkPolicy, namespaceOf, networkFacts, selectorMatches } from '../../facts/networkPolicy';
import { defineKubernetesRule } from '../rule';

export default defineKubernetesRule({
  meta: {
    id: 'k8s-dangling-network-policy',
    target: 'kubernetes',
    title: 'NetworkPolicies should select some pod',
    practice: 'network-policies',
    severity: 'warning',
    fix: 'none',
    peers: { kubeLinter: ['dangling-networkpolicy'] },
    messages: {
      dangling:
        'NetworkPolicy "{{name}}" selects no pod of the {{count}} workload(s) in namespace "{{namespace}}"; fix its podSelector, or the pods it should isolate stay open',
    },
    docs: {
      rationale:
        "A NetworkPolicy whose podSelector matches no pod isolates nothing, usually because of a typo in a label or because the workload's labels changed; the pods it was written for silently accept all traffic. The rule compares the podSelector (matchLabels and matchExpressions) with the pod template labels of every workload in the workspace. It only speaks when it can judge: the policy's namespace must hold at least one workload in the workspace (a repository of policies alone, or of policies for workloads deployed from elsewhere, is not reported), and no custom resource, since operators (Prometheus, Argo CD, databases) create pods the manifests never show. kube-linter reports a policy as dangling whenever no object in the files it was given matches. Policies in kustomize patches are skipped: a strategic-merge patch changes only part of a selector.",
      references: ['https://kubernetes.io/docs/concepts/services-networking/network-policies/#networkpolicy-resource'],
    },
  },
  check(ctx) {
    const facts = networkFacts(ctx.workspace);
    for (const obj of ctx.kubernetes.objects) {
      if (!isNetworkPolicy(obj) || obj.partial) continue;
      const namespace = namespaceOf(obj);
      const workloads = facts.workloads.get(namespace) ?? [];
      if (workloads.length === 0 || facts.customResources.has(namespace)) continue;
      const selector = getIn(obj.node, ['spec', 'podSelector'])?.toJSON() as unknown;
      if (workloads.some((w) => selectorMatches(selector, w.podLabels ?? {}))) continue;
      const at = ctx.at(obj, ['spec', 'podSelector'], 'key');
      ctx.report({
        start: at.start,
        end: at.end,
        messageId: 'dangling',
        data: { name: obj.name ?? '', count: workloads.length, namespace },
      });
    }
  },
});
