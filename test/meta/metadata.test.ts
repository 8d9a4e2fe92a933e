import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { rules } from '../../server/src/engine/rules';
import { PEER_TOOLS, PRACTICES } from '../../server/src/engine/base/types';
import { loadCases } from '../../scripts/generate/index';
import { runCase, stripMarkers } from '../support/ruleTester';

const PEER_PATTERNS: Record<(typeof PEER_TOOLS)[number], RegExp> = {
  hadolint: /^DL\d{4}$/,
  checkov: /^CKV2?_(DOCKER|K8S)_\d+$/,
  trivy: /^(DS|KSV)-\d{4}$/,
  kubeLinter: /^[a-z0-9]+(-[a-z0-9]+)*$/,
  polaris: /^[a-zA-Z]+$/,
  kubeScore: /^[a-z0-9]+(-[a-z0-9]+)*$/,
  buildkit: /^[A-Z][A-Za-z]+$/,
  pss: /^[a-zA-Z_]+$/,
};

for (const rule of rules) {
  const m = rule.meta;
  describe(`metadata: ${m.id}`, () => {
    test('id, title, practice, severity, messages', () => {
      assert.match(m.id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
      if (m.target === 'kubernetes') assert.match(m.id, /^k8s-/, 'Kubernetes rule ids start with k8s-');
      assert.match(m.title, /^[A-Z].*[^.]$/, 'title: sentence case, no trailing period');
      assert.ok(PRACTICES.includes(m.practice), `practice ${m.practice}`);
      assert.ok(['error', 'warning', 'info', 'hint'].includes(m.severity));
      for (const [id, text] of Object.entries(m.messages as Record<string, string>)) {
        assert.match(id, /^[a-z][A-Za-z0-9]*$/, `messageId ${id} is camelCase`);
        assert.doesNotMatch(text, /\.$/, `message ${id} ends without a period`);
      }
      assert.match(m.docs.rationale, /\.$/, 'rationale ends with a period');
    });
    test('peer ids have their tool’s shape', () => {
      for (const tool of Object.keys(m.peers))
        assert.ok((PEER_TOOLS as readonly string[]).includes(tool), `unknown peer tool ${tool}`);
      for (const tool of PEER_TOOLS)
        for (const id of m.peers[tool] ?? []) assert.match(id, PEER_PATTERNS[tool], `${tool} id ${id}`);
    });
    test('cases: good and bad docs examples; fix kind matches the cases; every messageId is exercised', () => {
      const table = loadCases(m.target, m.id);
      assert.ok(table, 'case table exists');
      assert.ok(
        table.valid.some((c) => c.docs === 'good'),
        'a valid case marked docs: good',
      );
      assert.ok(
        table.invalid.some((c) => c.docs === 'bad'),
        'an invalid case marked docs: bad',
      );
      const hasOutput = table.invalid.some((c) => typeof c.output === 'string');
      if (m.fix === 'safe') assert.ok(hasOutput, 'fix: safe needs a case with output');
      else assert.ok(!hasOutput, `fix: ${m.fix} but a case has a safe output`);
      const seen = new Set<string>();
      for (const c of table.invalid) {
        const { text } = stripMarkers(c.code);
        for (const f of runCase(rule, c, text)) {
          seen.add(f.messageId);
          for (const s of f.suggestions ?? []) seen.add(s.messageId);
        }
      }
      if (m.fix === 'suggestion')
        assert.ok(
          [...seen].some((id) =>
            table.invalid.some((c) => c.errors.some((e) => e.suggestions?.some((s) => s.messageId === id))),
          ),
          'fix: suggestion needs a case that checks a suggestion',
        );
      for (const id of Object.keys(m.messages)) assert.ok(seen.has(id), `messageId ${id} is never produced by a case`);
    });
  });
}
