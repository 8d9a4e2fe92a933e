/**
 * What a service account can do, from the workspace: the bindings that name it (directly or through the
 * `system:serviceaccounts` groups), the roles they reference (aggregation included) and the dangerous rights in
 * them. Cached per workspace generation.
 */
import type { ObjectSummary, Workspace } from '../../../facts/workspace';
import { effectiveRules, findRole, grants, isAllOnAll, RBAC_GROUP, type Permission, type PolicyRule } from './model';

/** A dangerous capability, in the words of a message, and whether it needs cluster scope to mean anything. */
interface Capability {
  id: string;
  /** `{{where}}` is replaced by the scope: `in the cluster`, `in namespace "x"`. */
  text: string;
  test: (rules: readonly PolicyRule[]) => PolicyRule | undefined;
  clusterScoped?: boolean;
  /** A capability that says more (reading every Secret says reading one by name). */
  impliedBy?: string;
}

const first =
  (permissions: Permission | Permission[], filter: (r: PolicyRule) => boolean = () => true) =>
  (rules: readonly PolicyRule[]) =>
    grants(rules, permissions, true).find((g) => filter(g.rule))?.rule;

const CREATE = ['create', 'update', 'patch'];

/** In order of severity: the first ones found are what the message leads with. */
export const CAPABILITIES: Capability[] = [
  { id: 'admin', text: 'has every verb on every resource {{where}}', test: (rules) => rules.find(isAllOnAll) },
  {
    id: 'secrets',
    text: 'can read every Secret {{where}}',
    test: first(
      { groups: [''], resources: ['secrets'], verbs: ['list', 'watch'] },
      (r) => r.resourceNames.length === 0,
    ),
  },
  {
    id: 'secretsByName',
    text: 'can read any Secret whose name it knows {{where}}',
    test: first({ groups: [''], resources: ['secrets'], verbs: ['get'] }, (r) => r.resourceNames.length === 0),
    impliedBy: 'secrets',
  },
  {
    id: 'escalate',
    text: 'can grant itself more rights (escalate, bind, impersonate or token creation) {{where}}',
    test: first([
      { groups: [RBAC_GROUP], resources: ['roles', 'clusterroles'], verbs: ['escalate', 'bind'] },
      { groups: [''], resources: ['serviceaccounts', 'users', 'groups'], verbs: ['impersonate'] },
      { groups: [''], resources: ['serviceaccounts/token'], verbs: ['create'] },
    ]),
  },
  {
    id: 'nodes',
    text: 'can run commands in any pod through the kubelet (nodes/proxy)',
    test: first({ groups: [''], resources: ['nodes/proxy'], verbs: ['get', 'create'] }),
    clusterScoped: true,
  },
  {
    id: 'webhooks',
    text: 'can change admission webhooks',
    test: first({
      groups: ['admissionregistration.k8s.io'],
      resources: ['mutatingwebhookconfigurations', 'validatingwebhookconfigurations'],
      verbs: [...CREATE, 'delete'],
    }),
    clusterScoped: true,
  },
  {
    id: 'workloads',
    text: 'can run any image under any service account {{where}}',
    test: first([
      { groups: [''], resources: ['pods', 'replicationcontrollers'], verbs: CREATE },
      {
        groups: ['apps', 'extensions'],
        resources: ['deployments', 'daemonsets', 'statefulsets', 'replicasets'],
        verbs: CREATE,
      },
      { groups: ['batch'], resources: ['jobs', 'cronjobs'], verbs: CREATE },
    ]),
  },
  {
    id: 'exec',
    text: 'can exec into pods {{where}}',
    test: first([
      { groups: [''], resources: ['pods/exec', 'pods/attach'], verbs: ['create', 'get'] },
      { groups: [''], resources: ['pods/ephemeralcontainers'], verbs: ['update', 'patch'] },
    ]),
  },
  {
    id: 'volumes',
    text: 'can create host-path PersistentVolumes',
    test: first({ groups: [''], resources: ['persistentvolumes'], verbs: ['create'] }),
    clusterScoped: true,
  },
];

export interface Path {
  binding: ObjectSummary;
  role: ObjectSummary;
  /** The role the rule is written in (the referenced one, or one it aggregates). */
  from: ObjectSummary;
  rule: PolicyRule;
}

export interface Finding {
  capability: Capability;
  /** `in the cluster`, `in namespace "shop"`. */
  where: string;
  path: Path;
}

interface Subject {
  kind?: unknown;
  name?: unknown;
  namespace?: unknown;
}

/**
 * Whether a binding subject is the service account `account` of `namespace` (undefined: the workload writes none
 * and is applied with `kubectl apply -n`, so any namespace the binding names may be its own).
 */
function names(
  s: Subject,
  bindingNamespace: string | undefined,
  account: string,
  namespace: string | undefined,
): boolean {
  const subjectNamespace = typeof s.namespace === 'string' ? s.namespace : bindingNamespace;
  if (s.kind === 'ServiceAccount')
    return (
      s.name === account &&
      (namespace === undefined || subjectNamespace === undefined || subjectNamespace === namespace)
    );
  if (s.kind !== 'Group' || typeof s.name !== 'string') return false;
  if (s.name === 'system:serviceaccounts') return true;
  return (
    s.name.startsWith('system:serviceaccounts:') &&
    (namespace === undefined || s.name.slice('system:serviceaccounts:'.length) === namespace)
  );
}

/** The dangerous capabilities of service account `account` in `namespace`, one path each (the first found). */
export function capabilitiesOf(ws: Workspace, account: string, namespace: string | undefined): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const kind of ['ClusterRoleBinding', 'RoleBinding'] as const) {
    for (const b of ws.objects(kind)) {
      if (!b.apiVersion.startsWith(`${RBAC_GROUP}/`)) continue;
      const spec = (b.spec ?? {}) as { subjects?: unknown; roleRef?: { kind?: unknown; name?: unknown } };
      if (
        !Array.isArray(spec.subjects) ||
        !spec.subjects.some((s) => s && typeof s === 'object' && names(s as Subject, b.namespace, account, namespace))
      )
        continue;
      const refKind = spec.roleRef?.kind;
      const refName = spec.roleRef?.name;
      if ((refKind !== 'ClusterRole' && refKind !== 'Role') || typeof refName !== 'string') continue;
      const role = findRole(ws, refKind, refName, b.namespace ?? 'default');
      if (!role) continue;
      const rules = effectiveRules(ws, role);
      const where =
        kind === 'ClusterRoleBinding'
          ? 'in the cluster'
          : b.namespace
            ? `in namespace "${b.namespace}"`
            : 'in the namespace the binding is applied to';
      for (const capability of CAPABILITIES) {
        // A RoleBinding grants only namespaced resources, even of a ClusterRole.
        if (capability.clusterScoped && kind !== 'ClusterRoleBinding') continue;
        const key = `${capability.id}|${where}`;
        if (seen.has(key)) continue;
        const rule = capability.test(rules.map((r) => r.rule));
        if (!rule) continue;
        const from = rules.find((r) => r.rule === rule)!.from;
        seen.add(key);
        out.push({ capability, where, path: { binding: b, role, from, rule } });
      }
    }
  }
  // Cluster-wide findings make the same capability in one namespace redundant, and administering a scope says
  // everything else about it.
  const admin = (where: string) =>
    out.some((g) => g.capability.id === 'admin' && (g.where === where || g.where === 'in the cluster'));
  return out
    .filter(
      (f) =>
        f.where === 'in the cluster' || !out.some((g) => g.where === 'in the cluster' && g.capability === f.capability),
    )
    .filter(
      (f) => f.capability.id === 'admin' || !admin(f.where) || (f.capability.clusterScoped && !admin('in the cluster')),
    )
    .filter(
      (f) =>
        !f.capability.impliedBy ||
        !out.some(
          (g) => g.capability.id === f.capability.impliedBy && (g.where === f.where || g.where === 'in the cluster'),
        ),
    )
    .sort((a, b) => CAPABILITIES.indexOf(a.capability) - CAPABILITIES.indexOf(b.capability));
}

/** `rbac.yaml` from a URI or path. */
export function fileName(uri: string): string {
  return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
}
