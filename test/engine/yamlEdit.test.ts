import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseAllDocuments, stringify } from 'yaml';
import type { Document, YAMLMap, YAMLSeq } from 'yaml';
import { TextIndex, applyEdits } from '../../server/src/engine/base/text';
import type { TextEdit } from '../../server/src/engine/base/types';
import { appendDocument, appendItem, ensurePath, removeItem, removeKey } from '../../server/src/engine/edit/yamlEdit';
import type { YamlSource } from '../../server/src/engine/edit/yamlEdit';

/** Lines joined with `\n`, plus the final line break. */
const y = (...lines: string[]) => lines.join('\n') + '\n';

const source = (text: string): YamlSource => ({ text, index: new TextIndex(text) });
const parse = (text: string) => parseAllDocuments(text, { keepSourceTokens: true }) as Document.Parsed[];

function applied(text: string, edits: TextEdit[] | undefined): string | undefined {
  return edits && applyEdits(text, edits);
}

function ensure(text: string, path: (string | number)[], value: unknown, doc = 0): string | undefined {
  return applied(text, ensurePath(source(text), parse(text)[doc].contents as YAMLMap, path, value));
}

function mapAt(text: string, path: (string | number)[], doc = 0): YAMLMap {
  const d = parse(text)[doc];
  return (path.length ? d.getIn(path, true) : d.contents) as YAMLMap;
}

const seqAt = (text: string, path: (string | number)[], doc = 0) => mapAt(text, path, doc) as unknown as YAMLSeq;

describe('ensurePath: replacing scalars', () => {
  test('replaces only the scalar token and keeps the trailing comment', () => {
    const text = y('spec:', '  containers:', '  - name: app', '    securityContext:', '      privileged: true # why');
    const edits = ensurePath(
      source(text),
      mapAt(text, []),
      ['spec', 'containers', 0, 'securityContext', 'privileged'],
      false,
    );
    assert.deepEqual(edits, [
      { newText: 'false', range: { end: { character: 22, line: 4 }, start: { character: 18, line: 4 } } },
    ]);
    assert.equal(
      applied(text, edits),
      y('spec:', '  containers:', '  - name: app', '    securityContext:', '      privileged: false # why'),
    );
  });

  test('keeps double and single quotes of a replaced string', () => {
    assert.equal(ensure(y('image: "nginx:1.0" # pinned'), ['image'], 'nginx:1.2'), y('image: "nginx:1.2" # pinned'));
    assert.equal(ensure(y("user: 'root'"), ['user'], "it's"), y("user: 'it''s'"));
  });

  test('a quoted string replaced by a number or boolean becomes plain', () => {
    assert.equal(ensure(y('a: "x"', 'b: plain'), ['a'], 5), y('a: 5', 'b: plain'));
    assert.equal(ensure(y('a: "true"'), ['a'], true), y('a: true'));
  });

  test('quotes strings that YAML 1.2 or 1.1 would read as something else', () => {
    const text = y('a: x');
    assert.equal(ensure(text, ['a'], 'true'), y('a: "true"'));
    assert.equal(ensure(text, ['a'], '0755'), y('a: "0755"'));
    assert.equal(ensure(text, ['a'], ':'), y('a: ":"'));
    assert.equal(ensure(text, ['a'], 'on'), y('a: "on"'));
    assert.equal(ensure(text, ['a'], 'yes'), y('a: "yes"'));
    assert.equal(ensure(text, ['a'], '0o17'), y('a: "0o17"'));
    assert.equal(ensure(text, ['a'], ''), y('a: ""'));
    assert.equal(ensure(text, ['a'], 'x #y'), y('a: "x #y"'));
    assert.equal(ensure(text, ['a'], 'two\nlines'), y('a: "two\\nlines"'));
    assert.equal(ensure(text, ['a'], '---'), y('a: "---"'));
    assert.equal(ensure(text, ['a'], 'nginx:1.25'), y('a: nginx:1.25'));
  });

  test('returns [] when the value is already there, whatever its spelling', () => {
    assert.deepEqual(ensurePath(source(y('a: 1.0')), mapAt(y('a: 1.0'), []), ['a'], 1), []);
    assert.deepEqual(ensurePath(source(y("a: 'true'")), mapAt(y("a: 'true'"), []), ['a'], 'true'), []);
    const text = y('a:', '  b: [x, y]', '  c: {d: 1}');
    assert.deepEqual(ensurePath(source(text), mapAt(text, []), ['a'], { c: { d: 1 }, b: ['x', 'y'] }), []);
  });

  test('replaces a block scalar by a one-line scalar', () => {
    assert.equal(ensure(y('a: |', '  one', '  two', 'b: 1'), ['a'], 'z'), y('a: z', 'b: 1'));
  });

  test('booleans, numbers and null', () => {
    const text = y('a: x');
    assert.equal(ensure(text, ['a'], false), y('a: false'));
    assert.equal(ensure(text, ['a'], 1000), y('a: 1000'));
    assert.equal(ensure(text, ['a'], 0.5), y('a: 0.5'));
    assert.equal(ensure(text, ['a'], null), y('a: null'));
  });
});

describe('ensurePath: adding keys', () => {
  test('appends the missing subtree after the last pair of the deepest existing mapping (2 spaces)', () => {
    const text = y(
      'apiVersion: v1',
      'kind: Pod',
      'spec:',
      '  containers:',
      '  - name: app',
      '    image: nginx',
      'status: {}',
    );
    assert.equal(
      ensure(text, ['spec', 'containers', 0, 'securityContext', 'runAsNonRoot'], true),
      y(
        'apiVersion: v1',
        'kind: Pod',
        'spec:',
        '  containers:',
        '  - name: app',
        '    image: nginx',
        '    securityContext:',
        '      runAsNonRoot: true',
        'status: {}',
      ),
    );
  });

  test('detects a 4-space indent and indented sequences', () => {
    const text = y('spec:', '    containers:', '        -   name: app', '    volumes:', '        - name: v');
    assert.equal(
      ensure(text, ['spec', 'containers', 0, 'securityContext'], { capabilities: { drop: ['ALL'] }, runAsUser: 1000 }),
      y(
        'spec:',
        '    containers:',
        '        -   name: app',
        '            securityContext:',
        '                capabilities:',
        '                    drop:',
        '                        - ALL',
        '                runAsUser: 1000',
        '    volumes:',
        '        - name: v',
      ),
    );
  });

  test('follows flush sequences (`- a` at the key column)', () => {
    const text = y('spec:', '  containers:', '  - name: app', '    args:', '    - run');
    assert.equal(
      ensure(text, ['spec', 'containers', 0, 'securityContext', 'capabilities', 'drop'], ['ALL', 'NET_RAW']),
      y(
        'spec:',
        '  containers:',
        '  - name: app',
        '    args:',
        '    - run',
        '    securityContext:',
        '      capabilities:',
        '        drop:',
        '        - ALL',
        '        - NET_RAW',
      ),
    );
  });

  test('indents new sequences by the unit when the file shows no sequence style', () => {
    assert.equal(
      ensure(y('metadata:', '    name: x'), ['metadata', 'finalizers'], ['a']),
      y('metadata:', '    name: x', '    finalizers:', '        - a'),
    );
  });

  test('keeps an unusual but consistent indent (3 spaces)', () => {
    assert.equal(
      ensure(y('a:', '   b:', '      c: 1'), ['a', 'd', 'e'], 1),
      y('a:', '   b:', '      c: 1', '   d:', '      e: 1'),
    );
  });

  test('comment lines indented into the mapping stay above new keys, comments of what follows stay below', () => {
    const text = y(
      'spec:',
      '  containers:',
      '  - name: app',
      '    # comment inside the edited block',
      '    image: nginx # trailing',
      '    # last words of this container',
      '  # about volumes',
      '  volumes: []',
    );
    assert.equal(
      ensure(text, ['spec', 'containers', 0, 'securityContext', 'runAsNonRoot'], true),
      y(
        'spec:',
        '  containers:',
        '  - name: app',
        '    # comment inside the edited block',
        '    image: nginx # trailing',
        '    # last words of this container',
        '    securityContext:',
        '      runAsNonRoot: true',
        '  # about volumes',
        '  volumes: []',
      ),
    );
  });

  test('after a keep-chomped block scalar, whose trailing blank lines are content', () => {
    assert.equal(
      ensure(y('a:', '  s: |+', '    x', '', '', 'b: 1'), ['a', 'z'], 1),
      y('a:', '  s: |+', '    x', '', '', '  z: 1', 'b: 1'),
    );
  });

  test('a blank line ends the comments that belong to the mapping', () => {
    const text = y('a:', '  b: 1', '', '  # about c', 'c: 2');
    assert.equal(ensure(text, ['a', 'x'], 1), y('a:', '  b: 1', '  x: 1', '', '  # about c', 'c: 2'));
  });

  test('a root mapping followed by a comment and another document', () => {
    const text = y('a: 1', '# introduces the next document', '---', 'b: 2');
    assert.equal(ensure(text, ['z'], 'on'), y('a: 1', 'z: "on"', '# introduces the next document', '---', 'b: 2'));
    assert.equal(ensure(text, ['c'], 3, 1), y('a: 1', '# introduces the next document', '---', 'b: 2', 'c: 3'));
  });

  test('a mapping that ends the file without a final line break', () => {
    assert.equal(ensure('a:\n  b: 1', ['a', 'c'], [1, 2]), 'a:\n  b: 1\n  c:\n    - 1\n    - 2');
  });

  test('CRLF files get CRLF lines', () => {
    const out = ensure('a: 1\r\nb:\r\n  c: 2\r\n', ['b', 'd', 'e'], [1, { f: 'x', g: [] }]);
    assert.equal(out, 'a: 1\r\nb:\r\n  c: 2\r\n  d:\r\n    e:\r\n      - 1\r\n      - f: x\r\n        g: []\r\n');
  });

  test('a document in the middle of a stream', () => {
    const text = y('a: 1', '---', '# second', 'kind: Pod', 'spec: {}', '...', '---', 'c: 3');
    assert.equal(
      ensure(text, ['spec', 'hostNetwork'], false, 1),
      y('a: 1', '---', '# second', 'kind: Pod', 'spec:', '  hostNetwork: false', '...', '---', 'c: 3'),
    );
  });

  test('an item of a `kind: List`', () => {
    const text = y(
      'apiVersion: v1',
      'kind: List',
      'items:',
      '- kind: Pod',
      '  spec:',
      '    containers: []',
      '- kind: Service',
      '  spec:',
      '    ports: []',
    );
    assert.equal(
      ensure(text, ['items', 0, 'spec', 'automountServiceAccountToken'], false),
      y(
        'apiVersion: v1',
        'kind: List',
        'items:',
        '- kind: Pod',
        '  spec:',
        '    containers: []',
        '    automountServiceAccountToken: false',
        '- kind: Service',
        '  spec:',
        '    ports: []',
      ),
    );
  });

  test('structured values: arrays of mappings, nested arrays, empty collections', () => {
    assert.equal(
      ensure(y('a: 1'), ['b'], { list: [{ name: 'x', ports: [80] }, [1, 2], []], empty: {} }),
      y(
        'a: 1',
        'b:',
        '  list:',
        '    - name: x',
        '      ports:',
        '        - 80',
        '    - - 1',
        '      - 2',
        '    - []',
        '  empty: {}',
      ),
    );
  });

  test('new keys that need quotes', () => {
    assert.equal(ensure(y('a: 1'), ['true'], 'x'), y('a: 1', '"true": x'));
    assert.equal(ensure(y('a: 1'), ['<<'], 'x'), y('a: 1', '"<<": x'));
  });
});

describe('ensurePath: empty values', () => {
  test('`key:` becomes a block mapping', () => {
    assert.equal(
      ensure(y('securityContext:', 'x: 1'), ['securityContext', 'runAsNonRoot'], true),
      y('securityContext:', '  runAsNonRoot: true', 'x: 1'),
    );
  });

  test('`key: {}` becomes a block mapping', () => {
    assert.equal(
      ensure(y('spec:', '  securityContext: {}', '  x: 1'), ['spec', 'securityContext', 'runAsNonRoot'], true),
      y('spec:', '  securityContext:', '    runAsNonRoot: true', '  x: 1'),
    );
  });

  test('`key: null` and `key: ~` become block mappings', () => {
    assert.equal(ensure(y('sc: null'), ['sc', 'a'], 1), y('sc:', '  a: 1'));
    assert.equal(ensure(y('sc: ~ # none yet'), ['sc', 'a'], 1), y('sc: # none yet', '  a: 1'));
  });

  test('a comment after `key:` stays on its line', () => {
    assert.equal(ensure(y('sc: # set below', 'x: 1'), ['sc', 'a'], 1), y('sc: # set below', '  a: 1', 'x: 1'));
    assert.equal(ensure(y('sc: # set below', 'x: 1'), ['sc'], 'v'), y('sc: v # set below', 'x: 1'));
  });

  test('an empty sequence item', () => {
    assert.equal(ensure(y('l:', '-', '- b'), ['l', 0], { a: 1, b: 2 }), y('l:', '- a: 1', '  b: 2', '- b'));
  });

  test('an empty sequence item with a comment keeps it on the dash line', () => {
    assert.equal(
      ensure(y('l:', '  - x', '  - # fill in'), ['l', 1], { k: [1], j: 2 }),
      y('l:', '  - x', '  - # fill in', '    k:', '      - 1', '    j: 2'),
    );
  });

  test('a scalar replaced by a mapping keeps its comment on the key line', () => {
    assert.equal(ensure(y('a: x # c', 'b: 1'), ['a'], { k: 1 }), y('a: # c', '  k: 1', 'b: 1'));
  });
});

describe('ensurePath: flow collections', () => {
  test('adds inside a flow mapping', () => {
    assert.equal(
      ensure(y('sc: {privileged: true}'), ['sc', 'runAsNonRoot'], true),
      y('sc: {privileged: true, runAsNonRoot: true}'),
    );
    assert.equal(
      ensure(y('sc: { a: 1 } # c'), ['sc', 'b', 'c'], [1, 'x,y']),
      y('sc: { a: 1, b: {c: [1, "x,y"]} } # c'),
    );
  });

  test('replaces inside a flow sequence', () => {
    assert.equal(ensure(y('drop: [NET_RAW]'), ['drop'], ['ALL']), y('drop: [ALL]'));
    assert.equal(ensure(y('drop: [NET_RAW]'), ['drop'], ['NET_RAW', 'SYS_ADMIN']), y('drop: [NET_RAW, SYS_ADMIN]'));
    assert.equal(ensure(y('drop: [a, b, c]'), ['drop'], ['a']), y('drop: [a]'));
    assert.equal(ensure(y('drop: []'), ['drop'], ['ALL']), y('drop: [ALL]'));
  });

  test('an empty flow mapping that is itself inside a flow collection stays flow', () => {
    assert.equal(ensure(y('a: [{}]'), ['a', 0, 'b'], 1), y('a: [{b: 1}]'));
    assert.equal(ensure('{}\n', ['a'], 1), '{a: 1}\n');
  });

  test('a multi-line flow mapping', () => {
    assert.equal(
      ensure(y('sc: {', '  a: 1, # one', '  b: 2', '}'), ['sc', 'c'], 3),
      y('sc: {', '  a: 1, # one', '  b: 2, c: 3', '}'),
    );
  });
});

describe('ensurePath: reconciling collections', () => {
  test('removes keys that the value does not have, adds the others', () => {
    assert.equal(
      ensure(y('sc:', '  a: 1', '  b: 2', 'x: 1'), ['sc'], { a: 1, c: 3 }),
      y('sc:', '  a: 1', '  c: 3', 'x: 1'),
    );
  });

  test('refuses when a removed key carries a comment', () => {
    assert.equal(ensure(y('sc:', '  a: 1', '  b: 2 # keep me', 'x: 1'), ['sc'], { a: 1 }), undefined);
  });

  test('replaces a block collection of another kind when it holds no comment', () => {
    assert.equal(ensure(y('a:', '  - 1', '  - 2', 'b: 1'), ['a'], { k: 'v' }), y('a:', '  k: v', 'b: 1'));
    assert.equal(ensure(y('a:', '  k: v', 'b: 1'), ['a'], 'x'), y('a: x', 'b: 1'));
    assert.equal(ensure(y('a:', '  # why', '  k: v'), ['a'], 'x'), undefined);
  });
});

describe('ensurePath: refusals', () => {
  test('aliases, anchors and merge keys on the path', () => {
    assert.equal(ensure(y('a: &x {b: 1}', 'c: *x'), ['c', 'd'], 1), undefined);
    assert.equal(ensure(y('a: &x {b: 1}', 'c: *x'), ['a', 'd'], 1), undefined);
    assert.equal(ensure(y('base: &b {x: 1}', 'c:', '  <<: *b'), ['c', 'y'], 1), undefined);
  });

  test('Helm templates on an affected line', () => {
    assert.equal(ensure(y('image: "{{ .Values.image }}"'), ['image'], 'x'), undefined);
    assert.equal(ensure(y('spec:', '  name: "{{ .Release.Name }}"'), ['spec', 'x'], 1), undefined);
    assert.equal(ensure(y('spec:', '  x: 1', '# {{- end }}'), ['spec', 'y'], 1), undefined);
  });

  test('paths through scalars, wrong indexes, tags', () => {
    assert.equal(ensure(y('a: 1'), ['a', 'b'], 1), undefined);
    assert.equal(ensure(y('a: [1]'), ['a', 1], 1), undefined);
    assert.equal(ensure(y('a: {b: 1}'), ['a', 0], 1), undefined);
    assert.equal(ensure(y('a: 1'), ['b', 0], 1), undefined);
    assert.equal(ensure(y('a: !!str 12'), ['a'], true), undefined);
    assert.equal(ensure(y('80: x'), ['80'], 'y'), undefined);
  });

  test('values YAML cannot hold', () => {
    assert.equal(
      ensure(y('a: 1'), ['a'], () => 1),
      undefined,
    );
    assert.equal(ensure(y('a: 1'), ['a'], new Date(0)), undefined);
  });

  test('tabs: refused where they indent, kept where they separate', () => {
    assert.equal(ensure('a:\n- \tb: 1\n', ['a', 0, 'c'], 1), undefined);
    assert.equal(ensure('a:\n  b:\t1\n', ['a', 'c'], 1), 'a:\n  b:\t1\n  c: 1\n');
  });
});

describe('removeKey', () => {
  test('removes the whole lines of the pair, keeps the comment above and what follows', () => {
    const text = y(
      'spec:',
      '  # privileged for the legacy agent',
      '  securityContext: # inline',
      '    privileged: true',
      '    # nested',
      '    runAsUser: 0',
      '  # about x',
      '  x: 1',
    );
    assert.equal(
      applied(text, removeKey(source(text), mapAt(text, ['spec']), 'securityContext')),
      y('spec:', '  # privileged for the legacy agent', '  # about x', '  x: 1'),
    );
  });

  test('the first key of a compact sequence item', () => {
    const text = y('l:', '- name: a', '  image: x', '- name: b');
    assert.equal(
      applied(text, removeKey(source(text), mapAt(text, ['l', 0]), 'name')),
      y('l:', '- image: x', '- name: b'),
    );
    const commented = y('l:', '- name: a', '  # about image', '  image: x');
    assert.equal(
      applied(commented, removeKey(source(commented), mapAt(commented, ['l', 0]), 'name')),
      y('l:', '-', '  # about image', '  image: x'),
    );
  });

  test('the last key leaves an empty mapping', () => {
    const text = y('spec:', '  sc:', '    privileged: true', '  x: 1');
    assert.equal(
      applied(text, removeKey(source(text), mapAt(text, ['spec', 'sc']), 'privileged')),
      y('spec:', '  sc: {}', '  x: 1'),
    );
    assert.equal(applied(y('a: 1'), removeKey(source(y('a: 1')), mapAt(y('a: 1'), []), 'a')), y('{}'));
    const commented = y('sc: # why', '  # was here', '  a: 1', 'x: 1');
    assert.equal(
      applied(commented, removeKey(source(commented), mapAt(commented, ['sc']), 'a')),
      y('sc: {} # why', '  # was here', 'x: 1'),
    );
    const item = y('- a: 1', '- b');
    assert.equal(applied(item, removeKey(source(item), mapAt(item, [0]), 'a')), y('- {}', '- b'));
  });

  test('flow mappings, absent keys, CRLF', () => {
    const text = y('sc: {a: 1, b: 2, c: 3}');
    assert.equal(applied(text, removeKey(source(text), mapAt(text, ['sc']), 'a')), y('sc: {b: 2, c: 3}'));
    assert.equal(applied(text, removeKey(source(text), mapAt(text, ['sc']), 'c')), y('sc: {a: 1, b: 2}'));
    assert.deepEqual(removeKey(source(text), mapAt(text, ['sc']), 'z'), []);
    const crlf = 'a: 1\r\nb: 2\r\nc: 3\r\n';
    assert.equal(applied(crlf, removeKey(source(crlf), mapAt(crlf, []), 'b')), 'a: 1\r\nc: 3\r\n');
    assert.equal(applied(crlf, removeKey(source(crlf), mapAt(crlf, []), 'a')), 'b: 2\r\nc: 3\r\n');
  });

  test('refuses anchored content and Helm lines', () => {
    const text = y('a: &x 1', 'b: *x');
    assert.equal(removeKey(source(text), mapAt(text, []), 'a'), undefined);
    const helm = y('a: 1', 'b: "{{ .Values.b }}"');
    assert.equal(removeKey(source(helm), mapAt(helm, []), 'b'), undefined);
  });
});

describe('removeItem', () => {
  test('block sequences', () => {
    const text = y('l:', '  - a', '  # about b', '  - b: 1', '    c: 2', '  - c', 'x: 1');
    assert.equal(
      applied(text, removeItem(source(text), seqAt(text, ['l']), 1)),
      y('l:', '  - a', '  # about b', '  - c', 'x: 1'),
    );
    assert.equal(
      applied(text, removeItem(source(text), seqAt(text, ['l']), 2)),
      y('l:', '  - a', '  # about b', '  - b: 1', '    c: 2', 'x: 1'),
    );
    const one = y('l:', '- a', 'x: 1');
    assert.equal(applied(one, removeItem(source(one), seqAt(one, ['l']), 0)), y('l: []', 'x: 1'));
  });

  test('flow sequences', () => {
    const text = y('drop: [NET_RAW, ALL, SYS_ADMIN] # c');
    assert.equal(applied(text, removeItem(source(text), seqAt(text, ['drop']), 0)), y('drop: [ALL, SYS_ADMIN] # c'));
    assert.equal(applied(text, removeItem(source(text), seqAt(text, ['drop']), 2)), y('drop: [NET_RAW, ALL] # c'));
    const one = y('drop: [ NET_RAW ]');
    assert.equal(applied(one, removeItem(source(one), seqAt(one, ['drop']), 0)), y('drop: []'));
  });

  test('nested compact sequences and out-of-range indexes', () => {
    const text = y('- - a', '  - b');
    assert.equal(applied(text, removeItem(source(text), seqAt(text, [0]), 0)), y('- - b'));
    assert.equal(removeItem(source(text), seqAt(text, [0]), 5), undefined);
  });
});

describe('appendItem', () => {
  test('block sequences, flush and indented, after comments indented into the last item', () => {
    const flush = y('l:', '- a', '  # still about a', '# about x', 'x: 1');
    assert.equal(
      applied(flush, appendItem(source(flush), seqAt(flush, ['l']), 'b')),
      y('l:', '- a', '  # still about a', '- b', '# about x', 'x: 1'),
    );
    const indented = y('spec:', '    ports:', '      - name: a', '        port: 80');
    assert.equal(
      applied(indented, appendItem(source(indented), seqAt(indented, ['spec', 'ports']), { name: 'b', port: 81 })),
      y('spec:', '    ports:', '      - name: a', '        port: 80', '      - name: b', '        port: 81'),
    );
  });

  test('flow sequences', () => {
    const text = y('drop: [NET_RAW] # c');
    assert.equal(applied(text, appendItem(source(text), seqAt(text, ['drop']), 'ALL')), y('drop: [NET_RAW, ALL] # c'));
    const empty = y('drop: []');
    assert.equal(
      applied(empty, appendItem(source(empty), seqAt(empty, ['drop']), { a: 'true' })),
      y('drop: [{a: "true"}]'),
    );
  });

  test('CRLF and no final line break', () => {
    const text = 'l:\r\n  - a';
    assert.equal(applied(text, appendItem(source(text), seqAt(text, ['l']), 1)), 'l:\r\n  - a\r\n  - 1');
  });
});

describe('appendDocument', () => {
  test('adds a separator and uses the file line break', () => {
    assert.equal(
      applied(y('a: 1'), appendDocument(source(y('a: 1')), { kind: 'NetworkPolicy', spec: { podSelector: {} } })),
      y('a: 1', '---', 'kind: NetworkPolicy', 'spec:', '  podSelector: {}'),
    );
    assert.equal(
      applied('a: 1', appendDocument(source('a: 1'), { b: [1] }, 'added by harden')),
      'a: 1\n---\n# added by harden\nb:\n  - 1\n',
    );
    assert.equal(applied('a: 1\r\n', appendDocument(source('a: 1\r\n'), { b: 2 })), 'a: 1\r\n---\r\nb: 2\r\n');
  });

  test('follows the stream indentation', () => {
    const text = y('a:', '    b:', '    - 1');
    assert.equal(
      applied(text, appendDocument(source(text), { c: { d: [1] } })),
      text + y('---', 'c:', '    d:', '    - 1'),
    );
  });

  test('no separator for an empty stream, a comment-only stream or a trailing `---`', () => {
    assert.equal(applied('', appendDocument(source(''), { a: 1 })), 'a: 1\n');
    assert.equal(
      applied('# header\n', appendDocument(source('# header\n'), { a: 1 }, 'x\ny')),
      '# header\n# x\n# y\na: 1\n',
    );
    assert.equal(
      applied(y('a: 1', '---'), appendDocument(source(y('a: 1', '---')), { b: 2 })),
      y('a: 1', '---', 'b: 2'),
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Property-based tests: random small manifests in random styles, random target paths, random values.

type Val = null | boolean | number | string | Val[] | { [key: string]: Val };
type Obj = { [key: string]: Val };

const KEYS = ['a', 'b', 'c', 'name', 'image', 'spec', 'securityContext', 'x-y', 'true', '80', 'k y', 'é'];
const STRINGS = [
  'x',
  'nginx:1.25',
  'true',
  '0755',
  'a: b',
  'x #y',
  '',
  'on',
  'a,b',
  "it's",
  '- z',
  '[x]',
  'null',
  '1e3',
  'two\nlines',
  ' lead',
];

const scalarArb: fc.Arbitrary<Val> = fc.oneof(
  fc.constantFrom<Val>(null, true, false, 0, 1, -3, 1.5),
  fc.integer({ min: -1000, max: 1000 }),
  fc.constantFrom(...STRINGS),
  // `{{` is left out: it reads as a Helm template, which ensurePath refuses by design.
  fc
    .string({
      unit: fc.constantFrom('a', 'b', ' ', ':', '#', '-', ',', '[', '{', '"', "'", '\\', 'é', '0', '.'),
      maxLength: 5,
    })
    .map((s) => s.replace(/\{+/g, '{')),
);
const tree = fc.letrec<{ value: Val; obj: Obj; arr: Val[] }>((tie) => ({
  value: fc.oneof({ maxDepth: 3, depthIdentifier: 'tree' }, scalarArb, tie('obj'), tie('arr')),
  obj: fc.dictionary(fc.constantFrom(...KEYS), tie('value'), { maxKeys: 4, noNullPrototype: true }),
  arr: fc.array(tie('value'), { maxLength: 3, depthIdentifier: 'tree' }),
}));
const rootArb = fc.dictionary(fc.constantFrom(...KEYS), tree.value, { minKeys: 1, maxKeys: 5, noNullPrototype: true });

interface Opts {
  unit: number;
  flush: boolean;
  crlf: boolean;
  finalNewline: boolean;
  comments: boolean;
  seed: number;
}
const optsArb = (comments?: boolean) =>
  fc.record({
    unit: fc.constantFrom(2, 4, 4, 3),
    flush: fc.boolean(),
    crlf: fc.boolean(),
    finalNewline: fc.boolean(),
    comments: comments === undefined ? fc.boolean() : fc.constant(comments),
    seed: fc.integer(),
  });

/** mulberry32: the renderer's and path picker's choices, reproducible from the case's seed. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const structured = (v: Val): v is Obj | Val[] => v !== null && typeof v === 'object' && Object.keys(v).length > 0;
const pad = (n: number) => ' '.repeat(n);
const plain = (v: Val) => JSON.parse(JSON.stringify(v)) as Val;

/** Writes a model as YAML in a random but valid style; comments are numbered `# cN` so each can be found again. */
class Writer {
  readonly lines: string[] = [];
  private n = 0;
  constructor(
    private readonly rnd: () => number,
    private readonly o: Opts,
  ) {}

  private pick<T>(...xs: T[]): T {
    return xs[Math.floor(this.rnd() * xs.length)];
  }
  commentLine(col: number): void {
    if (this.rnd() < 0.05) this.lines.push('');
    if (this.o.comments && this.rnd() < 0.2) this.lines.push(`${pad(col)}# c${this.n++}`);
  }
  private trailing(): string {
    return this.o.comments && this.rnd() < 0.2 ? ` # c${this.n++}` : '';
  }
  private key(k: string): string {
    return /^[a-z][a-z-]*$/.test(k) && k !== 'true' && this.rnd() < 0.7 ? k : JSON.stringify(k);
  }
  private scalar(v: Val): string {
    if (v === null) return this.pick('', 'null', '~');
    if (typeof v !== 'string') return String(v);
    const p = stringify(v, { lineWidth: 0 }).replace(/\n$/, '');
    const choices = [JSON.stringify(v)];
    if (!/[\n\r]/.test(v)) choices.push(`'${v.replace(/'/g, "''")}'`);
    if (!/^["'|>]/.test(p) && !p.includes('\n')) choices.push(p);
    return this.pick(...choices);
  }
  flow(v: Val): string {
    if (Array.isArray(v)) return `[${v.map((x) => this.flow(x)).join(', ')}]`;
    if (isObj(v))
      return `{${Object.entries(v)
        .map(([k, x]) => `${JSON.stringify(k)}: ${this.flow(x)}`)
        .join(', ')}}`;
    return typeof v === 'string' ? JSON.stringify(v) : String(v);
  }
  /** A line ending in `head`, then the value inline or below; `head` is `key:` or `-`. */
  private value(head: string, v: Val, childCol: number, seqCol: number): void {
    if (
      typeof v === 'string' &&
      /^(?:[^\s][^\n]*\n?)+$/.test(v) &&
      v.includes('\n') &&
      !v.endsWith('\n') &&
      this.rnd() < 0.5
    ) {
      this.lines.push(`${head} |-${this.trailing()}`, ...v.split('\n').map((l) => pad(childCol) + l));
    } else if (!structured(v)) {
      const s = Array.isArray(v) ? '[]' : isObj(v) ? '{}' : this.scalar(v);
      this.lines.push(`${head}${s ? ' ' + s : ''}${this.trailing()}`);
    } else if (this.rnd() < 0.2) this.lines.push(`${head} ${this.flow(v)}${this.trailing()}`);
    else {
      this.lines.push(head + this.trailing());
      if (Array.isArray(v)) this.seq(v, seqCol);
      else this.map(v, childCol);
    }
  }
  map(m: Obj, col: number, compact = false): void {
    Object.entries(m).forEach(([k, v], i) => {
      if (!(compact && i === 0)) this.commentLine(col);
      this.value(`${pad(col)}${this.key(k)}:`, v, col + this.o.unit, col + (this.o.flush ? 0 : this.o.unit));
    });
    if (col > 0) this.commentLine(col);
  }
  seq(items: Val[], col: number, compact = false): void {
    items.forEach((v, i) => {
      if (!(compact && i === 0)) this.commentLine(col);
      if (structured(v) && this.rnd() < 0.8) {
        const start = this.lines.length;
        const inner = col + 1 + this.pick(1, 1, 1, 3);
        if (Array.isArray(v)) this.seq(v, inner, true);
        else this.map(v, inner, true);
        this.lines[start] = `${pad(col)}-${this.lines[start].slice(col + 1)}`;
      } else this.value(`${pad(col)}-`, v, col + 2, col + 2);
    });
  }
}

function render(models: Obj[], o: Opts): string {
  const w = new Writer(prng(o.seed), o);
  models.forEach((m, i) => {
    if (i) w.lines.push('---');
    w.commentLine(0);
    w.map(m, 0);
    w.commentLine(0);
  });
  const eol = o.crlf ? '\r\n' : '\n';
  return w.lines.join(eol) + (o.finalNewline ? eol : '');
}

/** A path into `model`: existing keys and items, then possibly new keys (also below a null). */
function pickPath(model: Obj, rnd: () => number): (string | number)[] {
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const path: (string | number)[] = [];
  const fresh = (taken: Obj) => {
    const free = KEYS.filter((k) => !Object.hasOwn(taken, k));
    if (!free.length) return;
    path.push(pick(free));
    for (let extra = Math.floor(rnd() * 3); extra > 0; extra--) path.push(pick(KEYS));
  };
  let node: Val = model;
  for (;;) {
    const r = rnd();
    if (isObj(node)) {
      const keys: string[] = Object.keys(node);
      if (keys.length && (r < 0.6 || !path.length)) {
        const k: string = pick(keys);
        path.push(k);
        node = (node as Obj)[k];
      } else if (r < 0.85 || !path.length) return (fresh(node), path);
      else return path;
    } else if (Array.isArray(node) && node.length && r < 0.6) {
      const i = Math.floor(rnd() * node.length);
      path.push(i);
      node = node[i];
    } else if (node === null && r < 0.5) return (fresh({}), path);
    else return path;
  }
}

function setIn(model: Obj, path: (string | number)[], v: Val): Val {
  const root = plain(model) as Obj;
  let cur: Record<string | number, Val> = root;
  path.forEach((seg, i) => {
    if (i === path.length - 1) cur[seg] = plain(v);
    else {
      if (cur[seg] === null || typeof cur[seg] !== 'object') cur[seg] = {};
      cur = cur[seg] as Record<string | number, Val>;
    }
  });
  return root;
}

const commentLines = (text: string) => text.split(/\r\n|\r|\n/).filter((l) => l.trimStart().startsWith('#'));
const commentIds = (text: string) => (text.match(/# c\d+/g) ?? []).sort();

interface Case {
  models: Obj[];
  target: number;
  o: Opts;
  value: Val;
}
const caseArb = (comments?: boolean): fc.Arbitrary<Case> =>
  fc
    .record({
      models: fc.array(rootArb, { minLength: 1, maxLength: 3 }),
      o: optsArb(comments),
      value: tree.value,
      t: fc.nat(),
    })
    .map(({ models, o, value, t }) => ({ models, o, value, target: t % models.length }));

/** Runs one case; returns false when ensurePath refused. */
function checkEnsure({ models, target, o, value }: Case): boolean {
  const text = render(models, o);
  const docs = parse(text);
  assert.deepEqual(
    docs.map((d) => d.errors.length),
    models.map(() => 0),
    `generator wrote invalid YAML:\n${text}`,
  );
  assert.deepEqual(
    docs.map((d) => d.toJS()),
    models.map(plain),
    `generator wrote other data:\n${text}`,
  );
  const path = pickPath(models[target], prng(o.seed ^ 0x5bd1e995));
  const src = source(text);
  const edits = ensurePath(src, docs[target].contents as YAMLMap, path, value);
  if (!edits) return false;
  const out = applyEdits(text, edits);
  const why = `\n--- input:\n${text}\n--- path ${JSON.stringify(path)} value ${JSON.stringify(value)}\n--- output:\n${out}`;
  assert.ok(out !== undefined, why);
  // (1) parses
  const after = parse(out);
  assert.deepEqual(
    after.map((d) => d.errors.length),
    models.map(() => 0),
    why,
  );
  // (2) + (3) the value is at the path, everything else is unchanged
  assert.deepEqual(
    after.map((d) => d.toJS()),
    models.map((m, i) => (i === target ? setIn(m, path, value) : plain(m))),
    why,
  );
  assert.deepEqual(plain(after[target].getIn(path) as Val) ?? null, plain(value), why);
  // (4) every comment survives: whole comment lines verbatim, trailing ones by their id
  const outLines = commentLines(out);
  for (const l of commentLines(text)) assert.ok(outLines.includes(l), `lost comment line ${l}${why}`);
  assert.deepEqual(commentIds(out), commentIds(text), why);
  // (5) idempotent
  assert.deepEqual(ensurePath(source(out), after[target].contents as YAMLMap, path, value), [], why);
  // (6) bytes outside the edits are untouched
  if (edits.length) {
    const offsets = edits.flatMap((e) => [src.index.offsetAt(e.range.start), src.index.offsetAt(e.range.end)]);
    const first = Math.min(...offsets);
    const last = Math.max(...offsets);
    assert.equal(out.slice(0, first), text.slice(0, first), why);
    assert.equal(out.slice(out.length - (text.length - last)), text.slice(last), why);
  }
  // new lines follow the file's line breaks
  if (text.includes('\r\n')) assert.ok(!/(^|[^\r])\n/.test(out), `bare LF in a CRLF file${why}`);
  return true;
}

describe('properties', () => {
  test('ensurePath on comment-free manifests always succeeds and changes only the path', () => {
    fc.assert(
      fc.property(caseArb(false), (c) => {
        assert.ok(checkEnsure(c), `refused:\n${render(c.models, c.o)}`);
      }),
      { seed: 20240607, numRuns: 200 },
    );
  });

  test('ensurePath on commented manifests keeps every comment, or refuses', () => {
    let refused = 0;
    fc.assert(
      fc.property(caseArb(true), (c) => {
        if (!checkEnsure(c)) refused++;
      }),
      { seed: 7, numRuns: 200 },
    );
    assert.ok(refused < 40, `refused ${refused} of 200`);
  });

  test('removeKey and appendItem change exactly their target', () => {
    let refused = 0;
    fc.assert(
      fc.property(caseArb(), fc.nat(), ({ models, target, o, value }, pick) => {
        const text = render(models, o);
        const docs = parse(text);
        const colls: Array<{ path: (string | number)[]; node: Obj | Val[] }> = [];
        const walk = (v: Val, path: (string | number)[]) => {
          if (isObj(v) || Array.isArray(v)) colls.push({ path, node: v });
          if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
          else if (isObj(v)) for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
        };
        walk(models[target], []);
        const { path, node } = colls[pick % colls.length];
        const yamlNode = path.length ? docs[target].getIn(path, true) : docs[target].contents;
        let edits: TextEdit[] | undefined;
        const expected = plain(models[target]) as Obj;
        const at = path.reduce<Val>((v, seg) => (v as Record<string | number, Val>)[seg], expected) as Obj | Val[];
        if (Array.isArray(node)) {
          edits = appendItem(source(text), yamlNode as YAMLSeq, value);
          (at as Val[]).push(plain(value));
        } else {
          const keys = Object.keys(node);
          if (!keys.length) return;
          const key = keys[pick % keys.length];
          edits = removeKey(source(text), yamlNode as YAMLMap, key);
          delete (at as Obj)[key];
        }
        if (!edits) {
          // Only comments can stand in the way: one before an emptied collection, or inside a flow collection.
          assert.ok(o.comments, `refused:\n${text}\nat ${JSON.stringify(path)}`);
          refused++;
          return;
        }
        const out = applyEdits(text, edits)!;
        const after = parse(out);
        const why = `\n--- input:\n${text}\n--- at ${JSON.stringify(path)}\n--- output:\n${out}`;
        assert.deepEqual(
          after.map((d) => d.errors.length),
          models.map(() => 0),
          why,
        );
        assert.deepEqual(
          after.map((d) => d.toJS()),
          models.map((m, i) => (i === target ? expected : plain(m))),
          why,
        );
        if (text.includes('\r\n')) assert.ok(!/(^|[^\r])\n/.test(out), why);
      }),
      { seed: 99, numRuns: 200 },
    );
    assert.ok(refused < 20, `refused ${refused} of 200`);
  });
});
