import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { mapThroughEdit, pinTarget, type PinTarget } from '../../server/src/engine';

const DIGEST = `sha256:${'a'.repeat(64)}`;

/** The target of the whole `text` (or of `inner` inside it) and the text after pinning `DIGEST`. */
function pin(text: string, inner = text): { target: PinTarget; after: string } {
  const start = text.indexOf(inner);
  const target = pinTarget(text, start, start + inner.length);
  assert.ok(typeof target !== 'string', String(target));
  return { target, after: `${text.slice(0, target.digestStart)}@${DIGEST}${text.slice(target.end)}` };
}

describe('pinTarget: what is looked up and what is rewritten', () => {
  test('Docker Hub official images: docker.io, library/, the tag kept', () => {
    const { target, after } = pin('FROM node:22-slim AS app', 'node:22-slim');
    assert.deepEqual(target.lookup, { registry: 'docker.io', name: 'library/node', tag: '22-slim' });
    assert.equal(after, `FROM node:22-slim@${DIGEST} AS app`);
  });

  test('other registries and ports; Docker Hub aliases', () => {
    assert.deepEqual(pin('ghcr.io/org/app:1.0').target.lookup, { registry: 'ghcr.io', name: 'org/app', tag: '1.0' });
    assert.deepEqual(pin('localhost:5000/app:1').target.lookup, { registry: 'localhost:5000', name: 'app', tag: '1' });
    assert.deepEqual(pin('index.docker.io/bitnami/redis:7').target.lookup, {
      registry: 'docker.io',
      name: 'bitnami/redis',
      tag: '7',
    });
  });

  test('no tag: the digest of latest, written as Docker resolves it (no tag invented)', () => {
    const { target, after } = pin('nginx');
    assert.equal(target.lookup.tag, 'latest');
    assert.equal(after, `nginx@${DIGEST}`);
  });

  test('an existing digest is replaced, the tag stays', () => {
    const { target, after } = pin(`app:1@sha256:${'0'.repeat(64)}`);
    assert.equal(target.digest, `sha256:${'0'.repeat(64)}`);
    assert.equal(after, `app:1@${DIGEST}`);
  });

  test('quoted YAML scalars keep their quotes', () => {
    assert.equal(pin(`image: "nginx:1.27" # c`, `"nginx:1.27"`).after, `image: "nginx:1.27@${DIGEST}" # c`);
    assert.equal(pin(`image: 'nginx:1.27'`, `'nginx:1.27'`).after, `image: 'nginx:1.27@${DIGEST}'`);
  });

  test('not literal or not valid: a reason, nothing sent', () => {
    for (const [text, reason] of [
      ['${BASE}', /variable or a template/],
      ['node:${V}', /variable or a template/],
      ['{{ .Values.image }}', /variable or a template/],
      ['Node:22', /not a valid image name/],
      [`app@${DIGEST}`, /names no tag to look up/],
      ['app:-bad', /valid tag/],
      ['a b', /not an image reference/],
      ['', /no image reference/],
    ] as const) {
      const r = pinTarget(text, 0, text.length);
      assert.ok(typeof r === 'string' && reason.test(r), `${text}: ${JSON.stringify(r)}`);
    }
  });
});

describe('mapThroughEdit: a range follows edits that do not touch it', () => {
  const before = 'FROM a:1\nFROM b:2\n';
  const at = (s: string) => ({ start: before.indexOf(s), end: before.indexOf(s) + s.length });

  test('edits above shift it, edits below leave it', () => {
    const b = at('b:2');
    const above = `# c\n${before}`;
    const moved = mapThroughEdit(before, above, b.start, b.end)!;
    assert.equal(above.slice(moved.start, moved.end), 'b:2');
    assert.deepEqual(mapThroughEdit(before, `${before}USER 1\n`, b.start, b.end), b);
  });

  test('an edit inside or right against it: undefined', () => {
    const a = at('a:1');
    assert.equal(mapThroughEdit(before, before.replace('a:1', 'a:2'), a.start, a.end), undefined);
    assert.equal(mapThroughEdit(before, before.replace('a:1', 'a:1-x'), a.start, a.end), undefined);
    assert.equal(mapThroughEdit(before, before.replace('FROM a', 'FROM za'), a.start, a.end), undefined);
  });
});
