import type { ObjectSummary, Workspace } from './workspace';
import type { K8sObject } from '../models/kubernetes';

/** NetworkPolicy coverage across the workspace: label selectors, which policies select which pods, default-deny policies. */

export type Labels = Record<string, string>;

const rec = (v: unknown): Record<string, unknown> | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;

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

export const isNetworkPolicy = (o: { kind: string; apiVersion: string }): boolean =>
  o.kind === 'NetworkPolicy' && o.apiVersion.startsWith('networking.k8s.io/');

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
  const push = (m: Map<string, ObjectSummary[]>, k: string, s: ObjectSummary) =>
    (m.get(k) ?? m.set(k, []).get(k)!).push(s);
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
  return (
    s.kind === obj.kind &&
    s.name === obj.name &&
    s.namespace === obj.namespace &&
    JSON.stringify(s.podLabels ?? {}) === JSON.stringify(obj.podSpec?.labels ?? {})
  );
}
