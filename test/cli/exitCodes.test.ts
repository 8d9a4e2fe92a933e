import assert from 'node:assert/strict';
import { test } from 'node:test';
import { version } from '../../package.json';
import {
  harden,
  only,
  PRIVILEGED,
  PRIVILEGED_ERROR,
  ROOT_DOCKERFILE,
  ROOT_WARNING,
  tree,
  UNPRIVILEGED,
  write,
} from './helpers';

const K8S_ONLY = only(PRIVILEGED_ERROR);
const DOCKER_ONLY = only(ROOT_WARNING);

/** Usage errors are exactly one `harden: …` line on stderr and nothing on stdout. */
function assertUsageError(run: ReturnType<typeof harden>, pattern: RegExp): void {
  assert.equal(run.code, 2, run.stderr);
  assert.equal(run.stdout, '');
  assert.match(run.stderr, /^harden: [^\n]+\n$/);
  assert.match(run.stderr, pattern);
}

test('a clean manifest exits 0 and prints nothing', () => {
  const dir = tree({ '.harden.yaml': K8S_ONLY, 'pod.yaml': UNPRIVILEGED });
  const run = harden([], dir);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stdout, '');
  assert.equal(run.stderr, '');
});

test('a finding at error severity exits 1', () => {
  const dir = tree({ '.harden.yaml': K8S_ONLY, 'pod.yaml': PRIVILEGED });
  assert.equal(harden(['.'], dir).code, 1);
});

test('warnings alone exit 0', () => {
  const dir = tree({ '.harden.yaml': DOCKER_ONLY, Dockerfile: ROOT_DOCKERFILE });
  const run = harden([], dir);
  assert.equal(run.code, 0);
  assert.match(run.stdout, /no-root-user/);
});

test('--max-warnings fails the run only when warnings exceed it', () => {
  const dir = tree({ '.harden.yaml': DOCKER_ONLY, Dockerfile: ROOT_DOCKERFILE });
  assert.equal(harden(['--max-warnings', '1'], dir).code, 0);
  const over = harden(['--max-warnings', '0'], dir);
  assert.equal(over.code, 1);
  assert.match(over.stderr, /too many warnings \(1\)/);
  assertUsageError(harden(['--max-warnings', '-1'], dir), /--max-warnings/);
});

test('--rule changes severities and beats .harden.yaml', () => {
  const dir = tree({ '.harden.yaml': DOCKER_ONLY, Dockerfile: ROOT_DOCKERFILE, 'pod.yaml': PRIVILEGED });
  assert.equal(harden(['--rule', 'no-root-user=error'], dir).code, 1);
  const strict = tree({ '.harden.yaml': only({ 'no-root-user': 'error' }), Dockerfile: ROOT_DOCKERFILE });
  assert.equal(harden([], strict).code, 1);
  assert.equal(harden(['--rule', 'no-root-user=warning'], strict).code, 0);
  assert.equal(harden(['--rule', 'no-root-user=off'], strict).stdout, '');
});

test('--quiet reports errors only', () => {
  const dir = tree({
    '.harden.yaml': only({ ...ROOT_WARNING, ...PRIVILEGED_ERROR }),
    Dockerfile: ROOT_DOCKERFILE,
    'pod.yaml': PRIVILEGED,
  });
  const run = harden(['--quiet'], dir);
  assert.equal(run.code, 1);
  assert.doesNotMatch(run.stdout, /no-root-user/);
  assert.match(run.stdout, /k8s-privileged-container/);
});

test('.hadolint.yaml next to a Dockerfile applies below .harden.yaml', () => {
  const dir = tree({
    '.harden.yaml': only({}, '', ['no-root-user']),
    'app/Dockerfile': ROOT_DOCKERFILE,
    'app/.hadolint.yaml': 'ignored:\n  - DL3002\n',
    'other/Dockerfile': ROOT_DOCKERFILE,
  });
  const run = harden(['--format', 'json'], dir);
  const files = (JSON.parse(run.stdout) as { files: { path: string; findings: unknown[] }[] }).files;
  assert.deepEqual(
    files.map((f) => [f.path, f.findings.length]),
    [
      ['app/Dockerfile', 0],
      ['other/Dockerfile', 1],
    ],
  );
  write(dir, { '.harden.yaml': only({ 'no-root-user': 'error' }) });
  assert.equal(harden(['app'], dir).code, 1, 'the .harden.yaml severity wins over .hadolint.yaml');
});

test('unknown option, bad value, unknown rule and missing path exit 2 with one line', () => {
  const dir = tree({ 'pod.yaml': UNPRIVILEGED });
  assertUsageError(harden(['--frobnicate'], dir), /Unknown option '--frobnicate'/);
  assertUsageError(harden(['--format', 'xml'], dir), /--format must be one of text, compact, json, sarif/);
  assertUsageError(harden(['--rule', 'no-such-rule=error'], dir), /unknown rule "no-such-rule"/);
  assertUsageError(
    harden(['--rule', 'no-root-user=fatal'], dir),
    /no-root-user must be one of off, hint, info, warning, error/,
  );
  assertUsageError(harden(['--rule', 'no-root-user'], dir), /--rule expects <id>=<severity>/);
  assertUsageError(harden(['--pss-level', 'privileged'], dir), /--pss-level/);
  assertUsageError(harden(['--pss-version', 'v1.2'], dir), /--pss-version/);
  assertUsageError(harden(['missing.yaml'], dir), /cannot read missing\.yaml: no such file or directory/);
  assertUsageError(harden(['rules', '--fix'], dir), /does not apply to harden rules/);
});

test('a bad config file exits 2 naming the file and the problem', () => {
  const dir = tree({
    '.harden.yaml': 'rules:\n  no-such-rule: error\n  no-root-user: loud\n',
    'pod.yaml': UNPRIVILEGED,
  });
  assertUsageError(
    harden([], dir),
    /^harden: \.harden\.yaml: unknown rule "no-such-rule"; rule "no-root-user": severity must be/,
  );
  const yaml = tree({ '.harden.yaml': 'rules: [unclosed\n', 'pod.yaml': UNPRIVILEGED });
  assertUsageError(harden([], yaml), /\.harden\.yaml: not valid YAML/);
  assertUsageError(harden(['--config', 'nope.yaml'], dir), /cannot read config file nope\.yaml/);
  const explicit = tree({ 'conf/strict.yaml': 'pss:\n  level: extreme\n', 'pod.yaml': UNPRIVILEGED });
  assertUsageError(
    harden(['--config', 'conf/strict.yaml'], explicit),
    /conf\/strict\.yaml: "pss\.level" must be baseline or restricted/,
  );
});

test('--config replaces the nearest .harden.yaml', () => {
  const dir = tree({ '.harden.yaml': only({}), 'ci.yaml': K8S_ONLY, 'pod.yaml': PRIVILEGED });
  assert.equal(harden(['pod.yaml'], dir).code, 0);
  assert.equal(harden(['--config', 'ci.yaml', 'pod.yaml'], dir).code, 1);
});

test('--help and --version exit 0', () => {
  const dir = tree({});
  const help = harden(['--help'], dir);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: harden/);
  const shown = harden(['--version'], dir);
  assert.equal(shown.code, 0);
  assert.equal(shown.stdout, `${version}\n`);
});

test('--fail-on sets the lowest severity that exits 1; never only reports', () => {
  const warned = tree({ '.harden.yaml': DOCKER_ONLY, Dockerfile: ROOT_DOCKERFILE });
  assert.equal(harden(['--fail-on', 'error'], warned).code, 0);
  assert.equal(harden(['--fail-on', 'warning'], warned).code, 1);
  assert.equal(harden(['--fail-on', 'info'], warned).code, 1);
  assert.equal(harden(['--fail-on', 'info', '--rule', 'no-root-user=info'], warned).code, 1);
  assert.equal(harden(['--fail-on', 'warning', '--rule', 'no-root-user=info'], warned).code, 0);
  assert.equal(harden(['--fail-on', 'info', '--rule', 'no-root-user=hint'], warned).code, 0, 'hints never fail a run');
  const errored = tree({ '.harden.yaml': K8S_ONLY, 'pod.yaml': PRIVILEGED });
  const never = harden(['--fail-on', 'never'], errored);
  assert.equal(never.code, 0);
  assert.match(never.stdout, /k8s-privileged-container/, 'never still reports');
  assert.equal(harden([], errored).code, 1, 'the default is error');
  assertUsageError(
    harden(['--fail-on', 'hint'], errored),
    /--fail-on must be one of error, warning, info, never, got "hint"/,
  );
});

test('--max-warnings still applies with --fail-on never', () => {
  const dir = tree({ '.harden.yaml': DOCKER_ONLY, Dockerfile: ROOT_DOCKERFILE });
  assert.equal(harden(['--fail-on', 'never', '--max-warnings', '1'], dir).code, 0);
  const over = harden(['--fail-on', 'never', '--max-warnings', '0'], dir);
  assert.equal(over.code, 1);
  assert.match(over.stderr, /too many warnings \(1\)/);
});

test('--help documents --fail-on and its default', () => {
  const help = harden(['--help'], tree({})).stdout;
  assert.match(help, /--fail-on <severity>/);
  assert.match(help, /\(default: error\)/);
});
