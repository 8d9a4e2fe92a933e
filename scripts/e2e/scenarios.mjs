// The end-to-end scenarios, run by scripts/e2e/run.mjs as `node --test-reporter=tap scenarios.mjs`.
// Each one drives a real VS Code (code-server) in headless Chromium and asserts what a user sees.
//
// Environment (set by run.mjs):
//   HARDEN_E2E_MODE   "full" (default) or "negative" (scenario 1 only, without the extension: must fail)
//   HARDEN_E2E_VSIX   the packaged extension (full mode)
//   HARDEN_E2E_T0     Date.now() when run.mjs started, for the whole-run time
//   HARDEN_E2E_INSTALL_SECONDS  how long the install step took
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { paths } from './install.mjs';
import { groupTree, launchBrowser, startCodeServer, waitUntil } from './harness.mjs';
import { Workbench, locate } from './workbench.mjs';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const FIXTURE = join(REPO, 'test', 'fixtures', 'workspace');
const OUT = join(REPO, 'test-output', 'e2e');
const MODE = process.env.HARDEN_E2E_MODE || 'full';
const VSIX = process.env.HARDEN_E2E_VSIX || join(REPO, 'harden.vsix');
const VIEWPORT = { width: 1400, height: 1300 };
/**
 * How long a squiggle may take to appear once its file is open: measured 15 ms to 1 s on an idle machine,
 * and up to ~15 s (extension activation and server start included) with both cores busy with other work.
 */
const SQUIGGLE_TIMEOUT = 45_000;

const P = paths();
const timings = {};
mkdirSync(OUT, { recursive: true });

const fixture = (rel) => readFileSync(join(FIXTURE, rel), 'utf8');

/** A rule's metadata (title, default severity, ...) from the built CLI, so the scenarios copy none of it. */
let rulesCache;
function rule(id) {
  if (!rulesCache) {
    const res = spawnSync(process.execPath, [join(REPO, 'dist', 'cli.js'), 'rules', '--format', 'json'], {
      encoding: 'utf8',
    });
    if (res.status !== 0)
      throw new Error(`harden rules --format json failed (${res.status}): ${res.error ?? res.stderr}`);
    rulesCache = new Map(JSON.parse(res.stdout).map((r) => [r.id, r]));
  }
  const r = rulesCache.get(id);
  assert.ok(r, `rule ${id} exists`);
  return r;
}
const endsWith = (rel) => (row) => row.file.endsWith(`/workspace/${rel}`);
const ofRule = (rel, id) => (row) => endsWith(rel)(row) && row.code === id;
const count = (squiggles, severity) => squiggles.filter((x) => x.severity === severity).length;

/**
 * A code-server session with a browser page on it, opened before the tests of a `describe` and closed after
 * them (also when they fail). A failing step leaves a screenshot in test-output/e2e/failure-<name>.png.
 */
function session(name, { vsix, settings } = {}) {
  const s = { wb: undefined, cs: undefined, browser: undefined, loadStarted: 0, failed: false };
  before(async () => {
    s.cs = await startCodeServer({ paths: P, fixture: FIXTURE, vsix, settings, name });
    if (vsix) {
      timings['extension install'] = s.cs.installSeconds;
      const installed = readdirSync(join(s.cs.root, 'extensions')).filter((d) => d.startsWith('harden.harden-'));
      assert.equal(installed.length, 1, `harden.harden is installed in the session (found ${installed})`);
    }
    s.browser = await launchBrowser(P);
    const page = await s.browser.newPage({ viewport: VIEWPORT });
    s.wb = new Workbench(page, s.cs);
    s.loadStarted = await s.wb.load();
  });
  after(async () => {
    await s.browser?.close().catch(() => {});
    // A failed session keeps its folder (code-server and extension host logs), but not the control's.
    const keep = s.failed && MODE !== 'negative';
    await s.cs?.stop({ keep });
    if (keep) console.log(`# kept ${s.cs.root} (logs under user-data/logs)`);
  });
  /** it(), plus a screenshot in test-output/e2e when the step fails. */
  s.step = (title, fn) =>
    it(title, async (t) => {
      try {
        await fn(t);
      } catch (err) {
        s.failed = true;
        const shot = join(OUT, `failure-${name}-${title.replace(/\W+/g, '-').slice(0, 60)}.png`);
        await s.wb?.screenshot(shot).catch(() => {});
        t.diagnostic(`screenshot: ${shot}`);
        throw err;
      }
    });
  return s;
}

// ---------------------------------------------------------------------------------------------------------
// Scenario 1, shared by the full run and the negative control.

const DOCKERFILE = 'Dockerfile';
const ROOT_TOKEN = locate(fixture(DOCKERFILE), 'FROM node:latest', 'node:latest');

function scenario1(s) {
  s.step(
    '1. Dockerfile: a squiggle on the final FROM image, a hover with the rule and a link, a Problems row harden(no-root-user)',
    async (t) => {
      const { wb } = s;
      const { severity } = rule('no-root-user');
      await wb.openFile(DOCKERFILE);
      // Other findings (the :latest tag...) may squiggle the same token: look for one of the rule's severity.
      await wb.waitForSquigglesOn(DOCKERFILE, ROOT_TOKEN, {
        timeout: SQUIGGLE_TIMEOUT,
        pred: (l) => count(l, severity) > 0,
        what: `a squiggle (${severity})`,
      });
      timings['page load → first squiggle'] = (performance.now() - s.loadStarted) / 1000;
      t.diagnostic(`page load → first squiggle: ${timings['page load → first squiggle'].toFixed(1)} s`);

      // The hover of the squiggle (message, harden, the code) and Harden's own hover (title, rationale, docs link).
      const hover = await wb.hover(DOCKERFILE, ROOT_TOKEN, rule('no-root-user').title);
      assert.match(hover.text, /no-root-user/, `the hover names the rule:\n${hover.text}`);
      const link = hover.links.find((l) => l.text.includes('no-root-user') || /no-root-user/.test(l.href));
      assert.ok(link, `the hover links the rule's docs: ${JSON.stringify(hover.links)}`);
      assert.match(link.href, /^https?:\/\/\S+no-root-user/);
      await wb.screenshot(join(OUT, 'scenario-1-dockerfile-hover.png'));

      const rows = await wb.waitForProblems('a Problems row harden(no-root-user) for the Dockerfile', (r) =>
        r.some(ofRule(DOCKERFILE, 'no-root-user')),
      );
      const row = rows.find(ofRule(DOCKERFILE, 'no-root-user'));
      assert.equal(row.label, 'harden(no-root-user)');
      assert.equal(row.where, `[Ln ${ROOT_TOKEN.line}, Col ${ROOT_TOKEN.column}]`);
      assert.match(row.href ?? '', /no-root-user/, 'the rule id in the Problems row links the docs');
    },
  );
}

// ---------------------------------------------------------------------------------------------------------

if (MODE === 'negative') {
  describe('negative control: the same scenario 1 without the extension installed (must fail)', () => {
    const s = session('negative');
    scenario1(s);
  });
} else {
  describe('VS Code (code-server) with the Harden VSIX installed', () => {
    const s = session('main', { vsix: VSIX });
    scenario1(s);

    s.step(
      '2. Ctrl+. lists the fix and "Disable no-root-user for this line"; the fix adds a USER and the squiggle goes',
      async () => {
        const { wb } = s;
        const { severity } = rule('no-root-user');
        const original = fixture(DOCKERFILE).split('\n');
        const was = await wb.waitForSquigglesOn(DOCKERFILE, ROOT_TOKEN, { pred: (l) => count(l, severity) > 0 });
        const { titles, chosen } = await wb.quickFix(ROOT_TOKEN, /\bUSER \d+/);
        assert.ok(
          titles.includes('Disable no-root-user for this line'),
          `the menu offers to disable the rule: ${JSON.stringify(titles)}`,
        );

        await wb.waitForSquigglesOn(DOCKERFILE, ROOT_TOKEN, {
          timeout: SQUIGGLE_TIMEOUT,
          pred: (l) => count(l, severity) === count(was, severity) - 1,
          what: `the ${severity} squiggle of no-root-user to go`,
        });
        const shown = await wb.screenLines(DOCKERFILE);
        const inserted = insertedBlock(original, shown);
        assert.ok(inserted, `"${chosen}" only inserts lines:\n${shown.join('\n')}`);
        assert.deepEqual(
          inserted.lines.filter((l) => l.trim()).map((l) => l.replace(/\d+/g, 'N')),
          ['USER N:N'],
          `"${chosen}" inserts one USER line:\n${shown.join('\n')}`,
        );
        assert.ok(
          inserted.at > original.indexOf('FROM node:latest') &&
            inserted.at <= original.findIndex((l) => l.startsWith('CMD ')),
          'the USER line is in the final stage, before CMD',
        );
        await wb.waitForProblems(
          'the no-root-user row to leave the Problems panel',
          (r) => !r.some(ofRule(DOCKERFILE, 'no-root-user')),
        );
        await wb.screenshot(join(OUT, 'scenario-2-dockerfile-fixed.png'));
      },
    );

    const DEPLOYMENT = 'k8s/deployment.yaml';
    const PRIVILEGED = locate(fixture(DEPLOYMENT), '            privileged: true', 'true');
    s.step(
      '3. Kubernetes: squiggles on the container; "Harden this workload to the restricted profile" keeps the comments and the finding goes',
      async () => {
        const { wb } = s;
        const { severity } = rule('k8s-privileged-container');
        const original = fixture(DEPLOYMENT);
        await wb.openFile(DEPLOYMENT);
        await wb.waitForSquigglesOn(DEPLOYMENT, PRIVILEGED, {
          timeout: SQUIGGLE_TIMEOUT,
          pred: (l) => count(l, severity) > 0,
          what: `a squiggle (${severity})`,
        });
        const rows = await wb.waitForProblems('a Problems row harden(k8s-privileged-container)', (r) =>
          r.some(ofRule(DEPLOYMENT, 'k8s-privileged-container')),
        );
        const before = rows.filter(endsWith(DEPLOYMENT));

        await wb.quickFix(PRIVILEGED, /^Harden this workload to the restricted profile$/);
        await wb.waitForProblems(
          'the k8s-privileged-container row to leave the Problems panel',
          (r) => !r.some(ofRule(DEPLOYMENT, 'k8s-privileged-container')),
        );
        await wb.save(DEPLOYMENT, (text) => text !== original, 'the hardened manifest');
        const text = wb.disk(DEPLOYMENT);
        for (const comment of original.match(/#.*$/gm))
          assert.ok(text.includes(comment), `comment kept: ${comment}\n---\n${text}`);
        assert.equal(text.split(/^---$/m).length, 2, 'still two documents');
        assert.doesNotMatch(text, /privileged: true/);
        const priv = text.split('\n').findIndex((l) => /^\s*privileged:/.test(l));
        if (priv >= 0) {
          const line = text.split('\n')[priv];
          const m = /privileged:\s*(\S+)/.exec(line);
          const value = { line: priv + 1, column: m.index + m[0].indexOf(m[1]) + 1, length: m[1].length };
          await wb.waitForSquigglesOn(DEPLOYMENT, value, {
            pred: (l) => count(l, severity) === 0,
            what: `no ${severity} squiggle`,
          });
        }
        const left = (await wb.problems()).filter(endsWith(DEPLOYMENT));
        assert.ok(left.length < before.length, `fewer findings after hardening: ${before.length} → ${left.length}`);
        await wb.screenshot(join(OUT, 'scenario-3-kubernetes-hardened.png'));
      },
    );

    const WORKER = 'worker/Dockerfile';
    const USER_ROOT = locate(fixture(WORKER), 'USER root', 'root');
    s.step(
      '5. .harden.yaml at the workspace root turns no-root-user off (and back on at another severity) without a reload',
      async () => {
        const { wb } = s;
        const { severity } = rule('no-root-user');
        await wb.openFile(WORKER);
        const was = await wb.waitForSquigglesOn(WORKER, USER_ROOT, {
          timeout: SQUIGGLE_TIMEOUT,
          pred: (l) => count(l, severity) > 0,
          what: `a squiggle (${severity})`,
        });
        await wb.waitForProblems('a no-root-user row for worker/Dockerfile', (r) =>
          r.some(ofRule(WORKER, 'no-root-user')),
        );

        writeFileSync(wb.path('.harden.yaml'), 'rules:\n  no-root-user: off\n');
        await wb.waitForSquigglesOn(WORKER, USER_ROOT, {
          timeout: SQUIGGLE_TIMEOUT,
          pred: (l) => count(l, severity) === count(was, severity) - 1,
          what: 'the no-root-user squiggle to go',
        });
        await wb.waitForProblems('the no-root-user row to go', (r) => !r.some(ofRule(WORKER, 'no-root-user')));

        const other = severity === 'error' ? 'info' : 'error';
        writeFileSync(wb.path('.harden.yaml'), `rules:\n  no-root-user: ${other}\n`);
        await wb.waitForSquigglesOn(WORKER, USER_ROOT, {
          timeout: SQUIGGLE_TIMEOUT,
          pred: (l) => count(l, other) > 0,
          what: `a squiggle (${other})`,
        });
        assert.ok(await wb.notReloaded(), 'the page was not reloaded');
      },
    );

    const TYPED_DOCKERFILE = 'typed/Dockerfile';
    s.step(
      '8. a new Dockerfile: typing FR offers FROM (from Harden alone), and the hover on RUN shows its docs next to the finding',
      async () => {
        const { wb } = s;
        mkdirSync(dirname(wb.path(TYPED_DOCKERFILE)), { recursive: true });
        writeFileSync(wb.path(TYPED_DOCKERFILE), '# typed by the e2e test\n');
        await wb.openFile(TYPED_DOCKERFILE);
        await wb.goTo(2, 1);
        await wb.page.keyboard.type('FR');
        await wb.page.keyboard.press('Control+Space');
        const rows = await waitUntil(
          'the suggest widget to offer FROM',
          async () => {
            const labels = await wb.page.$$eval('.suggest-widget.visible .monaco-list-row', (els) =>
              els.map((e) => ({
                label: e.getAttribute('aria-label') || e.innerText,
                focused: e.classList.contains('focused'),
              })),
            );
            return labels.some((l) => /^FROM\b/.test(l.label)) ? labels : undefined;
          },
          { timeout: 20_000 },
        );
        // One FROM: no second Dockerfile server in this profile offers it again.
        assert.equal(rows.filter((l) => /^FROM\b/.test(l.label)).length, 1, `one FROM item: ${JSON.stringify(rows)}`);
        assert.ok(
          rows.find((l) => l.focused && /^FROM\b/.test(l.label)),
          `FROM is the focused item: ${JSON.stringify(rows)}`,
        );
        await wb.page.keyboard.press('Enter');
        await waitUntil(
          'line 2 to start with FROM',
          async () => ((await wb.screenLines(TYPED_DOCKERFILE))[1] ?? '').startsWith('FROM'),
          { timeout: 10_000 },
        );
        await wb.page.keyboard.press('Escape');
        // Whatever the completion inserted after FROM (a snippet placeholder, a space) is replaced by a known line.
        await wb.page.keyboard.press('Home');
        await wb.page.keyboard.press('Shift+End');
        await wb.page.keyboard.type('FROM debian:12\nRUN apt-get install curl\n');
        const RUN = { line: 3, column: 1, length: 3 };
        const install = { line: 3, column: 5, length: 15 };
        await wb.waitForSquigglesOn(TYPED_DOCKERFILE, install, {
          timeout: SQUIGGLE_TIMEOUT,
          what: 'a squiggle on apt-get install',
        });
        const hover = await wb.hover(TYPED_DOCKERFILE, RUN, 'Execute any commands');
        assert.ok(
          hover.text.includes(rule('package-install-yes').title),
          `the hover on RUN also shows the finding on its line:\n${hover.text}`,
        );
        await wb.screenshot(join(OUT, 'scenario-8-dockerfile-completion-hover.png'));
      },
    );
  });

  // Scenario 7 has a session of its own, so that no other scenario runs against a restarted server.
  describe('VS Code with the Harden server killed (issue 7: the client restarts it)', () => {
    const s = session('restart', { vsix: VSIX });
    const RESTARTED = 'The Harden server stopped unexpectedly and was restarted.';
    const EXPOSE_LINE = locate(fixture(DOCKERFILE), 'EXPOSE ', 'EXPOSE').line;
    const TYPED = 'EXPOSE 99999';
    const BAD_PORT = locate(TYPED, TYPED, '99999');

    s.step(
      '7. SIGKILL the language server: a warning says it was restarted, a new server runs, and typing squiggles a new finding',
      async (t) => {
        const { wb, cs } = s;
        const root = rule('no-root-user');
        const expose = rule('invalid-expose');
        await wb.openFile(DOCKERFILE);
        await wb.waitForSquigglesOn(DOCKERFILE, ROOT_TOKEN, {
          timeout: SQUIGGLE_TIMEOUT,
          pred: (l) => count(l, root.severity) > 0,
          what: `a squiggle (${root.severity})`,
        });

        const old = await waitUntil(
          'one Harden server process in the session',
          () => {
            const found = serverProcesses(cs);
            return found.length === 1 && found[0];
          },
          { timeout: SQUIGGLE_TIMEOUT },
        );
        t.diagnostic(`server before: pid ${old.pid}, parent ${old.ppid}: ${old.argv.join(' ')}`);
        assert.ok(
          !(await wb.notifications()).some((m) => m.includes(RESTARTED)),
          'no restart notification before the kill',
        );

        process.kill(old.pid, 'SIGKILL');
        const killed = performance.now();

        // (a) the client's warning
        await waitUntil(
          `the notification "${RESTARTED}"`,
          async () => (await wb.notifications()).some((m) => m.includes(RESTARTED)),
          { timeout: SQUIGGLE_TIMEOUT },
        );
        timings['server killed → restart notification'] = (performance.now() - killed) / 1000;
        await wb.screenshot(join(OUT, 'scenario-7-server-restarted.png'));

        // (b) a new server, started by the same extension host (the host itself did not restart)
        const fresh = await waitUntil(
          'a new Harden server process (another pid) in place of the killed one',
          () => {
            const found = serverProcesses(cs);
            return found.length === 1 && found[0].pid !== old.pid && found[0];
          },
          { timeout: SQUIGGLE_TIMEOUT },
        );
        t.diagnostic(`server after: pid ${fresh.pid}, parent ${fresh.ppid}`);
        assert.equal(fresh.ppid, old.ppid, 'the new server is a child of the same extension host');

        // (c) diagnostics work again: a line typed now gets its own squiggle and Problems row.
        await wb.goTo(EXPOSE_LINE, 1);
        await wb.page.keyboard.type(`${TYPED}\n`);
        const at = { ...BAD_PORT, line: EXPOSE_LINE };
        await wb.waitForSquigglesOn(DOCKERFILE, at, {
          timeout: SQUIGGLE_TIMEOUT,
          pred: (l) => count(l, expose.severity) > 0,
          what: `an invalid-expose squiggle (${expose.severity}) on the typed port`,
        });
        timings['server killed → squiggle on a typed line'] = (performance.now() - killed) / 1000;
        await wb.waitForProblems('a Problems row harden(invalid-expose) for the typed line', (r) =>
          r.some(
            (row) => ofRule(DOCKERFILE, 'invalid-expose')(row) && row.where === `[Ln ${at.line}, Col ${at.column}]`,
          ),
        );
        await wb.waitForSquigglesOn(DOCKERFILE, ROOT_TOKEN, {
          timeout: SQUIGGLE_TIMEOUT,
          pred: (l) => count(l, root.severity) > 0,
          what: `the no-root-user squiggle (${root.severity}) again`,
        });
        assert.deepEqual(
          serverProcesses(cs).map((p) => p.pid),
          [fresh.pid],
          'still the one new server',
        );
        await wb.screenshot(join(OUT, 'scenario-7-diagnostics-after-restart.png'));
      },
    );
  });

  // The negative control (a child run.mjs with its own code-server and browser) runs after the fix-on-save session,
  // not beside it, so that its start-up load does not slow the sessions under test.
  const startControl = () => {
    const started = performance.now();
    return runChild([join(REPO, 'scripts', 'e2e', 'run.mjs'), '--negative-control']).then((r) => ({
      ...r,
      seconds: (performance.now() - started) / 1000,
    }));
  };

  describe('VS Code with "editor.codeActionsOnSave": {"source.fixAll.harden": "explicit"}', () => {
    const s = session('save', {
      vsix: VSIX,
      settings: { 'editor.codeActionsOnSave': { 'source.fixAll.harden': 'explicit' } },
    });
    const DEPLOYMENT = 'k8s/deployment.yaml';
    const PRIVILEGED = locate(fixture(DEPLOYMENT), '            privileged: true', 'true');
    const TYPED = '# reviewed by the e2e test';

    s.step('4. saving applies all safe fixes (the same result as harden --fix)', async (t) => {
      const { wb } = s;
      // Code actions on save are a save participant, which the workbench registers in idle time after restoring the
      // editors (about 20 s after load here): a save before that skips them (scenario 4 failed on an idle machine).
      await wb.waitForWorkbenchContributions(3);
      await wb.openFile(DEPLOYMENT);
      await wb.waitForSquigglesOn(DEPLOYMENT, PRIVILEGED, { timeout: SQUIGGLE_TIMEOUT });
      await wb.goTo(1, 1);
      await wb.page.keyboard.type(`${TYPED}\n`);
      // Save only once the server has linted the typed version (the squiggle moved down a line): a save that
      // races the edit's sync can skip the fix-all participant in code-server under load.
      await wb.waitForSquigglesOn(
        DEPLOYMENT,
        { ...PRIVILEGED, line: PRIVILEGED.line + 1 },
        { timeout: SQUIGGLE_TIMEOUT },
      );
      await wb.save(DEPLOYMENT, (text) => text.startsWith(TYPED), 'the typed line');
      const FIXED = /^ {12}privileged: false # needed by the old log shipper$/m;
      if (!FIXED.test(wb.disk(DEPLOYMENT))) {
        // Seen once in a cold CI run on a loaded machine: the first save wrote the typed text without running the
        // fix-all participant. An explicit save of the unchanged editor runs the participants again; the file must
        // then be fixed, so a participant that never runs still fails below. Reported, so that it stays visible.
        t.diagnostic('the first save did not run the fix-all participant; saving again');
        await wb.save(DEPLOYMENT, (text) => FIXED.test(text), 'the fixed file');
      }
      const saved = wb.disk(DEPLOYMENT);
      assert.match(saved, FIXED);
      assert.equal(
        saved,
        cliFix(`${TYPED}\n${fixture(DEPLOYMENT)}`, 'deployment.yaml'),
        'the saved file is what `harden --fix` makes of it',
      );
      await wb.waitForProblems(
        'no k8s-privileged-container row',
        (r) => !r.some(ofRule(DEPLOYMENT, 'k8s-privileged-container')),
      );
    });
  });

  describe('negative control', () => {
    it('6. node scripts/e2e/run.mjs --negative-control fails (scenario 1 without the extension)', async (t) => {
      const { code, out, seconds } = await startControl();
      timings['negative control'] = seconds;
      for (const line of out.split('\n').filter((l) => /^# (tests|pass|fail) |^not ok|timed out/.test(l.trim())))
        t.diagnostic(`control: ${line.trim()}`);
      assert.notEqual(code, 0, `the negative control must fail; it exited ${code}:\n${out}`);
      assert.match(out, /^\s*not ok \d+ - 1\. Dockerfile/m, 'scenario 1 is the test that failed');
      assert.match(out, /timed out after \d+ ms waiting for a squiggle/, 'it failed because no squiggle appeared');
      assert.match(out, /^# fail [1-9]/m, "node's summary counts the failure");
    });
  });
}

after(() => {
  const t0 = Number(process.env.HARDEN_E2E_T0 || 0);
  if (process.env.HARDEN_E2E_INSTALL_SECONDS) timings.install = Number(process.env.HARDEN_E2E_INSTALL_SECONDS);
  if (t0) timings['whole run'] = (Date.now() - t0) / 1000;
  for (const [k, v] of Object.entries(timings)) console.log(`# time: ${k}: ${v.toFixed(1)} s`);
});

/**
 * The Harden language servers of a code-server session: node processes of the session's own process group,
 * descended from its code-server, that run dist/server.js of the extension installed in the session's own
 * extensions folder. [{ pid, ppid, argv }]
 */
function serverProcesses(cs) {
  const server = new RegExp(`^${escapeRegExp(join(cs.root, 'extensions'))}/harden\\.harden-[^/]+/dist/server\\.js$`);
  return groupTree(cs.pgid).filter((p) => p.argv.some((a) => server.test(a)));
}

const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** What `harden --fix` (the CLI in dist/) makes of `text`, in a folder of its own with no .harden.yaml. */
function cliFix(text, name) {
  const dir = mkdtempSync(join(tmpdir(), 'harden-e2e-cli-'));
  try {
    writeFileSync(join(dir, name), text);
    const res = spawnSync(process.execPath, [join(REPO, 'dist', 'cli.js'), '--fix', '--format', 'json', name], {
      cwd: dir,
      encoding: 'utf8',
    });
    if (res.status === 2 || res.error) throw new Error(`harden --fix failed: ${res.error ?? res.stderr}`);
    return readFileSync(join(dir, name), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** When `after` is `before` with one block of lines inserted: { at, lines }; otherwise null. */
function insertedBlock(before, after) {
  const n = after.length - before.length;
  if (n <= 0) return null;
  let at = 0;
  while (at < before.length && before[at] === after[at]) at++;
  return after.slice(at + n).join('\n') === before.slice(at).join('\n') ? { at, lines: after.slice(at, at + n) } : null;
}

function runChild(args) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, args, { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, out }));
  });
}
