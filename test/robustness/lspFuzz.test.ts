import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fuzzServer } from './lspFuzz';
import { rng } from './mutate';
import { fuzzSeeds } from './seeds';

/**
 * Mutation fuzzing through the language server's change path, fixed seed, bounded (`npm run fuzz -- --minutes N`
 * runs it with fresh seeds): after every burst of edits the server still answers, and its diagnostics for the
 * final text equal a fresh lint of that text.
 */
const BURSTS = Number(process.env.HARDEN_LSP_FUZZ_BURSTS ?? 60);

test(`language server change path: ${BURSTS} bursts of 6 mutated edits, each pulled and cancelled by the next (seed 7)`, async (t) => {
  const seeds = fuzzSeeds();
  const result = await fuzzServer(seeds, rng(7), { bursts: BURSTS, burst: 6 });
  t.diagnostic(
    `${result.edits} edits, ${result.bursts} bursts checked (${result.compared} diagnostics), slowest final answer ${result.slowest.ms} ms (${result.slowest.kind}, ${result.slowest.chars} characters)`,
  );
  assert.deepEqual(
    result.problems.map(
      (p) => `${p.what}\n--- ${p.kind} text (${p.text.length} characters):\n${p.text.slice(0, 3000)}`,
    ),
    [],
  );
  assert.equal(result.bursts, BURSTS);
});
