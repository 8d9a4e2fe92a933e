// `.harden.yaml` `noInlineIgnore` (rules that in-file pragmas cannot switch off) and `--report-unused-ignores`.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type * as Sarif from 'sarif';
import { resolveSettings } from '../../server/src/engine';
import { harden, json, only, PRIVILEGED, PRIVILEGED_ERROR, ROOT_WARNING, tree } from './helpers';

const RULES = { ...PRIVILEGED_ERROR, ...ROOT_WARNING };
/** `no-root-user` is reported on the final FROM; a pragma above it covers it. */
const IGNORED_ROOT = '# harden-ignore no-root-user -- the entrypoint drops privileges\nFROM alpine:3.20\nCMD ["sh"]\n';
const HADOLINT_ROOT = '# hadolint ignore=DL3002\nFROM alpine:3.20\nCMD ["sh"]\n';
const FILE_ROOT = 'FROM alpine:3.20\n# harden-ignore-file no-root-user\nCMD ["sh"]\n';
const IGNORED_PRIVILEGED = PRIVILEGED.replace(
  '      securityContext:',
  '      # harden-ignore k8s-privileged-container\n      securityContext:',
);
const ANNOTATED_PRIVILEGED = PRIVILEGED.replace(
  '  name: p\n',
  '  name: p\n  annotations:\n    ignore-check.kube-linter.io/privileged-container: "x"\n',
);

const rows = (stdout: string) => stdout.split('\n').filter(Boolean);
const ids = (stdout: string) => rows(stdout).map((l) => /\[([\w-]+)\]$/.exec(l)?.[1]);

test('without noInlineIgnore, harden-ignore, hadolint pragmas, file pragmas and annotations suppress', () => {
  const dir = tree({
    '.harden.yaml': only(RULES),
    'a/Dockerfile': IGNORED_ROOT,
    'b/Dockerfile': HADOLINT_ROOT,
    'c/Dockerfile': FILE_ROOT,
    'pod.yaml': IGNORED_PRIVILEGED,
    'annotated.yaml': ANNOTATED_PRIVILEGED,
  });
  const run = harden(['--format', 'compact'], dir);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stdout, '');
});

test('noInlineIgnore: the locked rules are reported whatever the file says; others stay suppressible', () => {
  const dir = tree({
    '.harden.yaml': only(RULES, 'noInlineIgnore: [no-root-user]\n'),
    'a/Dockerfile': IGNORED_ROOT,
    'b/Dockerfile': HADOLINT_ROOT,
    'c/Dockerfile': FILE_ROOT,
    'pod.yaml': IGNORED_PRIVILEGED,
  });
  const run = harden(['--format', 'compact'], dir);
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(
    rows(run.stdout).map((l) => l.split(':')[0] + ' ' + ids(l)[0]),
    ['a/Dockerfile no-root-user', 'b/Dockerfile no-root-user', 'c/Dockerfile no-root-user'],
  );
});

test('noInlineIgnore locks Kubernetes comment pragmas and annotations too', () => {
  const dir = tree({
    '.harden.yaml': only(RULES, 'noInlineIgnore: [k8s-privileged-container]\n'),
    'pod.yaml': IGNORED_PRIVILEGED,
    'annotated.yaml': ANNOTATED_PRIVILEGED,
  });
  const run = harden(['--format', 'compact'], dir);
  assert.equal(run.code, 1, run.stderr);
  assert.deepEqual(ids(run.stdout), ['k8s-privileged-container', 'k8s-privileged-container']);
});

test('noInlineIgnore: ["*"] locks every rule', () => {
  const dir = tree({
    '.harden.yaml': only(RULES, "noInlineIgnore: ['*']\n"),
    Dockerfile: IGNORED_ROOT,
    'pod.yaml': IGNORED_PRIVILEGED,
  });
  assert.deepEqual(ids(harden(['--format', 'compact'], dir).stdout), ['no-root-user', 'k8s-privileged-container']);
});

test('noInlineIgnore with an unknown rule or a non-list is a configuration error', () => {
  const unknown = harden(['.'], tree({ '.harden.yaml': 'noInlineIgnore: [no-such-rule]\n', Dockerfile: 'FROM x\n' }));
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /noInlineIgnore: unknown rule "no-such-rule"/);
  const scalar = harden(['.'], tree({ '.harden.yaml': 'noInlineIgnore: no-root-user\n', Dockerfile: 'FROM x\n' }));
  assert.equal(scalar.code, 2);
  assert.match(scalar.stderr, /"noInlineIgnore" must be a list of rule ids/);
});

test('locks add up across settings layers: a higher layer cannot lift a lower one', () => {
  const s = resolveSettings({ noInlineIgnore: ['a'] }, {}, { noInlineIgnore: ['b', 'a'] });
  assert.deepEqual(s.noInlineIgnore, ['b', 'a']);
  assert.equal(resolveSettings({}).noInlineIgnore, undefined);
});

test('--report-unused-ignores: a comment that suppressed something is not reported, one that did not is', () => {
  const dockerfile = [
    '# harden-ignore no-root-user -- used: covers the final FROM',
    'FROM alpine:3.20',
    '# harden-ignore no-root-user -- unused: covers CMD, where nothing is reported',
    'CMD ["sh"]',
    '',
  ].join('\n');
  const dir = tree({ '.harden.yaml': only(RULES), Dockerfile: dockerfile, 'pod.yaml': IGNORED_PRIVILEGED });
  const plain = harden(['--format', 'compact'], dir);
  assert.equal(plain.stdout, '');
  const run = harden(['--format', 'compact', '--report-unused-ignores'], dir);
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(rows(run.stdout), [
    'Dockerfile:3:1: warning Unused harden-ignore: nothing was suppressed for "no-root-user"; remove the comment. [unused-ignore]',
  ]);
});

test('--report-unused-ignores names the ids of a comment that suppressed nothing, unknown ids and locked rules', () => {
  const dir = tree({
    '.harden.yaml': only(RULES, 'noInlineIgnore: [k8s-privileged-container]\n'),
    Dockerfile: '# harden-ignore no-root-user, base-image-tag, no-such-rule\nFROM alpine:3.20\nCMD ["sh"]\n',
    'pod.yaml': IGNORED_PRIVILEGED,
    'clean.yaml': '# harden-ignore-file k8s-privileged-container\n' + PRIVILEGED.replace('true', 'false'),
  });
  const run = harden(['--format', 'compact', '--report-unused-ignores'], dir);
  assert.equal(run.code, 1, run.stderr); // the locked privileged container is an error
  const lines = rows(run.stdout);
  assert.ok(
    lines.includes(
      'Dockerfile:1:1: warning Unused id in harden-ignore: nothing was suppressed for "base-image-tag", "no-such-rule" (no such rule); remove them. [unused-ignore]',
    ),
    run.stdout,
  );
  assert.ok(
    lines.some((l) =>
      /^pod\.yaml:9:7: warning Unused harden-ignore: .*"k8s-privileged-container" \(noInlineIgnore/.test(l),
    ),
    run.stdout,
  );
  assert.ok(
    lines.some((l) => l.startsWith('clean.yaml:1:1: warning Unused harden-ignore: ')),
    run.stdout,
  );
  assert.ok(lines.some((l) => l.startsWith('pod.yaml:') && l.endsWith('[k8s-privileged-container]')));
});

test('--report-unused-ignores: a peer id that suppressed the finding counts as used', () => {
  const dir = tree({
    '.harden.yaml': only(RULES),
    Dockerfile: '# harden-ignore DL3002\nFROM alpine:3.20\nCMD ["sh"]\n',
  });
  const run = harden(['--format', 'compact', '--report-unused-ignores'], dir);
  assert.equal(run.stdout, '');
});

test('--report-unused-ignores in SARIF: the results carry a rule descriptor of their own', () => {
  const dir = tree({ '.harden.yaml': only(RULES), Dockerfile: '# harden-ignore no-root-user\nRUN x\n' });
  const log = json<Sarif.Log>(harden(['--format', 'sarif', '--report-unused-ignores', 'Dockerfile'], dir));
  const [run] = log.runs;
  const result = run.results!.find((r) => r.ruleId === 'unused-ignore')!;
  assert.ok(result, JSON.stringify(run.results));
  assert.equal(result.level, 'warning');
  assert.equal(run.tool.driver.rules![result.ruleIndex!].id, 'unused-ignore');
});

test('--fix --report-unused-ignores removes unused comments and unused ids, keeping reasons; --fix alone does not', () => {
  const dockerfile = [
    '# harden-ignore no-root-user, base-image-tag -- the entrypoint drops privileges',
    'FROM alpine:3.20',
    '# harden-ignore no-root-user',
    'CMD ["sh"]',
    '',
  ].join('\n');
  const plain = tree({ '.harden.yaml': only(RULES), Dockerfile: dockerfile });
  assert.equal(harden(['--fix'], plain).code, 0);
  assert.equal(readFileSync(join(plain, 'Dockerfile'), 'utf8'), dockerfile);

  const dir = tree({ '.harden.yaml': only(RULES), Dockerfile: dockerfile });
  const listed = json<{ files: { findings: { ruleId: string; fixable: boolean }[] }[] }>(
    harden(['--format', 'json', '--report-unused-ignores'], dir),
  );
  assert.deepEqual(
    listed.files[0].findings.map((f) => [f.ruleId, f.fixable]),
    [
      ['unused-ignore', true],
      ['unused-ignore', true],
    ],
  );
  const run = harden(['--fix', '--report-unused-ignores', '--format', 'compact'], dir);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stdout, '');
  assert.equal(
    readFileSync(join(dir, 'Dockerfile'), 'utf8'),
    '# harden-ignore no-root-user -- the entrypoint drops privileges\nFROM alpine:3.20\nCMD ["sh"]\n',
  );
});
