import assert from 'node:assert/strict';
import { defaultSettings } from '../../server/src/engine/base/config';
import { parsesAsWell } from '../../server/src/engine/runner/fixer';
import { KubernetesCache } from '../../server/src/engine/runner/kubernetesRunner';
import { lint } from '../../server/src/engine/runner/runner';
import { applyEdits, TextIndex } from '../../server/src/engine/base/text';
import type { Settings, TextEdit } from '../../server/src/engine/base/types';
import { Workspace } from '../../server/src/engine/facts/workspace';

export const restricted: Settings = {
  ...defaultSettings(),
  pss: { level: 'restricted', version: 'latest' },
  trustedRegistries: ['docker.io', 'ghcr.io'],
  today: '2026-11-28',
};

/**
 * CPU milliseconds a lint may take: a fixed allowance plus a per-character one. Generous on purpose: it
 * catches hangs and super-linear blow-ups, not slowness (the benchmark measures speed). CPU time, not wall
 * time, so a loaded machine does not fail it.
 */
export function budgetMs(text: string): number {
  return 3000 + text.length / 50;
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
}

/**
 * The properties every input must have: no rule throws, the call returns within its time bound, a
 * cached (incremental) lint equals a full one, and every offered edit keeps the text parsing at least as
 * well and changes nothing outside its ranges.
 */
export function checkProperties(uri: string, text: string, cache?: KubernetesCache): { ms: number; findings: number } {
  const errors: string[] = [];
  const onRuleError = (id: string, e: unknown) => errors.push(`${id}: ${(e as Error)?.stack ?? e}`);
  const t = process.cpuUsage();
  const full = lint({ uri, text }, restricted, { onRuleError, workspace: new Workspace() });
  const ms = cpuMs(t);
  assert.deepEqual(errors, [], `a rule threw on ${uri}`);
  assert.ok(ms < budgetMs(text), `lint took ${ms.toFixed(0)} ms of CPU for ${text.length} characters`);
  if (cache) {
    const inc = lint({ uri, text }, restricted, { onRuleError, cache, workspace: new Workspace() });
    assert.deepEqual(inc.findings, full.findings, 'incremental result differs from a full lint');
  }
  const index = new TextIndex(text.replace(/^\uFEFF/, ''));
  const body = index.text;
  for (const f of full.findings) {
    const edits: TextEdit[][] = [...(f.fix ? [f.fix] : []), ...(f.suggestions ?? []).map((s) => s.edits)];
    for (const e of edits) {
      const out = applyEdits(body, e, index);
      assert.ok(out !== undefined, `${f.ruleId}: overlapping edits`);
      assert.ok(parsesAsWell(uri, body, out!), `${f.ruleId}: fix breaks parsing`);
      assertOnlyInside(body, out!, e, index, f.ruleId);
    }
  }
  return { ms, findings: full.findings.length };
}

/** Text before the first edit and after the last one is unchanged, and so is text between edits. */
function assertOnlyInside(before: string, after: string, edits: TextEdit[], index: TextIndex, ruleId: string): void {
  const spans = edits
    .map((e) => [index.offsetAt(e.range.start), index.offsetAt(e.range.end), e.newText] as const)
    .sort((a, b) => a[0] - b[0]);
  let pos = 0;
  let outPos = 0;
  for (const [s, e, newText] of spans) {
    assert.equal(
      after.slice(outPos, outPos + (s - pos)),
      before.slice(pos, s),
      `${ruleId}: a byte outside the edits changed`,
    );
    outPos += s - pos + newText.length;
    pos = e;
  }
  assert.equal(after.slice(outPos), before.slice(pos), `${ruleId}: a byte after the edits changed`);
}
