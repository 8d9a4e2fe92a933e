import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyEdits, TextIndex } from '../../server/src/engine';
import { minimalEdit } from '../../server/src/lsp/convert';
import { disableFileEdit, disableLineEdit } from '../../server/src/engine';

const apply = (
  text: string,
  edit: {
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
    newText: string;
  },
) => applyEdits(text, [edit])!;

describe('minimalEdit', () => {
  const roundTrip = (before: string, after: string) => {
    const index = new TextIndex(before);
    const edit = minimalEdit(before, after, (o) => index.positionAt(o));
    assert.ok(edit);
    assert.equal(apply(before, edit), after);
    return edit;
  };

  test('replaces only the differing middle', () => {
    const edit = roundTrip('a: 1\nb: true\nc: 3\n', 'a: 1\nb: false\nc: 3\n');
    assert.deepEqual(edit.range, { start: { line: 1, character: 3 }, end: { line: 1, character: 6 } });
    assert.equal(edit.newText, 'fals');
  });

  test('never splits a CRLF pair or a surrogate pair', () => {
    roundTrip('a\r\nb', 'a\nb');
    roundTrip('a\r\nb', 'a\r\r\nb');
    roundTrip('x😀y', 'x😁y');
    assert.equal(
      minimalEdit('same', 'same', () => ({ line: 0, character: 0 })),
      undefined,
    );
  });
});

describe('disable pragmas', () => {
  test('YAML: a value continued below its key gets the pragma above the key', () => {
    const text = 'spec:\n  hostNetwork:\n    true\n';
    const edit = disableLineEdit(text, 'kubernetes', 2, 'k8s-host-namespaces');
    assert.equal(apply(text, edit), 'spec:\n  # harden-ignore k8s-host-namespaces\n  hostNetwork:\n    true\n');
  });

  test('YAML: a list item line keeps its dash indentation', () => {
    const text = 'containers:\n  - name: app\n';
    assert.equal(
      apply(text, disableLineEdit(text, 'kubernetes', 1, 'x')),
      'containers:\n  # harden-ignore x\n  - name: app\n',
    );
  });

  test('a pragma already above joins the new id, keeping its reason', () => {
    const text = 'FROM a\n# harden-ignore one -- builder only\nRUN b\n';
    assert.equal(
      apply(text, disableLineEdit(text, 'dockerfile', 2, 'two')),
      'FROM a\n# harden-ignore one two -- builder only\nRUN b\n',
    );
    const listed = 'a:\n  # harden-ignore one, two\n  b: 1\n';
    assert.equal(
      apply(listed, disableLineEdit(listed, 'kubernetes', 2, 'three')),
      'a:\n  # harden-ignore one, two, three\n  b: 1\n',
    );
  });

  test('CRLF documents get CRLF pragma lines', () => {
    const text = 'FROM a\r\nRUN b\r\n';
    assert.equal(apply(text, disableLineEdit(text, 'dockerfile', 1, 'x')), 'FROM a\r\n# harden-ignore x\r\nRUN b\r\n');
  });

  test('file pragma: at the top, or joined to one in the leading comments', () => {
    assert.equal(apply('kind: Pod\n', disableFileEdit('kind: Pod\n', 'x')), '# harden-ignore-file x\nkind: Pod\n');
    const text = '# owned by team a\n# harden-ignore-file x\nkind: Pod\n';
    assert.equal(apply(text, disableFileEdit(text, 'y')), '# owned by team a\n# harden-ignore-file x y\nkind: Pod\n');
  });
});
