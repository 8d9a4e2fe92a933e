// The npm package: `npm pack` of the built tree installs into an empty folder offline, from the tarball alone
// (an empty npm cache, no registry), and its two bin entries run from node_modules/.bin. `npm run build` first.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';

const ROOT = resolve(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  dependencies?: object;
  bin: Record<string, string>;
};

/** What the package holds: the two Node bundles, the config schema (for editors other than VS Code), docs. */
const EXPECTED_FILES = [
  'LICENSE',
  'README.md',
  'dist/cli.js',
  'dist/server.js',
  'package.json',
  'schemas/harden-config.schema.json',
];

/** The environment of an npm started from `npm test`, without what the outer npm exported. */
function npmEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(npm_config_|npm_lifecycle_|npm_package_)/i.test(k)) continue;
    if (['npm_execpath', 'npm_node_execpath', 'npm_command', 'init_cwd'].includes(k.toLowerCase())) continue;
    env[k] = v;
  }
  return { ...env, ...extra };
}

let work: string;
let tarball: string;
let packed: string[];
let app: string;
let env: NodeJS.ProcessEnv;

before(() => {
  assert.ok(existsSync(join(ROOT, 'dist', 'cli.js')), 'dist/cli.js is missing: run npm run build first');
  work = mkdtempSync(join(tmpdir(), 'harden-pack-'));
  // An empty cache and an unreachable registry: whatever npm would fetch fails the install.
  env = npmEnv({
    npm_config_cache: join(work, 'cache'),
    npm_config_registry: 'http://127.0.0.1:9/',
    npm_config_userconfig: join(work, 'npmrc'),
    npm_config_update_notifier: 'false',
  });
  writeFileSync(join(work, 'npmrc'), '');
  const pack = spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
  });
  assert.equal(pack.status, 0, pack.stderr);
  const [info] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
  tarball = join(work, info.filename);
  packed = info.files.map((f) => f.path).sort();
  app = join(work, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true }));
  const install = spawnSync('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball], {
    cwd: app,
    env,
    encoding: 'utf8',
  });
  assert.equal(install.status, 0, `npm install failed:\n${install.stdout}\n${install.stderr}`);
});

after(() => rmSync(work, { recursive: true, force: true }));

test('the package has no runtime dependencies: the bundles hold them', () => {
  assert.equal(pkg.dependencies, undefined);
  assert.deepEqual(pkg.bin, { harden: './dist/cli.js', 'harden-language-server': './dist/server.js' });
});

test('the packed files are the two Node bundles, the config schema, README, LICENSE and the manifest', () => {
  // No VS Code client bundle, grammar or rule docs (the VSIX carries those), no sources, no source maps.
  assert.deepEqual(packed, EXPECTED_FILES);
});

const bin = (name: string) => join(app, 'node_modules', '.bin', name);

test('harden --version from node_modules/.bin prints the package version', () => {
  const res = spawnSync(bin('harden'), ['--version'], { cwd: app, encoding: 'utf8' });
  assert.equal(res.status, 0, res.stderr);
  assert.equal(res.stdout, `${pkg.version}\n`);
  const short = spawnSync(bin('harden'), ['-v'], { cwd: app, encoding: 'utf8' });
  assert.equal(short.stdout, `${pkg.version}\n`);
});

test('the installed harden lints a folder (npx harden .)', () => {
  writeFileSync(join(app, 'Dockerfile'), 'FROM alpine:3.20\nCMD ["sh"]\n');
  const res = spawnSync('npx', ['--offline', 'harden', '.', '--format', 'compact', '--fail-on', 'warning'], {
    cwd: app,
    env,
    encoding: 'utf8',
  });
  assert.equal(res.status, 1, res.stderr);
  assert.match(res.stdout, /^Dockerfile:\d+:\d+: warning .*\[no-root-user\]$/m);
});

test('the installed harden-language-server answers initialize over stdio', async () => {
  const child = spawn(bin('harden-language-server'), ['--stdio'], { cwd: app, stdio: ['pipe', 'pipe', 'pipe'] });
  const send = (msg: object) => {
    const body = JSON.stringify({ jsonrpc: '2.0', ...msg });
    child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  };
  const reply = new Promise<{ id: number; result: { capabilities: object; serverInfo?: { name: string } } }>(
    (res, rej) => {
      let buf = '';
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (d: string) => {
        buf += d;
        for (const m of buf.matchAll(/Content-Length: (\d+)\r\n\r\n/g)) {
          const start = m.index + m[0].length;
          const body = buf.slice(start, start + Number(m[1]));
          if (body.length < Number(m[1])) return;
          const msg = JSON.parse(body) as { id?: number };
          if (msg.id === 1) res(msg as never);
        }
      });
      child.on('error', rej);
      setTimeout(() => rej(new Error('no initialize reply in 20 s')), 20_000).unref();
    },
  );
  send({ id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
  const r = await reply;
  assert.equal(typeof r.result.capabilities, 'object');
  send({ id: 2, method: 'shutdown' });
  send({ method: 'exit' });
  const code = await new Promise<number | null>((res) => child.on('exit', res));
  assert.equal(code, 0);
});
