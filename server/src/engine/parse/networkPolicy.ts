import { compactLines, entryLines, toPlain, type Style } from '../edit/yamlRender';
import type { ObjectSummary, Workspace } from '../workspace';
import type { K8sObject } from './kubernetes';
import type { ContainerPort } from './workloads';

/** NetworkPolicy coverage across the workspace: label selectors, which policies select which pods, default-deny policies. */

export type Labels = Record<string, string>;

const rec = (v: unknown): Record<string, unknown> | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined);

/**
 * Whether a LabelSelector selects `labels`, as the API server evaluates it: every matchLabels pair and every
 * matchExpressions requirement (In, NotIn, Exists, DoesNotExist) must hold; an empty or null selector selects
 * everything; a malformed one (that the API server would reject) selects nothing.
 */
export function selectorMatches(selector: unknown, labels: Labels): boolean {
  if (selector === null || selector === undefined) return true;
  const sel = rec(selector);
  if (!sel) return false;
  if (sel.matchLabels !== undefined && sel.matchLabels !== null) {
    const ml = rec(sel.matchLabels);
    if (!ml) return false;
    for (const [k, v] of Object.entries(ml)) if (str(v) === undefined || labels[k] !== str(v)) return false;
  }
  if (sel.matchExpressions !== undefined && sel.matchExpressions !== null) {
    if (!Array.isArray(sel.matchExpressions)) return false;
    for (const raw of sel.matchExpressions) {
      const e = rec(raw);
      const key = str(e?.key);
      if (!e || key === undefined) return false;
      const values = Array.isArray(e.values) ? e.values.map(str) : [];
      const has = Object.prototype.hasOwnProperty.call(labels, key);
      switch (e.operator) {
        case 'In':
          if (!has || !values.includes(labels[key])) return false;
          break;
        case 'NotIn':
          if (has && values.includes(labels[key])) return false;
          break;
        case 'Exists':
          if (!has) return false;
          break;
        case 'DoesNotExist':
          if (has) return false;
          break;
        default:
          return false;
      }
    }
  }
  return true;
}

/** An object's namespace as the rules compare them: unset means the default namespace. */
export const namespaceOf = (o: { namespace?: string }): string => o.namespace ?? 'default';

export const isNetworkPolicy = (o: { kind: string; apiVersion: string }): boolean => o.kind === 'NetworkPolicy' && o.apiVersion.startsWith('networking.k8s.io/');

/** Custom resources (API groups outside Kubernetes' own) may be operators' workloads whose pods the workspace never shows. */
const isCustomResource = (apiVersion: string): boolean => {
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  return group.includes('.') && !group.endsWith('.k8s.io') && !group.endsWith('.x-k8s.io');
};

export interface NetworkFacts {
  /** NetworkPolicies by namespace. */
  policies: Map<string, ObjectSummary[]>;
  /** Objects that create pods, by namespace, ordered by URI and then by position in their file; kustomize patches left out. */
  workloads: Map<string, ObjectSummary[]>;
  /** The same workloads, all namespaces, in that order. */
  ordered: ObjectSummary[];
  /** Namespaces holding a custom resource. */
  customResources: Set<string>;
}

const cache = new WeakMap<Workspace, { generation: number; facts: NetworkFacts }>();

export function networkFacts(ws: Workspace): NetworkFacts {
  const hit = cache.get(ws);
  if (hit && hit.generation === ws.generation) return hit.facts;
  const facts: NetworkFacts = { policies: new Map(), workloads: new Map(), ordered: [], customResources: new Set() };
  const push = (m: Map<string, ObjectSummary[]>, k: string, s: ObjectSummary) => (m.get(k) ?? m.set(k, []).get(k)!).push(s);
  const all = [...ws.objects()];
  // Array sort is stable: objects of one file keep their order.
  all.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  const patches = new Map<string, boolean>();
  for (const s of all) {
    const ns = namespaceOf(s);
    if (isNetworkPolicy(s)) push(facts.policies, ns, s);
    else if (s.podLabels && s.kind !== 'PodTemplate') {
      if (!patches.has(s.uri)) patches.set(s.uri, ws.isPatch(s.uri));
      if (patches.get(s.uri)) continue;
      push(facts.workloads, ns, s);
      facts.ordered.push(s);
    } else if (s.namespace && isCustomResource(s.apiVersion)) facts.customResources.add(ns);
  }
  cache.set(ws, { generation: ws.generation, facts });
  return facts;
}

/** The policy's `spec.podSelector` (summaries carry the plain spec). */
export const podSelectorOf = (policy: ObjectSummary): unknown => rec(policy.spec)?.podSelector;

/** NetworkPolicies of the pod's namespace that select its labels. */
export function policiesSelecting(facts: NetworkFacts, namespace: string, podLabels: Labels): ObjectSummary[] {
  return (facts.policies.get(namespace) ?? []).filter((p) => selectorMatches(podSelectorOf(p), podLabels));
}

/** Whether a workspace summary describes `obj` (a document only knows its own objects, not its file's URI). */
export function isSummaryOf(s: ObjectSummary, obj: K8sObject): boolean {
  return s.kind === obj.kind && s.name === obj.name && s.namespace === obj.namespace && JSON.stringify(s.podLabels ?? {}) === JSON.stringify(obj.podSpec?.labels ?? {});
}

// ---- A default-deny policy for one workload -----------------------------------------------------------------------

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
  const dns = { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } };
  const egress = [{ to: [dns], ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }] }];
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
  const header = policyHeader(t).split('\n').map((l) => `# ${l}`);
  const body = compactLines(toPlain(defaultDenyPolicy(t)) as Record<string, never>, 0, style);
  return [...header, ...body, ...allowRuleComments(t, style)].join(eol) + eol;
}
