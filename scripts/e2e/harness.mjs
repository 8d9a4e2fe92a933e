// The machinery under the end-to-end scenarios: a throw-away code-server in its own process group, and
// headless Debian Chromium driven by playwright-core. Nothing here knows about Harden's rules.
import { spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  closeSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

/** Settings every session gets: no telemetry, updates, recommendations, welcome page or AI features. */
export const BASE_SETTINGS = Object.freeze({
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.enableExperiments': false,
  'workbench.settings.enableNaturalLanguageSearch': false,
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  // VS Code on the web saves after a delay by default; the scenarios save when a user would (Ctrl+S).
  'files.autoSave': 'off',
  'editor.quickSuggestions': { other: false, comments: false, strings: false },
  'editor.suggestOnTriggerCharacters': false,
  'editor.inlineSuggest.enabled': false,
});

const CODE_SERVER_FLAGS = [
  '--auth',
  'none',
  '--disable-telemetry',
  '--disable-update-check',
  '--disable-workspace-trust',
  '--disable-getting-started-override',
  '--ignore-last-opened',
];

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// ---------------------------------------------------------------------------------------------------------
// Waiting without fixed sleeps: poll a condition until it holds or the deadline passes.

/** Thrown from a waitUntil condition to stop waiting at once (the state can no longer come). */
export class Fatal extends Error {}

export async function waitUntil(what, fn, { timeout = 30_000, interval = 50 } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (err) {
      if (err instanceof Fatal) throw err;
      last = err;
    }
    if (Date.now() > deadline) {
      const detail = last instanceof Error ? `: ${last.message}` : '';
      throw new Error(`timed out after ${timeout} ms waiting for ${what}${detail}`);
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}

// ---------------------------------------------------------------------------------------------------------
// Process groups. Every code-server we start is a group leader (spawn's `detached` calls setsid); we stop
// exactly those groups, and make sure of it on the way out even if the test process is killed.

const liveGroups = new Set();
function killLiveGroupsNow() {
  for (const pgid of liveGroups) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
  liveGroups.clear();
}
process.on('exit', killLiveGroupsNow);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    killLiveGroupsNow();
    process.exit(128 + { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 }[sig]);
  });
}

/** Pids of the processes whose process group is `pgid` (from /proc; zombies count until reaped). */
export function groupMembers(pgid) {
  return [...groupStats(pgid).keys()];
}

/** Live members of process group `pgid`: pid → { ppid }. */
function groupStats(pgid) {
  const members = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // pid (comm) state ppid pgrp ... — comm may hold spaces and parentheses, so split after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid && fields[0] !== 'Z') members.set(Number(name), { ppid: Number(fields[1]) });
    } catch {
      /* the process ended while we looked */
    }
  }
  return members;
}

/**
 * The live processes of process group `pgid` that descend from its leader (`pgid` itself), with their parent
 * and command line: [{ pid, ppid, argv }]. Only ever this group: another session's processes are not read.
 */
export function groupTree(pgid) {
  const procs = new Map();
  for (const [pid, { ppid }] of groupStats(pgid)) {
    try {
      const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
      procs.set(pid, { pid, ppid, argv });
    } catch {
      /* the process ended while we looked */
    }
  }
  const descends = (p, seen = new Set()) =>
    p.pid === pgid || (!seen.has(p.pid) && procs.has(p.ppid) && descends(procs.get(p.ppid), seen.add(p.pid)));
  return [...procs.values()].filter((p) => descends(p));
}

async function stopGroup(pgid) {
  try {
    process.kill(-pgid, 'SIGTERM');
  } catch {
    liveGroups.delete(pgid);
    return;
  }
  try {
    await waitUntil(`process group ${pgid} to exit after SIGTERM`, () => groupMembers(pgid).length === 0, {
      timeout: 10_000,
    });
  } catch {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      /* gone in between */
    }
    await waitUntil(`process group ${pgid} to exit after SIGKILL`, () => groupMembers(pgid).length === 0, {
      timeout: 10_000,
    });
  }
  liveGroups.delete(pgid);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// ---------------------------------------------------------------------------------------------------------
// code-server

/**
 * Starts a fresh code-server: its own HOME, XDG_* and TMPDIR under a new temp folder, a copy of
 * `fixture` as the workspace, user `settings` on top of BASE_SETTINGS, and `vsix` installed when given.
 * kind 'vscode-server' starts the plain VS Code Server that code-server ships instead (no VSIX), with
 * --enable-smoke-test-driver so that a page can run an extension's tests (test/e2e/electron/runWeb.mjs).
 * Returns { url, workspace, root, logFile, installSeconds, stop() }.
 */
export async function startCodeServer({ paths, fixture, vsix, settings = {}, name = 'session', kind = 'code-server' }) {
  if (vsix && kind === 'vscode-server') throw new Error('startCodeServer: a VSIX is only installed into code-server');
  const root = mkdtempSync(join(tmpdir(), `harden-e2e-${name}-`));
  const dirs = {
    home: join(root, 'home'),
    config: join(root, 'xdg-config'),
    data: join(root, 'xdg-data'),
    cache: join(root, 'xdg-cache'),
    state: join(root, 'xdg-state'),
    runtime: join(root, 'xdg-runtime'),
    tmp: join(root, 'tmp'),
    userData: join(root, 'user-data'),
    extensions: join(root, 'extensions'),
    workspace: join(root, 'workspace'),
  };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true, mode: 0o700 });
  cpSync(fixture, dirs.workspace, { recursive: true });
  // code-server keeps user settings on the server; VS Code Server's web client keeps them in the browser,
  // so there they go in as the remote machine's settings.
  const settingsFile =
    kind === 'vscode-server'
      ? join(root, 'server-data', 'data', 'Machine', 'settings.json')
      : join(dirs.userData, 'User', 'settings.json');
  mkdirSync(dirname(settingsFile), { recursive: true });
  // HARDEN_E2E_TRACE=1: the workbench logs at trace level and Harden's client logs the LSP traffic (both land
  // in the session folder, kept when a scenario fails: user-data/logs/*/exthost1/harden.harden/Harden.log).
  const trace = process.env.HARDEN_E2E_TRACE === '1';
  const traceSettings = trace ? { 'harden.trace.server': 'verbose' } : {};
  writeFileSync(settingsFile, JSON.stringify({ ...BASE_SETTINGS, ...traceSettings, ...settings }, null, 2));
  const configFile = join(root, 'config.yaml');
  writeFileSync(configFile, 'auth: none\ncert: false\n');

  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!/^(VSCODE_|ELECTRON_|npm_|NODE_OPTIONS$|NODE_TEST)/.test(k)) env[k] = v;
  }
  Object.assign(env, {
    PATH: `${dirname(paths.node24)}:${process.env.PATH}`,
    HOME: dirs.home,
    XDG_CONFIG_HOME: dirs.config,
    XDG_DATA_HOME: dirs.data,
    XDG_CACHE_HOME: dirs.cache,
    XDG_STATE_HOME: dirs.state,
    XDG_RUNTIME_DIR: dirs.runtime,
    TMPDIR: dirs.tmp,
    NODE_DISABLE_COMPILE_CACHE: '1',
  });
  const dataDirs = ['--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];
  const common = ['--config', configFile, ...dataDirs];

  let installSeconds = 0;
  if (vsix) {
    const t0 = performance.now();
    const res = spawnSync(paths.node24, [paths.codeServerEntry, ...common, '--install-extension', vsix, '--force'], {
      env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    installSeconds = (performance.now() - t0) / 1000;
    if (res.status !== 0) throw new Error(`installing ${vsix} failed (${res.status}):\n${res.stdout}\n${res.stderr}`);
  }

  const port = await freePort();
  const logFile = join(root, 'code-server.log');
  const logFd = openSync(logFile, 'a');
  const args =
    kind === 'vscode-server'
      ? [
          paths.vscodeServerEntry,
          '--host',
          '127.0.0.1',
          '--port',
          String(port),
          '--without-connection-token',
          '--accept-server-license-terms',
          '--enable-smoke-test-driver',
          '--disable-telemetry',
          '--server-data-dir',
          join(root, 'server-data'),
          ...dataDirs,
        ]
      : [paths.codeServerEntry, ...common, ...CODE_SERVER_FLAGS, '--bind-addr', `127.0.0.1:${port}`, dirs.workspace];
  if (trace) args.push('--log', 'trace');
  const child = spawn(paths.node24, args, { env, cwd: dirs.home, detached: true, stdio: ['ignore', logFd, logFd] });
  closeSync(logFd);
  const pgid = child.pid;
  liveGroups.add(pgid);
  let exited = null;
  child.on('exit', (code, signal) => (exited = { code, signal }));

  const base = `http://127.0.0.1:${port}`;
  const stop = async ({ keep = false } = {}) => {
    await stopGroup(pgid);
    if (!keep) rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  };
  try {
    const health = kind === 'vscode-server' ? `${base}/version` : `${base}/healthz`;
    await waitUntil(
      `${kind} on ${health}`,
      async () => {
        if (exited)
          throw new Fatal(`${kind} exited early (${JSON.stringify(exited)}); log:\n${readFileSync(logFile, 'utf8')}`);
        const res = await fetch(health).catch(() => null);
        return res?.ok;
      },
      { timeout: 60_000, interval: 100 },
    );
  } catch (err) {
    await stop({ keep: true });
    throw err;
  }
  return {
    url: `${base}/?folder=${encodeURIComponent(dirs.workspace)}`,
    workspace: dirs.workspace,
    root,
    logFile,
    pgid,
    installSeconds,
    stop,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Chromium

export async function launchBrowser(paths) {
  const require = createRequire(paths.playwrightCore);
  const { chromium } = require(paths.playwrightCore);
  return chromium.launch({ executablePath: paths.chromium, headless: true, args: CHROMIUM_ARGS });
}
