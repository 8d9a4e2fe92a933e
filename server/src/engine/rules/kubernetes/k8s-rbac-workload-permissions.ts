import { isScalar, type Node } from 'yaml';
import { getIn } from '../../models/kubernetes';
import { serviceAccountOf } from '../../facts/workloads';
import { defineKubernetesRule } from '../rule';
import { capabilitiesOf, fileName, type Finding } from './rbac/effective';

type Messages = 'dangerous' | 'dangerousNoToken';

/** Kinds whose pod template runs (a PodTemplate on its own does not). */
const RUNS = new Set([
  'Pod',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'ReplicationController',
  'Job',
  'CronJob',
  'DeploymentConfig',
]);

function bool(n: Node | undefined): boolean | undefined {
  if (!isScalar(n)) return undefined;
  if (typeof n.value === 'boolean') return n.value;
  return n.value === 'true' ? true : n.value === 'false' ? false : undefined;
}

export default defineKubernetesRule<Messages>({
  meta: {
    id: 'k8s-rbac-workload-permissions',
    target: 'kubernetes',
    title: 'Workloads should not run as service accounts with dangerous rights',
    practice: 'least-privilege',
    severity: 'warning',
    fix: 'none',
    peers: {},
    messages: {
      dangerous:
        '{{kind}} "{{name}}" runs as service account "{{account}}", which {{what}} ({{paths}}); its pods mount the token, so a compromised container gets all of it: give the account only what the workload needs',
      dangerousNoToken:
        '{{kind}} "{{name}}" runs as service account "{{account}}", which {{what}} ({{paths}}); its pods do not mount the token, so the risk is lower, but any token issued for the account carries these rights',
    },
    docs: {
      rationale:
        'RBAC rules say what a role allows; what a compromised container can actually do depends on which service account its pod runs as and on what the bindings of the workspace grant that account. The rule resolves, for every workload, its service account (`serviceAccountName`, the deprecated `serviceAccount`, or `default`), every RoleBinding and ClusterRoleBinding of the workspace (any file) that names it directly or through the groups `system:serviceaccounts` and `system:serviceaccounts:<namespace>`, and the roles they reference, with the rules of aggregated ClusterRoles. It reports the workload when the account can administer a scope (every verb on every resource), read every Secret (list or watch) or any Secret by name (get), grant itself more (escalate, bind, impersonate, token creation), reach pods through the kubelet (`nodes/proxy`), change admission webhooks, run any image (create or update pods and controllers), exec into pods or create PersistentVolumes. A RoleBinding grants only in its namespace and never cluster-scoped resources; a capability held cluster-wide is not repeated per namespace. The message names each binding and role rule (`ClusterRoleBinding "x" (rbac.yaml) → ClusterRole "y" rule 2`). The finding is on `serviceAccountName`, or on `containers` when the account is implicit. When neither the pod nor its ServiceAccount mounts the token (`automountServiceAccountToken: false`), the message says the risk is lower. A workload whose manifest writes no namespace is matched to bindings of any namespace that name its account, since `kubectl apply -n` decides where it runs. Controllers built to hold such rights (Argo CD, ingress controllers reading Secrets) are reported too: suppress the finding on them with a reason.',
      references: [
        'https://kubernetes.io/docs/concepts/security/rbac-good-practices/',
        'https://kubernetes.io/docs/concepts/security/service-accounts/',
      ],
    },
  },
  check(ctx) {
    for (const obj of ctx.kubernetes.objects) {
      if (!obj.podSpec || !RUNS.has(obj.kind)) continue;
      const sa = serviceAccountOf(obj);
      const found = capabilitiesOf(ctx.workspace, sa.name, obj.namespace);
      if (!found.length) continue;
      const at = sa.path ? ctx.at(obj, sa.path) : ctx.at(obj, [...obj.podSpec.path, 'containers'], 'key');
      const data = {
        kind: obj.kind,
        name: obj.name ?? '',
        account: sa.name,
        what: found.map((f) => f.capability.text.replace('{{where}}', f.where)).join(', '),
        paths: [...new Set(found.map(pathText))].join('; '),
      };
      ctx.report({
        start: at.start,
        end: at.end,
        messageId: mountsToken(ctx.workspace, obj, sa.name) ? 'dangerous' : 'dangerousNoToken',
        data,
      });
    }
  },
});

function pathText(f: Finding): string {
  const { binding, role, from, rule } = f.path;
  const via = from === role ? '' : ` → aggregated ClusterRole "${from.name ?? ''}"`;
  return `${binding.kind} "${binding.name ?? ''}" (${fileName(binding.uri)}) → ${role.kind} "${role.name ?? ''}"${via} rule ${rule.index + 1} (${fileName(from.uri)})`;
}

/** The pod's automountServiceAccountToken, else its ServiceAccount's from the workspace, else true. */
function mountsToken(
  ws: Parameters<typeof capabilitiesOf>[0],
  obj: Parameters<typeof serviceAccountOf>[0],
  account: string,
): boolean {
  const own = bool(getIn(obj.node, [...obj.podSpec!.path, 'automountServiceAccountToken']));
  if (own !== undefined) return own;
  for (const s of ws.objects('ServiceAccount')) {
    if (s.name !== account || (obj.namespace !== undefined && (s.namespace ?? 'default') !== obj.namespace)) continue;
    const v = (s.spec as { automountServiceAccountToken?: unknown } | undefined)?.automountServiceAccountToken;
    if (v === false || v === 'false') return false;
  }
  return true;
}
