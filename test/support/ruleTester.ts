import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { resolveSettings } from '../../server/src/engine/base/config';
import { detectKind } from '../../server/src/engine/models/detect';
import { fixAll, parsesAsWell } from '../../server/src/engine/runner/fixer';
import { parseKubernetes } from '../../server/src/engine/models/kubernetes';
import { formatMessage, type Rule } from '../../server/src/engine/rules/rule';
import { lint } from '../../server/src/engine/runner/runner';
import { applyEdits } from '../../server/src/engine/base/text';
import type { Finding, Range, Settings } from '../../server/src/engine/base/types';
import { summarize, Workspace } from '../../server/src/engine/facts/workspace';
import type { CaseSettings, InvalidCase, RuleCases, ValidCase } from './cases';

const OPEN = '⟦';
const CLOSE = '⟧';

/** Removes `⟦…⟧` markers; returns the clean text and the marked ranges in order. */
export function stripMarkers(code: string): { text: string; ranges: Range[] } {
  let text = '';
  let line = 0;
  let character = 0;
  const ranges: Range[] = [];
  const open: { line: number; character: number }[] = [];
  for (const ch of code) {
    if (ch === OPEN) open.push({ line, character });
    else if (ch === CLOSE) ranges.push({ start: open.pop()!, end: { line, character } });
    else {
      text += ch;
      if (ch === '\n') {
        line++;
        character = 0;
      } else character += ch.length;
    }
  }
  // Ranges are ordered by where they open, as the errors are listed top to bottom.
  ranges.sort((a, b) => a.start.line - b.start.line || a.start.character - b.start.character);
  return { text, ranges };
}

function parseRange(spec: string): Range {
  const m = /^L(\d+):C(\d+)-L(\d+):C(\d+)$/.exec(spec);
  assert.ok(m, `bad range spec ${spec}`);
  return { start: { line: +m[1] - 1, character: +m[2] - 1 }, end: { line: +m[3] - 1, character: +m[4] - 1 } };
}

export function caseSettings(rule: Rule, s: CaseSettings = {}): Settings {
  // The rule under test is on, opt-in or not, unless the case sets its severity.
  const settings = resolveSettings({
    rules: { [rule.meta.id]: rule.meta.severity, ...s.rules },
    pss: s.pss,
    trustedRegistries: s.trustedRegistries,
    maxFileSize: s.maxFileSize,
    nonRootBaseImages: s.nonRootBaseImages,
  });
  settings.today = s.today ?? '2026-11-28';
  return settings;
}

function filenameOf(rule: Rule, c: { filename?: string }): string {
  return c.filename ?? (rule.meta.target === 'dockerfile' ? 'Dockerfile' : 'manifest.yaml');
}

function workspaceOf(uri: string, text: string, files: Record<string, string> = {}): Workspace | undefined {
  const ws = new Workspace();
  for (const [name, t] of Object.entries(files)) ws.set(name, summarize(name, parseKubernetes(t)));
  ws.set(uri, summarize(uri, parseKubernetes(text)));
  return ws;
}

export function runCase(rule: Rule, c: ValidCase | InvalidCase, text: string): Finding[] {
  const uri = filenameOf(rule, c);
  const settings = caseSettings(rule, c.settings);
  const workspace = rule.meta.target === 'kubernetes' ? workspaceOf(uri, text, c.workspace) : undefined;
  const errors: unknown[] = [];
  const { findings } = lint({ uri, text }, settings, {
    rules: [rule],
    workspace,
    onRuleError: (_id, e) => errors.push(e),
  });
  if (errors.length) throw errors[0];
  return findings.filter((f) => f.ruleId === rule.meta.id);
}

function fixText(rule: Rule, c: InvalidCase, text: string): string {
  const uri = filenameOf(rule, c);
  const settings = caseSettings(rule, c.settings);
  return fixAll({ uri, text }, settings, {
    rules: [rule],
    workspace: rule.meta.target === 'kubernetes' ? workspaceOf(uri, text, c.workspace) : undefined,
  }).text;
}

const commentLines = (t: string) => t.split(/\r?\n/).filter((l) => l.trim().startsWith('#'));

function assertKeepsComments(before: string, after: string, what: string): void {
  for (const line of commentLines(before))
    assert.ok(after.includes(line), `${what} lost the comment ${JSON.stringify(line)}`);
}

function assertParses(rule: Rule, c: InvalidCase, before: string, after: string, what: string): void {
  assert.ok(parsesAsWell(filenameOf(rule, c), before, after), `${what} does not parse as well as the input`);
}

/** Registers node:test cases for one rule's table (ESLint RuleTester semantics, stricter on output). */
export function runRuleCases({ rule, valid, invalid }: RuleCases): void {
  const names = new Set<string>();
  describe(rule.meta.id, () => {
    for (const c of [...valid, ...invalid]) {
      assert.ok(!names.has(c.name), `duplicate case name "${c.name}" in ${rule.meta.id}`);
      names.add(c.name);
    }
    for (const c of valid) {
      test(`valid: ${c.name}`, () => {
        assert.ok(!c.code.includes(OPEN), 'valid cases carry no range markers');
        assert.deepEqual(
          runCase(rule, c, c.code).map((f) => `${f.messageId}: ${f.message}`),
          [],
        );
      });
    }
    for (const c of invalid) {
      test(`invalid: ${c.name}`, () => checkInvalid(rule, c));
    }
  });
}

function checkInvalid(rule: Rule, c: InvalidCase): void {
  const { text, ranges } = stripMarkers(c.code);
  const findings = runCase(rule, c, text);
  assert.equal(
    findings.length,
    c.errors.length,
    `expected ${c.errors.length} finding(s), got: ${findings.map((f) => `${f.messageId}@${f.range.start.line + 1}:${f.range.start.character + 1}`).join(', ')}`,
  );
  const explicit = c.errors.filter((e) => e.range).length;
  assert.equal(ranges.length + explicit, c.errors.length, 'every error needs a ⟦…⟧ marker or a range');
  let marker = 0;
  c.errors.forEach((e, i) => {
    const f = findings[i];
    assert.equal(f.messageId, e.messageId, `finding ${i}: messageId`);
    const expected = e.range ? parseRange(e.range) : ranges[marker++];
    assert.deepEqual(f.range, expected, `finding ${i} (${f.messageId}): range`);
    if (e.data)
      assert.equal(f.message, formatMessage((rule.meta.messages as Record<string, string>)[e.messageId], e.data));
    assert.ok(!/\.$/.test(f.message), 'messages end without a period');
    if (e.suggestions) {
      assert.deepEqual(
        (f.suggestions ?? []).map((s) => s.messageId),
        e.suggestions.map((s) => s.messageId),
        `finding ${i}: suggestions`,
      );
      e.suggestions.forEach((s, k) => {
        const made = f.suggestions![k].newFile;
        assert.deepEqual(made, s.newFile, `suggestion ${s.messageId}: new file`);
        if (made) {
          assert.equal(
            detectKind(made.name, made.text),
            rule.meta.target,
            `suggestion ${s.messageId}: the new file is not a ${rule.meta.target}`,
          );
          if (rule.meta.target === 'kubernetes')
            assert.deepEqual(
              parseKubernetes(made.text).docs.flatMap((d) => d.errors.map((x) => x.message)),
              [],
              `suggestion ${s.messageId}: the new file does not parse`,
            );
          if (s.output === undefined) return;
        }
        const out = applyEdits(text, f.suggestions![k].edits);
        assert.equal(out, s.output, `suggestion ${s.messageId}: output`);
        assertParses(rule, c, text, out!, `suggestion ${s.messageId}`);
        assertKeepsComments(text, out!, `suggestion ${s.messageId}`);
      });
    }
  });
  const hasFix = findings.some((f) => f.fix);
  if (c.output === null || (c.output === undefined && !hasFix)) {
    assert.ok(!hasFix, 'a safe fix was produced; give `output`');
    return;
  }
  assert.ok(c.output !== undefined, 'a safe fix was produced; give `output`');
  assert.ok(hasFix, '`output` given but the rule produced no safe fix');
  assert.notEqual(c.output, text, '`output` equals the input');
  const out = fixText(rule, c, text);
  assert.equal(out, c.output, 'fixed output');
  assertParses(rule, c, text, out, 'the fix');
  assertKeepsComments(text, out, 'the fix');
  const after = runCase(rule, c, out);
  assert.ok(!after.some((f) => f.fix), 'the fixed output still has fixable findings (fix is not idempotent)');
  assert.ok(after.length < findings.length, 'the fix did not remove any finding');
}
