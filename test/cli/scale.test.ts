import assert from 'node:assert/strict';
import { test } from 'node:test';
import { join } from 'node:path';
import type * as Sarif from 'sarif';
import { sharedPath, MISSING_SHARED } from '../support/shared';
import { harden, json, only, tree, write, PRIVILEGED, PRIVILEGED_ERROR, ROOT_DOCKERFILE, type Run } from './helpers';

interface JsonFinding {
  ruleId: string;
  message: string;
  range: { start: { line: number; character: number } };
  fixable: boolean;
}
interface JsonFile {
  path: string;
  findings: JsonFinding[];
}
const files = (run: Run) => json<{ files: JsonFile[] }>(run).files;

/** A stand-in for the whole stdout: equal runs must agree byte for byte, and a diff of 10 MB helps no one. */
function assertSameRun(a: Run, b: Run, what: string): void {
  assert.equal(a.code, b.code, `${what}: exit codes differ (${a.stderr}${b.stderr})`);
  assert.ok(a.stdout === b.stdout, `${what}: outputs differ (${a.stdout.length} and ${b.stdout.length} characters)`);
}

test('the shared corpus: --jobs 2 prints exactly what --jobs 1 prints, in json and sarif', (t) => {
  const corpus = sharedPath('corpus');
  if (!corpus) return t.skip(MISSING_SHARED);
  for (const format of ['json', 'sarif']) {
    const one = harden(['--jobs', '1', '--format', format, '--fail-on', 'never', '.'], corpus);
    const two = harden(['--jobs', '2', '--format', format, '--fail-on', 'never', '.'], corpus);
    assert.equal(one.code, 0, one.stderr);
    assertSameRun(one, two, format);
  }
});

test('the shared corpus: json and sarif are streamed as the documents JSON.stringify would print', (t) => {
  const corpus = sharedPath('corpus', 'kubernetes');
  if (!corpus) return t.skip(MISSING_SHARED);
  for (const format of ['json', 'sarif']) {
    const run = harden(['--jobs', '2', '--format', format, '--fail-on', 'never', '.'], corpus);
    assert.equal(run.code, 0, run.stderr);
    const parsed = JSON.parse(run.stdout) as unknown;
    if (format === 'json') assert.ok(run.stdout === `${JSON.stringify(parsed, null, 2)}\n`, 'json layout changed');
    else assert.equal((parsed as Sarif.Log).runs[0].tool.driver.name, 'harden');
  }
});

test('the shared corpus: json says fixable exactly where SARIF, which computes the edits, has a fix', (t) => {
  const corpus = sharedPath('corpus');
  if (!corpus) return t.skip(MISSING_SHARED);
  const listed = files(harden(['--format', 'json', '--fail-on', 'never', '.'], corpus)).flatMap((f) => f.findings);
  const sarif = json<Sarif.Log>(harden(['--format', 'sarif', '--fail-on', 'never', '.'], corpus));
  const results = sarif.runs[0].results!;
  assert.equal(listed.length, results.length);
  assert.ok(
    listed.some((f) => f.fixable),
    'the corpus has fixable findings',
  );
  listed.forEach((f, i) => {
    assert.equal(f.ruleId, results[i].ruleId);
    assert.equal(f.fixable, results[i].fixes !== undefined, `${f.ruleId}: ${f.message}`);
  });
});

/** A workspace whose cross-file findings depend on other files: namespaces without NetworkPolicies. */
function crossFileTree(): string {
  const deployment = (name: string, ns: string) =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  selector:\n    matchLabels: {app: ${name}}\n  template:\n    metadata:\n      labels: {app: ${name}}\n    spec:\n      containers:\n        - name: app\n          image: nginx:1.27\n`;
  const policy = (ns: string) =>
    `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny\n  namespace: ${ns}\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n`;
  const entries: Record<string, string> = { Dockerfile: ROOT_DOCKERFILE, 'pod.yaml': PRIVILEGED };
  for (let i = 0; i < 12; i++) {
    entries[`team-${i}/deploy.yaml`] = deployment(`app-${i}`, `ns-${i % 4}`);
    entries[`team-${i}/other.yaml`] = deployment(`other-${i}`, `ns-${i % 4}`);
  }
  entries['policies/ns-1.yaml'] = policy('ns-1');
  entries['policies/ns-3.yaml'] = policy('ns-3');
  return tree(entries);
}

test('workers: cross-file findings are those of one thread, whichever worker lints which file', () => {
  const dir = crossFileTree();
  for (const [jobs, formats] of [
    ['2', ['json', 'sarif', 'text', 'compact']],
    ['5', ['json']],
  ] as const) {
    for (const format of formats) {
      const args = ['--format', format, '--fail-on', 'never', '.'];
      assertSameRun(harden(['--jobs', '1', ...args], dir), harden(['--jobs', jobs, ...args], dir), `${format} ${jobs}`);
    }
  }
  const coverage = files(harden(['--format', 'json', '--jobs', '2', '.'], dir)).flatMap((f) =>
    f.findings.filter((x) => x.ruleId === 'k8s-network-policy-coverage').map(() => f.path),
  );
  assert.deepEqual(coverage, ['pod.yaml', 'team-0/deploy.yaml', 'team-10/deploy.yaml'], 'once per uncovered namespace');
});

test('workers: a worker out of memory is replaced by one without a heap limit, and nothing is lost', () => {
  const dir = crossFileTree();
  const args = ['--format', 'json', '--fail-on', 'never', '.'];
  const small = harden(['--jobs', '2', ...args], dir, { HARDEN_WORKER_HEAP_MB: '4' });
  assert.equal(small.code, 0, small.stderr);
  assertSameRun(harden(['--jobs', '1', ...args], dir), small, 'after out-of-memory');
});

test('workers: --quiet, a settings file and exit codes as on one thread; no files at all', () => {
  const dir = crossFileTree();
  write(dir, { '.harden.yaml': only(PRIVILEGED_ERROR) });
  for (const extra of [[], ['--quiet']]) {
    const args = ['--format', 'json', ...extra, '.'];
    const one = harden(['--jobs', '1', ...args], dir);
    assert.equal(one.code, 1);
    assertSameRun(one, harden(['--jobs', '2', ...args], dir), extra.join(' '));
  }
  const empty = tree({ 'README.md': '# nothing\n' });
  for (const format of ['json', 'sarif']) {
    const one = harden(['--jobs', '1', '--format', format, '.'], empty);
    assertSameRun(one, harden(['--jobs', '2', '--format', format, '.'], empty), format);
    assert.doesNotThrow(() => JSON.parse(one.stdout));
  }
});

test('--shard i/n: a stable split by path; the shards together are the whole run, cross-file findings included', () => {
  const dir = crossFileTree();
  const whole = files(harden(['--format', 'json', '--fail-on', 'never', '.'], dir));
  const parts = [1, 2, 3].map((i) =>
    files(harden(['--format', 'json', '--shard', `${i}/3`, '--fail-on', 'never', '.'], dir)),
  );
  assert.ok(
    parts.every((p) => p.length > 0 && p.length < whole.length),
    'every shard has some files',
  );
  const joined = parts.flat().sort((a, b) => (a.path < b.path ? -1 : 1));
  assert.deepEqual(joined, whole);
  // Stable: the same split on workers, and a file keeps its shard when others are added.
  assert.deepEqual(files(harden(['--format', 'json', '--jobs', '2', '--shard', '2/3', '.'], dir)), parts[1]);
  write(dir, { 'zzz/Dockerfile': ROOT_DOCKERFILE });
  const again = files(harden(['--format', 'json', '--shard', '2/3', '--fail-on', 'never', '.'], dir));
  assert.deepEqual(
    again.filter((f) => f.path !== 'zzz/Dockerfile'),
    parts[1],
  );
});

test('harden merge-sarif: the shards merged are the whole run (rules by id, results re-indexed)', () => {
  const dir = crossFileTree();
  const whole = json<Sarif.Log>(harden(['--format', 'sarif', '--fail-on', 'never', '.'], dir));
  for (let i = 1; i <= 3; i++) {
    const run = harden(['--format', 'sarif', '--shard', `${i}/3`, '--fail-on', 'never', '.'], dir);
    write(dir, { [`out/${i}.sarif`]: run.stdout });
  }
  const merged = harden(['merge-sarif', ...[1, 2, 3].map((i) => join('out', `${i}.sarif`))], dir);
  assert.equal(merged.code, 0, merged.stderr);
  const log = json<Sarif.Log>(merged);
  assert.equal(log.runs.length, 1);
  const key = (r: Sarif.Result) =>
    JSON.stringify([
      r.locations![0].physicalLocation!.artifactLocation!.uri,
      r.locations![0].physicalLocation!.region,
      r.ruleId,
      r.message.text,
    ]);
  const rules = log.runs[0].tool.driver.rules!;
  for (const r of log.runs[0].results!) assert.equal(rules[r.ruleIndex!].id, r.ruleId);
  assert.deepEqual(log.runs[0].results!.map(key).sort(), whole.runs[0].results!.map(key).sort());
  assert.deepEqual(
    rules.map((r) => r.id),
    whole.runs[0].tool.driver.rules!.map((r) => r.id),
  );

  assert.equal(harden(['merge-sarif'], dir).code, 2);
  write(dir, { 'bad.sarif': '{"version": "1.0"}' });
  assert.match(harden(['merge-sarif', 'bad.sarif'], dir).stderr, /not a SARIF 2\.1\.0 log/);
});

test('--jobs and --shard reject what they cannot use', () => {
  const dir = tree({ 'pod.yaml': PRIVILEGED });
  for (const args of [
    ['--jobs', '0'],
    ['--jobs', 'x'],
    ['--shard', '0/2'],
    ['--shard', '3/2'],
    ['--shard', '1'],
  ]) {
    const run = harden([...args, '.'], dir);
    assert.equal(run.code, 2, args.join(' '));
    assert.match(run.stderr, /^harden: --(jobs|shard)/);
  }
});
