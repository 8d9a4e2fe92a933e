import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { ChartError, renderChart } from '../../server/src/engine/helm/chart';
import { locate } from '../../server/src/engine/helm/sourcemap';
import { MISSING_SHARED, sharedPath } from '../support/shared';
import { loadChartDir } from './loadChart';

const CHART: Record<string, string> = {
  'Chart.yaml':
    'apiVersion: v2\nname: demo\nversion: 1.2.3\nappVersion: "4.5"\ndependencies:\n  - name: sub\n    version: 0.1.0\n    condition: sub.enabled\n  - name: extra\n    version: 0.1.0\n    condition: extra.enabled\n',
  'values.yaml':
    'replicas: 1000000\nimage:\n  repository: nginx\n  tag: ""\nsecurityContext:\n  runAsNonRoot: true\n  runAsUser: 1000\nglobal:\n  region: eu\nsub:\n  enabled: true\n  color: blue\nextra:\n  enabled: false\nlist: [a, b]\n',
  'templates/_helpers.tpl':
    '{{- define "demo.fullname" -}}\n{{ .Release.Name }}-{{ .Chart.Name }}\n{{- end }}\n{{- define "shared" }}parent{{ end }}',
  'templates/deployment.yaml': [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: {{ include "demo.fullname" . }}',
    '  labels:',
    '    chart: {{ .Chart.Name }}-{{ .Chart.Version }}',
    '    template: {{ .Template.Name }}',
    'spec:',
    '  replicas: {{ .Values.replicas }}',
    '  template:',
    '    spec:',
    '      containers:',
    '        - image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"',
    '          securityContext:',
    '            {{- toYaml .Values.securityContext | nindent 12 }}',
    '          args: {{ .Values.list | toJson }}',
    '',
  ].join('\n'),
  'templates/service.yaml':
    'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ include "demo.fullname" . }}\n  namespace: {{ .Release.Namespace }}\n---\n# empty\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  kube: {{ .Capabilities.KubeVersion.Version | quote }}\n  hasApps: {{ .Capabilities.APIVersions.Has "apps/v1" | quote }}\n  file: {{ .Files.Get "files/a.txt" | quote }}\n{{ (.Files.Glob "files/*").AsConfig | indent 2 }}\n',
  'templates/hook.yaml':
    'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: hook\n  annotations:\n    "helm.sh/hook": pre-install\n',
  'templates/NOTES.txt': 'Thanks for installing {{ .Chart.Name }}',
  'templates/tests/test.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: test\n',
  'files/a.txt': 'hello',
  'files/b.conf': 'x=1\n',
  'charts/sub/Chart.yaml': 'apiVersion: v2\nname: sub\nversion: 0.1.0\n',
  'charts/sub/values.yaml': 'color: red\nsize: 3\nglobal:\n  region: us\n  zone: a\n',
  'charts/sub/templates/cm.yaml':
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: sub-{{ .Values.color }}-{{ .Values.size }}\n  annotations:\n    region: {{ .Values.global.region }}\n    zone: {{ .Values.global.zone }}\n    shared: {{ include "shared" . }}\n    base: {{ .Template.BasePath }}\n',
  'charts/sub/templates/_h.tpl': '{{- define "shared" }}child{{ end }}',
  'charts/extra/Chart.yaml': 'apiVersion: v2\nname: extra\nversion: 0.1.0\n',
  'charts/extra/templates/x.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: should-not-render\n',
};

const EXPECTED = `---
# Source: demo/charts/sub/templates/cm.yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: sub-blue-3
  annotations:
    region: eu
    zone: a
    shared: parent
    base: demo/charts/sub/templates
---
# Source: demo/templates/service.yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: cm
data:
  kube: "v1.20.0"
  hasApps: "true"
  file: "hello"
  a.txt: hello
  b.conf: |
    x=1
---
# Source: demo/templates/service.yaml
apiVersion: v1
kind: Service
metadata:
  name: rel-demo
  namespace: ns
---
# Source: demo/templates/deployment.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: rel-demo
  labels:
    chart: demo-1.2.3
    template: demo/templates/deployment.yaml
spec:
  replicas: 1e+06
  template:
    spec:
      containers:
        - image: "nginx:4.5"
          securityContext:
            runAsNonRoot: true
            runAsUser: 1000
          args: ["a","b"]
---
# Source: demo/templates/service.yaml
# empty
---
# Source: demo/templates/hook.yaml
apiVersion: batch/v1
kind: Job
metadata:
  name: hook
  annotations:
    "helm.sh/hook": pre-install
`;

test('a chart renders as helm template prints it: values, subcharts, globals, conditions, Files, Capabilities, order, hooks', () => {
  const r = renderChart(CHART, { releaseName: 'rel', namespace: 'ns' });
  assert.equal(r.manifest, EXPECTED);
  assert.deepEqual(
    r.templates.map((t) => t.path),
    [
      'demo/charts/sub/templates/cm.yaml',
      'demo/templates/deployment.yaml',
      'demo/templates/hook.yaml',
      'demo/templates/service.yaml',
    ],
  );
});

test('user values: files in order, --set (int64) and --set-string, null removes a default', () => {
  const r = renderChart(CHART, {
    valuesFiles: ['replicas: 2\nimage:\n  tag: "1.0"\n', 'securityContext:\n  runAsUser: null\n'],
    set: ['replicas=3', 'sub.color=green'],
    setString: ['image.repository=01'],
  });
  const dep = r.templates.find((t) => t.path.endsWith('deployment.yaml'))!.text;
  assert.match(dep, /replicas: 3\n/);
  assert.match(dep, /image: "01:1.0"/);
  assert.match(dep, /runAsNonRoot: true\n\s+args/);
  assert.match(r.templates[0].text, /name: sub-green-3/);
});

test('source map: text and actions map back to their template offsets, actions to the values path they printed', () => {
  const r = renderChart(CHART, { releaseName: 'rel' });
  const dep = r.templates.find((t) => t.path.endsWith('deployment.yaml'))!;
  const src = CHART['templates/deployment.yaml'];
  // Every output byte is covered, in order, without overlap.
  let at = 0;
  for (const s of dep.segments) {
    assert.equal(s.outStart, at);
    at = s.outEnd;
  }
  assert.equal(at, dep.text.length);
  for (const s of dep.segments.filter((x) => x.kind === 'text' && x.template === 'demo/templates/deployment.yaml')) {
    assert.equal(dep.text.slice(s.outStart, s.outEnd), src.slice(s.srcStart, s.srcEnd));
  }
  const sc = dep.segments.find((s) => s.valuesPath === 'Values.securityContext')!;
  assert.ok(sc, 'the toYaml action names Values.securityContext');
  assert.equal(src.slice(sc.srcStart, sc.srcEnd), '{{- toYaml .Values.securityContext | nindent 12 }}');
  assert.equal(dep.text.slice(sc.outStart, sc.outEnd), '\n            runAsNonRoot: true\n            runAsUser: 1000');
  const rep = dep.segments.find((s) => s.valuesPath === 'Values.replicas')!;
  assert.equal(dep.text.slice(rep.outStart, rep.outEnd), '1e+06');
  // locate(): an output offset back to its template offset.
  const kindAt = r.manifest.indexOf('kind: Deployment');
  const o = locate(r.segments, kindAt + 6)!;
  assert.deepEqual(
    [o.template, o.kind, src.slice(o.offset, o.offset + 10)],
    ['demo/templates/deployment.yaml', 'text', 'Deployment'],
  );
  const img = locate(r.segments, r.manifest.indexOf('nginx:4.5'))!;
  assert.deepEqual(
    [img.kind, img.valuesPath, src.slice(img.offset, img.offset + 2)],
    ['action', 'Values.image.repository', '{{'],
  );
  assert.equal(locate(r.segments, r.manifest.length + 5), undefined);
  // The manifest's segments point into the same sources.
  const m = r.segments.find((s) => s.valuesPath === 'Values.image.repository')!;
  assert.equal(r.manifest.slice(m.outStart, m.outEnd), 'nginx');
  assert.equal(src.slice(m.srcStart, m.srcEnd), '{{ .Values.image.repository }}');
});

test('Helm error messages: required/fail as "execution error at", parse errors as "parse error at", missing Chart.yaml', () => {
  const bad = (tpl: string) => ({ ...CHART, 'templates/bad.yaml': tpl });
  assert.throws(
    () => renderChart(bad('x: {{ required "x is required" .Values.nope }}')),
    (e: Error) =>
      e instanceof ChartError && e.message === 'execution error at (demo/templates/bad.yaml:1:6): x is required',
  );
  assert.throws(
    () => renderChart(bad('{{ fail "no way" }}')),
    /^ChartError: execution error at \(demo\/templates\/bad.yaml:1:3\): no way$/,
  );
  assert.throws(
    () => renderChart(bad('{{ if }}')),
    /parse error at \(demo\/templates\/bad.yaml:1\): missing value for if/,
  );
  assert.throws(
    () => renderChart(bad('a: b: c'), { validateYaml: true }),
    /YAML parse error on demo\/templates\/bad.yaml/,
  );
  assert.throws(() => renderChart({ 'values.yaml': 'a: 1' }), /Chart.yaml file is missing/);
  assert.throws(
    () => renderChart(CHART, { releaseName: 'Bad_Name' }),
    (e: Error) =>
      e.message ===
      'release name "Bad_Name": invalid release name, must match regex ^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$ and the length must not be longer than 53',
  );
  assert.throws(
    () =>
      renderChart({
        ...CHART,
        'Chart.yaml': 'apiVersion: v2\nname: demo\nversion: 1.0.0\nkubeVersion: ">=1.25.0-0"\n',
      }),
    /chart requires kubeVersion: >=1.25.0-0 which is incompatible with Kubernetes v1.20.0/,
  );
});

test('rendering is bounded: an endless chart stops with one clear error', () => {
  const t0 = Date.now();
  assert.throws(
    () =>
      renderChart(
        { ...CHART, 'templates/loop.yaml': '{{ range until 100000000 }}x{{ end }}' },
        { limits: { maxSteps: 1_000_000 } },
      ),
    /step budget/,
  );
  assert.throws(
    () =>
      renderChart({
        ...CHART,
        'templates/loop.yaml': '{{ define "r" }}{{ include "r" . }}{{ end }}{{ include "r" . }}',
      }),
    /error calling include: rendering template has a nested reference name: r: unable to execute template$/,
  );
  // Including one template many times, one after another, is fine.
  const many = renderChart({
    ...CHART,
    'templates/many.yaml': '{{ define "o" }}w{{ end }}# ' + '{{ include "o" . }}'.repeat(4000),
  });
  assert.equal(many.templates.find((t) => t.path.endsWith('many.yaml'))!.text, '# ' + 'w'.repeat(4000));
  assert.ok(Date.now() - t0 < 10_000);
});

/** Every document parses as YAML and, when not empty, looks like a Kubernetes object. */
function assertObjects(manifest: string, what: string): number {
  let n = 0;
  for (const d of parseAllDocuments(manifest)) {
    assert.deepEqual(d.errors, [], `${what}: a document does not parse`);
    const o = d.toJS() as { apiVersion?: unknown; kind?: unknown } | null;
    if (o === null) continue;
    assert.equal(typeof o.apiVersion, 'string', `${what}: apiVersion`);
    assert.equal(typeof o.kind, 'string', `${what}: kind`);
    n++;
  }
  return n;
}

test('podinfo renders without error into Kubernetes objects', (t) => {
  const dir = sharedPath('corpus', 'kubernetes', 'stefanprodan__podinfo', 'charts', 'podinfo');
  if (!dir) return t.skip(MISSING_SHARED);
  const files = loadChartDir(dir);
  const r = renderChart(files, { kubeVersion: 'v1.31.0' });
  const n = assertObjects(r.manifest, 'podinfo');
  assert.ok(n >= 2, 'a Deployment and a Service');
  assert.match(r.manifest, /^---\n# Source: podinfo\/templates\/service.yaml\n/);
  assert.match(r.manifest, /kind: Deployment/);
  assert.doesNotMatch(r.manifest, /<no value>|%!|map\[/);
  for (const v of ['values-prod.yaml']) {
    const text = files.get(v);
    if (text)
      assertObjects(renderChart(files, { kubeVersion: 'v1.31.0', valuesFiles: [text] }).manifest, `podinfo -f ${v}`);
  }
  t.diagnostic(`${n} objects`);
});

const CORPUS: [string, string][] = [
  ['argoproj__argo-helm', 'argo-cd'],
  ['cert-manager__cert-manager', 'cert-manager'],
  ['traefik__traefik-helm-chart', 'traefik'],
];

for (const [repo, chart] of CORPUS) {
  test(`${chart} renders without error, with its default values and each ci/*.yaml`, (t) => {
    const dir = sharedPath('corpus', 'helm', repo, chart);
    if (!dir) return t.skip(MISSING_SHARED);
    const files = loadChartDir(dir);
    const sets: [string, string[]][] = [['default', []]];
    const ci = sharedPath('corpus', 'helm', repo, chart, 'ci');
    if (ci)
      for (const f of readdirSync(ci).sort())
        if (/\.ya?ml$/.test(f)) sets.push([f, [readFileSync(join(ci, f), 'utf8')]]);
    const counts: string[] = [];
    for (const [name, valuesFiles] of sets) {
      const r = renderChart(files, { kubeVersion: 'v1.31.0', valuesFiles });
      const n = assertObjects(r.manifest, `${chart} ${name}`);
      assert.ok(n > 0, `${chart} ${name}: no objects`);
      assert.doesNotMatch(r.manifest, /<no value>|%!\w\(/, `${chart} ${name}`);
      counts.push(`${name} ${n}`);
    }
    t.diagnostic(counts.join(', '));
  });
}

test('library charts lend partials only; requirements.yaml dependencies; --include-crds prints crds/ first', () => {
  const files: Record<string, string> = {
    'Chart.yaml': 'apiVersion: v1\nname: app\nversion: 1.0.0\n',
    'requirements.yaml':
      'dependencies:\n  - name: lib\n    version: 1.0.0\n  - name: opt\n    version: 1.0.0\n    tags: [extras]\n',
    'values.yaml': 'tags:\n  extras: false\n',
    'templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ include "lib.name" . }}\n',
    'crds/crd.yaml':
      'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: things.example.com\n',
    'charts/lib/Chart.yaml': 'apiVersion: v2\nname: lib\nversion: 1.0.0\ntype: library\n',
    'charts/lib/templates/_names.tpl': '{{ define "lib.name" }}from-lib{{ end }}',
    'charts/lib/templates/ignored.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: never\n',
    'charts/opt/Chart.yaml': 'apiVersion: v2\nname: opt\nversion: 1.0.0\n',
    'charts/opt/templates/s.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: opt\n',
  };
  const r = renderChart(files, { includeCrds: true });
  assert.equal(
    r.manifest,
    '---\n# Source: app/crds/crd.yaml\n' +
      files['crds/crd.yaml'] +
      '\n---\n# Source: app/templates/cm.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-lib\n',
  );
  assert.match(renderChart(files, { set: ['tags.extras=true'] }).manifest, /name: opt/);
  assert.throws(
    () => renderChart({ 'Chart.yaml': 'apiVersion: v2\nname: l\nversion: 1.0.0\ntype: library\n' }),
    /library charts are not installable/,
  );
});

test('source map through include: text printed as is, indented or trimmed maps into the partial', () => {
  const helpers =
    '{{- define "x.labels" -}}\napp: {{ .Values.app }}\ntier: web\n{{- end }}\n{{- define "x.name" -}}\n  {{ .Release.Name }}-x\n{{- end }}';
  const tpl =
    'metadata:\n  name: {{ include "x.name" . | trim }}\n  labels:\n    {{- include "x.labels" . | nindent 4 }}\n';
  const r = renderChart({
    'Chart.yaml': 'apiVersion: v2\nname: x\nversion: 1.0.0\n',
    'values.yaml': 'app: shop\n',
    'templates/_helpers.tpl': helpers,
    'templates/cm.yaml': tpl,
  });
  const t = r.templates[0];
  assert.equal(t.text, 'metadata:\n  name: release-name-x\n  labels:\n    app: shop\n    tier: web\n');
  let at = 0;
  for (const s of t.segments) {
    assert.equal(s.outStart, at, 'segments cover the output in order');
    at = s.outEnd;
  }
  assert.equal(at, t.text.length);
  const segAt = (needle: string) =>
    t.segments.find((s) => s.outStart <= t.text.indexOf(needle) && t.text.indexOf(needle) < s.outEnd)!;
  const tier = segAt('tier: web');
  assert.equal(tier.template, 'x/templates/_helpers.tpl');
  assert.equal(tier.kind, 'text');
  assert.equal(helpers.slice(tier.srcStart, tier.srcEnd), t.text.slice(tier.outStart, tier.outEnd));
  const shop = segAt('shop');
  assert.equal(shop.template, 'x/templates/_helpers.tpl');
  assert.equal(shop.valuesPath, 'Values.app');
  assert.equal(helpers.slice(shop.srcStart, shop.srcEnd), '{{ .Values.app }}');
  assert.equal(segAt('release-name').template, 'x/templates/_helpers.tpl');
  assert.equal(segAt('-x').template, 'x/templates/_helpers.tpl');
  // The indentation nindent added belongs to the include action.
  const pad = t.segments.find(
    (s) => t.text.slice(s.outStart, s.outEnd) === '    ' && s.template === 'x/templates/cm.yaml',
  )!;
  assert.equal(tpl.slice(pad.srcStart, pad.srcEnd), '{{- include "x.labels" . | nindent 4 }}');
});

test('import-values (exports and child/parent forms), .Subcharts and .Chart.IsRoot', () => {
  const files: Record<string, string> = {
    'Chart.yaml':
      'apiVersion: v2\nname: top\nversion: 1.0.0\ndependencies:\n  - name: db\n    version: 1.0.0\n    import-values:\n      - conn\n      - child: settings\n        parent: dbSettings\n',
    'values.yaml': 'port: 1\ndbSettings:\n  pool: 99\n',
    'templates/cm.yaml':
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  host: {{ .Values.host }}\n  port: {{ .Values.port | quote }}\n  pool: {{ .Values.dbSettings.pool | quote }}\n  size: {{ .Values.dbSettings.size | quote }}\n  sub: {{ .Subcharts.db.Values.settings.size | quote }}\n  root: {{ .Chart.IsRoot }}\n',
    'charts/db/Chart.yaml': 'apiVersion: v2\nname: db\nversion: 1.0.0\n',
    'charts/db/values.yaml':
      'exports:\n  conn:\n    host: db.local\n    port: 5432\nsettings:\n  pool: 5\n  size: 10\n',
    'charts/db/templates/x.yaml':
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: db\n  annotations:\n    root: "{{ .Chart.IsRoot }}"\n',
  };
  const r = renderChart(files);
  const top = r.templates.find((t) => t.path === 'top/templates/cm.yaml')!.text;
  assert.match(top, /host: db.local\n {2}port: "1"\n {2}pool: "99"\n {2}size: "10"\n {2}sub: "10"\n {2}root: true\n/);
  assert.match(r.templates.find((t) => t.path === 'top/charts/db/templates/x.yaml')!.text, /root: "false"/);
});

test('values.schema.json: violations listed as Helm prints them; an error on request', () => {
  const files: Record<string, string> = {
    'Chart.yaml': 'apiVersion: v2\nname: s\nversion: 1.0.0\n',
    'values.yaml': 'replicas: 1\nimage:\n  pullPolicy: Always\n',
    'values.schema.json': JSON.stringify({
      type: 'object',
      required: ['image'],
      additionalProperties: false,
      properties: {
        replicas: { type: 'integer', minimum: 1 },
        name: { type: 'string', pattern: '^[a-z]+$' },
        image: { type: 'object', properties: { pullPolicy: { enum: ['Always', 'IfNotPresent'] } } },
      },
    }),
    'templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: s\n',
  };
  assert.deepEqual(renderChart(files).warnings, []);
  const r = renderChart(files, {
    set: ['replicas=0', 'image.pullPolicy=Sometimes', 'extra=1'],
    setString: ['name=ABC'],
  });
  assert.equal(r.warnings.length, 1);
  const [head, chart, ...problems] = r.warnings[0].trimEnd().split('\n');
  assert.equal(head, "values don't meet the specifications of the schema(s) in the following chart(s):");
  assert.equal(chart, 's:');
  assert.deepEqual(problems.sort(), [
    '- (root): Additional property extra is not allowed',
    '- image.pullPolicy: image.pullPolicy must be one of the following: "Always", "IfNotPresent"',
    "- name: Does not match pattern '^[a-z]+$'",
    '- replicas: Must be greater than or equal to 1',
  ]);
  assert.throws(
    () => renderChart(files, { set: ['replicas=1.5'], schema: 'error' }),
    /- replicas: Invalid type. Expected: integer, given: string/,
  );
});

test('.helmignore keeps files out of templates and .Files', () => {
  const r = renderChart({
    'Chart.yaml': 'apiVersion: v2\nname: i\nversion: 1.0.0\n',
    '.helmignore': '# comment\n*.bak\nsecret/\n/top.txt\n!keep.bak\n',
    'templates/cm.yaml':
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: i\ndata:\n  files: "{{ range $p, $_ := .Files }}{{ $p }},{{ end }}"\n',
    'templates/old.yaml.bak': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: never\n',
    'a.bak': 'x',
    'keep.bak': 'k',
    'secret/s.txt': 's',
    'top.txt': 't',
    'sub/top.txt': 'u',
    'notes.md': 'n',
  });
  assert.deepEqual(
    r.templates.map((t) => t.path),
    ['i/templates/cm.yaml'],
  );
  assert.match(r.templates[0].text, /files: "keep.bak,notes.md,sub\/top.txt,"/);
});
