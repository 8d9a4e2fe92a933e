import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import type * as Sarif from 'sarif';
import { version } from '../../package.json';
import { TextReporter, wrap } from '../../server/src/cli/formatters/text';
import type { FileReport } from '../../server/src/cli/report';
import { docsUrl, type Finding } from '../../server/src/engine';
import {
  CLI,
  harden,
  json,
  only,
  PRIVILEGED,
  PRIVILEGED_ERROR,
  ROOT_DOCKERFILE,
  ROOT_WARNING,
  ruleIds,
  ruleList,
  tree,
  UNPRIVILEGED,
} from './helpers';

interface JsonFinding {
  ruleId: string;
  severity: string;
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  fixable: boolean;
}
interface JsonReport {
  version: number;
  files: { path: string; kind: string; findings: JsonFinding[] }[];
}

const BOTH = only({ ...ROOT_WARNING, ...PRIVILEGED_ERROR });
/** `privileged: true` is on line 10 (1-based); its value starts at column 21. */
const fixture = () =>
  tree({
    '.harden.yaml': BOTH,
    'k8s/pod.yaml': PRIVILEGED,
    'k8s/ok.yaml': UNPRIVILEGED,
    'k8s/values.yaml': 'replicas: 3\n',
    Dockerfile: ROOT_DOCKERFILE,
  });

test('json: the documented shape, every linted file, 0-based ranges, sorted by path', () => {
  const run = harden(['--format', 'json'], fixture());
  assert.equal(run.code, 1);
  const report = json<JsonReport>(run);
  const messages = report.files.flatMap((f) => f.findings.map((x) => x.message));
  assert.ok(messages.every((m) => typeof m === 'string' && m.length > 0));
  assert.deepEqual(report, {
    version: 1,
    files: [
      {
        path: 'Dockerfile',
        kind: 'dockerfile',
        findings: [
          {
            ruleId: 'no-root-user',
            severity: 'warning',
            message: messages[0],
            range: { start: { line: 0, character: 5 }, end: { line: 0, character: 16 } },
            fixable: false,
          },
        ],
      },
      { path: 'k8s/ok.yaml', kind: 'kubernetes', findings: [] },
      {
        path: 'k8s/pod.yaml',
        kind: 'kubernetes',
        findings: [
          {
            ruleId: 'k8s-privileged-container',
            severity: 'error',
            message: messages[1],
            range: { start: { line: 9, character: 20 }, end: { line: 9, character: 24 } },
            fixable: true,
          },
        ],
      },
    ],
  });
});

test('json: an explicit file that is neither kind is listed as "other"', () => {
  const dir = tree({ 'notes.yaml': 'title: hello\n' });
  assert.deepEqual(json(harden(['--format', 'json', 'notes.yaml'], dir)), {
    version: 1,
    files: [{ path: 'notes.yaml', kind: 'other', findings: [] }],
  });
  assert.deepEqual(
    json(harden(['--format', 'json'], dir)),
    { version: 1, files: [] },
    'walked non-manifests are not listed',
  );
});

test('text: stylish rows with 1-based positions, aligned within each file, then the summary', () => {
  const dir = fixture();
  const report = json<JsonReport>(harden(['--format', 'json'], dir));
  const [docker, pod] = [report.files[0].findings[0].message, report.files[2].findings[0].message];
  const run = harden([], dir);
  assert.equal(run.code, 1);
  assert.equal(
    run.stdout,
    [
      '',
      'Dockerfile',
      `  1:6  warning  ${docker}  no-root-user`,
      '',
      'k8s/pod.yaml',
      `  10:21  error  ${pod}  k8s-privileged-container`,
      '',
      '✖ 2 problems (1 error, 1 warning, 0 infos, 0 hints)',
      '  1 fixable with --fix',
      '',
    ].join('\n'),
  );
});

test('text: colors only when asked or on a terminal', () => {
  const dir = fixture();
  assert.doesNotMatch(harden([], dir).stdout, /\x1b\[/);
  assert.match(harden(['--color'], dir).stdout, /\x1b\[31merror/);
  assert.match(harden([], dir, { NO_COLOR: '', FORCE_COLOR: '1' }).stdout, /\x1b\[/);
  assert.doesNotMatch(harden(['--no-color'], dir, { NO_COLOR: '', FORCE_COLOR: '1' }).stdout, /\x1b\[/);
});

test('sarif: 2.1.0 log with rules, helpUri, utf16 columns, 1-based regions and fixes', () => {
  const dir = fixture();
  const run = harden(['--format', 'sarif'], dir);
  assert.equal(run.code, 1);
  const log = json<Sarif.Log>(run);
  assert.equal(log.version, '2.1.0');
  assert.match(log.$schema ?? '', /sarif-schema-2\.1\.0\.json$/);
  assert.equal(log.runs.length, 1);
  const [sarifRun] = log.runs;
  assert.equal(sarifRun.columnKind, 'utf16CodeUnits');
  assert.equal(sarifRun.tool.driver.name, 'harden');
  assert.equal(sarifRun.tool.driver.version, version);
  assert.match(sarifRun.tool.driver.informationUri ?? '', /^https:\/\//);
  assert.ok(sarifRun.originalUriBaseIds?.['%SRCROOT%']?.uri?.startsWith('file://'));

  const descriptors = sarifRun.tool.driver.rules ?? [];
  assert.deepEqual(
    descriptors.map((d) => d.id),
    ruleIds(),
  );
  const priv = descriptors.find((d) => d.id === 'k8s-privileged-container')!;
  assert.equal(priv.name, 'K8sPrivilegedContainer');
  assert.equal(priv.helpUri, docsUrl('k8s-privileged-container'));
  const meta = ruleList().find((r) => r.id === 'k8s-privileged-container')!;
  assert.equal(
    priv.defaultConfiguration?.level,
    { error: 'error', warning: 'warning', info: 'note', hint: 'note' }[meta.severity],
  );
  assert.equal(priv.shortDescription?.text, meta.title);
  assert.ok(priv.fullDescription?.text);
  assert.deepEqual(priv.properties?.tags, [meta.practice]);

  const results = sarifRun.results ?? [];
  assert.equal(results.length, 2);
  for (const r of results) assert.equal(descriptors[r.ruleIndex!].id, r.ruleId);
  const [docker, pod] = results;
  assert.equal(docker.level, 'warning');
  assert.equal(docker.fixes, undefined, 'suggestions are not SARIF fixes');
  assert.deepEqual(docker.locations?.[0].physicalLocation?.artifactLocation, {
    uri: 'Dockerfile',
    uriBaseId: '%SRCROOT%',
  });
  assert.equal(pod.level, 'error');
  const location = pod.locations?.[0].physicalLocation;
  assert.deepEqual(location?.artifactLocation, { uri: 'k8s/pod.yaml', uriBaseId: '%SRCROOT%' });
  assert.deepEqual(location?.region, { startLine: 10, startColumn: 21, endLine: 10, endColumn: 25 });
  const change = pod.fixes?.[0].artifactChanges[0];
  assert.deepEqual(change?.artifactLocation, { uri: 'k8s/pod.yaml', uriBaseId: '%SRCROOT%' });
  assert.deepEqual(change?.replacements, [
    {
      deletedRegion: { startLine: 10, startColumn: 21, endLine: 10, endColumn: 25 },
      insertedContent: { text: 'false' },
    },
  ]);
});

test('sarif: info and hint findings are notes; a clean run has an empty results list', () => {
  const dir = tree({ '.harden.yaml': only(ROOT_WARNING), Dockerfile: ROOT_DOCKERFILE });
  const hint = json<Sarif.Log>(harden(['--format', 'sarif', '--rule', 'no-root-user=hint'], dir));
  assert.equal(hint.runs[0].results?.[0].level, 'note');
  const clean = json<Sarif.Log>(harden(['--format', 'sarif', '--rule', 'no-root-user=off'], dir));
  assert.deepEqual(clean.runs[0].results, []);
});

test('bom and crlf: ranges count from after the BOM, lines split on CRLF', () => {
  const text = '\uFEFF' + PRIVILEGED.replace(/\n/g, '\r\n');
  const dir = tree({ '.harden.yaml': BOTH, 'pod.yaml': text });
  const report = json<JsonReport>(harden(['--format', 'json'], dir));
  assert.deepEqual(report.files[0].findings[0].range, {
    start: { line: 9, character: 20 },
    end: { line: 9, character: 24 },
  });
  assert.match(harden([], dir).stdout, /^ {2}10:21 {2}error/m);
  const sarif = json<Sarif.Log>(harden(['--format', 'sarif'], dir));
  assert.deepEqual(sarif.runs[0].results?.[0].locations?.[0].physicalLocation?.region, {
    startLine: 10,
    startColumn: 21,
    endLine: 10,
    endColumn: 25,
  });
});

test('utf-16 columns: a character outside the BMP counts as two', () => {
  const pod = PRIVILEGED.replace(
    '      securityContext:\n        privileged: true',
    '      securityContext: {"🚀": 1, privileged: true}',
  );
  const dir = tree({ '.harden.yaml': BOTH, 'pod.yaml': pod });
  const finding = json<JsonReport>(harden(['--format', 'json'], dir)).files[0].findings[0];
  assert.deepEqual(finding.range, { start: { line: 8, character: 45 }, end: { line: 8, character: 49 } });
  const sarif = json<Sarif.Log>(harden(['--format', 'sarif'], dir));
  assert.deepEqual(sarif.runs[0].results?.[0].locations?.[0].physicalLocation?.region, {
    startLine: 9,
    startColumn: 46,
    endLine: 9,
    endColumn: 50,
  });
});

test('text: each file is written as soon as it is linted, before the later files are done', async () => {
  // b/big.yaml takes seconds to lint with every rule on; a/Dockerfile comes first in path order.
  const deployment = (i: number) =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d${i}\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: nginx:1.27\n`;
  const dir = tree({
    'a/Dockerfile': ROOT_DOCKERFILE,
    'b/big.yaml': Array.from({ length: 400 }, (_, i) => deployment(i)).join('---\n'),
  });
  const child = spawn(process.execPath, [CLI, '.'], { cwd: dir, env: { PATH: process.env.PATH, NO_COLOR: '1' } });
  let stdout = '';
  let runningWhenFirstFileShowed: boolean | undefined;
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
    if (runningWhenFirstFileShowed === undefined && stdout.includes('a/Dockerfile\n'))
      runningWhenFirstFileShowed = child.exitCode === null && !stdout.includes('b/big.yaml');
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(code, 0, stdout);
  assert.equal(runningWhenFirstFileShowed, true, 'a/Dockerfile was printed while b/big.yaml was still being linted');
  assert.match(stdout, /\nb\/big\.yaml\n[\s\S]*✖ \d+ problems/);
  assert.equal(stdout, harden([], dir).stdout, 'the same output as a run read at once');
});

test('compact: one grep-friendly line per finding, no header or summary', () => {
  const dir = fixture();
  const report = json<JsonReport>(harden(['--format', 'json'], dir));
  const [docker, pod] = [report.files[0].findings[0].message, report.files[2].findings[0].message];
  const run = harden(['--format', 'compact'], dir);
  assert.equal(run.code, 1);
  assert.equal(
    run.stdout,
    `Dockerfile:1:6: warning ${docker} [no-root-user]\nk8s/pod.yaml:10:21: error ${pod} [k8s-privileged-container]\n`,
  );
  assert.equal(harden(['--format', 'compact', 'k8s/ok.yaml'], dir).stdout, '', 'nothing when clean');
});

test('text: on a terminal, long messages wrap under the message column to fit its width', () => {
  const finding = (message: string, ruleId: string, line: number) =>
    ({
      ruleId,
      severity: 'warning',
      message,
      range: { start: { line, character: 0 }, end: { line, character: 1 } },
    }) as unknown as Finding;
  const long = 'word '.repeat(40).trim();
  const file: FileReport = {
    path: 'Dockerfile',
    abs: '/x/Dockerfile',
    kind: 'dockerfile',
    findings: [finding('short', 'rule-a', 0), finding(long, 'rule-bb', 9)],
  };
  const render = (width?: number) => {
    let out = '';
    new TextReporter((s) => (out += s), { color: false, width }).file(file);
    return out.split('\n').filter((l) => l !== '' && l !== 'Dockerfile');
  };
  const narrow = render(60);
  for (const l of narrow) assert.ok(l.length <= 60, `${JSON.stringify(l)} fits 60 columns`);
  // `  10:1  warning  ` is 17 wide; the rule column needs 2 + 7: 60 - 17 - 9 = 34 for messages.
  assert.equal(narrow[0], `  1:1   warning  ${'short'.padEnd(34)}  rule-a`);
  assert.match(narrow[1], /^ {2}10:1 {2}warning {2}(word ){6}word {2}rule-bb$/);
  assert.ok(narrow.slice(2).every((l) => /^ {17}word( word)*$/.test(l)));
  assert.equal(
    narrow
      .slice(1)
      .join(' ')
      .replace(/\s+/g, ' ')
      .replace(' rule-bb', '')
      .replace(/^ 10:1 warning /, ''),
    long,
    'no word is lost',
  );
  // Not a terminal: one row per finding, padded only to the longest message.
  assert.deepEqual(render(), [
    `  1:1   warning  ${'short'.padEnd(long.length)}  rule-a`,
    `  10:1  warning  ${long}  rule-bb`,
  ]);
});

test('text: wrap cuts words longer than the column and keeps line breaks', () => {
  assert.deepEqual(wrap('abcdefghij xy', 4), ['abcd', 'efgh', 'ij', 'xy']);
  assert.deepEqual(wrap('one\ntwo three', 9), ['one', 'two three']);
  assert.deepEqual(wrap('fits', 10), ['fits']);
});
