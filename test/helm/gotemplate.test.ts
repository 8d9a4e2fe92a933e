import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ParseError, parseData, parseTemplate, renderTemplate } from '../../server/src/engine/helm';
import { TemplateSet } from '../../server/src/engine/helm/template';
import { errorOf, render } from './render';

/** text/template semantics, from pkg.go.dev/text/template: each row is template, data, expected output. */
const OUTPUT: [string, unknown, string][] = [
  // text, trim markers, comments
  ['plain text', {}, 'plain text'],
  ['a  {{- "b" -}}  c', {}, 'abc'],
  ['{{23 -}} < {{- 45}}', {}, '23<45'],
  ['x\n  {{- /* comment */}}\ny', {}, 'x\ny'],
  ['a{{/* c */}}b', {}, 'ab'],
  ['a {{- /* c */ -}} b', {}, 'ab'],
  ['{{-3}}', {}, '-3'],
  // dot, fields, map chains, variables
  ['{{.}}', 'hi', 'hi'],
  ['{{.a.b}}', { a: { b: 'x' } }, 'x'],
  ['{{.missing}}', {}, '<no value>'],
  ['{{.missing.deeper}}', {}, '<no value>'],
  ['{{$}}', 7n, '7'],
  ['{{$x := "v"}}{{$x}}', {}, 'v'],
  ['{{$x := 1}}{{if true}}{{$x = 2}}{{end}}{{$x}}', {}, '2'],
  ['{{$x := 1}}{{if true}}{{$x := 2}}{{end}}{{$x}}', {}, '1'],
  ['{{with $x := .a}}{{$x}}{{end}}', { a: 'q' }, 'q'],
  ['{{$m := .}}{{$m.k.j}}', { k: { j: 5n } }, '5'],
  ['{{(.a).b}}', { a: { b: 1n } }, '1'],
  ['{{(index . "a").b}}', { a: { b: 2n } }, '2'],
  ['{{(.missing).b}}', {}, '<no value>'],
  // literals and printing of values
  ["{{1}} {{1.5}} {{1e3}} {{0x10}} {{0o17}} {{0b101}} {{1_000}} {{'a'}}", {}, '1 1.5 1000 16 15 5 1000 97'],
  ['{{"a\\tb"}}|{{`raw\\n`}}', {}, 'a\tb|raw\\n'],
  ['{{true}} {{false}}', {}, 'true false'],
  ['{{.f}} {{.g}} {{.h}} {{.i}}', { f: 1e6, g: 123456.0, h: 0.0001, i: 1e-5 }, '1e+06 123456 0.0001 1e-05'],
  ['{{.}}', { b: [1n, 'x'], a: null }, 'map[a:<nil> b:[1 x]]'],
  ['{{.}}', [], '[]'],
  ['{{.}}', {}, 'map[]'],
  // if / else if / else
  ['{{if .a}}A{{else if .b}}B{{else}}C{{end}}', { b: 1n }, 'B'],
  ['{{if .a}}A{{else if .b}}B{{else}}C{{end}}', {}, 'C'],
  [
    '{{if 0}}x{{else}}y{{end}}{{if ""}}x{{else}}y{{end}}{{if .e}}x{{else}}y{{end}}{{if .m}}x{{else}}y{{end}}',
    { e: [], m: {} },
    'yyyy',
  ],
  ['{{if 0.0}}x{{else}}y{{end}}{{if "0"}}t{{end}}{{if .s}}S{{end}}', { s: [0n] }, 'ytS'],
  // with / else with
  ['{{with .a}}{{.}}{{else}}none{{end}}', { a: 'A' }, 'A'],
  ['{{with .a}}{{.}}{{else with .b}}b{{.}}{{else}}none{{end}}', { b: 2n }, 'b2'],
  ['{{with .a}}{{.}}{{else}}none{{end}}', {}, 'none'],
  // range
  ['{{range .}}[{{.}}]{{end}}', ['a', 'b'], '[a][b]'],
  ['{{range $i, $e := .}}{{$i}}:{{$e}} {{end}}', ['a', 'b'], '0:a 1:b '],
  ['{{range $e := .}}{{$e}}{{end}}', ['a', 'b'], 'ab'],
  ['{{range $k, $v := .}}{{$k}}={{$v}};{{end}}', { zeta: 1n, alpha: 2n, Mid: 3n }, 'Mid=3;alpha=2;zeta=1;'],
  ['{{range .}}x{{else}}empty{{end}}', [], 'empty'],
  ['{{range .missing}}x{{else}}empty{{end}}', {}, 'empty'],
  ['{{range 4}}{{.}}{{end}}', {}, '0123'],
  ['{{range $i := 3}}{{$i}}{{end}}', {}, '012'],
  ['{{range .}}{{if eq . 3}}{{break}}{{end}}{{.}}{{end}}', [1n, 2n, 3n, 4n], '12'],
  ['{{range .}}{{if eq . 2}}{{continue}}{{end}}{{.}}{{end}}', [1n, 2n, 3n], '13'],
  ['{{$x := 0}}{{range .}}{{$x = .}}{{end}}{{$x}}', [1n, 2n, 3n], '3'],
  ['{{range .l}}{{$.name}}{{end}}', { l: [1n, 2n], name: 'n' }, 'nn'],
  // define / template / block
  ['{{define "T"}}<{{.}}>{{end}}{{template "T" "x"}}{{template "T" 3}}', {}, '<x><3>'],
  ['{{define "T"}}[{{.}}]{{end}}{{template "T"}}', {}, '[<no value>]'],
  ['{{block "B" .}}default {{.}}{{end}}', 'd', 'default d'],
  ['{{define "a"}}{{$}}{{end}}{{$x := 1}}{{template "a" .v}}', { v: 'dollar' }, 'dollar'],
  // pipelines
  ['{{"x" | printf "%s-%s" "y"}}', {}, 'y-x'],
  ['{{3 | printf "%d" | len}}', {}, '1'],
  ['{{(printf "%s" "a") | len}}', {}, '1'],
  // builtins: and/or/not
  ['{{and 1 0 2}} {{and 1 2}} {{or 0 "" "x"}} {{or 0 ""}} {{not 0}} {{not "a"}}', {}, '0 2 x  true false'],
  ['{{and .a .a.b}}', {}, '<no value>'],
  ['{{or .a "default"}}', {}, 'default'],
  // len, index, slice
  ['{{len "héllo"}} {{len .l}} {{len .m}}', { l: [1n, 2n], m: { a: 1n } }, '6 2 1'],
  [
    '{{index .l 1}} {{index .m "a"}} {{index .n 0 1}} {{index .m "zz"}}',
    { l: ['a', 'b'], m: { a: 'A' }, n: [['p', 'q']] },
    'b A q <no value>',
  ],
  ['{{index "abc" 1}}', {}, '98'],
  ['{{slice "abcdef" 1 3}} {{slice "abcdef" 2}} {{slice .l 1}}', { l: [1n, 2n, 3n] }, 'bc cdef [2 3]'],
  // print family
  ['{{print 1 2}}|{{print "a" "b"}}|{{print 1 "a" 2}}|{{println 1 "a"}}', {}, '1 2|ab|1a2|1 a\n'],
  [
    '{{printf "%v %d %s %q %x %X %o %b %c %t %%" 1.5 42 "s" "q\\"" 255 255 8 5 65 true}}',
    {},
    '1.5 42 s "q\\"" ff FF 10 101 A true %',
  ],
  ['{{printf "%5d|%-5d|%05d|%+d|%x" 3 3 3 3 "hi"}}', {}, '    3|3    |00003|+3|6869'],
  [
    '{{printf "%.2f %6.1f %e %g %G" 3.14159 2.5 1234.5678 0.000012 1e21}}',
    {},
    '3.14    2.5 1.234568e+03 1.2e-05 1E+21',
  ],
  ['{{printf "%v" .}}', { a: [1n, { b: 'c' }] }, 'map[a:[1 map[b:c]]]'],
  ['{{printf "%v %s" nil nil}}', {}, '<nil> %!s(<nil>)'],
  [
    '{{printf "%d" "x"}}|{{printf "%s" 1}}|{{printf "%d"}}|{{printf "x" 1}}',
    {},
    '%!d(string=x)|%!s(int=1)|%!d(MISSING)|x%!(EXTRA int=1)',
  ],
  ['{{printf "%T %T %T %T %T" 1 1.5 "s" . nil}}', { a: 1n }, 'int float64 string map[string]interface {} <nil>'],
  ['{{printf "%d" .n}}', { n: 3 }, '%!d(float64=3)'],
  ['{{printf "%q" .s}}', { s: 'tab\there\u00e9' }, '"tab\\there\u00e9"'],
  ['{{printf "%6.2s|" "abc"}}', {}, '    ab|'],
  ['{{printf "%[2]d %[1]d" 1 2}} {{printf "%[3]d" 1}}', {}, '2 1 %!d(BADINDEX)'],
  ['{{js "\x7f\u00a0é"}}', {}, '\x7f\\u00A0é'],
  // html, js, urlquery
  ['{{html "<a href=\'x\'>&\\"</a>"}}', {}, '&lt;a href=&#39;x&#39;&gt;&amp;&#34;&lt;/a&gt;'],
  ['{{js "it\'s <b> \\"q\\" \\\\ ="}}', {}, 'it\\\'s \\u003Cb\\u003E \\"q\\" \\\\ \\u003D'],
  ['{{urlquery "a b&c=d/é"}}', {}, 'a+b%26c%3Dd%2F%C3%A9'],
  ['{{html 1 2}}', {}, '1 2'],
  // comparisons
  [
    '{{eq 1 1}} {{eq "a" "b"}} {{eq 1 2 3 1}} {{ne 1 2}} {{lt 1 2}} {{le 2 2}} {{gt "b" "a"}} {{ge 1.5 1.5}}',
    {},
    'true false true true true true true true',
  ],
  ['{{eq .missing "x"}} {{eq .missing .other}}', {}, 'false true'],
  ['{{eq true true}} {{eq .a .a}}', { a: 'x' }, 'true true'],
];

/** Errors: message shapes as Go prints them. */
const ERRORS: [string, unknown, string][] = [
  ['{{.a.b}}', { a: null }, 'template: tpl:1:4: executing "tpl" at <.a.b>: nil pointer evaluating interface {}.b'],
  [
    '{{eq 1 1.0}}',
    {},
    'template: tpl:1:2: executing "tpl" at <eq 1 1.0>: error calling eq: incompatible types for comparison',
  ],
  [
    '{{lt .l 1}}',
    { l: [] },
    'template: tpl:1:2: executing "tpl" at <lt .l 1>: error calling lt: invalid type for comparison',
  ],
  ['{{nofunc 1}}', {}, 'template: tpl:1: function "nofunc" not defined'],
  ['{{$x}}', {}, 'template: tpl:1: undefined variable "$x"'],
  ['{{if}}x{{end}}', {}, 'template: tpl:1: missing value for if'],
  ['{{range .}}', {}, 'template: tpl:1: unexpected EOF'],
  ['{{end}}', {}, 'template: tpl:1: unexpected {{end}}'],
  ['{{else}}', {}, 'template: tpl:1: unexpected {{else}}'],
  ['{{break}}', {}, 'template: tpl:1: {{break}} outside {{range}}'],
  ['{{.a', {}, 'template: tpl:1: unclosed action'],
  ['{{/* x', {}, 'template: tpl:1: unclosed comment'],
  ['{{"x" | 1}}', {}, 'template: tpl:1: non executable command in pipeline stage 2'],
  [
    '{{template "nope"}}',
    {},
    'template: tpl:1:11: executing "tpl" at <{{template "nope"}}>: template "nope" not defined',
  ],
  ['{{len 3}}', {}, 'template: tpl:1:2: executing "tpl" at <len 3>: error calling len: len of type int'],
  [
    '{{index .l 5}}',
    { l: [1n] },
    'template: tpl:1:2: executing "tpl" at <index .l 5>: error calling index: index out of range: 5',
  ],
  [
    '{{index .missing "a"}}',
    {},
    'template: tpl:1:2: executing "tpl" at <index .missing "a">: error calling index: index of untyped nil',
  ],
  [
    '{{printf}}',
    {},
    'template: tpl:1:2: executing "tpl" at <printf>: wrong number of args for printf: want at least 1 got 0',
  ],
  ['{{not 1 2}}', {}, 'template: tpl:1:2: executing "tpl" at <not>: wrong number of args for not: want 1 got 2'],
  ['{{range 1.5}}{{end}}', {}, 'template: tpl:1:8: executing "tpl" at <1.5>: range can\'t iterate over 1.5'],
  ['{{.x 1}}', { x: 'y' }, 'template: tpl:1:2: executing "tpl" at <.x>: x is not a method but has arguments'],
  ['{{.s.f}}', { s: 'str' }, 'template: tpl:1:4: executing "tpl" at <.s.f>: can\'t evaluate field f in type string'],
  ['{{1 2}}', {}, 'template: tpl:1:2: executing "tpl" at <1>: can\'t give argument to non-function 1'],
  ['{{printf 3}}', {}, 'template: tpl:1:9: executing "tpl" at <3>: expected string; found 3'],
  [
    '{{ .a | printf }}',
    { a: 3n },
    'template: tpl:1:8: executing "tpl" at <printf>: wrong type for value; expected string; got int',
  ],
  ['{{call .f}}', { f: null }, 'template: tpl:1:2: executing "tpl" at <call .f>: error calling call: call of nil'],
  ['{{$x := 1}}{{$x = }}', {}, 'template: tpl:1: missing value for command'],
  ['{{range $a, $b, $c := .}}{{end}}', {}, 'template: tpl:1: too many declarations in range'],
  ['{{with $x, $y := .}}{{end}}', {}, 'template: tpl:1: too many declarations in with'],
  [
    '{{define "a"}}1{{end}}{{define "a"}}2{{end}}',
    {},
    'template: tpl:1: template: multiple definition of template "a"',
  ],
  ['{{ /* no */ }}', {}, "template: tpl:1: unrecognized character in action: U+002F '/'"],
  ['{{if true}}{{define "x"}}{{end}}{{end}}', {}, 'template: tpl:1: unexpected <define> in command'],
];

test('text/template: template → output', () => {
  for (const [tpl, data, want] of OUTPUT) assert.equal(render(tpl, data), want, tpl);
});

test('text/template: template → error', () => {
  for (const [tpl, data, want] of ERRORS) assert.equal(errorOf(tpl, data), want, tpl);
});

test('long error contexts are cut at 20 characters as Go does', () => {
  assert.equal(
    errorOf('{{ eq "aaaaaaaaaa" "bbbbbbbbbbbb" 1 }}'),
    'template: tpl:1:3: executing "tpl" at <eq "aaaaaaaaaa" "bbb...>: error calling eq: incompatible types for comparison',
  );
});

test('positions: errors on later lines count lines and columns from the line start', () => {
  assert.equal(
    errorOf('line1\n  {{ .a.b.c }}', { a: { b: null } }),
    'template: tpl:2:7: executing "tpl" at <.a.b.c>: nil pointer evaluating interface {}.c',
  );
});

test('step budget: an endless range stops quickly with one clear error', () => {
  const t0 = Date.now();
  const msg = errorOf('{{ range until 100000000 }}x{{ end }}', {}, 'sprig', { maxSteps: 1_000_000 });
  assert.match(msg, /step budget/);
  assert.ok(Date.now() - t0 < 2000, 'budget error took too long');
  assert.match(errorOf('{{ range 100000000 }}{{ end }}', {}, 'go', { maxSteps: 100_000 }), /step budget/);
  assert.match(
    errorOf('{{define "r"}}{{template "r" .}}{{end}}{{template "r" .}}', {}),
    /exceeded maximum template depth/,
  );
});

test('output budget: a template printing too much stops with one clear error', () => {
  assert.match(
    errorOf('{{ range 1000 }}{{ printf "%0100d" 1 }}{{ end }}', {}, 'go', { maxOutput: 10_000 }),
    /output budget/,
  );
});

test('missingkey: default gives no value, zero a nil interface (Helm), error stops', () => {
  const run = (missingKey: 'default' | 'zero' | 'error', tpl: string) => {
    const set = new TemplateSet();
    set.parse('t', tpl);
    try {
      return set.execute('t', { m: {} }, { missingKey }).text;
    } catch (e) {
      return (e as Error).message;
    }
  };
  assert.equal(run('default', '{{.m.x}}|{{.m.x.y}}'), '<no value>|<no value>');
  assert.equal(run('zero', '{{.m.x}}'), '<no value>');
  assert.equal(
    run('zero', '{{.m.x.y}}'),
    'template: t:1:4: executing "t" at <.m.x.y>: nil pointer evaluating interface {}.y',
  );
  assert.equal(run('error', '{{.m.x}}'), 'template: t:1:4: executing "t" at <.m.x>: map has no entry for key "x"');
});

test('the raw API: parse only, render with a function set, JSON data with Go ints', () => {
  const data = parseData('{"i": 3, "f": 3.0, "e": 1e6, "s": "x", "l": [1, 2.5, null, true], "m": {}}');
  assert.equal(
    renderTemplate('{{printf "%T %T %T" .i .f .e}} {{.e}} {{.l}} {{len .m}}', data, { funcs: 'go' }).text,
    'int float64 float64 1e+06 [1 2.5 <nil> true] 0',
  );
  assert.throws(
    () => parseTemplate('{{ upper "x" }}', { funcs: 'go' }),
    (e: Error) => e instanceof ParseError && e.message === 'template: tpl:1: function "upper" not defined',
  );
  parseTemplate('{{ upper "x" | toYaml }}');
  assert.equal(renderTemplate('{{ upper "x" }}', {}, { funcs: 'sprig' }).text, 'X');
  assert.throws(() => parseData('{"a": }'), SyntaxError);
});

test('hostile templates: deep nesting is a parse error, not a crash', () => {
  assert.match(errorOf('{{' + '('.repeat(50_000) + '1' + ')'.repeat(50_000) + '}}'), /nesting too deep|template: tpl/);
  assert.match(errorOf('{{if 1}}'.repeat(50_000) + '{{end}}'.repeat(50_000)), /nesting too deep|template: tpl/);
});
