/**
 * Renders a Helm chart handed in as files (path → text, relative to the chart root), as `helm template` does:
 * values coalesced with subcharts and globals, dependencies' conditions and tags, templates parsed in Helm's order
 * into one set, partials, NOTES.txt and templates/tests/ not rendered, and the `# Source:` manifest in install order.
 */
import { builtins } from './builtins';
import { BudgetError, ExecError, type Limits, type Segment } from './exec';
import { chartMetadata, capabilities, DEFAULT_API_VERSIONS, filesObject, helmIgnore } from './helmObjects';
import { helmFuncs } from './helmFuncs';
import { ParseError } from './parser';
import { sprig, type SprigHost } from './sprig';
import { satisfies } from './sprig/semver';
import { TemplateSet } from './template';
import { deepCopy, isMap, type GoMap } from './values';
import { applySet, coalesceGlobals, coalesceTables, coalesceValues, pathValue } from './valuesMerge';
import { readYaml } from './yaml';
import { validateSchema } from './schema';
import { sortManifests } from './manifest';

export interface RenderOptions extends SprigHost {
  releaseName?: string;
  namespace?: string;
  revision?: number;
  isUpgrade?: boolean;
  /** Values files' texts, in `-f` order (later wins). */
  valuesFiles?: string[];
  /** `--set` and `--set-string` expressions, applied after the files. */
  set?: string[];
  setString?: string[];
  kubeVersion?: string;
  /** Extra `--api-versions`. */
  apiVersions?: string[];
  includeCrds?: boolean;
  /** Render templates/tests/ too (default: skipped). */
  includeTests?: boolean;
  limits?: Partial<Limits>;
  /** Build `manifest` (split, parsed heads, install order): default true. */
  manifest?: boolean;
  /** values.schema.json violations: fail as Helm does ('error'), list them in `warnings` (default) or skip. */
  schema?: 'error' | 'warn' | 'off';
  /** Parse every rendered document fully, failing on bad YAML as Helm does ("YAML parse error on …"); default false. */
  validateYaml?: boolean;
}

export interface RenderedTemplate {
  /** Helm's template name, e.g. `podinfo/templates/deployment.yaml`. */
  path: string;
  text: string;
  segments: Segment[];
}

export interface ChartRender {
  templates: RenderedTemplate[];
  /** What `helm template` prints: `---\n# Source: …` documents, install order, hooks last. */
  manifest: string;
  /** Source map of `manifest`: segments with `template` the file that produced them. */
  segments: Segment[];
  warnings: string[];
}

/** What `helm template` reports without --kube-version (Helm's built-in default; release binaries carry their client-go's). */
export const DEFAULT_KUBE_VERSION = 'v1.20.0';

export class ChartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChartError';
  }
}

interface Loaded {
  name: string;
  meta: GoMap;
  values: GoMap;
  templates: [string, string][];
  files: Map<string, string>;
  crds: [string, string][];
  schema?: string;
  subcharts: Loaded[];
}

/** Values and Chart.yaml files parsed lately (charts are re-rendered as values change). */
const YAML_CACHE = new Map<string, GoMap>();

/** The parsed map is shared between renders: callers copy what they may change. */
function loadYamlMap(text: string | undefined, what: string): GoMap {
  if (text === undefined) return {};
  const hit = YAML_CACHE.get(text);
  if (hit) return hit;
  let v: unknown;
  try {
    v = readYaml(text);
  } catch (e) {
    throw new ChartError(`cannot load ${what}: ${(e as Error).message}`);
  }
  if (v === null) v = {};
  if (!isMap(v))
    throw new ChartError(
      `cannot load ${what}: error unmarshaling JSON: json: cannot unmarshal into Go value of type map[string]interface {}`,
    );
  if (YAML_CACHE.size >= 64) YAML_CACHE.delete(YAML_CACHE.keys().next().value!);
  YAML_CACHE.set(text, v);
  return v;
}

const FIXED_FUNCS = new Map([...builtins(), ...helmFuncs()]);
let defaultSprig: ReturnType<typeof sprig> | undefined;
/** Builtins, Sprig and Helm's functions (Helm's override Sprig's); the default host's map is built once. */
function funcMap(opts: RenderOptions): ReturnType<typeof sprig> {
  const host = opts.now || opts.random ? sprig(opts) : (defaultSprig ??= sprig());
  const m = new Map([...builtins(), ...host]);
  for (const [k, v] of FIXED_FUNCS) if (!builtins().has(k)) m.set(k, v);
  return m;
}

/** The last charts loaded, by their files map: reused while every file is the same string (re-renders as values change). */
const LOADED = new WeakMap<Map<string, string>, { snapshot: [string, string][]; loaded: Loaded; warnings: string[] }>();

function loadCached(files: Map<string, string>, warnings: string[]): Loaded {
  const hit = LOADED.get(files);
  if (hit && hit.snapshot.length === files.size && hit.snapshot.every(([k, v]) => files.get(k) === v)) {
    warnings.push(...hit.warnings);
    return hit.loaded;
  }
  const w: string[] = [];
  const loaded = load(files, '.', w);
  LOADED.set(files, { snapshot: [...files], loaded, warnings: w });
  warnings.push(...w);
  return loaded;
}

const FILES = new WeakMap<Map<string, string>, ReturnType<typeof filesObject>>();
function filesOf(c: Loaded): ReturnType<typeof filesObject> {
  let f = FILES.get(c.files);
  if (!f) FILES.set(c.files, (f = filesObject(c.files)));
  return f;
}

/** A chart from its files; the top chart's .helmignore applies to every file below it (subcharts' are not read). */
function load(files: Map<string, string>, where: string, warnings: string[], top = true): Loaded {
  const chartYaml = files.get('Chart.yaml');
  if (chartYaml === undefined) throw new ChartError(`${where}: Chart.yaml file is missing`);
  const meta = deepCopy(loadYamlMap(chartYaml, 'Chart.yaml')) as GoMap;
  if (typeof meta.name !== 'string' || !meta.name)
    throw new ChartError(`${where}: validation: chart.metadata.name is required`);
  const values = loadYamlMap(files.get('values.yaml'), 'values.yaml');
  if (!Array.isArray(meta.dependencies) && files.has('requirements.yaml')) {
    const req = loadYamlMap(files.get('requirements.yaml'), 'requirements.yaml');
    if (Array.isArray(req.dependencies)) meta.dependencies = req.dependencies;
  }
  const templates: [string, string][] = [];
  const crds: [string, string][] = [];
  const rest = new Map<string, string>();
  const subs = new Map<string, Map<string, string>>();
  const ignored = top ? helmIgnore(files.get('.helmignore')) : () => false;
  for (const [p, text] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (p === '.helmignore' || ignored(p)) continue;
    if (p.startsWith('templates/')) templates.push([p, text]);
    else if (p.startsWith('charts/')) {
      const m = /^charts\/([^/]+)\/(.+)$/.exec(p);
      if (m) {
        if (!subs.has(m[1])) subs.set(m[1], new Map());
        subs.get(m[1])!.set(m[2], text);
      } else if (p.endsWith('.tgz')) warnings.push(`${where}/${p}: packaged subcharts are not supported`);
    } else {
      if (p.startsWith('crds/')) crds.push([p, text]);
      if (
        ![
          'Chart.yaml',
          'values.yaml',
          'values.schema.json',
          'requirements.yaml',
          'requirements.lock',
          'Chart.lock',
        ].includes(p)
      )
        rest.set(p, text);
    }
  }
  const subcharts = [...subs].map(([dir, fs]) => load(fs, `${where}/charts/${dir}`, warnings, false));
  return {
    name: meta.name,
    meta,
    values,
    templates,
    files: rest,
    crds,
    schema: files.get('values.schema.json'),
    subcharts,
  };
}

interface Dep {
  name: string;
  alias?: string;
  condition?: string;
  tags?: unknown[];
}

const depsOf = (c: Loaded): Dep[] =>
  Array.isArray(c.meta.dependencies)
    ? (c.meta.dependencies as unknown[]).filter(isMap).map((d) => ({
        name: String(d.name ?? ''),
        alias: typeof d.alias === 'string' ? d.alias : undefined,
        condition: typeof d.condition === 'string' ? d.condition : undefined,
        tags: Array.isArray(d.tags) ? d.tags : undefined,
      }))
    : [];

/** The subcharts that render (aliases applied, conditions and tags evaluated), recursively. */
function enabledCharts(c: Loaded, top: GoMap, path: string, warnings: string[]): Loaded {
  const deps = depsOf(c);
  const out: Loaded[] = [];
  const listed = new Set<Loaded>();
  const tags = isMap(top.tags) ? top.tags : {};
  for (const d of deps) {
    const sub = c.subcharts.find((s) => s.name === d.name);
    if (!sub) {
      warnings.push(`found in Chart.yaml, but missing in charts/ directory: ${d.name}`);
      continue;
    }
    listed.add(sub);
    let enabled = true;
    if (d.tags?.length) {
      const vals = d.tags.map((t) => tags[String(t)]).filter((v) => typeof v === 'boolean');
      if (vals.length && !vals.includes(true)) enabled = false;
    }
    if (d.condition) {
      for (const cond of d.condition.split(',').map((s) => s.trim())) {
        const v = pathValue(top, path + cond);
        if (typeof v === 'boolean') {
          enabled = v;
          break;
        }
      }
    }
    if (!enabled) continue;
    const name = d.alias ?? sub.name;
    out.push({ ...sub, name, meta: { ...sub.meta, name } });
  }
  for (const s of c.subcharts) if (!listed.has(s)) out.push(s);
  return { ...c, subcharts: out.map((s) => enabledCharts(s, top, `${path}${s.name}.`, warnings)) };
}

/** chartutil.CoalesceValues: user values over chart defaults, each subchart under its name with the globals. */
function coalesce(c: Loaded, dest: GoMap): GoMap {
  coalesceValues(dest, c.values); // copies what it takes from the defaults
  for (const s of c.subcharts) {
    if (!(s.name in dest) || dest[s.name] === null) dest[s.name] = {};
    const dv = dest[s.name];
    if (!isMap(dv)) throw new ChartError(`type mismatch on ${s.name}: ${typeof dv}`);
    coalesceGlobals(dv, dest);
    dest[s.name] = coalesce(s, dv);
  }
  return dest;
}
const structuredCloneMap = (m: GoMap): GoMap => deepCopy(m) as GoMap;

function annotate(paths: WeakMap<object, string>, v: unknown, p: string): void {
  if (Array.isArray(v)) {
    paths.set(v, p);
    v.forEach((x, i) => annotate(paths, x, `${p}[${i}]`));
  } else if (isMap(v)) {
    paths.set(v, p);
    for (const k of Object.keys(v)) annotate(paths, v[k], `${p}.${k}`);
  }
}

/** Helm's sortTemplates: deeper paths first, then reverse lexical order (so parents' defines win). */
function parseOrder(names: string[]): string[] {
  const depth = new Map(names.map((n) => [n, n.split('/').length]));
  return [...names].sort((a, b) =>
    depth.get(a) !== depth.get(b) ? depth.get(b)! - depth.get(a)! : a < b ? 1 : a > b ? -1 : 0,
  );
}

const EXEC_RE = /^template: (.+?): executing (".*?") at (<.*?>): ([\s\S]*)$/;

/** Helm's cleanupExecError: `required` and `fail` messages become "execution error at (file:line:col): msg". */
function cleanupExecError(err: Error): string {
  const m = EXEC_RE.exec(err.message);
  const warn = /HELM\[([\s\S]*?)\]HELM/.exec(err.message);
  if (m && warn) return `execution error at (${m[1]}): ${warn[1]}`;
  return err.message.replace(/HELM\[([\s\S]*?)\]HELM/g, '$1');
}

function cleanupParseError(name: string, err: Error): string {
  const tokens = err.message.split(': ');
  if (tokens.length === 1) return `parse error in (${name}): ${err.message}`;
  return `parse error at (${tokens[1]}): ${tokens[tokens.length - 1]}`;
}

export function renderChart(
  input: Map<string, string> | Record<string, string>,
  opts: RenderOptions = {},
): ChartRender {
  const files = input instanceof Map ? input : new Map(Object.entries(input));
  const warnings: string[] = [];
  const releaseName = opts.releaseName ?? 'release-name';
  if (
    releaseName.length > 53 ||
    !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(releaseName)
  ) {
    throw new ChartError(
      `release name ${JSON.stringify(releaseName)}: invalid release name, must match regex ^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$ and the length must not be longer than 53`,
    );
  }
  const root0 = loadCached(files, warnings);

  // User values: files in order, then --set, --set-string.
  let user: GoMap = {};
  for (const [i, text] of (opts.valuesFiles ?? []).entries()) {
    const v = deepCopy(loadYamlMap(text, `values file ${i + 1}`)) as GoMap;
    user = mergeMaps(user, v);
  }
  for (const s of opts.set ?? []) applySet(user, s);
  for (const s of opts.setString ?? []) applySet(user, s, true);

  if (root0.meta.type === 'library') throw new ChartError('library charts are not installable');
  const kubeVersion = opts.kubeVersion ?? DEFAULT_KUBE_VERSION;
  const kv = typeof root0.meta.kubeVersion === 'string' ? root0.meta.kubeVersion : '';
  if (kv) {
    let ok = false;
    try {
      ok = satisfies(kv, kubeVersion.startsWith('v') ? kubeVersion : 'v' + kubeVersion);
    } catch {
      ok = false;
    }
    if (!ok)
      throw new ChartError(
        `chart requires kubeVersion: ${kv} which is incompatible with Kubernetes ${kubeVersion.startsWith('v') ? kubeVersion : 'v' + kubeVersion}`,
      );
  }

  // Conditions and tags are decided on the values coalesced with every dependency present.
  const hasDeps = (c: Loaded): boolean => depsOf(c).length > 0 || c.subcharts.some(hasDeps);
  const probe = hasDeps(root0) ? coalesce(root0, structuredCloneMap(user)) : {};
  const root = enabledCharts(root0, probe, '', warnings);
  importValues(root, user);
  const values = coalesce(root, structuredCloneMap(user));

  if ((opts.schema ?? 'warn') !== 'off') {
    const problems = schemaProblems(root, values);
    if (problems) {
      const msg = `values don't meet the specifications of the schema(s) in the following chart(s):\n${problems}`;
      if (opts.schema === 'error') throw new ChartError(msg);
      warnings.push(msg);
    }
  }

  const set = new TemplateSet(funcMapCached(opts));
  const release: GoMap = {
    Name: releaseName,
    Namespace: opts.namespace ?? 'default',
    IsUpgrade: opts.isUpgrade ?? false,
    IsInstall: !(opts.isUpgrade ?? false),
    Revision: BigInt(opts.revision ?? 1),
    Service: 'Helm',
  };
  const caps = capabilities(kubeVersion, [...DEFAULT_API_VERSIONS, ...(opts.apiVersions ?? [])]);

  // Every template of every chart, with the dot it renders with.
  const dots = new Map<string, GoMap>();
  const crds: [string, string][] = [];
  /** Each chart's top-level objects; `.Subcharts` holds the subcharts' own (as Helm's recAllTpls builds them). */
  const walk = (c: Loaded, prefix: string, vals: GoMap, isRoot: boolean): GoMap => {
    const subcharts: GoMap = {};
    const next: GoMap = {
      Chart: chartMetadata(c.meta, isRoot),
      Files: filesOf(c),
      Release: release,
      Capabilities: caps,
      Values: vals,
      Subcharts: subcharts,
    };
    for (const [p, text] of c.crds) crds.push([`${prefix}/${p}`, text]);
    for (const [p] of c.templates) {
      const name = `${prefix}/${p}`;
      dots.set(name, { ...next, Template: { Name: name, BasePath: `${prefix}/templates` } });
    }
    for (const s of c.subcharts) {
      const sv = vals[s.name];
      subcharts[s.name] = walk(s, `${prefix}/charts/${s.name}`, isMap(sv) ? sv : {}, false);
    }
    return next;
  };
  walk(root, root.name, values, true);
  const sources = new Map<string, string>();
  const collect = (c: Loaded, prefix: string) => {
    // A library chart lends its partials only.
    const library = c.meta.type === 'library';
    for (const [p, text] of c.templates)
      if (!library || p.slice(p.lastIndexOf('/') + 1).startsWith('_')) sources.set(`${prefix}/${p}`, text);
    for (const s of c.subcharts) collect(s, `${prefix}/charts/${s.name}`);
  };
  collect(root, root.name);

  const order = parseOrder([...sources.keys()]);
  for (const name of order) {
    try {
      set.parse(name, sources.get(name)!);
    } catch (e) {
      if (e instanceof ParseError) throw new ChartError(cleanupParseError(name, e));
      throw e;
    }
  }

  const shared = set.newShared(opts.limits);
  shared.removeNoValue = true;
  shared.missingKey = 'zero';
  annotate(shared.paths, values, 'Values');
  const rendered: RenderedTemplate[] = [];
  for (const name of order) {
    const base = name.slice(name.lastIndexOf('/') + 1);
    if (base.startsWith('_') || base === 'NOTES.txt') continue;
    if (!opts.includeTests && /\/templates\/tests\//.test(name)) continue;
    try {
      const r = set.execute(name, dots.get(name), { shared });
      rendered.push({ path: name, text: r.text, segments: r.segments });
    } catch (e) {
      if (e instanceof BudgetError) throw new ChartError(`${name}: ${e.message}`);
      if (e instanceof ExecError) throw new ChartError(cleanupExecError(e));
      throw e;
    }
  }
  rendered.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  if (opts.manifest === false) return { templates: rendered, manifest: '', segments: [], warnings };
  let sorted: ReturnType<typeof sortManifests>;
  try {
    sorted = sortManifests(rendered, opts.includeCrds ? crds : [], opts.validateYaml ?? false);
  } catch (e) {
    throw new ChartError((e as Error).message);
  }
  const { manifest, segments } = sorted;
  return { templates: rendered, manifest, segments, warnings };
}

let lastFuncs: { key: unknown; map: ReturnType<typeof sprig> } | undefined;
function funcMapCached(opts: RenderOptions): ReturnType<typeof sprig> {
  const key = opts.now || opts.random ? opts : 'default';
  if (lastFuncs?.key === key) return lastFuncs.map;
  const map = funcMap(opts);
  lastFuncs = { key, map };
  return map;
}

/**
 * Dependencies' `import-values` (children first): `exports.NAME` tables or `{child, parent}` paths of each child's
 * values become part of the parent's defaults, below the parent's own values.
 */
function importValues(c: Loaded, user: GoMap): void {
  for (const s of c.subcharts) importValues(s, isMap(user[s.name]) ? (user[s.name] as GoMap) : {});
  const deps = Array.isArray(c.meta.dependencies) ? (c.meta.dependencies as unknown[]).filter(isMap) : [];
  if (!deps.some((d) => Array.isArray(d['import-values']))) return;
  const cvals = coalesce(c, structuredCloneMap(user));
  let imported: GoMap = {};
  for (const d of deps) {
    const name = String(d.alias ?? d.name ?? '');
    for (const iv of Array.isArray(d['import-values']) ? (d['import-values'] as unknown[]) : []) {
      const [child, parent] = isMap(iv)
        ? [String(iv.child ?? ''), String(iv.parent ?? '')]
        : [`exports.${String(iv)}`, '.'];
      const table = pathValue(cvals, `${name}.${child}`);
      if (!isMap(table)) continue;
      let piece: GoMap = structuredCloneMap(table);
      if (parent && parent !== '.') for (const k of parent.split('.').reverse()) piece = { [k]: piece };
      imported = coalesceTables(imported, piece);
    }
  }
  c.values = coalesceTables(structuredCloneMap(cvals), imported);
}

/** Each chart's values against its values.schema.json, as Helm lists them ("chart:\n- field: problem\n"). */
function schemaProblems(c: Loaded, vals: GoMap): string {
  let out = '';
  if (c.schema !== undefined) {
    let schema: unknown;
    try {
      schema = JSON.parse(c.schema);
    } catch (e) {
      out += `${c.name}:\n- values.schema.json: ${(e as Error).message}\n`;
    }
    if (isMap(schema) || typeof schema === 'boolean') {
      const errs = validateSchema(schema, vals);
      if (errs.length) out += `${c.name}:\n${errs.map((e) => `- ${e}\n`).join('')}`;
    }
  }
  for (const s of c.subcharts) out += schemaProblems(s, isMap(vals[s.name]) ? (vals[s.name] as GoMap) : {});
  return out;
}

/** Values files merge as Helm's MergeValues: maps deep-merged, later files win. */
function mergeMaps(dst: GoMap, src: GoMap): GoMap {
  for (const k of Object.keys(src)) {
    const s = src[k];
    if (isMap(s) && isMap(dst[k])) dst[k] = mergeMaps(dst[k], s);
    else dst[k] = s;
  }
  return dst;
}
