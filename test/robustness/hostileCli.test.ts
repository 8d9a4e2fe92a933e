import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { MAX_YAML_NESTING } from '../../server/src/engine/base/nesting';
import { harden, json, only, tree, type Run } from '../cli/helpers';
import { MISSING_SHARED, sharedPath } from '../support/shared';
import { aliasBombs, bigConfigMap, deepShell, deepYaml, longLines, manyDocuments, POD } from './hostileInputs';

/** Hostile and odd input through the CLI (the bundle: `npm run build` first): exit code 0 or 1, never a stack trace. */

interface Report {
  files: {
    path: string;
    kind: string;
    findings: {
      ruleId: string;
      message: string;
      severity: string;
      range: { start: { line: number; character: number } };
    }[];
  }[];
}

function assertClean(run: Run, what: string): void {
  assert.ok(run.code === 0 || run.code === 1, `${what}: exit ${run.code}\n${run.stderr}`);
  assert.doesNotMatch(run.stderr, /^\s+at |internal error|Error:/m, `${what}: ${run.stderr}`);
}

const binary = readFileSync(process.execPath).subarray(0, 128 * 1024);

function hostileTree(large = true): string {
  const files: Record<string, string | Buffer> = {
    'bomb/pod.yaml': aliasBombs().pod,
    'bomb/policy.yaml': aliasBombs().networkPolicy,
    'bomb/kustomization.yaml': aliasBombs().kustomization,
    'deep/flow.yaml': deepYaml().flowSeq,
    'deep/top.yaml': deepYaml().unclosedTop,
    'deep/Dockerfile': deepShell().pipes,
    'deep/sub/Dockerfile': deepShell().subshells,
    'bin/Dockerfile': binary,
    'bin/app.yaml': Buffer.concat([Buffer.from('apiVersion: v1\nkind: Pod\n'), binary]),
    'enc/pod.yaml': `\uFEFF${POD.replace(/\n/g, '\r\n')}`,
    'long/Dockerfile': longLines().dockerfileRun[1],
    'long/pod.yaml': longLines().yamlScalar[1],
    'corner/Dockerfile': '# syntax=docker/dockerfile:1\nFROM debian:12\nRUN <<EOF\napt-get install -y curl\n',
    'corner/win/Dockerfile':
      '# escape=`\nFROM debian:12\nRUN apt-get update && `\n    apt-get install -y curl\nUSER 10001\n',
    'many/all.yaml': manyDocuments(500),
  };
  if (!large) for (const p of ['long/Dockerfile', 'long/pod.yaml', 'many/all.yaml', 'deep/Dockerfile']) delete files[p];
  return tree(files);
}

test('a tree of hostile files: exit 0 or 1, a report for each, clear findings where it gave up', () => {
  const dir = hostileTree();
  const started = Date.now();
  const run = harden(['--format', 'json', '.'], dir);
  assertClean(run, 'lint');
  const report = json<Report>(run);
  const byPath = new Map(report.files.map((f) => [f.path, f]));
  assert.deepEqual(
    [...byPath.keys()].sort(),
    [
      'bin/Dockerfile',
      'bomb/kustomization.yaml',
      'bomb/pod.yaml',
      'bomb/policy.yaml',
      'corner/Dockerfile',
      'corner/win/Dockerfile',
      'deep/Dockerfile',
      'deep/flow.yaml',
      'deep/sub/Dockerfile',
      'deep/top.yaml',
      'enc/pod.yaml',
      'long/Dockerfile',
      'long/pod.yaml',
      'many/all.yaml',
    ],
    'the binary YAML is skipped; the binary Dockerfile is listed, with nothing to say',
  );
  assert.deepEqual(byPath.get('bin/Dockerfile')!.findings, []);
  for (const p of ['deep/flow.yaml', 'deep/top.yaml']) {
    assert.deepEqual(
      byPath.get(p)!.findings.map((f) => [f.ruleId, f.message]),
      [['harden', `YAML syntax error, the document is not checked: nested more than ${MAX_YAML_NESTING} levels deep`]],
      p,
    );
  }
  assert.equal(
    byPath.get('enc/pod.yaml')!.findings.find((f) => f.ruleId === 'k8s-privileged-container')?.range.start.line,
    9,
  );
  assert.ok(Date.now() - started < 90_000);
  // Text output too: the same run, no trace.
  assertClean(harden(['.'], dir), 'text');
});

test('--fix over the same tree: exit 0 or 1; binary, deep and unparsable files are left byte for byte', () => {
  const dir = hostileTree(false);
  const keep = ['bin/Dockerfile', 'deep/flow.yaml', 'deep/top.yaml', 'deep/sub/Dockerfile', 'bomb/kustomization.yaml'];
  const before = new Map(keep.map((p) => [p, readFileSync(join(dir, p))]));
  assertClean(harden(['--fix', '--format', 'json', '.'], dir), '--fix');
  for (const [p, bytes] of before) assert.ok(readFileSync(join(dir, p)).equals(bytes), p);
  const pod = readFileSync(join(dir, 'enc/pod.yaml'), 'utf8');
  assert.ok(pod.startsWith('\uFEFFapiVersion: v1\r\n') && !/[^\r]\n/.test(pod), 'BOM and CRLF kept');
});

test('a 10 MB manifest: one information finding, in bounded time', () => {
  const dir = tree({ 'big.yaml': bigConfigMap(10 * 1024 * 1024), 'pod.yaml': POD });
  const started = Date.now();
  const run = harden(['--format', 'json', '.'], dir);
  const ms = Date.now() - started;
  assertClean(run, 'big');
  const big = json<Report>(run).files.find((f) => f.path === 'big.yaml')!;
  assert.deepEqual(
    big.findings.map((f) => [f.ruleId, f.severity, f.message.replace(/\d+/g, 'N')]),
    [['harden', 'info', 'File not checked: N characters is over the limit of N (setting maxFileSize)']],
  );
  // Wall time of a whole CLI run on a shared machine: only a sanity bound (the next test pins that the file is not parsed).
  assert.ok(ms < 20_000, `${ms} ms`);
});

test('a manifest over maxFileSize takes no part in cross-file rules (regression: the CLI parsed it for the workspace)', () => {
  const policy = `# padding${' '.repeat(3000)}\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny\n  namespace: default\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]\n`;
  const config = only({ 'k8s-network-policy-coverage': 'error' }, 'maxFileSize: 2000\n');
  const dir = tree({ '.harden.yaml': config, 'policy.yaml': policy, 'pod.yaml': POD });
  const report = json<Report>(harden(['--format', 'json', '.'], dir));
  const ids = (p: string) =>
    report.files.find((f) => f.path === p)!.findings.map((f) => `${f.ruleId}: ${f.message.split(' ')[0]}`);
  assert.deepEqual(ids('policy.yaml'), ['harden: File']);
  assert.deepEqual(ids('pod.yaml'), ['k8s-network-policy-coverage: Namespace']);
  // Under the limit, the same policy covers the pod.
  const small = tree({ '.harden.yaml': config, 'policy.yaml': policy.replace(/ {3000}/, ''), 'pod.yaml': POD });
  assert.deepEqual(
    json<Report>(harden(['--format', 'json', '.'], small)).files.find((f) => f.path === 'pod.yaml')!.findings,
    [],
  );
});

test('a deep .harden.yaml is a configuration error (exit 2, one line), not a crash', () => {
  const dir = tree({ '.harden.yaml': `rules: ${'['.repeat(5000)}\n`, 'pod.yaml': POD });
  const run = harden(['.'], dir);
  assert.equal(run.code, 2);
  assert.match(run.stderr, new RegExp(`nested more than ${MAX_YAML_NESTING} levels deep`));
  assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
});

test('Helm chart templates (podinfo): exit 0, nothing reported', (t) => {
  const charts = sharedPath('corpus', 'kubernetes', 'stefanprodan__podinfo', 'charts');
  if (!charts) return t.skip(MISSING_SHARED);
  const run = harden(['--format', 'json', charts], tree({}));
  assert.equal(run.code, 0, run.stderr);
  const report = json<Report>(run);
  assert.ok(report.files.length >= 15);
  assert.deepEqual(
    report.files.filter((f) => f.findings.length > 0).map((f) => f.path),
    [],
  );
});
