import type { PssLevel, Settings } from '../base/types';
import { scalarValue, yamlBool } from '../models/yamlValues';
import type { Workspace } from './workspace';
import {
  getIn,
  type Container,
  type K8sObject,
  type KubernetesModel,
  type PodSpec,
  type YamlPath,
} from '../models/kubernetes';

/** What the PSS facts read of a lint: its settings, the workspace index (Namespace labels) and the document. */
export interface PssScope {
  settings: Settings;
  workspace: Workspace;
  kubernetes: KubernetesModel;
}

/**
 * Pod Security Standards as Pod Security Admission applies them: level, version and the pod facts its checks share.
 * PSS rules default to severity `warning`, whatever the level: the configured level already says how strict to
 * be, and a workspace-wide `error` would make every unhardened manifest fail CI before a team opts in. The one
 * exception is `privileged: true` (an error): it is never an oversight to be tightened later, it is root on the node.
 */

/** `latest` means this minor version of Kubernetes (v1.37). */
export const LATEST_MINOR = 37;

export type EnforceLevel = 'privileged' | PssLevel;

export interface PssPolicy {
  level: EnforceLevel;
  /** Minor version of the policy (`v1.25` → 25); compared numerically. */
  minor: number;
  /** Whether a Namespace's `pod-security.kubernetes.io/enforce*` labels decided it. */
  fromNamespace: boolean;
}

const RANK: Record<EnforceLevel, number> = { privileged: 0, baseline: 1, restricted: 2 };
const ENFORCE = 'pod-security.kubernetes.io/enforce';
const ENFORCE_VERSION = 'pod-security.kubernetes.io/enforce-version';

/** `latest` → 37, `v1.25` → 25, anything else → undefined (as PSA's ParseVersion: `v1.N`, no patch, no leading zero). */
export function parsePssVersion(v: string | undefined): number | undefined {
  if (v === 'latest') return LATEST_MINOR;
  const m = /^v1\.(0|[1-9]\d{0,3})$/.exec(v ?? '');
  return m ? Number(m[1]) : undefined;
}

const namespaceCache = new WeakMap<Workspace, { generation: number; labels: Map<string, Record<string, string>> }>();

function namespaceLabels(ws: Workspace, name: string): Record<string, string> | undefined {
  let c = namespaceCache.get(ws);
  if (!c || c.generation !== ws.generation) {
    const labels = new Map<string, Record<string, string>>();
    for (const s of ws.objects('Namespace')) if (s.name && !labels.has(s.name)) labels.set(s.name, s.labels);
    c = { generation: ws.generation, labels };
    namespaceCache.set(ws, c);
  }
  return c.labels.get(name);
}

/**
 * The policy for one object: settings, overridden by its Namespace's enforce labels when the workspace holds it.
 * Like PSA: an invalid level label means restricted, an invalid version label latest, and a level label without a
 * version label latest.
 */
export function policyFor(ctx: Pick<PssScope, 'settings' | 'workspace'>, obj: K8sObject): PssPolicy {
  const { level, version } = ctx.settings.pss;
  const policy: PssPolicy = { level, minor: parsePssVersion(version) ?? LATEST_MINOR, fromNamespace: false };
  const labels = namespaceLabels(ctx.workspace, obj.namespace ?? 'default');
  if (!labels) return policy;
  let levelIsValid = false;
  if (ENFORCE in labels) {
    const l = labels[ENFORCE];
    levelIsValid = l === 'privileged' || l === 'baseline' || l === 'restricted';
    policy.level = levelIsValid ? (l as EnforceLevel) : 'restricted';
    policy.fromNamespace = true;
  }
  if (ENFORCE_VERSION in labels) {
    policy.minor = parsePssVersion(labels[ENFORCE_VERSION]) ?? LATEST_MINOR;
    policy.fromNamespace = true;
  } else if (levelIsValid) {
    policy.minor = LATEST_MINOR;
  }
  return policy;
}

export interface PssPod {
  obj: K8sObject;
  spec: PodSpec;
  policy: PssPolicy;
  /** `spec.hostUsers: false`: the pod runs in a user namespace (PSA relaxes some checks from v1.35). */
  userNamespace: boolean;
  /** `spec.os.name: windows` (PSA exempts some restricted checks from v1.25). */
  windows: boolean;
}

/** Pods and pod templates whose effective level includes the checks of `level`. */
export function pssPods(ctx: PssScope, level: PssLevel): PssPod[] {
  // Sixteen rules ask for the same list of every document: computed once per document, settings and workspace.
  let memo = podsMemo.get(ctx.kubernetes);
  if (
    !memo ||
    memo.settings !== ctx.settings ||
    memo.workspace !== ctx.workspace ||
    memo.generation !== ctx.workspace.generation
  ) {
    podsMemo.set(
      ctx.kubernetes,
      (memo = {
        settings: ctx.settings,
        workspace: ctx.workspace,
        generation: ctx.workspace.generation,
        byLevel: new Map(),
      }),
    );
  }
  let pods = memo.byLevel.get(level);
  if (!pods) memo.byLevel.set(level, (pods = computePssPods(ctx, level)));
  return pods;
}

const podsMemo = new WeakMap<
  object,
  { settings: object; workspace: Workspace; generation: number; byLevel: Map<PssLevel, PssPod[]> }
>();

function computePssPods(ctx: PssScope, level: PssLevel): PssPod[] {
  const out: PssPod[] = [];
  for (const obj of ctx.kubernetes.objects) {
    if (!obj.podSpec) continue;
    const policy = policyFor(ctx, obj);
    if (RANK[policy.level] < RANK[level]) continue;
    const spec = obj.podSpec;
    out.push({
      obj,
      spec,
      policy,
      userNamespace: yamlBool(getIn(obj.node, [...spec.path, 'hostUsers'])) === false,
      windows: scalarValue(getIn(obj.node, [...spec.path, 'os', 'name'])) === 'windows',
    });
  }
  return out;
}

/** The effective level is exactly baseline: restricted checks that replace a baseline one are not active. */
export const isBaselineOnly = (pod: PssPod) => pod.policy.level === 'baseline';

/** From v1.35 PSA relaxes user-related checks for pods with `hostUsers: false`. */
export const relaxedForUserNamespace = (pod: PssPod) => pod.userNamespace && pod.policy.minor >= 35;

/** From v1.25 PSA exempts Windows pods from allowPrivilegeEscalation, seccompProfile_restricted and capabilities_restricted. */
export const windowsExempt = (pod: PssPod) => pod.windows && pod.policy.minor >= 25;

/** A security context: the pod's (`spec.securityContext`) or one container's. */
export interface SecurityContextRef {
  /** The container, or undefined for the pod-level context. */
  container?: Container;
  /** Path from the object root to the `securityContext` key. */
  path: YamlPath;
}

export function podSecurityContext(pod: PssPod): SecurityContextRef {
  return { path: [...pod.spec.path, 'securityContext'] };
}

export function containerSecurityContext(c: Container): SecurityContextRef {
  return { container: c, path: [...c.path, 'securityContext'] };
}

/** The pod's context first, then every container's (containers, initContainers, ephemeralContainers). */
export function securityContexts(pod: PssPod): SecurityContextRef[] {
  return [podSecurityContext(pod), ...pod.spec.containers.map(containerSecurityContext)];
}

/** How messages name a container: its name, or its place when it has none. */
export function containerName(c: Container): string {
  return c.name ?? `${c.group}[${c.index}]`;
}

/** How messages name the owner of a security context: `pod` or `container "web"`. */
export function ownerName(ref: SecurityContextRef): string {
  return ref.container ? `container "${containerName(ref.container)}"` : 'pod';
}
