import assert from 'node:assert/strict';
import { test } from 'node:test';
import { errorOf, render } from './render';

/** Helm's own functions (helm.sh/docs/chart_template_guide/function_list and pkg/engine). */
const dot = (extra: Record<string, unknown> = {}) => ({
  Template: { Name: 'chart/templates/x.yaml', BasePath: 'chart/templates' },
  Values: {},
  ...extra,
});

const OUTPUT: [string, unknown, string][] = [
  [
    '{{ define "t" }}[{{ .x }}]{{ end }}{{ include "t" (dict "x" 1) }}|{{ include "t" (dict "x" 2) | upper | printf "%s!" }}',
    {},
    '[1]|[2]!',
  ],
  ['{{ define "l" }}a: 1\nb: 2{{ end }}x:{{ include "l" . | nindent 2 }}', {}, 'x:\n  a: 1\n  b: 2'],
  ['{{ tpl "{{ .Values.name }}-{{ 1 }}" . }}', dot({ Values: { name: 'n' } }), 'n-1'],
  ['{{ tpl "{{ define \\"inner\\" }}I{{ end }}{{ include \\"inner\\" . }}" . }}', dot(), 'I'],
  ['{{ tpl "{{ .Values.missing }}x" . }}', dot(), 'x'],
  ['{{ required "need it" "v" }}', {}, 'v'],
  ['{{ .missing }}|{{ printf "%v" .missing }}', {}, '|<nil>'],
  [
    '{{ toYaml .v }}',
    { v: { b: [1, 'two'], a: { c: true, d: null }, e: 1e6, f: 'true', g: '' } },
    'a:\n  c: true\n  d: null\nb:\n- 1\n- two\ne: 1000000\nf: "true"\ng: ""',
  ],
  ['{{ toYaml .v }}', { v: 'multi\nline\n' }, '|\n  multi\n  line'],
  ['{{ toYaml .v }}', { v: [] }, '[]'],
  [
    '{{ toYaml .v }}',
    { v: { k: "it's: ok", l: '*x', m: '- y', n: 'a #b', o: 'y', p: '0777', q: '1e3' } },
    "k: 'it''s: ok'\nl: '*x'\nm: '- y'\n\"n\": 'a #b'\no: \"y\"\np: \"0777\"\nq: \"1e3\"",
  ],
  [
    '{{ toYaml .v | nindent 2 }}',
    { v: { key10: 1, key9: 2, Key: 3, _k: 4 } },
    '\n  _k: 4\n  Key: 3\n  key9: 2\n  key10: 1',
  ],
  [
    '{{ (fromYaml "a: 1\\nb: [x, z]\\nc: yes").b }} {{ (fromYaml "a: 1").a | typeOf }} {{ (fromYaml "c: yes").c }}',
    {},
    '[x z] float64 true',
  ],
  [
    '{{ $m := fromYaml "a: 0o17\\nb: 1:30\\nc: 2001-12-14\\nd: 0777\\ne: 1_000\\nf: on\\ng: 08\\n" }}{{ $m.a }} {{ $m.b }} {{ $m.c }} {{ $m.d }} {{ $m.e }} {{ $m.f }} {{ $m.g }} {{ typeOf $m.e }}',
    {},
    '15 1:30 2001-12-14 511 1000 true 8 float64',
  ],
  [
    '{{ fromYaml "- a" }}',
    {},
    'map[Error:error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}]',
  ],
  ['{{ fromYamlArray "- a\\n- 1" }} {{ fromYamlArray "" }}', {}, '[a 1] []'],
  [
    '{{ toJson .v }} {{ (fromJson "{\\"a\\":1}").a }} {{ fromJsonArray "[1,\\"x\\"]" }}',
    { v: { b: 'x<', a: [1.5, null] } },
    '{"a":[1.5,null],"b":"x\\u003c"} 1 [1 x]',
  ],
  [
    '{{ toToml .v }}',
    { v: { name: 'x', port: 80n, nested: { on: true } } },
    'name = "x"\nport = 80\n\n[nested]\n  on = true\n',
  ],
  [
    '{{ lookup "v1" "Secret" "ns" "name" }} {{ (lookup "v1" "Secret" "ns" "name").data | default "none" }}',
    {},
    'map[] none',
  ],
];

const ERRORS: [string, unknown, string][] = [
  ['{{ .a.b }}', {}, 'template: tpl:1:5: executing "tpl" at <.a.b>: nil pointer evaluating interface {}.b'],
  [
    '{{ upper .missing }}',
    {},
    'template: tpl:1:9: executing "tpl" at <.missing>: wrong type for value; expected string; got interface {}',
  ],
  ['{{ .missing | upper }}', {}, 'template: tpl:1:14: executing "tpl" at <upper>: invalid value; expected string'],
  [
    '{{ required "need it" .missing }}',
    {},
    'template: tpl:1:3: executing "tpl" at <required "need it" ....>: error calling required: HELM[need it]HELM',
  ],
  [
    '{{ required "need it" "" }}',
    {},
    'template: tpl:1:3: executing "tpl" at <required "need it" "...>: error calling required: HELM[need it]HELM',
  ],
  [
    '{{ include "nope" . }}',
    {},
    'template: tpl:1:3: executing "tpl" at <include "nope" .>: error calling include: template: no template "nope" associated with template "gotpl"',
  ],
  [
    '{{ define "r" }}{{ include "r" . }}{{ end }}{{ include "r" . }}',
    {},
    'error calling include: rendering template has a nested reference name: r: unable to execute template',
  ],
  [
    '{{ tpl "{{ .x" . }}',
    dot(),
    'template: tpl:1:3: executing "tpl" at <tpl "{{ .x" .>: error calling tpl: cannot parse template "{{ .x": template: chart/templates/x.yaml:1: unclosed action',
  ],
  [
    '{{ tpl "{{ .a.b }}" . }}',
    dot(),
    'template: tpl:1:3: executing "tpl" at <tpl "{{ .a.b }}" .>: error calling tpl: error during tpl function execution for "{{ .a.b }}": template: chart/templates/x.yaml:1:5: executing "chart/templates/x.yaml" at <.a.b>: nil pointer evaluating interface {}.b',
  ],
];

test('Helm functions: template → output', () => {
  for (const [tpl, data, want] of OUTPUT) assert.equal(render(tpl, data, 'helm'), want, tpl);
});

test('Helm functions: template → error', () => {
  for (const [tpl, data, want] of ERRORS) {
    const got = errorOf(tpl, data, 'helm');
    if (want.startsWith('template:')) assert.equal(got, want, tpl);
    else assert.ok(got.includes(want), `${tpl}: ${got}`);
  }
});

test('include recursion is bounded, not a hang or a stack overflow', () => {
  const t0 = Date.now();
  assert.match(
    errorOf('{{ define "r" }}x{{ include "r" . }}{{ end }}{{ include "r" . }}', {}, 'helm'),
    /depth|nested reference/,
  );
  assert.ok(Date.now() - t0 < 5000);
});
