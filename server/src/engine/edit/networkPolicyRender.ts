import { compactLines, entryLines, toPlain, type Style } from './yamlRender';
import type { Labels } from '../facts/networkPolicy';
import type { ContainerPort } from '../facts/workloads';

/** A default-deny NetworkPolicy for one workload, as an object and as commented YAML text. */

export interface PolicyTarget {
  kind: string;
  name: string;
  namespace?: string;
  podLabels: Labels;
  /** Ports the workload's containers declare, for the commented ingress example. */
  ports: ContainerPort[];
}

/** Selects exactly the workload's pod labels and denies all ingress and egress (no rule is listed). */
export function defaultDenyPolicy(t: PolicyTarget): Record<string, unknown> {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: `${t.name}-default-deny`, ...(t.namespace ? { namespace: t.namespace } : {}) },
    spec: { podSelector: { matchLabels: { ...t.podLabels } }, policyTypes: ['Ingress', 'Egress'] },
  };
}

/** The comment written above the policy document. */
export function policyHeader(t: PolicyTarget): string {
  return `Default-deny NetworkPolicy for ${t.kind} "${t.name}": it selects exactly its pods and, with no allow rule,\ndenies all their ingress and egress traffic. Uncomment and edit the allow rules they need before applying it.`;
}

/**
 * Commented allow rules placed under `spec` (column `style.unit`): ingress from pods of the namespace to the
 * declared ports, egress to cluster DNS. Uncommenting them yields valid YAML.
 */
export function allowRuleComments(t: PolicyTarget, style: Style): string[] {
  const col = style.unit;
  const ports = t.ports.map((p) => ({ protocol: p.protocol, port: p.name ?? p.port }));
  const ingress = [{ from: [{ podSelector: {} }], ...(ports.length ? { ports } : {}) }];
  const dns = {
    namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
    podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
  };
  const egress = [
    {
      to: [dns],
      ports: [
        { protocol: 'UDP', port: 53 },
        { protocol: 'TCP', port: 53 },
      ],
    },
  ];
  const comment = (l: string) => `${l.slice(0, col)}# ${l.slice(col)}`;
  return [
    `${' '.repeat(col)}# Allow ingress from pods of this namespace (narrow the podSelector) to the ports the containers declare:`,
    ...entryLines('ingress', toPlain(ingress), col, style).map(comment),
    `${' '.repeat(col)}# Allow DNS lookups; add the services the pods call:`,
    ...entryLines('egress', toPlain(egress), col, style).map(comment),
  ];
}

/** The whole policy as YAML text (for a new file): header comment, policy, commented allow rules. */
export function renderDefaultDenyPolicy(t: PolicyTarget, style: Style = { unit: 2, seq: 2 }, eol = '\n'): string {
  const header = policyHeader(t)
    .split('\n')
    .map((l) => `# ${l}`);
  const body = compactLines(toPlain(defaultDenyPolicy(t)) as Record<string, never>, 0, style);
  return [...header, ...body, ...allowRuleComments(t, style)].join(eol) + eol;
}
