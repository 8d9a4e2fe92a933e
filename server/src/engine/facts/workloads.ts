import { isMap, isSeq } from 'yaml';
import { CRD_POD_TEMPLATES } from '../data/crdPodTemplates';
import { getIn, type Container, type K8sObject, type YamlPath } from '../models/kubernetes';
import { scalarValue, stringValue, yamlBool } from '../models/yamlValues';

/**
 * Workload facts and edits shared by the rules beyond the Pod Security Standards (resources, probes, read-only root
 * filesystem, service accounts, NetworkPolicy coverage).
 */

/** Kinds whose controller keeps their pods running until deleted (bare Pods: see isLongRunning). */
const LONG_RUNNING = new Set([
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'ReplicationController',
  'DeploymentConfig',
]);

/**
 * Pods that serve until deleted: controller-managed ones, and bare Pods that restart always (the default). Jobs,
 * CronJobs, PodTemplates and run-to-completion Pods (`restartPolicy: Never`/`OnFailure`, e.g. Helm tests) are not.
 */
export function isLongRunning(obj: K8sObject): boolean {
  if (LONG_RUNNING.has(obj.kind)) return true;
  // Custom resources with a pod template (Argo Rollouts, Knative, OpenKruise…): as their data entry says.
  if (CRD_POD_TEMPLATES.some((t) => t.longRunning && t.kind === obj.kind && obj.apiVersion.startsWith(`${t.group}/`)))
    return true;
  if (obj.kind !== 'Pod' || !obj.podSpec) return false;
  const policy = stringValue(getIn(obj.node, [...obj.podSpec.path, 'restartPolicy']));
  return policy === undefined || policy === 'Always';
}

/** Kinds that create pods (a PodTemplate only describes one). */
export const createsPods = (kind: string): boolean => kind !== 'PodTemplate';

/** An init container with `restartPolicy: Always` is a sidecar: it runs for the pod's lifetime. */
export function isSidecar(c: Container): boolean {
  return c.group === 'initContainers' && stringValue(c.node.get('restartPolicy', true)) === 'Always';
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
    const port = scalarValue(item.get('containerPort', true));
    if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) continue;
    const name = stringValue(item.get('name', true));
    out.push({
      ...(name ? { name } : {}),
      port,
      protocol: (stringValue(item.get('protocol', true)) ?? 'TCP').toUpperCase(),
    });
  }
  return out;
}
