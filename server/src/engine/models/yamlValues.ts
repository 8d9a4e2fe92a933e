import { isMap, isScalar, isSeq, type Node, type Scalar } from 'yaml';

/** Reading YAML nodes the way Kubernetes reads them: scalars, YAML 1.1 booleans, unset values, items and entries. */

/** A scalar's value (YAML's core schema only yields primitives); undefined for anything else. */
export function scalarValue(n: Node | undefined): string | number | boolean | bigint | null | undefined {
  return isScalar(n) ? (n.value as string | number | boolean | bigint | null) : undefined;
}

export function stringValue(n: Node | undefined): string | undefined {
  const v = scalarValue(n);
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}

// go-yaml (kubectl, the API server's YAML decoder) still reads YAML 1.1 booleans in plain scalars.
const YAML11_TRUE = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'true', 'True', 'TRUE']);
const YAML11_FALSE = new Set(['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF', 'false', 'False', 'FALSE']);

/** A boolean as Kubernetes reads it, or undefined for a missing, null or non-boolean node. */
export function yamlBool(n: Node | undefined): boolean | undefined {
  if (!isScalar(n)) return undefined;
  if (typeof n.value === 'boolean') return n.value;
  if (typeof n.value !== 'string' || n.type !== 'PLAIN') return undefined;
  if (YAML11_TRUE.has(n.value)) return true;
  if (YAML11_FALSE.has(n.value)) return false;
  return undefined;
}

/** True when the node is absent or null: Kubernetes treats both as unset. */
export function isUnset(n: Node | undefined): boolean {
  return n === undefined || (isScalar(n) && n.value === null);
}

/** Items of a sequence node with their index; nothing for anything else. */
export function seqItems(n: Node | undefined): { item: Node; index: number }[] {
  if (!isSeq(n)) return [];
  return n.items.map((item, index) => ({ item: item as Node, index }));
}

/** The pairs of a mapping node whose keys are scalars. */
export function mapEntries(n: Node | undefined): { key: string; value: Node | undefined }[] {
  if (!isMap(n)) return [];
  return n.items
    .filter((p) => isScalar(p.key))
    .map((p) => ({ key: String((p.key as Scalar).value), value: (p.value ?? undefined) as Node | undefined }));
}

/** True when the node is unset, null or an empty string (Kubernetes treats all three as not given). */
export function isBlank(n: Node | undefined): boolean {
  return isUnset(n) || scalarValue(n) === '';
}
