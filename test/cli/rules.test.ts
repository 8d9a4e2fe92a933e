import assert from 'node:assert/strict';
import { test } from 'node:test';
import { docsUrl, PEER_TOOLS, rules } from '../../server/src/engine';
import { harden, tree } from './helpers';

test('harden rules --format json lists every rule with all eight peer keys', () => {
  const run = harden(['rules', '--format', 'json'], tree({}));
  assert.equal(run.code, 0);
  const listed = JSON.parse(run.stdout) as Record<string, unknown>[];
  assert.deepEqual(
    listed.map((r) => r.id),
    rules.map((r) => r.meta.id),
  );
  for (const [i, entry] of listed.entries()) {
    const { meta } = rules[i];
    assert.deepEqual(Object.keys(entry), ['id', 'title', 'target', 'practice', 'severity', 'fix', 'peers']);
    assert.deepEqual(
      { ...entry, peers: undefined },
      {
        id: meta.id,
        title: meta.title,
        target: meta.target,
        practice: meta.practice,
        severity: meta.severity,
        fix: meta.fix,
        peers: undefined,
      },
    );
    const peers = entry.peers as Record<string, string[]>;
    assert.deepEqual(Object.keys(peers), [...PEER_TOOLS]);
    for (const tool of PEER_TOOLS) assert.deepEqual(peers[tool], meta.peers[tool] ?? []);
  }
});

test('harden rules --format markdown is a table with a linked row per rule', () => {
  const run = harden(['rules', '--format', 'markdown'], tree({}));
  assert.equal(run.code, 0);
  const lines = run.stdout.trimEnd().split('\n');
  assert.match(lines[0], /^\| Rule \| Target \| Practice \| Severity \| Fix \| Title \| Peers \|$/);
  assert.match(lines[1], /^(\| --- )+\|$/);
  assert.equal(lines.length, 2 + rules.length);
  for (const [i, rule] of rules.entries())
    assert.ok(lines[2 + i].startsWith(`| [${rule.meta.id}](${docsUrl(rule.meta.id)}) |`));
});

test('harden rules lists one line per rule by default and rejects other formats', () => {
  const dir = tree({});
  assert.equal(harden(['rules'], dir).stdout.trimEnd().split('\n').length, rules.length);
  const bad = harden(['rules', '--format', 'sarif'], dir);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^harden: --format must be one of text, json, markdown/);
});
