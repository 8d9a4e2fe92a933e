import { getIn, type KubernetesModel } from './parse/kubernetes';

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
}

const SPEC_KINDS = new Set(['NetworkPolicy', 'ClusterPolicy', 'Policy', 'ClusterImagePolicy']);

export function summarize(uri: string, model: KubernetesModel): ObjectSummary[] {
  return model.objects.map((o) => {
    const s: ObjectSummary = { uri, kind: o.kind, apiVersion: o.apiVersion, name: o.name, namespace: o.namespace, labels: o.labels };
    if (o.podSpec) {
      s.podLabels = o.podSpec.labels;
      s.images = o.podSpec.containers.map((c) => c.node.get('image')).filter((v): v is string => typeof v === 'string');
    }
    if (SPEC_KINDS.has(o.kind)) s.spec = getIn(o.node, ['spec'])?.toJSON();
    return s;
  });
}

/**
 * Cross-file facts, kept per document so an edit replaces one document's summaries instead of
 * rescanning the workspace.
 */
export class Workspace {
  private readonly byUri = new Map<string, ObjectSummary[]>();
  private version = 0;

  set(uri: string, summaries: ObjectSummary[]): void {
    this.byUri.set(uri, summaries);
    this.version++;
  }

  delete(uri: string): void {
    if (this.byUri.delete(uri)) this.version++;
  }

  has(uri: string): boolean {
    return this.byUri.has(uri);
  }

  /** Increases on every change; callers use it to know when cached cross-file results are stale. */
  get generation(): number {
    return this.version;
  }

  *objects(kind?: string): Iterable<ObjectSummary> {
    for (const list of this.byUri.values()) for (const s of list) if (!kind || s.kind === kind) yield s;
  }
}
