import { getIn, type K8sObject } from '../../models/kubernetes';
import { asFix } from '../../edit/fixEdits';
import { isUnset } from '../../models/yamlValues';
import { serviceAccountOf } from '../../facts/workloads';
import { defineKubernetesRule } from '../rule';
import type { Workspace } from '../../facts/workspace';

type Messages = 'tokenMounted' | 'disableToken';

export default defineKubernetesRule<Messages>({
  meta: {
    id: 'k8s-automount-service-account-token',
    target: 'kubernetes',
    title: 'Pods that do not use the Kubernetes API should not mount a service account token',
    practice: 'least-privilege',
    severity: 'warning',
    fix: 'suggestion',
    peers: { checkov: ['CKV_K8S_38'], trivy: ['KSV-0036'] },
    messages: {
      tokenMounted:
        'Pod mounts an API token of service account "{{account}}", which no RoleBinding or ClusterRoleBinding in the workspace grants anything; set automountServiceAccountToken: false unless it calls the Kubernetes API',
      disableToken: 'Set automountServiceAccountToken to false',
    },
    docs: {
      rationale:
        'Kubernetes mounts an API token into every container unless told otherwise, so anyone who gets code execution in the pod can talk to the API server as its service account: enumerate the cluster, and use whatever a binding (or a careless binding to `system:serviceaccounts`) grants. Most applications never call the API. A pod is reported when neither it nor its ServiceAccount sets automountServiceAccountToken and no RoleBinding or ClusterRoleBinding in the workspace binds its service account (directly or through a `system:serviceaccounts` group): a pod whose account has rights presumably uses them. An explicit `automountServiceAccountToken: true` is a decision and is not reported. Checkov CKV_K8S_38 and Trivy KSV-0036 report every pod that does not set false. The fix is a suggestion, not a safe fix, because a pod that does call the API (with rights granted outside the workspace, or only to read its own namespace through discovery) stops working; mount a projected token volume explicitly for the containers that need one.',
      references: [
        'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting',
        'https://kubernetes.io/docs/concepts/security/service-accounts/',
      ],
    },
  },
  check(ctx) {
    const facts = accountFacts(ctx.workspace, ctx.kubernetes.objects);
    for (const obj of ctx.kubernetes.objects) {
      if (!obj.podSpec) continue;
      const path = [...obj.podSpec.path, 'automountServiceAccountToken'];
      if (!isUnset(getIn(obj.node, path))) continue;
      const account = serviceAccountOf(obj).name;
      const key = `${obj.namespace ?? 'default'}/${account}`;
      if (
        facts.explicit.has(key) ||
        facts.bound.has(key) ||
        facts.allBound.has(obj.namespace ?? 'default') ||
        facts.allBound.has('*')
      )
        continue;
      const at = ctx.at(obj, path);
      const edits = asFix(ctx.ensure(obj, path, false));
      ctx.report({
        start: at.start,
        end: at.end,
        messageId: 'tokenMounted',
        data: { account },
        suggest: edits ? [{ messageId: 'disableToken', edits }] : undefined,
        absent: true,
      });
    }
  },
});

interface AccountFacts {
  /** `namespace/name` of service accounts that set automountServiceAccountToken themselves. */
  explicit: Set<string>;
  /** `namespace/name` of service accounts some binding names. */
  bound: Set<string>;
  /** Namespaces whose every service account is bound through a `system:serviceaccounts[:ns]` group (`*` = all). */
  allBound: Set<string>;
}

type Plain = Record<string, unknown>;
const rec = (v: unknown): Plain => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Plain) : {});
const BINDINGS = new Set(['RoleBinding', 'ClusterRoleBinding']);

const cache = new WeakMap<Workspace, { generation: number; facts: AccountFacts }>();

/**
 * Service accounts and bindings of the workspace (summaries whose `spec` carries `{automountServiceAccountToken}` for
 * a ServiceAccount and `{subjects, roleRef}` for a binding), plus the objects of the document being linted.
 */
function accountFacts(ws: Workspace, local: readonly K8sObject[]): AccountFacts {
  let c = cache.get(ws);
  if (!c || c.generation !== ws.generation) {
    const facts: AccountFacts = { explicit: new Set(), bound: new Set(), allBound: new Set() };
    for (const s of ws.objects()) if (s.spec !== undefined) add(facts, s.kind, s.namespace, s.name, rec(s.spec));
    c = { generation: ws.generation, facts };
    cache.set(ws, c);
  }
  if (!local.some((o) => o.kind === 'ServiceAccount' || BINDINGS.has(o.kind))) return c.facts;
  const facts: AccountFacts = {
    explicit: new Set(c.facts.explicit),
    bound: new Set(c.facts.bound),
    allBound: new Set(c.facts.allBound),
  };
  for (const o of local) {
    const json = rec(o.node.toJSON());
    add(
      facts,
      o.kind,
      o.namespace,
      o.name,
      o.kind === 'ServiceAccount' ? { automountServiceAccountToken: json.automountServiceAccountToken } : json,
    );
  }
  return facts;
}

function add(
  facts: AccountFacts,
  kind: string,
  namespace: string | undefined,
  name: string | undefined,
  body: Plain,
): void {
  const ns = namespace ?? 'default';
  if (kind === 'ServiceAccount') {
    if (body.automountServiceAccountToken !== undefined && body.automountServiceAccountToken !== null)
      facts.explicit.add(`${ns}/${name ?? ''}`);
    return;
  }
  if (!BINDINGS.has(kind) || !Array.isArray(body.subjects)) return;
  for (const subject of body.subjects.map(rec)) {
    const who = typeof subject.name === 'string' ? subject.name : '';
    if (subject.kind === 'ServiceAccount')
      facts.bound.add(`${typeof subject.namespace === 'string' ? subject.namespace : ns}/${who}`);
    else if (subject.kind === 'Group' && who === 'system:serviceaccounts') facts.allBound.add('*');
    else if (subject.kind === 'Group' && who.startsWith('system:serviceaccounts:'))
      facts.allBound.add(who.slice('system:serviceaccounts:'.length));
  }
}
