// `npm run test:e2e`: Harden in a real VS Code (code-server) driven through headless Debian Chromium.
//
//   node scripts/e2e/run.mjs                     install (cached), build, package, then every scenario
//   node scripts/e2e/run.mjs --skip-build        use the dist/ and harden.vsix that are there
//   node scripts/e2e/run.mjs --negative-control  scenario 1 WITHOUT the extension: must fail
//
// The install goes to $HARDEN_E2E_CACHE (default ~/.cache/harden-e2e), outside the project's dependencies;
// $HARDEN_E2E_VSIX names another VSIX to test (default: harden.vsix, made by `npm run package`);
// HARDEN_E2E_TRACE=1 logs the workbench at trace level and the LSP traffic (a failed session keeps its folder);
// screenshots go to test-output/e2e/. The scenarios themselves are in scenarios.mjs, run under node:test
// with the TAP reporter, so the run ends with node's summary (# pass N / # fail N).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { install } from './install.mjs';
import { cleanNpmEnv } from './npmEnv.mjs';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const negative = args.includes('--negative-control');
const skipBuild = args.includes('--skip-build') || negative;
const unknown = args.filter((a) => !['--negative-control', '--skip-build'].includes(a));
if (unknown.length) {
  console.error(
    `unknown option(s): ${unknown.join(' ')}\nusage: node scripts/e2e/run.mjs [--skip-build] [--negative-control]`,
  );
  process.exit(2);
}

const t0 = Date.now();
const log = (msg) => process.stderr.write(`[e2e] ${msg}\n`);

const { seconds: installSeconds } = await install();
log(`install: ${installSeconds.toFixed(1)} s`);

// HARDEN_E2E_VSIX tests a VSIX made elsewhere (with --skip-build).
const vsix = process.env.HARDEN_E2E_VSIX ? resolve(process.env.HARDEN_E2E_VSIX) : join(REPO, 'harden.vsix');
if (!skipBuild) {
  for (const script of ['build', 'package']) {
    const started = performance.now();
    const res = spawnSync('npm', ['run', script], {
      cwd: REPO,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: cleanNpmEnv(),
    });
    if (res.status !== 0) {
      log(`npm run ${script} failed (exit ${res.status})`);
      process.exit(1);
    }
    log(`npm run ${script}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
}
if (!negative && !existsSync(vsix)) {
  log(`${vsix} is missing: run without --skip-build, or \`npm run build && npm run package\` first`);
  process.exit(1);
}

const child = spawn(process.execPath, ['--test-reporter=tap', join(REPO, 'scripts', 'e2e', 'scenarios.mjs')], {
  cwd: REPO,
  stdio: ['ignore', 'inherit', 'inherit'],
  env: {
    ...process.env,
    HARDEN_E2E_MODE: negative ? 'negative' : 'full',
    HARDEN_E2E_VSIX: vsix,
    HARDEN_E2E_T0: String(t0),
    HARDEN_E2E_INSTALL_SECONDS: String(installSeconds),
  },
});
// The child stops its own code-server groups on SIGINT/SIGTERM; pass those on and wait for it.
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
