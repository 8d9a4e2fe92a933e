// Harden's language server in Neovim, a real LSP client that is not VS Code (0.7 from Debian: push
// diagnostics only). The checks themselves are in lsp.lua; this file finds or installs nvim and runs it.
// nvim missing: installed with apt-get when CI=true or HARDEN_INSTALL_NVIM=1, otherwise the test is skipped.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';

const REPO = resolve(__dirname, '..', '..');
const SERVER = join(REPO, 'dist', 'server.js');

function hasNvim(): boolean {
  const res = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  return res.status === 0;
}

function aptInstallNeovim(): void {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const policy = spawnSync('apt-cache', ['policy', 'neovim'], { encoding: 'utf8' });
  // Update the package lists only when they do not know neovim yet.
  if (!/Candidate: (?!\(none\))/.test(policy.stdout ?? '')) {
    const update = spawnSync('apt-get', ['update'], { env, encoding: 'utf8' });
    assert.equal(update.status, 0, `apt-get update failed:\n${update.stderr}`);
  }
  const res = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'neovim'], { env, encoding: 'utf8' });
  assert.equal(res.status, 0, `apt-get install -y neovim failed:\n${res.stdout}\n${res.stderr}`);
}

const mayInstall = process.env.CI === 'true' || process.env.HARDEN_INSTALL_NVIM === '1';
let skip: string | false = false;
if (!hasNvim()) {
  if (mayInstall) aptInstallNeovim();
  else
    skip =
      'nvim is not installed: `apt-get install -y neovim`, or set HARDEN_INSTALL_NVIM=1 to let this test install it';
}

/** Rule metadata from the built CLI (`harden rules --format json`): titles, default severities. */
function rulesJson(): string {
  const res = spawnSync(process.execPath, [join(REPO, 'dist', 'cli.js'), 'rules', '--format', 'json'], {
    encoding: 'utf8',
  });
  assert.equal(res.status, 0, `harden rules --format json failed:\n${res.stderr}`);
  return res.stdout;
}

function runNvim(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, reject) => {
    const child = spawn('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', 'luafile test/nvim/lsp.lua'], {
      cwd: REPO,
      env: { ...process.env, HARDEN_NODE: process.execPath, HARDEN_SERVER: SERVER, HARDEN_RULES: rulesJson() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

test(
  'Neovim: pushed diagnostics with codes and ranges, code actions applied with apply_workspace_edit',
  { skip, timeout: 120_000 },
  async (t) => {
    assert.ok(existsSync(SERVER), `${SERVER} is missing: run \`npm run build\` first`);
    const { code, stdout, stderr } = await runNvim();
    for (const line of stdout.trim().split('\n')) t.diagnostic(line);
    assert.equal(code, 0, `nvim exited ${code}\nstdout:\n${stdout}\nstderr:\n${stderr}`);
    assert.match(stdout, /^nvim: all checks passed$/m);
  },
);
