import { appendDocument } from '../../edit/yamlEdit';
import { Layout } from '../../edit/yamlLayout';
import type { K8sObject } from '../../models/kubernetes';
import { isSummaryOf, namespaceOf, networkFacts, policiesSelecting } from '../../facts/networkPolicy';
import {
  allowRuleComments,
  defaultDenyPolicy,
  policyHeader,
  renderDefaultDenyPolicy,
  type PolicyTarget,
} from '../../edit/networkPolicyRender';
import { containerPorts, createsPods, usesHostNetwork, type ContainerPort } from '../../facts/workloads';
import { defineKubernetesRule, type KubernetesContext, type SuggestionReport } from '../rule';

type Messages = 'uncovered' | 'namespaceUncovered' | 'createPolicy' | 'createPolicyFile';

export default defineKubernetesRule<Messages>({
  meta: {
    id: 'k8s-network-policy-coverage',
    target: 'kubernetes',
    title: 'Workloads should be selected by a NetworkPolicy',
    practice: 'network-policies',
    severity: 'warning',
    fix: 'suggestion',
    peers: { kubeScore: ['pod-networkpolicy'], kubeLinter: ['non-isolated-pod'], checkov: ['CKV2_K8S_6'] },
    messages: {
      uncovered:
        'No NetworkPolicy in namespace "{{namespace}}" selects the pods of {{kind}} "{{name}}", so they accept traffic from anywhere and may connect anywhere; add a policy that selects them',
      namespaceUncovered:
        'Namespace "{{namespace}}" has no NetworkPolicy in the workspace, so the pods of its {{count}} workload(s) accept traffic from anywhere; add a default-deny policy (reported once, on its first workload)',
      createPolicy: 'Create a default-deny NetworkPolicy for {{kind}} "{{name}}"',
      createPolicyFile: 'Create a default-deny NetworkPolicy for {{kind}} "{{name}}" in a new file {{file}}',
    },
    docs: {
      rationale:
        "A pod that no NetworkPolicy selects is not isolated: any pod in the cluster, and anything that reaches the node network, can connect to it, and it can connect anywhere, so one compromised pod can reach every other. The rule considers every manifest in the workspace, not just the open file: a workload is covered when a NetworkPolicy of its namespace selects its pod labels (an empty podSelector selects every pod; matchExpressions are evaluated as the API server does). When a namespace has no NetworkPolicy at all, it is reported once, on its first workload (by file, then position), instead of on every workload as kube-score, kube-linter and Checkov do. Pods on the host network are skipped (policies do not apply to them), as are kustomize patches. The quick fix appends to the file a default-deny policy that selects exactly the workload's pod labels, with commented allow rules for its ports and for DNS to edit; the editor also offers it in a new file. The cluster's network plugin must enforce NetworkPolicies (Calico, Cilium and most managed offerings do; flannel alone does not).",
      references: [
        'https://kubernetes.io/docs/concepts/services-networking/network-policies/',
        'https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-policies',
      ],
    },
  },
  check(ctx) {
    const facts = networkFacts(ctx.workspace);
    for (const obj of ctx.kubernetes.objects) {
      if (!obj.podSpec || !createsPods(obj.kind)) continue;
      const namespace = namespaceOf(obj);
      const data = { namespace, kind: obj.kind, name: obj.name ?? '' };
      const labelsAt = ctx.at(obj, [...obj.podSpec.metadataPath, 'labels'], 'key');
      const at = labelsAt.exists ? labelsAt : ctx.at(obj, ['metadata', 'name']);
      if (!facts.policies.has(namespace)) {
        const workloads = facts.workloads.get(namespace) ?? [];
        if (!workloads.length || !isSummaryOf(workloads[0], obj)) continue;
        ctx.report({
          ...span(at),
          messageId: 'namespaceUncovered',
          data: { ...data, count: workloads.length },
          suggest: suggestion(ctx, obj),
          absent: true,
        });
      } else if (!usesHostNetwork(obj) && policiesSelecting(facts, namespace, obj.podSpec.labels).length === 0) {
        ctx.report({ ...span(at), messageId: 'uncovered', data, suggest: suggestion(ctx, obj), absent: true });
      }
    }
  },
});

const span = (at: { start: number; end: number }) => ({ start: at.start, end: at.end });

/** The policy as a new document after this one; none for host-network pods or pods without labels to select. */
function suggestion(ctx: KubernetesContext<Messages>, obj: K8sObject): SuggestionReport<Messages>[] | undefined {
  if (!ctx.fixes) return undefined; // findings only (diagnostics): the rendered policy would be dropped
  const spec = obj.podSpec!;
  if (usesHostNetwork(obj) || Object.keys(spec.labels).length === 0 || !obj.name) return undefined;
  const target: PolicyTarget = {
    kind: obj.kind,
    name: obj.name,
    namespace: obj.namespace,
    podLabels: spec.labels,
    ports: uniquePorts(spec.containers.filter((c) => c.group === 'containers').flatMap(containerPorts)),
  };
  const src = { text: ctx.text, index: ctx.index };
  const [edit] = appendDocument(src, defaultDenyPolicy(target), policyHeader(target));
  const L = new Layout(src);
  const comments = allowRuleComments(target, L.style([]));
  const newText = edit.newText + comments.join(L.eol) + L.eol;
  const file = `${obj.name}-networkpolicy.yaml`;
  return [
    { messageId: 'createPolicy', data: { kind: obj.kind, name: obj.name }, edits: [{ range: edit.range, newText }] },
    {
      messageId: 'createPolicyFile',
      data: { kind: obj.kind, name: obj.name, file },
      edits: [],
      newFile: { name: file, text: renderDefaultDenyPolicy(target, L.style([]), L.eol) },
    },
  ];
}

function uniquePorts(ports: ContainerPort[]): ContainerPort[] {
  const seen = new Set<string>();
  return ports.filter((p) => !seen.has(`${p.protocol}/${p.port}`) && !!seen.add(`${p.protocol}/${p.port}`));
}
