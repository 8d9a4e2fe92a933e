/** releaseutil.SortManifests and `helm template`'s printing: documents split, hooks apart, kinds in install order. */
import type { Segment } from './exec';
import { isMap } from './values';
import { readYaml } from './yaml';

export const INSTALL_ORDER = [
  'PriorityClass',
  'Namespace',
  'NetworkPolicy',
  'ResourceQuota',
  'LimitRange',
  'PodSecurityPolicy',
  'PodDisruptionBudget',
  'ServiceAccount',
  'Secret',
  'SecretList',
  'ConfigMap',
  'StorageClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'CustomResourceDefinition',
  'ClusterRole',
  'ClusterRoleList',
  'ClusterRoleBinding',
  'ClusterRoleBindingList',
  'Role',
  'RoleList',
  'RoleBinding',
  'RoleBindingList',
  'Service',
  'DaemonSet',
  'Pod',
  'ReplicationController',
  'ReplicaSet',
  'Deployment',
  'HorizontalPodAutoscaler',
  'StatefulSet',
  'Job',
  'CronJob',
  'IngressClass',
  'Ingress',
  'APIService',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
];

export interface Doc {
  /** The template that produced it. */
  path: string;
  content: string;
  /** Offsets of `content` in the template's rendered text. */
  start: number;
  kind: string;
  hook: boolean;
}

/** SplitManifests (`(?:^|\s*\n)---\s*`): documents between `---` separators, trimmed, empty ones dropped; with offsets. */
export function splitManifests(text: string): { content: string; start: number }[] {
  const out: { content: string; start: number }[] = [];
  const isWs = (c: number) => c === 32 || c === 9 || c === 10 || c === 13 || c === 11 || c === 12;
  const push = (a: number, b: number) => {
    while (a < b && isWs(text.charCodeAt(a))) a++;
    while (b > a && isWs(text.charCodeAt(b - 1))) b--;
    if (b > a) out.push({ content: text.slice(a, b), start: a });
  };
  let last = 0;
  // A separator is "---" at the start of the text or right after a newline; whitespace after it belongs to it.
  let i = text.startsWith('---') ? 0 : text.indexOf('\n---');
  while (i >= 0) {
    const dash = text.startsWith('---', i) && i === 0 ? 0 : i + 1;
    push(last, dash);
    let j = dash + 3;
    while (j < text.length && isWs(text.charCodeAt(j))) j++;
    last = j;
    i = text.indexOf('\n---', Math.max(j - 1, dash + 3));
  }
  push(last, text.length);
  return out;
}

export class ManifestError extends Error {}

/** The kind and whether it is a hook, read from the document's top-level lines; odd documents get a full parse. */
function head(path: string, content: string, validate: boolean): { kind: string; hook: boolean } {
  if (!validate) {
    const quick = quickHead(content);
    if (quick) return quick;
  }
  let v: unknown;
  try {
    v = readYaml(content);
  } catch (e) {
    throw new ManifestError(`YAML parse error on ${path}: ${(e as Error).message}`);
  }
  if (v === null) return { kind: '', hook: false };
  if (!isMap(v))
    throw new ManifestError(
      `YAML parse error on ${path}: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${Array.isArray(v) ? 'array' : typeof v === 'string' ? 'string' : 'number'} into Go value of type releaseutil.SimpleHead`,
    );
  const md = isMap(v.metadata) ? v.metadata : {};
  const ann = isMap(md.annotations) ? md.annotations : {};
  return { kind: typeof v.kind === 'string' ? v.kind : '', hook: 'helm.sh/hook' in ann };
}

const unquote = (s: string) =>
  s
    .replace(/\s+#.*$/, '')
    .trim()
    .replace(/^(["'])(.*)\1$/, '$2');

/** Plain block-style documents: `kind:` at the top level and `helm.sh/hook` under metadata.annotations. */
function quickHead(content: string): { kind: string; hook: boolean } | undefined {
  let kind = '';
  let hook = false;
  let inMeta = false,
    inAnn = false,
    annIndent = -1,
    sawKey = false;
  for (const line of content.split('\n')) {
    if (/^\s*(#|$)/.test(line)) continue;
    const indent = line.length - line.trimStart().length;
    if (indent === 0) {
      if (!/^[\w"'.\-/]+\s*:(\s|$)/.test(line)) return undefined; // flow style, anchors, tags, lists...
      sawKey = true;
      inMeta = /^metadata\s*:\s*$/.test(line);
      inAnn = false;
      const m = /^kind\s*:\s*(.*)$/.exec(line);
      if (m) kind = unquote(m[1]);
      continue;
    }
    if (!inMeta) continue;
    if (inAnn && indent > annIndent) {
      if (/^\s*["']?helm\.sh\/hook["']?\s*:/.test(line)) hook = true;
      continue;
    }
    inAnn = false;
    if (/^\s*annotations\s*:\s*$/.test(line)) {
      inAnn = true;
      annIndent = indent;
    } else if (/^\s*annotations\s*:\s*\S/.test(line)) return undefined; // flow-style annotations
  }
  return sawKey ? { kind, hook } : undefined;
}

function byKind(docs: Doc[]): Doc[] {
  const order = new Map(INSTALL_ORDER.map((k, i) => [k, i]));
  return docs
    .map((d, i) => ({ d, i }))
    .sort((a, b) => {
      const x = order.get(a.d.kind),
        y = order.get(b.d.kind);
      if (x === undefined && y === undefined) return a.d.kind !== b.d.kind ? (a.d.kind < b.d.kind ? -1 : 1) : a.i - b.i;
      if (x === undefined) return 1;
      if (y === undefined) return -1;
      return x !== y ? x - y : a.i - b.i;
    })
    .map((e) => e.d);
}

/** The text `helm template` prints for rendered templates, with its source map. */
export function sortManifests(
  rendered: { path: string; text: string; segments: Segment[] }[],
  crds: [string, string][] = [],
  validate = false,
): { manifest: string; segments: Segment[] } {
  const docs: Doc[] = [];
  const byPath = new Map(rendered.map((r) => [r.path, r]));
  for (const r of [...rendered].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const base = r.path.slice(r.path.lastIndexOf('/') + 1);
    if (base.startsWith('_') || !r.text.trim()) continue;
    for (const m of splitManifests(r.text)) {
      const h = head(r.path, m.content, validate);
      docs.push({ path: r.path, content: m.content, start: m.start, ...h });
    }
  }
  let out = '';
  const segments: Segment[] = [];
  for (const [p, text] of crds) out += `---\n# Source: ${p}\n${text}\n`;
  const emit = (d: Doc) => {
    out += `---\n# Source: ${d.path}\n`;
    const at = out.length;
    out += d.content + '\n';
    const end = d.start + d.content.length;
    const segs = byPath.get(d.path)!.segments;
    // Segments are in output order: start at the first one that ends after the document starts.
    let lo = 0,
      hi = segs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (segs[mid].outEnd <= d.start) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < segs.length && segs[k].outStart < end; k++) {
      const s = segs[k];
      if (s.outEnd <= d.start) continue;
      const a = Math.max(s.outStart, d.start),
        b = Math.min(s.outEnd, end);
      const seg: Segment = { ...s, outStart: at + a - d.start, outEnd: at + b - d.start };
      if (s.kind === 'text' && s.srcEnd - s.srcStart === s.outEnd - s.outStart) {
        // A text node maps byte for byte: narrow its source range with the clipping.
        seg.srcStart = s.srcStart + (a - s.outStart);
        seg.srcEnd = s.srcEnd - (s.outEnd - b);
      }
      segments.push(seg);
    }
  };
  const generic = byKind(docs.filter((d) => !d.hook));
  const hooks = byKind(docs.filter((d) => d.hook));
  for (const d of generic) emit(d);
  for (const d of hooks) emit(d);
  return { manifest: out, segments };
}
