/** RoleBindings and ClusterRoleBindings of a document, as the RBAC authorizer reads them. */
import { isMap, isScalar, isSeq } from 'yaml';
import { getIn, type K8sObject } from '../../../models/kubernetes';
import type { KubernetesContext } from '../../rule';
import { isRbac } from './model';
import { inNamespace } from './text';

export interface Subject {
  kind: string;
  name: string;
  /** As written; a ServiceAccount without one is in the binding's namespace. */
  namespace?: string;
  index: number;
}

export interface BindingObject {
  obj: K8sObject;
  kind: 'RoleBinding' | 'ClusterRoleBinding';
  name: string;
  /** The RoleBinding's namespace (`default` when the manifest names none); undefined for a ClusterRoleBinding. */
  namespace?: string;
  /** Whether the manifest writes the namespace. */
  namespaced: boolean;
  roleRef?: { kind: string; name: string };
  subjects: Subject[];
}

function str(n: unknown): string | undefined {
  if (!isScalar(n)) return undefined;
  return typeof n.value === 'string' ? n.value : typeof n.value === 'number' ? String(n.value) : undefined;
}

export function bindingObjects(ctx: Pick<KubernetesContext, 'kubernetes'>): BindingObject[] {
  const out: BindingObject[] = [];
  for (const obj of ctx.kubernetes.objects) {
    if ((obj.kind !== 'RoleBinding' && obj.kind !== 'ClusterRoleBinding') || !isRbac(obj)) continue;
    const ref = getIn(obj.node, ['roleRef']);
    const refKind = isMap(ref) ? str(ref.get('kind', true)) : undefined;
    const refName = isMap(ref) ? str(ref.get('name', true)) : undefined;
    const subjects: Subject[] = [];
    const seq = getIn(obj.node, ['subjects']);
    if (isSeq(seq)) {
      seq.items.forEach((s, index) => {
        if (!isMap(s)) return;
        const get = (k: string) => str(s.get(k, true));
        const kind = get('kind');
        const name = get('name');
        if (kind && name) subjects.push({ kind, name, namespace: get('namespace'), index });
      });
    }
    out.push({
      obj,
      kind: obj.kind,
      name: obj.name ?? '',
      namespace: obj.kind === 'RoleBinding' ? (obj.namespace ?? 'default') : undefined,
      namespaced: obj.namespace !== undefined,
      roleRef: refKind && refName ? { kind: refKind, name: refName } : undefined,
      subjects,
    });
  }
  return out;
}

/** `User "alice"`, `ServiceAccount "ci/deployer"`, `Group "dev"`. */
export function subjectText(s: Subject, binding: BindingObject): string {
  if (s.kind === 'ServiceAccount')
    return (s.namespace ?? (binding.namespaced ? binding.namespace : undefined))
      ? `ServiceAccount "${s.namespace ?? binding.namespace}/${s.name}"`
      : `ServiceAccount "${s.name}" of the binding's namespace`;
  return `${s.kind} "${s.name}"`;
}

/** Where a binding grants: the whole cluster, or the RoleBinding's namespace. */
export function whereText(b: BindingObject): string {
  return b.kind === 'ClusterRoleBinding'
    ? 'across the whole cluster'
    : `${inNamespace(b.namespaced ? b.namespace : undefined)} only (a RoleBinding grants even a ClusterRole only in its own namespace)`;
}
