import { getIn, type KubernetesModel } from '../models/kubernetes';

/** What other documents need to know about one Kubernetes object (cross-file rules: NetworkPolicy coverage, PSA labels). */
export interface ObjectSummary {
  uri: string;
  kind: string;
  apiVersion: string;
  name?: string;
  namespace?: string;
  labels: Record<string, string>;
  /** Pod template labels, for workloads. */
  podLabels?: Record<string, string>;
  /** Container images, for workloads. */
  images?: string[];
  /** Plain `spec` for the few kinds whose content matters across files (NetworkPolicy, image policies). */
  spec?: unknown;
  /** For a Kustomization: the URIs of the patch files it lists (partial objects). */
  patches?: string[];
}

const SPEC_KINDS = new Set(['NetworkPolicy', 'ClusterPolicy', 'Policy', 'ClusterImagePolicy', 'ImageValidatingPolicy']);
/** Kinds whose top-level fields (not under `spec`) other files need: who is bound to what, who mounts tokens. */
const TOP_LEVEL: Record<string, string[]> = {
  ServiceAccount: ['automountServiceAccountToken'],
  RoleBinding: ['subjects', 'roleRef'],
  ClusterRoleBinding: ['subjects', 'roleRef'],
  // RBAC rules: bindings in other files are judged by what their role grants (k8s-rbac-cluster-admin-binding).
  Role: ['rules'],
  ClusterRole: ['rules', 'aggregationRule'],
};

export function summarize(uri: string, model: KubernetesModel): ObjectSummary[] {
  return model.objects.map((o) => {
    const s: ObjectSummary = {
      uri,
      kind: o.kind,
      apiVersion: o.apiVersion,
      name: o.name,
      namespace: o.namespace,
      labels: o.labels,
    };
    if (o.podSpec) {
      s.podLabels = o.podSpec.labels;
      s.images = o.podSpec.containers.map((c) => c.node.get('image')).filter((v): v is string => typeof v === 'string');
    }
    if (SPEC_KINDS.has(o.kind)) s.spec = getIn(o.node, ['spec'])?.toJSON();
    const fields = TOP_LEVEL[o.kind];
    if (fields)
      s.spec = Object.fromEntries(
        fields.map((f) => [f, getIn(o.node, [f])?.toJSON() as unknown]).filter(([, v]) => v !== undefined),
      );
    if (o.kind === 'Kustomization')
      s.patches = patchFiles(o.node.toJSON() as Record<string, unknown>).map((p) => resolveUri(uri, p));
    return s;
  });
}

/** Files a kustomization applies as patches: `patches[].path` and `patchesStrategicMerge[]`. */
function patchFiles(k: Record<string, unknown>): string[] {
  const out: string[] = [];
  if (Array.isArray(k.patches))
    for (const p of k.patches)
      if (p && typeof p === 'object' && typeof (p as { path?: unknown }).path === 'string')
        out.push((p as { path: string }).path);
  if (Array.isArray(k.patchesStrategicMerge))
    for (const p of k.patchesStrategicMerge) if (typeof p === 'string' && !p.includes('\n')) out.push(p);
  return out;
}

/** `rel` against the folder of `base` (a URI or a path), with `.` and `..` segments resolved. */
export function resolveUri(base: string, rel: string): string {
  const folder = base.slice(0, base.lastIndexOf('/') + 1);
  const [, prefix, path] = /^([a-z][a-z0-9+.-]*:\/\/[^/]*)?(.*)$/i.exec(folder + rel)!;
  const parts: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '..') {
      if (parts.length > 1) parts.pop();
    } else if (seg !== '.') parts.push(seg);
  }
  return (prefix ?? '') + parts.join('/');
}

/** Generations are unique across instances, so a cache filled under one workspace is never valid for a fork. */
let clock = 0;

/**
 * Cross-file facts, kept per document so an edit replaces one document's summaries instead of
 * rescanning the workspace.
 */
export class Workspace {
  private readonly byUri = new Map<string, ObjectSummary[]>();
  private version = 0;

  /** Records a document's summaries; the generation changes only when they differ from the last ones. */
  set(uri: string, summaries: ObjectSummary[]): void {
    // Unchanged YAML documents keep their summary objects (KubernetesCache): compare those by identity and only
    // the others as JSON. Serialising a 10k-line manifest's summaries on every keystroke showed in profiles.
    const prev = this.byUri.get(uri);
    const same =
      prev !== undefined &&
      prev.length === summaries.length &&
      prev.every((s, i) => s === summaries[i] || JSON.stringify(s) === JSON.stringify(summaries[i]));
    this.byUri.set(uri, summaries);
    if (same) return;
    this.version = ++clock;
  }

  /** An independent copy, for speculative lints (fix previews) that must not change the shared facts. */
  fork(): Workspace {
    const copy = new Workspace();
    for (const [uri, list] of this.byUri) copy.set(uri, list);
    return copy;
  }

  delete(uri: string): void {
    if (this.byUri.delete(uri)) this.version = ++clock;
  }

  has(uri: string): boolean {
    return this.byUri.has(uri);
  }

  /** Increases on every change; callers use it to know when cached cross-file results are stale. */
  get generation(): number {
    return this.version;
  }

  /** True when a kustomization in the workspace lists `uri` as a patch: its objects are partial. */
  isPatch(uri: string): boolean {
    for (const k of this.objects('Kustomization')) if (k.patches?.includes(uri)) return true;
    return false;
  }

  *objects(kind?: string): Iterable<ObjectSummary> {
    for (const list of this.byUri.values()) for (const s of list) if (!kind || s.kind === kind) yield s;
  }
}
