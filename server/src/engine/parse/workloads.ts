import { isMap, isSeq, type Node } from 'yaml';
import { jsOf } from '../edit/yamlLayout';
import type { KubernetesContext } from '../rule';
import type { TextEdit } from '../types';
import { getIn, type Container, type K8sObject, type YamlPath } from './kubernetes';
import { isUnset, scalarValue, stringValue, yamlBool } from './pss';

/**
 * Workload facts and edits shared by the rules beyond the Pod Security Standards (resources, probes, read-only root
 * filesystem, service accounts, NetworkPolicy coverage).
 */

/** Kinds whose controller keeps their pods running until deleted (bare Pods: see isLongRunning). */
const LONG_RUNNING = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'DeploymentConfig']);

/**
 * Pods that serve until deleted: controller-managed ones, and bare Pods that restart always (the default). Jobs,
 * CronJobs, PodTemplates and run-to-completion Pods (`restartPolicy: Never`/`OnFailure`, e.g. Helm tests) are not.
 */
export function isLongRunning(obj: K8sObject): boolean {
  if (LONG_RUNNING.has(obj.kind)) return true;
  if (obj.kind !== 'Pod' || !obj.podSpec) return false;
  const policy = stringValue(getIn(obj.node, [...obj.podSpec.path, 'restartPolicy']));
  return policy === undefined || policy === 'Always';
}

/** Kinds that create pods (a PodTemplate only describes one). */
export const createsPods = (kind: string): boolean => kind !== 'PodTemplate';

/** An init container with `restartPolicy: Always` is a sidecar: it runs for the pod's lifetime. */
export function isSidecar(c: Container): boolean {
  return c.group === 'initContainers' && stringValue(c.node.get('restartPolicy', true) as Node | undefined) === 'Always';
}

/** Containers whose resources the scheduler counts: regular and init containers (ephemeral ones cannot set any). */
export function scheduledContainers(obj: K8sObject): Container[] {
  return obj.podSpec?.containers.filter((c) => c.group !== 'ephemeralContainers') ?? [];
}

/** `spec.hostNetwork: true`: the pod uses the node's network, which NetworkPolicies do not govern. */
export function usesHostNetwork(obj: K8sObject): boolean {
  return !!obj.podSpec && yamlBool(getIn(obj.node, [...obj.podSpec.path, 'hostNetwork'])) === true;
}

/** Windows pods: Linux-only settings (read-only root filesystem) do not apply. */
export function isWindowsPod(obj: K8sObject): boolean {
  return !!obj.podSpec && scalarValue(getIn(obj.node, [...obj.podSpec.path, 'os', 'name'])) === 'windows';
}

/** The pod's service account: `serviceAccountName`, else the deprecated `serviceAccount`, else `default`. */
export function serviceAccountOf(obj: K8sObject): { name: string; path?: YamlPath } {
  const spec = obj.podSpec!;
  for (const key of ['serviceAccountName', 'serviceAccount']) {
    const path = [...spec.path, key];
    const name = stringValue(getIn(obj.node, path));
    if (name) return { name, path };
  }
  return { name: 'default' };
}

/** A container port as probes and NetworkPolicy rules refer to it. */
export interface ContainerPort {
  name?: string;
  port: number;
  protocol: string;
}

export function containerPorts(c: Container): ContainerPort[] {
  const seq = c.node.get('ports', true);
  if (!isSeq(seq)) return [];
  const out: ContainerPort[] = [];
  for (const item of seq.items) {
    if (!isMap(item)) continue;
    const port = scalarValue(item.get('containerPort', true) as Node | undefined);
    if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) continue;
    const name = stringValue(item.get('name', true) as Node | undefined);
    out.push({ ...(name ? { name } : {}), port, protocol: (stringValue(item.get('protocol', true) as Node | undefined) ?? 'TCP').toUpperCase() });
  }
  return out;
}

/** True when the node is unset, null or an empty string (Kubernetes treats all three as not given). */
export function isBlank(n: Node | undefined): boolean {
  return isUnset(n) || scalarValue(n) === '';
}

/**
 * Edits that make the value at `path` what `change` makes of a copy of its current plain value ({} when missing).
 * One ensure call for several additions, so that they never collide at the same insertion point; undefined when
 * the value holds aliases or the edit helper refuses.
 */
export function ensureChanged(
  ctx: Pick<KubernetesContext, 'ensure' | 'fixes'>,
  obj: K8sObject,
  path: YamlPath,
  change: (value: Record<string, unknown>) => void,
): TextEdit[] | undefined {
  // Findings only: the copy below serves the edit alone, and ensure returns a placeholder.
  if (!ctx.fixes) return ctx.ensure(obj, path, undefined);
  const current = jsOf(getIn(obj.node, path) ?? null) ?? {};
  if (!isPlainData(current) || typeof current !== 'object' || Array.isArray(current)) return undefined;
  const copy = JSON.parse(JSON.stringify(current)) as Record<string, unknown>;
  change(copy);
  const edits = ctx.ensure(obj, path, copy);
  return edits && edits.length > 0 ? edits : undefined;
}

/** JSON-like data only: an alias (a symbol from jsOf) or a non-finite number must not be silently dropped by a copy. */
function isPlainData(v: unknown, depth = 0): boolean {
  if (depth > 100) return false;
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  if (Array.isArray(v)) return v.every((x) => isPlainData(x, depth + 1));
  if (typeof v === 'object') return Object.values(v).every((x) => isPlainData(x, depth + 1));
  return false;
}

/** The mapping at `key` of `o`, created when missing (for building values in `ensureChanged`). */
export function child(o: Record<string, unknown>, key: string): Record<string, unknown> {
  const v = o[key];
  if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  const created: Record<string, unknown> = {};
  o[key] = created;
  return created;
}
