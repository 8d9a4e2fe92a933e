import type { Item, RoleObject } from './model';

/** The apiGroups of a rule for a message: `the core group`, `"apps"`, `every API group`. */
export function groupsText(groups: readonly Item[]): string {
  if (groups.some((g) => g.value === '*')) return 'every API group';
  const names = [...new Set(groups.map((g) => g.value))].map((g) => (g === '' ? 'the core group' : `"${g}"`));
  return names.length ? names.join(', ') : 'no API group';
}

/** `"get", "list"` from items or strings, without repeats. */
export function listText(values: readonly (Item | string)[]): string {
  const names = [...new Set(values.map((v) => (typeof v === 'string' ? v : v.value)))];
  return names.length ? names.map((v) => `"${v}"`).join(', ') : 'nothing';
}

/** `in namespace "shop"`, or for a manifest that writes none, the namespace `kubectl apply -n` gives it. */
export function inNamespace(namespace: string | undefined): string {
  return namespace === undefined ? 'in the namespace it is applied to' : `in namespace "${namespace}"`;
}

/** The data every role finding starts with: `ClusterRole "x" rule 2`. */
export function roleData(
  role: RoleObject,
  ruleIndex: number,
): { kind: string; name: string; rule: number; scope: string } {
  return {
    kind: role.kind,
    name: role.name,
    rule: ruleIndex + 1,
    scope:
      role.kind === 'Role'
        ? inNamespace(role.namespaced ? role.namespace : undefined)
        : 'in every namespace through a ClusterRoleBinding (in one through a RoleBinding)',
  };
}
