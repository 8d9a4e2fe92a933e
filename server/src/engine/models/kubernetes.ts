import {
  isMap,
  isScalar,
  isSeq,
  isAlias,
  parseAllDocuments,
  type Document,
  type Node,
  type Pair,
  type YAMLMap,
} from 'yaml';
import { TextIndex } from '../base/text';
import { CRD_POD_TEMPLATES } from '../data/crdPodTemplates';
import { MAX_YAML_NESTING, yamlNesting } from '../base/nesting';

export type YamlPath = readonly (string | number)[];

export type ContainerGroup = 'containers' | 'initContainers' | 'ephemeralContainers';

export interface Container {
  group: ContainerGroup;
  index: number;
  name?: string;
  node: YAMLMap;
  /** Path from the object's root mapping. */
  path: YamlPath;
}

export interface PodSpec {
  node: YAMLMap;
  /** Path from the object's root mapping to the pod spec (`spec.template.spec` for a Deployment). */
  path: YamlPath;
  /** Path to the pod's metadata (labels, annotations). */
  metadataPath: YamlPath;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  containers: Container[];
}

export interface K8sObject {
  apiVersion: string;
  kind: string;
  name?: string;
  namespace?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** The object's root mapping (a `kind: List` item's own mapping for list items). */
  node: YAMLMap;
  docIndex: number;
  podSpec?: PodSpec;
  /**
   * A kustomize patch: only what it sets is real, so rules report values it sets and never fields it
   * leaves out (set by the runner from the workspace).
   */
  partial?: boolean;
}

export interface YamlError {
  message: string;
  start: number;
  end: number;
}

export interface KubernetesModel {
  text: string;
  index: TextIndex;
  docs: Document.Parsed[];
  objects: K8sObject[];
  /** The first YAML syntax error of a document that looks like a manifest. */
  errors: YamlError[];
  /** Documents left alone: Helm/Go templates and documents with syntax errors. */
  skippedDocs: number[];
}

/** Where the pod spec sits in each workload kind, and where its metadata is. */
const POD_SPEC_PATHS: Record<string, { spec: YamlPath; metadata: YamlPath }> = {
  Pod: { spec: ['spec'], metadata: ['metadata'] },
  PodTemplate: { spec: ['template', 'spec'], metadata: ['template', 'metadata'] },
  Deployment: { spec: ['spec', 'template', 'spec'], metadata: ['spec', 'template', 'metadata'] },
  StatefulSet: { spec: ['spec', 'template', 'spec'], metadata: ['spec', 'template', 'metadata'] },
  DaemonSet: { spec: ['spec', 'template', 'spec'], metadata: ['spec', 'template', 'metadata'] },
  ReplicaSet: { spec: ['spec', 'template', 'spec'], metadata: ['spec', 'template', 'metadata'] },
  ReplicationController: { spec: ['spec', 'template', 'spec'], metadata: ['spec', 'template', 'metadata'] },
  Job: { spec: ['spec', 'template', 'spec'], metadata: ['spec', 'template', 'metadata'] },
  DeploymentConfig: { spec: ['spec', 'template', 'spec'], metadata: ['spec', 'template', 'metadata'] },
  CronJob: {
    spec: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
    metadata: ['spec', 'jobTemplate', 'spec', 'template', 'metadata'],
  },
};

export const WORKLOAD_KINDS = Object.keys(POD_SPEC_PATHS);

/** Core API groups: their kinds are the built-in workloads above, never a custom resource of the same name. */
const BUILT_IN_GROUPS = new Set(['', 'v1', 'apps', 'batch', 'extensions', 'apps.openshift.io']);

/**
 * Where an object's pod spec is: the built-in workloads, the custom resources of data/crdPodTemplates.ts, and, for
 * other custom resources, a conservative structural fallback: `spec.template.spec` holding `containers` whose
 * items all name an `image`, which is what a full pod template looks like (operators' partial templates do not).
 */
function podSpecPaths(
  node: YAMLMap,
  apiVersion: string,
  kind: string,
): { spec: YamlPath; metadata: YamlPath } | undefined {
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  if (BUILT_IN_GROUPS.has(group)) return POD_SPEC_PATHS[kind];
  const known = CRD_POD_TEMPLATES.find((t) => t.group === group && t.kind === kind);
  if (known) return { spec: known.spec, metadata: known.metadata };
  if (POD_SPEC_PATHS[kind]) return POD_SPEC_PATHS[kind];
  const containers = getIn(node, ['spec', 'template', 'spec', 'containers']);
  if (
    isSeq(containers) &&
    containers.items.length > 0 &&
    containers.items.every((c) => isMap(c) && isScalar(c.get('image', true)))
  )
    return { spec: ['spec', 'template', 'spec'], metadata: ['spec', 'template', 'metadata'] };
  return undefined;
}
const GROUPS: ContainerGroup[] = ['containers', 'initContainers', 'ephemeralContainers'];
const TEMPLATE = /\{\{|\{%/;

/** Cheap test used for file detection: some line starts a top-level `apiVersion:` and some a `kind:`. */
export function looksLikeManifest(text: string): boolean {
  // A BOM is not part of the first line (editors that keep it in the text, files read as UTF-8).
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return /^apiVersion\s*:/m.test(body) && /^kind\s*:/m.test(body);
}

/**
 * `sourceTokens: false` when no edit will be made from the model (the edit helper reads the CST through the
 * nodes' srcToken): keeping the tokens alive cost about a fifth more parse time on large manifests.
 */
export function parseKubernetes(
  text: string,
  { sourceTokens = true }: { sourceTokens?: boolean } = {},
): KubernetesModel {
  const index = new TextIndex(text);
  const nesting = yamlNesting(text);
  if (nesting.depth > MAX_YAML_NESTING) {
    // Not handed to the parser at all: it recurses per level (see parse/nesting). Templates are skipped quietly
    // anyway (their braces are not YAML's).
    const errors = TEMPLATE.test(text)
      ? []
      : [
          {
            message: `nested more than ${MAX_YAML_NESTING} levels deep`,
            start: nesting.offset,
            end: nesting.offset + 1,
          },
        ];
    return { text, index, docs: [], objects: [], errors, skippedDocs: [] };
  }
  // Aliases are never expanded for the summaries (node.toJSON() without a context keeps them as { source });
  // the edit helper's doc.toJS() is bounded by yaml's default maxAliasCount.
  const docs = parseAllDocuments(text, { keepSourceTokens: sourceTokens, prettyErrors: false, uniqueKeys: false });
  const list = Array.isArray(docs) ? docs : [];
  const model: KubernetesModel = { text, index, docs: list, objects: [], errors: [], skippedDocs: [] };
  list.forEach((doc, docIndex) => {
    const [s, , e] = doc.range;
    const source = text.slice(s, e);
    if (TEMPLATE.test(source)) {
      model.skippedDocs.push(docIndex);
      return;
    }
    if (doc.errors.length > 0) {
      model.skippedDocs.push(docIndex);
      if (looksLikeManifest(source) || model.objects.length > 0) {
        const err = doc.errors[0];
        model.errors.push({
          message: err.message.split('\n')[0],
          start: err.pos[0],
          end: Math.max(err.pos[1], err.pos[0]),
        });
      }
      return;
    }
    const root = doc.contents;
    if (!isMap(root)) return;
    const kind = scalarIn(root, ['kind']);
    const items: unknown = root.get('items', true);
    if (kind === 'List' && isSeq(items)) {
      for (const item of items.items) if (isMap(item)) addObject(model, item, docIndex);
    } else {
      addObject(model, root, docIndex);
    }
  });
  return model;
}

function addObject(model: KubernetesModel, node: YAMLMap, docIndex: number): void {
  const apiVersion = scalarIn(node, ['apiVersion']);
  const kind = scalarIn(node, ['kind']);
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return;
  const obj: K8sObject = {
    apiVersion,
    kind,
    name: stringIn(node, ['metadata', 'name']),
    namespace: stringIn(node, ['metadata', 'namespace']),
    labels: stringMap(getIn(node, ['metadata', 'labels'])),
    annotations: stringMap(getIn(node, ['metadata', 'annotations'])),
    node,
    docIndex,
  };
  const where = podSpecPaths(node, apiVersion, kind);
  const spec = where ? getIn(node, where.spec) : undefined;
  if (where && isMap(spec)) {
    const containers: Container[] = [];
    for (const group of GROUPS) {
      const seq = spec.get(group, true);
      if (!isSeq(seq)) continue;
      seq.items.forEach((item, i) => {
        if (isMap(item))
          containers.push({
            group,
            index: i,
            name: stringIn(item, ['name']),
            node: item,
            path: [...where.spec, group, i],
          });
      });
    }
    obj.podSpec = {
      node: spec,
      path: where.spec,
      metadataPath: where.metadata,
      labels: stringMap(getIn(node, [...where.metadata, 'labels'])),
      annotations: stringMap(getIn(node, [...where.metadata, 'annotations'])),
      containers,
    };
  }
  model.objects.push(obj);
}

/** The node at `path` below `root`, or undefined (aliases are not followed: they are not ours to edit). */
export function getIn(root: Node | null | undefined, path: YamlPath): Node | undefined {
  let cur: Node | null | undefined = root;
  for (const key of path) {
    if (isMap(cur)) cur = mapValue(cur, key);
    else if (isSeq(cur) && typeof key === 'number') cur = cur.items[key] as Node | undefined;
    else return undefined;
    if (cur === null || cur === undefined || isAlias(cur)) return undefined;
  }
  return cur ?? undefined;
}

/**
 * `map.get(key, true)` without its generic lookup: the rules walk paths from the object root thousands of times
 * per manifest, and this was the costliest helper under them in profiles.
 */
function mapValue(map: YAMLMap, key: string | number): Node | undefined {
  for (const p of map.items) {
    const k = p.key;
    // The value compared before isScalar: most keys do not match, and the type test is the dearer one.
    if (k === key || (k !== null && typeof k === 'object' && (k as { value?: unknown }).value === key && isScalar(k)))
      return (p.value ?? undefined) as Node | undefined;
  }
  return undefined;
}

/** The pair holding `key` in `map` (keys compared as strings: `80` matches the key `"80"`). */
export function pairOf(map: YAMLMap, key: string | number): Pair<Node, Node | null> | undefined {
  // A loop without String() of every string key: locate runs it at each level of every finding's path.
  const want = String(key);
  for (const p of map.items) {
    const k = p.key;
    if (k === null || typeof k !== 'object') continue;
    const v = (k as { value?: unknown }).value;
    if ((v === want || (typeof v !== 'string' && String(v) === want)) && isScalar(k))
      return p as Pair<Node, Node | null>;
  }
  return undefined;
}

export function scalarIn(
  root: Node | undefined,
  path: YamlPath,
): string | number | boolean | bigint | null | undefined {
  const n = getIn(root, path);
  // YAML's core schema only yields primitives.
  return isScalar(n) ? (n.value as string | number | boolean | bigint | null) : undefined;
}

export function stringIn(root: Node | undefined, path: YamlPath): string | undefined {
  const v = scalarIn(root, path);
  return v === undefined || v === null ? undefined : String(v);
}

function stringMap(n: Node | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isMap(n)) return out;
  for (const p of n.items)
    if (isScalar(p.key) && isScalar(p.value))
      out[String(p.key.value)] = String((p.value.value as string | number | boolean | null) ?? '');
  return out;
}

/**
 * Offsets to underline for `path` below `root`: the value (or key) when it exists; otherwise the key of the
 * nearest existing ancestor, or for a sequence item (a container) its `name:` pair, so that a missing field
 * never underlines more than one line.
 */
export function locate(
  root: YAMLMap,
  path: YamlPath,
  part: 'key' | 'value' | 'pair' = 'value',
): { start: number; end: number; exists: boolean } {
  let cur: Node = root;
  let lastPair: Pair<Node, Node | null> | undefined;
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    let next: Node | undefined;
    let pair: Pair<Node, Node | null> | undefined;
    if (isMap(cur)) {
      pair = pairOf(cur, key);
      next = pair?.value ?? undefined;
    } else if (isSeq(cur) && typeof key === 'number') {
      next = cur.items[key] as Node | undefined;
    }
    const isLast = i === path.length - 1;
    if (isLast && pair) return { ...pairSpan(pair, part), exists: true };
    if (!next || isAlias(next)) {
      if (pair) return { ...pairSpan(pair, 'key'), exists: false };
      return { ...anchorOf(cur, lastPair), exists: false };
    }
    if (isLast) return { ...nodeSpan(next), exists: true };
    if (pair) lastPair = pair;
    else lastPair = undefined;
    cur = next;
  }
  return { ...anchorOf(cur, lastPair), exists: path.length === 0 };
}

function pairSpan(pair: Pair<Node, Node | null>, part: 'key' | 'value' | 'pair'): { start: number; end: number } {
  const k = nodeSpan(pair.key);
  if (part === 'key' || !pair.value || !pair.value.range) return k;
  const v = nodeSpan(pair.value);
  if (part === 'value' && (isScalar(pair.value) || v.end - v.start > 0)) return isScalar(pair.value) ? v : k;
  return { start: k.start, end: isScalar(pair.value) ? v.end : k.end };
}

function nodeSpan(n: Node): { start: number; end: number } {
  const r = n.range ?? [0, 0, 0];
  return { start: r[0], end: r[1] };
}

/** For a missing child of `node`: the parent key, or a list item's `name:` pair, or its first pair. */
function anchorOf(node: Node, parentPair: Pair<Node, Node | null> | undefined): { start: number; end: number } {
  if (parentPair) return nodeSpan(parentPair.key);
  if (isMap(node)) {
    const named = pairOf(node, 'name') ?? pairOf(node, 'kind') ?? node.items[0];
    if (named) return pairSpan(named as Pair<Node, Node | null>, 'pair');
  }
  return nodeSpan(node);
}
