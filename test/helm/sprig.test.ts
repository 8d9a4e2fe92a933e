import assert from 'node:assert/strict';
import { test } from 'node:test';
import { errorOf, render } from './render';

/** Sprig functions as documented at masterminds.github.io/sprig: template, data, expected output. */
const STRINGS: [string, unknown, string][] = [
  [
    '{{ trim "   hello    " }}|{{ trimAll "$" "$5.00$" }}|{{ trimSuffix "-" "hello-" }}|{{ trimPrefix "-" "-hello" }}',
    {},
    'hello|5.00|hello|hello',
  ],
  [
    '{{ upper "hello" }} {{ lower "HELLO" }} {{ title "hello world" }} {{ untitle "Hello World" }}',
    {},
    'HELLO hello Hello World hello world',
  ],
  [
    '{{ repeat 3 "hello" }} {{ substr 0 5 "hello world" }} {{ nospace "hello w o r l d" }}',
    {},
    'hellohellohello hello helloworld',
  ],
  ['{{ trunc 5 "hello world" }}|{{ trunc -5 "hello world" }}|{{ trunc 50 "hi" }}', {}, 'hello|world|hi'],
  [
    '{{ abbrev 5 "hello world" }}|{{ abbrevboth 5 10 "1234 5678 9123" }}|{{ initials "First Try" }}',
    {},
    'he...|...5678...|FT',
  ],
  ['{{ contains "cat" "catch" }} {{ hasPrefix "cat" "catch" }} {{ hasSuffix "cat" "catch" }}', {}, 'true true false'],
  ['{{ quote "a" }} {{ squote "a" }} {{ quote "a" 1 .missing }} {{ quote "x\\"y" }}', {}, '"a" \'a\' "a" "1" "x\\"y"'],
  ['{{ cat "hello" "beautiful" "world" }}|{{ cat "a" .missing 1 }}', {}, 'hello beautiful world|a 1'],
  ['{{ indent 4 "a\\nb" }}|{{ nindent 2 "x" }}', {}, '    a\n    b|\n  x'],
  ['{{ replace " " "-" "I Am Henry VIII" }}', {}, 'I-Am-Henry-VIII'],
  [
    '{{ plural "one anchovy" "many anchovies" 1 }}, {{ plural "one anchovy" "many anchovies" 2 }}',
    {},
    'one anchovy, many anchovies',
  ],
  [
    '{{ snakecase "FirstName" }} {{ camelcase "http_server" }} {{ kebabcase "FirstName" }} {{ swapcase "This Is A.Test" }}',
    {},
    'first_name HttpServer first-name tHIS iS a.tEST',
  ],
  ['{{ wrap 5 "Hello World" }}|{{ wrapWith 5 "\\t" "Hello World" }}', {}, 'Hello\nWorld|Hello\tWorld'],
  [
    '{{ b64enc "Hello, World!" }} {{ b64dec "SGVsbG8sIFdvcmxkIQ==" }} {{ b32enc "hi" }} {{ b32dec "NBUQ====" }}',
    {},
    'SGVsbG8sIFdvcmxkIQ== Hello, World! NBUQ==== hi',
  ],
  ['{{ sha256sum "Hello world!" }}', {}, 'c0535e4be2b79ffd93291305436bf889314e4a3faec05ecffcbb7df31ad9e51a'],
  [
    '{{ sha1sum "Hello world!" }} {{ adler32sum "Hello world!" }}',
    {},
    'd3486ae9136e7856bc42212385ea797094475802 487130206',
  ],
  ['{{ toString 1 }} {{ toString 1.5 }} {{ toString .l }} {{ toString nil }}', { l: ['a', 1n] }, '1 1.5 [a 1] <nil>'],
  ['{{ split "$" "foo$bar$baz" }}|{{ (split "$" "foo$bar")._1 }}', {}, 'map[_0:foo _1:bar _2:baz]|bar'],
  ['{{ splitList "$" "foo$bar$baz" }} {{ splitn "$" 2 "foo$bar$baz" }}', {}, '[foo bar baz] map[_0:foo _1:bar$baz]'],
  ['{{ join "_" .l }} {{ join "," .m }} {{ join "-" "x" }}', { l: ['a', null, 'b', 1n], m: [1, 2] }, 'a_b_1 1,2 x'],
  [
    '{{ regexMatch "^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\\\\.[a-zA-Z]{2,}$" "test@acme.com" }} {{ regexMatch "(" "x" }}',
    {},
    'true false',
  ],
  [
    '{{ regexFindAll "[2,4,6,8]" "123456789" -1 }} {{ regexFindAll "[2,4,6,8]" "123456789" 2 }} {{ regexFind "[a-zA-Z][1-9]" "abcd1234" }}',
    {},
    '[2 4 6 8] [2 4] d1',
  ],
  [
    '{{ regexReplaceAll "a(x*)b" "-ab-axxb-" "${1}W" }}|{{ regexReplaceAllLiteral "a(x*)b" "-ab-axxb-" "${1}" }}',
    {},
    '-W-xxW-|-${1}-${1}-',
  ],
  [
    '{{ regexSplit "z+" "pizza" -1 }} {{ regexSplit "z+" "pizza" 1 }} {{ regexQuoteMeta "1.2.3" }}',
    {},
    '[pi a] [pizza] 1\\.2\\.3',
  ],
];

const LISTS: [string, unknown, string][] = [
  [
    '{{ list 1 2 3 }} {{ list }} {{ first (list 1 2 3) }} {{ last (list 1 2 3) }} {{ rest (list 1 2 3) }} {{ initial (list 1 2 3) }}',
    {},
    '[1 2 3] [] 1 3 [2 3] [1 2]',
  ],
  [
    '{{ append (list 1 2) 3 }} {{ prepend (list 1 2) 0 }} {{ concat (list 1) (list 2 3) (list) }} {{ reverse (list 1 2 3) }}',
    {},
    '[1 2 3] [0 1 2] [1 2 3] [3 2 1]',
  ],
  [
    '{{ uniq (list 1 1 2 "a" "a") }} {{ without (list 1 2 3 4) 1 3 }} {{ has 4 (list 1 2 3 4) }} {{ has "x" .missing }}',
    {},
    '[1 2 a] [2 4] true false',
  ],
  [
    '{{ compact (list 1 "" nil 0 "a" false) }} {{ slice (list 1 2 3 4 5) 1 3 }} {{ slice (list 1 2 3) 1 }} {{ chunk 2 (list 1 2 3) }}',
    {},
    '[1 a] [2 3] [2 3] [[1 2] [3]]',
  ],
  ['{{ sortAlpha (list "c" "a" "B") }} {{ first (list) }}', {}, '[B a c] <no value>'],
  [
    '{{ $d := dict "name1" "value1" "name2" "value2" }}{{ $d }} {{ get $d "name1" }} [{{ get $d "nope" }}] {{ hasKey $d "name2" }}',
    {},
    'map[name1:value1 name2:value2] value1 [] true',
  ],
  [
    '{{ $d := dict "a" 1 }}{{ $_ := set $d "b" 2 }}{{ $d }} {{ unset $d "a" }} {{ dict "odd" }}',
    {},
    'map[a:1 b:2] map[b:2] map[odd:]',
  ],
  [
    '{{ keys (dict "b" 1 "a" 2) }} {{ values (dict "b" 1 "a" 2) }} {{ pick (dict "a" 1 "b" 2 "c" 3) "a" "c" }} {{ omit (dict "a" 1 "b" 2) "a" }}',
    {},
    '[a b] [2 1] map[a:1 c:3] map[b:2]',
  ],
  ['{{ pluck "name1" (dict "name1" "v1") (dict "name2" "v2") (dict "name1" "v3") }}', {}, '[v1 v3]'],
  [
    '{{ merge (dict "a" 1 "n" (dict "x" 1)) (dict "a" 2 "b" 3 "n" (dict "x" 2 "y" 2)) }}',
    {},
    'map[a:1 b:3 n:map[x:1 y:2]]',
  ],
  [
    '{{ mergeOverwrite (dict "a" 1 "n" (dict "x" 1)) (dict "a" 2 "b" 3 "n" (dict "x" 2 "y" 2)) }}',
    {},
    'map[a:2 b:3 n:map[x:2 y:2]]',
  ],
  ['{{ merge (dict "a" "" "b" 0) (dict "a" "filled" "b" 5) }}', {}, 'map[a:filled b:5]'],
  [
    '{{ $a := dict "x" (dict "y" 1) }}{{ $b := deepCopy $a }}{{ $_ := set $b.x "y" 2 }}{{ $a }} {{ $b }}',
    {},
    'map[x:map[y:1]] map[x:map[y:2]]',
  ],
  ['{{ dig "a" "b" "c" "dflt" .d }} {{ dig "a" "z" "dflt" .d }}', { d: { a: { b: { c: 'found' } } } }, 'found dflt'],
  ['{{ tuple 1 "a" }} {{ list 1 | len }}', {}, '[1 a] 1'],
  [
    '{{ urlParse "https://user:pass@example.com:8080/path?q=1#frag" }}',
    {},
    'map[fragment:frag host:example.com:8080 hostname:example.com opaque: path:/path query:q=1 scheme:https userinfo:user:pass]',
  ],
  [
    '{{ urlJoin (dict "scheme" "http" "host" "h:80" "path" "/p" "query" "a=b") }} {{ base "/a/b.txt" }} {{ dir "/a/b.txt" }} {{ ext "b.tar.gz" }} {{ clean "a//b/../c" }} {{ isAbs "/x" }}',
    {},
    'http://h:80/p?a=b b.txt /a .gz a/c true',
  ],
];

const NUMBERS: [string, unknown, string][] = [
  ['{{ add 1 2 3 }} {{ add1 1 }} {{ sub 5 3 }} {{ div 7 2 }} {{ mod 7 2 }} {{ mul 2 3 4 }}', {}, '6 2 2 3 1 24'],
  ['{{ max 1 5 3 }} {{ min 4 2 8 }} {{ biggest 1 9 }} {{ add .f 1 }} {{ add "3" 1 }}', { f: 2.9 }, '5 2 9 3 4'],
  [
    '{{ addf 1.5 2 }} {{ subf 3 1.5 }} {{ mulf 1.5 2 }} {{ divf 3 2 }} {{ maxf 1 2.5 }} {{ minf 1 2.5 }}',
    {},
    '3.5 1.5 3 1.5 2.5 1',
  ],
  [
    '{{ floor 1.7 }} {{ ceil 1.2 }} {{ round 123.555555 3 }} {{ round 1.5 0 }} {{ round 2.5 0 0.6 }}',
    {},
    '1 2 123.556 2 2',
  ],
  [
    '{{ int "42" }} {{ int 3.9 }} {{ int64 "0x10" }} {{ float64 "1.5" }} {{ atoi "12" }} {{ int "x" }} {{ int .f }}',
    { f: 1e6 },
    '42 3 16 1.5 12 0 1000000',
  ],
  [
    '{{ until 5 }} {{ untilStep 3 6 2 }} {{ until -3 }} {{ seq 3 }} {{ seq 2 4 }} {{ seq 5 -2 1 }} {{ seq 3 1 }}',
    {},
    '[0 1 2 3 4] [3 5] [0 -1 -2] 1 2 3 2 3 4 5 3 1 3 2 1',
  ],
  ['{{ toDecimal "0777" }} {{ .n }} {{ .n | int }}', { n: 8080 }, '511 8080 8080'],
  ['{{ .big }} {{ .big | int }} {{ printf "%d" (.big | int) }}', { big: 1000000 }, '1e+06 1000000 1000000'],
  [
    '{{ typeOf (add 1 2) }} {{ kindOf (sub 3 1) }} {{ typeOf (int 3) }} {{ typeOf (int64 3) }} {{ typeOf (len "ab") }} {{ typeOf (atoi "1") }} {{ typeOf (floor 1) }}',
    {},
    'int64 int64 int int64 int int float64',
  ],
  [
    '{{ eq (add 1 2) 3 }} {{ lt (sub 1 2) 0 }} {{ trunc (int (sub 5 2)) "abcdef" }} {{ index (list "a" "b") (add 0 1) }} {{ range add 1 1 }}{{ . }}{{ end }}',
    {},
    'true true abc b 01',
  ],
];

const DEFAULTS_AND_TYPES: [string, unknown, string][] = [
  [
    '{{ default "foo" .missing }} {{ default "foo" "" }} {{ default "foo" 0 }} {{ default "foo" "bar" }} {{ .missing | default "d" }}',
    {},
    'foo foo foo bar d',
  ],
  [
    '{{ empty "" }} {{ empty 0 }} {{ empty .l }} {{ empty .m }} {{ empty false }} {{ empty "x" }} {{ empty .missing }}',
    { l: [], m: {} },
    'true true true true true false true',
  ],
  ['{{ coalesce 0 "" "x" }} {{ coalesce .a .b "c" }} {{ coalesce 0 "" }}', {}, 'x c <no value>'],
  ['{{ ternary "yes" "no" true }} {{ true | ternary "yes" "no" }} {{ ternary 1 2 false }}', {}, 'yes yes 2'],
  ['{{ all 1 "a" true }} {{ all 1 "" }} {{ any 0 "" "x" }} {{ any 0 "" }}', {}, 'true false true false'],
  [
    '{{ typeOf 1 }} {{ typeOf 1.5 }} {{ typeOf "s" }} {{ typeOf (list) }} {{ typeOf (dict) }} {{ typeOf nil }} {{ typeOf true }}',
    {},
    'int float64 string []interface {} map[string]interface {} <nil> bool',
  ],
  [
    '{{ kindOf 1 }} {{ kindOf "s" }} {{ kindOf (list) }} {{ kindOf (dict) }} {{ kindIs "map" (dict) }} {{ kindIs "slice" "x" }} {{ typeIs "string" "x" }}',
    {},
    'int string slice map true false true',
  ],
  ['{{ kindOf .n }} {{ typeOf .n }}', { n: 3 }, 'float64 float64'],
  ['{{ deepEqual (list 1 2) (list 1 2) }} {{ deepEqual (dict "a" 1) (dict "a" 2) }}', {}, 'true false'],
  [
    '{{ toJson .v }}|{{ toPrettyJson .p }}|{{ toRawJson .h }}',
    { v: { b: [1, 'x', null, true], a: 1.5, i: 3n }, p: { a: 1 }, h: { s: '<&>' } },
    '{"a":1.5,"b":[1,"x",null,true],"i":3}|{\n  "a": 1\n}|{"s":"<&>"}',
  ],
  [
    '{{ toJson "<tag>&" }} {{ toJson 1e6 }} {{ toJson 1e21 }} {{ toJson 0.0000001 }}',
    {},
    '"\\u003ctag\\u003e\\u0026" 1000000 1e+21 1e-7',
  ],
  ['{{ (fromJson "{\\"a\\": [1, 2]}").a }} {{ fromJson "bad" }} {{ fromJson "[1]" }}', {}, '[1 2] <no value> [1]'],
];

const SEMVER: [string, unknown, string][] = [
  [
    '{{ semverCompare ">=1.2.3" "1.2.3" }} {{ semverCompare "^1.2.0" "1.9.9" }} {{ semverCompare "^1.2.0" "2.0.0" }} {{ semverCompare "~1.2.0" "1.2.9" }} {{ semverCompare "~1.2.0" "1.3.0" }}',
    {},
    'true true false true false',
  ],
  [
    '{{ semverCompare ">=1.19-0" "v1.20.0" }} {{ semverCompare ">=1.19" "v1.20.4-eks-6b7464" }} {{ semverCompare ">=1.19-0" "v1.20.4-eks-6b7464" }}',
    {},
    'true false true',
  ],
  [
    '{{ semverCompare "<1.14-0" "1.13.5" }} {{ semverCompare "1.2.x" "1.2.7" }} {{ semverCompare "1.2 - 1.4" "1.3.0" }} {{ semverCompare ">1.0, <2.0" "1.5.0" }} {{ semverCompare "<1.0 || >=3.0" "3.1.0" }}',
    {},
    'true true true true true',
  ],
  [
    '{{ semverCompare "*" "5.0.0" }} {{ semverCompare "!=1.2.3" "1.2.3" }} {{ semverCompare "^0.2.3" "0.3.0" }} {{ semverCompare "^0.2.3" "0.2.9" }}',
    {},
    'true false false true',
  ],
  [
    '{{ (semver "1.2.3-alpha.1+123").Major }} {{ (semver "v1.2.3-alpha.1+123").Prerelease }} {{ (semver "1.2.3+m").Metadata }} {{ semver "1.2" }}',
    {},
    '1 alpha.1 m 1.2.0',
  ],
];

const DATES: [string, unknown, string][] = [
  ['{{ now | date "2006-01-02 15:04:05" }}', {}, '2024-01-02 03:04:05'],
  [
    '{{ now | date "Mon Jan 2 15:04:05 MST 2006" }} {{ now | htmlDate }} {{ now | unixEpoch }}',
    {},
    'Tue Jan 2 03:04:05 UTC 2024 2024-01-02 1704164645',
  ],
  [
    '{{ date "2006-01-02T15:04:05Z07:00" 0 }} {{ dateInZone "3:04PM" (now) "UTC" }} {{ now | date "Jan _2 06" }}',
    {},
    '1970-01-01T00:00:00Z 3:04AM Jan  2 24',
  ],
  [
    '{{ toDate "2006-01-02" "2017-12-31" | date "02/01/2006" }} {{ now | dateModify "-1.5h" | date "15:04" }}',
    {},
    '31/12/2017 01:34',
  ],
  [
    '{{ duration "95" }} {{ duration (int64 3600) }} {{ duration 95 }} {{ durationRound "2h10m5s" }} {{ durationRound "400h" }} {{ durationRound (int64 3000000000) }}',
    {},
    '1m35s 1h0m0s 0s 2h 16d 3s',
  ],
];

const RANDOM: [string, RegExp][] = [
  ['{{ randAlphaNum 12 }}', /^[A-Za-z0-9]{12}$/],
  ['{{ randAlpha 5 }}-{{ randNumeric 4 }}', /^[A-Za-z]{5}-[0-9]{4}$/],
  ['{{ uuidv4 }}', /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/],
  [
    '{{ genPrivateKey "rsa" }}',
    /^-----BEGIN RSA PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+\n-----END RSA PRIVATE KEY-----\n$/,
  ],
  [
    '{{ $ca := genCA "ca" 365 }}{{ $c := genSignedCert "x" (list "10.0.0.1") (list "x.local") 365 $ca }}{{ $c.Cert | b64enc | b64dec }}',
    /^-----BEGIN CERTIFICATE-----\n[\s\S]+-----END CERTIFICATE-----\n$/,
  ],
];

const ERRORS: [string, unknown, string][] = [
  ['{{ upper 3 }}', {}, 'template: tpl:1:9: executing "tpl" at <3>: expected string; found 3'],
  [
    '{{ upper .n }}',
    { n: 3 },
    'template: tpl:1:9: executing "tpl" at <.n>: wrong type for value; expected string; got float64',
  ],
  ['{{ upper .missing }}', {}, 'template: tpl:1:9: executing "tpl" at <.missing>: invalid value; expected string'],
  ['{{ .missing | upper }}', {}, 'template: tpl:1:14: executing "tpl" at <upper>: invalid value; expected string'],
  [
    '{{ trunc .n "abc" }}',
    { n: 3 },
    'template: tpl:1:9: executing "tpl" at <.n>: wrong type for value; expected int; got float64',
  ],
  [
    '{{ trunc (sub 5 2) "abcdef" }}',
    {},
    'template: tpl:1:16: executing "tpl" at <2>: wrong type for value; expected int; got int64',
  ],
  [
    '{{ div 1 0 }}',
    {},
    'template: tpl:1:3: executing "tpl" at <div 1 0>: error calling div: runtime error: integer divide by zero',
  ],
  ['{{ fail "boom" }}', {}, 'template: tpl:1:3: executing "tpl" at <fail "boom">: error calling fail: boom'],
  [
    '{{ semverCompare "bad constraint!" "1.0.0" }}',
    {},
    'template: tpl:1:3: executing "tpl" at <semverCompare "bad c...>: error calling semverCompare: improper constraint: bad constraint!',
  ],
  [
    '{{ semverCompare ">1" "not-a-version" }}',
    {},
    'template: tpl:1:3: executing "tpl" at <semverCompare ">1" "...>: error calling semverCompare: Invalid Semantic Version',
  ],
  ['{{ env "HOME" }}', {}, 'template: tpl:1: function "env" not defined'],
];

const table = (name: string, rows: [string, unknown, string][]) =>
  test(`sprig ${name}: template → output`, () => {
    for (const [tpl, data, want] of rows) assert.equal(render(tpl, data, 'sprig'), want, tpl);
  });

table('strings', STRINGS);
table('lists and dicts', LISTS);
table('numbers', NUMBERS);
table('defaults, types, JSON', DEFAULTS_AND_TYPES);
table('semver', SEMVER);
table('dates (fixed clock)', DATES);

test('sprig randomness and certificate helpers: well-formed output from the injected source', () => {
  for (const [tpl, re] of RANDOM) assert.match(render(tpl, {}, 'sprig'), re, tpl);
  assert.equal(
    render('{{ randAlphaNum 8 }}', {}, 'sprig'),
    render('{{ randAlphaNum 8 }}', {}, 'sprig'),
    'the same seed gives the same string',
  );
});

test('sprig: template → error', () => {
  for (const [tpl, data, want] of ERRORS) assert.equal(errorOf(tpl, data, 'sprig'), want, tpl);
});
