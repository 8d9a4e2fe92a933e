// `harden report [paths] --format html|md`: one row per practice, counts per rule and file, an explained score;
// the HTML is self-contained (CSP locked, no script, no request) and renders offline in Debian's Chromium.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { PRACTICES } from '../../server/src/engine';
import { harden, only, PRIVILEGED, PRIVILEGED_ERROR, ROOT_DOCKERFILE, ROOT_WARNING, tree } from './helpers';

const ROOT = resolve(__dirname, '..', '..');
const RULES = only({ ...PRIVILEGED_ERROR, ...ROOT_WARNING });
const NON_ROOT_DOCKERFILE = 'FROM alpine:3.20\nUSER 10001\nCMD ["sh"]\n';

/** Two Dockerfiles (one runs as root), one privileged pod: least privilege passes 1 file of 3. */
function repo(extra: Record<string, string> = {}): string {
  return tree({
    '.harden.yaml': RULES,
    'root/Dockerfile': ROOT_DOCKERFILE,
    'ok/Dockerfile': NON_ROOT_DOCKERFILE,
    'k8s/pod.yaml': PRIVILEGED,
    ...extra,
  });
}

test('markdown: one row per practice, the explained score, rules and files with their counts', () => {
  const run = harden(['report', '--format', 'md'], repo());
  assert.equal(run.code, 0, run.stderr);
  const md = run.stdout;
  // Least privilege: 1 of 3 files passes (33%); the ten other practices have files and no findings (100%).
  assert.match(md, /^\*\*Score: 94%\*\* — 2 Dockerfiles, 1 Kubernetes manifest; 1 error, 1 warning, 0 info, 0 hint/m);
  assert.match(md, /How the score is computed: Each practice scores the percentage/);
  const practiceRows = md.split('\n').filter((l) => /^\| [A-Z].* \| (\d+%|n\/a) \| /.test(l));
  assert.equal(practiceRows.length, PRACTICES.length);
  assert.ok(
    md.includes('| Least privilege: users, security contexts, RBAC | 33% | 1 / 3 | 0 / 1 | 1 | 1 | 0 | 0 |'),
    md,
  );
  assert.ok(md.includes('| Resource requests and limits | 100% | 1 / 1 | 1 / 1 | 0 | 0 | 0 | 0 |'), md);
  assert.ok(md.includes('| Minimal base images | 100% | 2 / 2 |'), md);
  assert.match(md, /^\| \[k8s-privileged-container\]\([^)]+\) \| least-privilege \| 1 \| 1 \| 0 \| 0 \| 0 \|$/m);
  assert.match(md, /^\| \[no-root-user\]\([^)]+\) \| least-privilege \| 1 \| 0 \| 1 \| 0 \| 0 \|$/m);
  assert.ok(md.includes('| [k8s/pod.yaml](k8s/pod.yaml) | kubernetes | 1 | 0 | 0 | 0 |'), md);
  assert.ok(md.includes('| [ok/Dockerfile](ok/Dockerfile) | dockerfile | 0 | 0 | 0 | 0 |'), md);
  // Per workload: the objects with a pod spec, their findings and the practices they fail.
  assert.ok(md.includes('| Pod/p | [k8s/pod.yaml:1](k8s/pod.yaml) | 1 | 0 | 0 | 0 | least-privilege |'), md);
});

test('html: self-contained, CSP locked, no script, a data-practice row and bar per practice, the score explained', () => {
  const run = harden(['report'], repo({ 'k8s/odd <name>.yaml': PRIVILEGED }));
  assert.equal(run.code, 0, run.stderr);
  const html = run.stdout;
  assert.match(html, /^<!DOCTYPE html>/);
  assert.match(
    html,
    /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;|default-src 'none'/,
  );
  assert.match(html, /content="default-src 'none'; style-src 'unsafe-inline'; img-src data:/);
  assert.doesNotMatch(html, /<script|<link|<img|<iframe|<object|@import|url\(/i);
  assert.doesNotMatch(html, /\ssrc=/i);
  for (const p of PRACTICES) {
    assert.ok(html.includes(`<tr data-practice="${p}"`), `no table row for ${p}`);
    assert.ok(html.includes(`<g data-practice="${p}">`), `no bar for ${p}`);
  }
  assert.match(html, /<svg role="img" aria-label="Score per practice"/);
  assert.equal(html.split('<tr data-workload="Pod/p">').length - 1, 2); // pod.yaml and odd <name>.yaml
  assert.match(html, /id="score-explanation"><strong>How the score is computed\.<\/strong>/);
  assert.match(html, /data-score="93"/); // least privilege: 1 of 4 files, 25%; (10 × 100 + 25) / 11 = 93.2
  assert.ok(html.includes('k8s/odd &lt;name&gt;.yaml'), 'file names are escaped');
  assert.ok(html.includes('href="k8s/odd%20%3Cname%3E.yaml"'), 'links open the file, relative to the report');
});

test('practices beyond the files: what the repository has (Dependabot, a scanner in CI) or how to add it', () => {
  const none = harden(['report', '--format', 'md'], repo()).stdout;
  assert.match(none, /No Dependabot or Renovate configuration found: add \.github\/dependabot\.yml/);
  assert.match(none, /No scanner found in the CI files/);
  const dir = repo({
    '.github/dependabot.yml': 'version: 2\nupdates:\n  - package-ecosystem: "docker"\n    directory: "/"\n',
    '.github/workflows/ci.yml': 'jobs:\n  scan:\n    steps:\n      - uses: aquasecurity/trivy-action@0.28.0\n',
  });
  const found = harden(['report', '--format', 'md'], dir).stdout;
  assert.match(found, /Found: \.github\/dependabot\.yml \(Dependabot, Docker images\)\./);
  assert.match(found, /Found: \.github\/workflows\/ci\.yml \(Trivy\)\./);
});

test('no Dockerfile or manifest: score n/a and every practice without files', () => {
  const run = harden(['report', '--format', 'md'], tree({ 'README.md': '# nothing\n' }));
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /\*\*Score: n\/a\*\*/);
  assert.match(run.stdout, /No Dockerfile or Kubernetes manifest was found\./);
  assert.equal(run.stdout.split('\n').filter((l) => l.includes('| n/a | no files |')).length, PRACTICES.length);
});

test('report options: lint-only options and unknown formats are usage errors', () => {
  const dir = repo();
  for (const args of [
    ['report', '--fix'],
    ['report', '--format', 'sarif'],
    ['report', '--fail-on', 'warning'],
  ]) {
    const run = harden(args, dir);
    assert.equal(run.code, 2, args.join(' '));
    assert.match(run.stderr, /^harden: /);
    assert.equal(run.stdout, '');
  }
  // --rule and --config apply as in a lint.
  const off = harden(['report', '--format', 'md', '--rule', 'k8s-privileged-container=off'], dir).stdout;
  assert.ok(off.includes('| Least privilege: users, security contexts, RBAC | 67% | 2 / 3 | 1 / 1 | 0 | 1 |'), off);
});

const chromium = ['chromium', 'chromium-browser'].find((c) => spawnSync('sh', ['-c', `command -v ${c}`]).status === 0);

test(
  'Chromium renders the report offline: the DOM has every practice row; a screenshot goes to test-output',
  { skip: chromium ? false : 'Chromium is not installed (Debian: apt-get install chromium)', timeout: 120_000 },
  () => {
    const dir = repo();
    const page = join(dir, 'report.html');
    writeFileSync(page, harden(['report'], dir).stdout);
    const flags = [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--no-first-run',
      // Any request would fail: the page must not need one.
      '--host-resolver-rules=MAP * ~NOTFOUND',
      `--user-data-dir=${join(dir, 'profile')}`,
    ];
    const dom = spawnSync(chromium!, [...flags, '--dump-dom', `file://${page}`], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(dom.status, 0, dom.stderr);
    for (const p of PRACTICES) assert.ok(dom.stdout.includes(`data-practice="${p}"`), p);
    const out = join(ROOT, 'test-output');
    mkdirSync(out, { recursive: true });
    const png = join(out, 'report.png');
    const shot = spawnSync(chromium!, [...flags, '--window-size=1280,1600', `--screenshot=${png}`, `file://${page}`], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(shot.status, 0, shot.stderr);
    assert.ok(existsSync(png) && statSync(png).size > 10_000, 'screenshot written');
    assert.deepEqual([...readFileSync(png).subarray(1, 4)], [0x50, 0x4e, 0x47]); // "PNG"
  },
);
