/**
 * Role and ClusterRole rules as the RBAC authorizer reads them, for the `k8s-rbac-*` rules: which rule items grant a
 * verb on a resource (apiGroups, resources with subresources and `*`, resourceNames), and where to underline.
 */
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { getIn, type K8sObject } from '../../../models/kubernetes';
import type { KubernetesContext } from '../../rule';
import { selectorMatches } from '../../../facts/networkPolicy';
import type { ObjectSummary, Workspace } from '../../../facts/workspace';

export const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** An item of a list field of a rule, as written, with its index (for its range). */
export interface Item {
  value: string;
  index: number;
}

export interface PolicyRule {
  /** Index in `rules`. */
  index: number;
  apiGroups: Item[];
  resources: Item[];
  verbs: Item[];
  resourceNames: string[];
  nonResourceURLs: string[];
}

export interface RoleObject {
  obj: K8sObject;
  kind: 'Role' | 'ClusterRole';
  name: string;
  /** Namespace of a Role (`default` when the manifest names none); undefined for a ClusterRole. */
  namespace?: string;
  /** Whether the manifest writes the namespace (`kubectl apply -n` decides otherwise). */
  namespaced: boolean;
  rules: PolicyRule[];
}

export function isRbac(obj: { apiVersion: string }): boolean {
  return obj.apiVersion.startsWith(`${RBAC_GROUP}/`);
}

/** A scalar item as a string (`""` stays the core group); undefined for anything else. */
function str(n: unknown): string | undefined {
  if (!isScalar(n)) return undefined;
  const v = n.value;
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}

function items(n: Node | undefined): Item[] {
  if (!isSeq(n)) return [];
  const out: Item[] = [];
  n.items.forEach((it, index) => {
    const value = str(it);
    if (value !== undefined) out.push({ value, index });
  });
  return out;
}

function plainList(v: unknown): Item[] {
  return Array.isArray(v) ? v.flatMap((x, index) => (typeof x === 'string' ? [{ value: x, index }] : [])) : [];
}

/** The rules of a Role or ClusterRole object of this document. */
export function rulesOf(obj: K8sObject): PolicyRule[] {
  const seq = getIn(obj.node, ['rules']);
  if (!isSeq(seq)) return [];
  const out: PolicyRule[] = [];
  seq.items.forEach((r, index) => {
    if (!isMap(r)) return;
    const get = (k: string) => r.get(k, true) as Node | undefined;
    out.push({
      index,
      apiGroups: items(get('apiGroups')),
      resources: items(get('resources')),
      verbs: items(get('verbs')),
      resourceNames: items(get('resourceNames')).map((i) => i.value),
      nonResourceURLs: items(get('nonResourceURLs')).map((i) => i.value),
    });
  });
  return out;
}

/** The same from a workspace summary (plain JSON of `rules`). */
export function rulesOfSummary(s: ObjectSummary): PolicyRule[] {
  const rules = (s.spec as { rules?: unknown } | undefined)?.rules;
  if (!Array.isArray(rules)) return [];
  return rules.flatMap((r, index) => {
    if (!r || typeof r !== 'object') return [];
    const o = r as Record<string, unknown>;
    return [
      {
        index,
        apiGroups: plainList(o.apiGroups),
        resources: plainList(o.resources),
        verbs: plainList(o.verbs),
        resourceNames: plainList(o.resourceNames).map((i) => i.value),
        nonResourceURLs: plainList(o.nonResourceURLs).map((i) => i.value),
      },
    ];
  });
}

/** Roles and ClusterRoles of the document being linted. */
export function roleObjects(ctx: Pick<KubernetesContext, 'kubernetes'>): RoleObject[] {
  const out: RoleObject[] = [];
  for (const obj of ctx.kubernetes.objects) {
    if ((obj.kind !== 'Role' && obj.kind !== 'ClusterRole') || !isRbac(obj)) continue;
    out.push({
      obj,
      kind: obj.kind,
      name: obj.name ?? '',
      namespace: obj.kind === 'Role' ? (obj.namespace ?? 'default') : undefined,
      namespaced: obj.namespace !== undefined,
      rules: rulesOf(obj),
    });
  }
  return out;
}

/** Whether a rule item's apiGroups include `group` ("" is the core group). */
export function groupMatches(rule: PolicyRule, groups: readonly string[]): boolean {
  return rule.apiGroups.some((g) => g.value === '*' || groups.includes(g.value));
}

/**
 * The resource items that name `resource` (`pods`, or `pods/exec` for a subresource): the exact name, `*` + `/exec` for
 * a subresource, and `*` only when `wildcard` is set (the wildcard rule reports `*` itself).
 */
export function resourceItems(rule: PolicyRule, resource: string, wildcard = false): Item[] {
  const slash = resource.indexOf('/');
  const sub = slash >= 0 ? resource.slice(slash) : undefined;
  return rule.resources.filter(
    (r) => r.value === resource || (sub !== undefined && r.value === `*${sub}`) || (wildcard && r.value === '*'),
  );
}

/** The verbs of the rule that allow one of `verbs` (`*` allows all). */
export function verbItems(rule: PolicyRule, verbs: readonly string[]): Item[] {
  return rule.verbs.filter((v) => v.value === '*' || verbs.includes(v.value));
}

export interface Grant {
  rule: PolicyRule;
  /** The resource item to underline. */
  resource: Item;
  /** The verbs as written that allow it (`*` included). */
  verbs: string[];
}

export interface Permission {
  groups: readonly string[];
  resources: readonly string[];
  verbs: readonly string[];
}

/**
 * Rule items granting one of the verbs on one of the resources of a permission (each permission with its own
 * groups), one per resource item, in document order.
 */
export function grants(
  rules: readonly PolicyRule[],
  permissions: Permission | readonly Permission[],
  wildcard = false,
): Grant[] {
  const list: readonly Permission[] = Array.isArray(permissions)
    ? (permissions as readonly Permission[])
    : [permissions as Permission];
  const out: Grant[] = [];
  for (const rule of rules) {
    for (const r of rule.resources) {
      let verbs: string[] | undefined;
      for (const p of list) {
        if (
          !groupMatches(rule, p.groups) ||
          !p.resources.some((res) => resourceItems({ ...rule, resources: [r] }, res, wildcard).length > 0)
        )
          continue;
        const v = verbItems(rule, p.verbs).map((x) => x.value);
        if (v.length) verbs = [...new Set([...(verbs ?? []), ...v])];
      }
      if (verbs) out.push({ rule, resource: r, verbs });
    }
  }
  return out;
}

export function resourcePath(g: Grant): (string | number)[] {
  return ['rules', g.rule.index, 'resources', g.resource.index];
}

/** Whether a rule grants every verb on every resource of every group (cluster-admin's rule). */
export function isAllOnAll(rule: PolicyRule): boolean {
  return (
    rule.apiGroups.some((g) => g.value === '*') &&
    rule.resources.some((r) => r.value === '*') &&
    rule.verbs.some((v) => v.value === '*')
  );
}

/** The role a binding's roleRef names, from the workspace: a ClusterRole by name, a Role by name in `namespace`. */
export function findRole(ws: Workspace, kind: string, name: string, namespace: string): ObjectSummary | undefined {
  for (const s of ws.objects(kind)) {
    if (s.name !== name || !s.apiVersion.startsWith(`${RBAC_GROUP}/`)) continue;
    if (kind === 'ClusterRole' || (s.namespace ?? 'default') === namespace) return s;
  }
  return undefined;
}

/** Reports every grant of a permission family on the resource item it concerns. */
export function reportGrants<M extends string>(
  ctx: KubernetesContext<M>,
  role: RoleObject,
  found: readonly Grant[],
  messageId: M | ((g: Grant) => M | undefined),
  data: (g: Grant) => Record<string, string | number>,
): void {
  for (const g of found) {
    const id = typeof messageId === 'function' ? messageId(g) : messageId;
    if (!id) continue;
    const at = ctx.at(role.obj, resourcePath(g));
    ctx.report({ start: at.start, end: at.end, messageId: id, data: data(g) });
  }
}

/**
 * A LabelSelector (plain JSON) against labels, as the API server evaluates it; an empty selector selects all, an
 * absent one (a null entry of clusterRoleSelectors) none.
 */
export function selects(selector: unknown, labels: Record<string, string>): boolean {
  if (!selector || typeof selector !== 'object') return false;
  return selectorMatches(selector, labels);
}

/**
 * The rules a role holds, with the role each comes from: its own, and for a ClusterRole with an aggregationRule
 * those of the workspace's ClusterRoles its selectors pick (transitively, as the aggregation controller does).
 */
export function effectiveRules(
  ws: Workspace,
  role: ObjectSummary,
  seen = new Set<ObjectSummary>(),
): { from: ObjectSummary; rule: PolicyRule }[] {
  if (seen.has(role)) return [];
  seen.add(role);
  const out = rulesOfSummary(role).map((rule) => ({ from: role, rule }));
  const selectors = (role.spec as { aggregationRule?: { clusterRoleSelectors?: unknown } } | undefined)?.aggregationRule
    ?.clusterRoleSelectors;
  if (role.kind !== 'ClusterRole' || !Array.isArray(selectors)) return out;
  for (const other of ws.objects('ClusterRole')) {
    if (
      other === role ||
      !other.apiVersion.startsWith(`${RBAC_GROUP}/`) ||
      !selectors.some((s) => selects(s, other.labels))
    )
      continue;
    out.push(...effectiveRules(ws, other, seen));
  }
  return out;
}
