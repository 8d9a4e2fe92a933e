/** The objects Helm puts at the top of a render: .Chart, .Files, .Capabilities (and the API versions `helm template` knows). */
import { method } from './exec';
import { b64encBytes } from './sprig/crypto';
import { deepCopy, GoStruct, isMap, utf8, type GoMap } from './values';
import { writeYaml } from './yaml';

/** gobwas/glob with '/' as separator: `*` and `?` stay within a segment, `**` crosses them. */
export function globRegex(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        re += '.*';
        i++;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 1);
      if (close < 0) {
        re += '\\[';
        continue;
      }
      let body = pattern.slice(i + 1, close);
      if (body.startsWith('!')) body = '^' + body.slice(1);
      re += `[${body.replace(/\\/g, '\\\\')}]`;
      i = close;
    } else if (c === '{') {
      const close = pattern.indexOf('}', i + 1);
      if (close < 0) {
        re += '\\{';
        continue;
      }
      re +=
        '(?:' +
        pattern
          .slice(i + 1, close)
          .split(',')
          .map((a) => globRegex(a).source.slice(1, -1))
          .join('|') +
        ')';
      i = close;
    } else if (c === '\\' && i + 1 < pattern.length) re += '\\' + pattern[++i];
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

const base = (p: string) => p.slice(p.lastIndexOf('/') + 1);

/**
 * Helm's .helmignore: one glob per line (`#` comments), `!` negates, a trailing `/` means a directory, a pattern
 * without `/` matches any path component, one with `/` (a leading one anchors it) the path from the chart root.
 */
const IGNORES = new Map<string, (path: string) => boolean>();

export function helmIgnore(text: string | undefined): (path: string) => boolean {
  const key = text ?? '';
  let f = IGNORES.get(key);
  if (!f) {
    if (IGNORES.size >= 32) IGNORES.delete(IGNORES.keys().next().value!);
    IGNORES.set(key, (f = compileIgnore(key)));
  }
  return f;
}

function compileIgnore(text: string): (path: string) => boolean {
  const rules = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const negate = l.startsWith('!');
      let p = negate ? l.slice(1) : l;
      const dirOnly = p.endsWith('/');
      if (dirOnly) p = p.slice(0, -1);
      const anchored = p.includes('/');
      return { negate, dirOnly, anchored, re: globRegex(p.replace(/^\//, '')) };
    });
  if (!rules.length) return () => false;
  return (path: string) => {
    const parts = path.split('/');
    let ignored = false;
    for (const r of rules) {
      let hit = false;
      for (let i = 1; i <= parts.length && !hit; i++) {
        const isDir = i < parts.length;
        if (r.dirOnly && !isDir) continue;
        hit = r.anchored ? r.re.test(parts.slice(0, i).join('/')) : r.re.test(parts[i - 1]);
      }
      if (hit) ignored = !r.negate;
    }
    return ignored;
  };
}
const toYaml = (v: unknown) => writeYaml(v).replace(/\n$/, '');

/** Helm's `files` type: a map of path → bytes with Get, GetBytes, Glob, AsConfig, AsSecrets and Lines. */
export function filesObject(files: Map<string, string>): GoStruct {
  // []byte values, encoded when a template ranges over or indexes them.
  const entries: GoMap = {};
  for (const [k, v] of files) {
    let bytes: Uint8Array | undefined;
    Object.defineProperty(entries, k, { enumerable: true, get: () => (bytes ??= utf8(v)) });
  }
  return new GoStruct(
    'chart.Files',
    {},
    {
      Get: method(['s'], (name: string) => files.get(name) ?? ''),
      GetBytes: method(['s'], (name: string) => utf8(files.get(name) ?? '')),
      Glob: method(['s'], (pattern: string) => {
        const re = globRegex(pattern);
        return filesObject(new Map([...files].filter(([k]) => re.test(k))));
      }),
      AsConfig: method([], () =>
        files.size ? toYaml(Object.fromEntries([...files].map(([k, v]) => [base(k), v]))) : '',
      ),
      AsSecrets: method([], () =>
        files.size ? toYaml(Object.fromEntries([...files].map(([k, v]) => [base(k), b64encBytes(utf8(v))]))) : '',
      ),
      Lines: method(['s'], (p: string) => {
        const s = files.get(p);
        if (s === undefined || s === '') return [];
        return (s.endsWith('\n') ? s.slice(0, -1) : s).split('\n');
      }),
    },
    undefined,
    entries,
  );
}

/** The group/versions client-go registers (what `helm template` offers without --api-versions). */
export const DEFAULT_API_VERSIONS = [
  'v1',
  'admissionregistration.k8s.io/v1',
  'admissionregistration.k8s.io/v1beta1',
  'internal.apiserver.k8s.io/v1alpha1',
  'apps/v1',
  'apps/v1beta1',
  'apps/v1beta2',
  'authentication.k8s.io/v1',
  'authentication.k8s.io/v1beta1',
  'authorization.k8s.io/v1',
  'authorization.k8s.io/v1beta1',
  'autoscaling/v1',
  'autoscaling/v2',
  'autoscaling/v2beta1',
  'autoscaling/v2beta2',
  'batch/v1',
  'batch/v1beta1',
  'certificates.k8s.io/v1',
  'certificates.k8s.io/v1beta1',
  'coordination.k8s.io/v1beta1',
  'coordination.k8s.io/v1',
  'discovery.k8s.io/v1',
  'discovery.k8s.io/v1beta1',
  'events.k8s.io/v1',
  'events.k8s.io/v1beta1',
  'extensions/v1beta1',
  'flowcontrol.apiserver.k8s.io/v1alpha1',
  'flowcontrol.apiserver.k8s.io/v1beta1',
  'flowcontrol.apiserver.k8s.io/v1beta2',
  'networking.k8s.io/v1',
  'networking.k8s.io/v1beta1',
  'node.k8s.io/v1',
  'node.k8s.io/v1alpha1',
  'node.k8s.io/v1beta1',
  'policy/v1',
  'policy/v1beta1',
  'rbac.authorization.k8s.io/v1',
  'rbac.authorization.k8s.io/v1beta1',
  'rbac.authorization.k8s.io/v1alpha1',
  'scheduling.k8s.io/v1alpha1',
  'scheduling.k8s.io/v1beta1',
  'scheduling.k8s.io/v1',
  'storage.k8s.io/v1beta1',
  'storage.k8s.io/v1',
  'storage.k8s.io/v1alpha1',
  'apiextensions.k8s.io/v1beta1',
  'apiextensions.k8s.io/v1',
];

export function capabilities(kubeVersion: string, apiVersions: string[]): GoStruct {
  const m = /^v?(\d+)\.(\d+)/.exec(kubeVersion);
  const version = kubeVersion.startsWith('v') ? kubeVersion : 'v' + kubeVersion;
  const kv = new GoStruct(
    'chartutil.KubeVersion',
    { Version: version, Major: m?.[1] ?? '', Minor: m?.[2] ?? '' },
    {
      String: method([], () => version),
      GitVersion: method([], () => version),
    },
    () => version,
  );
  const set = [...apiVersions];
  const apis = new GoStruct(
    'chartutil.VersionSet',
    {},
    { Has: method(['s'], (v: string) => set.includes(v)) },
    () => `[${set.join(' ')}]`,
  );
  const helm = new GoStruct('version.BuildInfo', {
    Version: 'v3.14.0',
    GitCommit: '',
    GitTreeState: '',
    GoVersion: 'go1.21.0',
  });
  return new GoStruct('*chartutil.Capabilities', { KubeVersion: kv, APIVersions: apis, HelmVersion: helm });
}

const FIELDS: [string, string][] = [
  ['Name', 'name'],
  ['Home', 'home'],
  ['Sources', 'sources'],
  ['Version', 'version'],
  ['Description', 'description'],
  ['Keywords', 'keywords'],
  ['Maintainers', 'maintainers'],
  ['Icon', 'icon'],
  ['APIVersion', 'apiVersion'],
  ['Condition', 'condition'],
  ['Tags', 'tags'],
  ['AppVersion', 'appVersion'],
  ['Deprecated', 'deprecated'],
  ['Annotations', 'annotations'],
  ['KubeVersion', 'kubeVersion'],
  ['Dependencies', 'dependencies'],
  ['Type', 'type'],
];
const STRING_FIELDS = new Set([
  'Name',
  'Home',
  'Version',
  'Description',
  'Icon',
  'APIVersion',
  'Condition',
  'Tags',
  'AppVersion',
  'KubeVersion',
  'Type',
]);

/** *chart.Metadata from Chart.yaml (Go field names; missing strings are "", lists nil). */
export function chartMetadata(meta0: GoMap, isRoot = true): GoStruct {
  const meta = deepCopy(meta0) as GoMap; // templates may change what they are handed
  const fields: Record<string, unknown> = {};
  for (const [go, yamlKey] of FIELDS) {
    let v = meta[yamlKey];
    if (STRING_FIELDS.has(go)) v = v === undefined || v === null ? '' : typeof v === 'string' ? v : String(v);
    else if (go === 'Deprecated') v = v === true;
    else if (go === 'Maintainers' && Array.isArray(v))
      v = v.map(
        (x) => new GoStruct('*chart.Maintainer', { Name: str(x, 'name'), Email: str(x, 'email'), URL: str(x, 'url') }),
      );
    else if (go === 'Dependencies' && Array.isArray(v))
      v = v.map(
        (x) =>
          new GoStruct('*chart.Dependency', {
            Name: str(x, 'name'),
            Version: str(x, 'version'),
            Repository: str(x, 'repository'),
            Condition: str(x, 'condition'),
            Tags: isMap(x) ? (x.tags ?? null) : null,
            Enabled: true,
            ImportValues: isMap(x) ? (x['import-values'] ?? null) : null,
            Alias: str(x, 'alias'),
          }),
      );
    else if (v === undefined) v = null;
    fields[go] = v;
  }
  fields.IsRoot = isRoot;
  // encoding/json writes the YAML keys, leaving out empty fields (omitempty).
  const json = () =>
    Object.fromEntries(
      FIELDS.map(([, k]) => [k, meta[k]]).filter(
        ([, v]) => v !== undefined && v !== null && v !== '' && v !== false && !(Array.isArray(v) && !v.length),
      ),
    );
  return new GoStruct('*chart.Metadata', fields, {}, undefined, undefined, json);
}
const str = (x: unknown, k: string) => (isMap(x) && typeof x[k] === 'string' ? x[k] : '');
