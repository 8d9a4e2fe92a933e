// Runs the @vscode/test-electron suite (suite.ts) where no desktop VS Code can be downloaded: in the VS Code
// Server that ships inside the code-server package, opened in headless Debian Chromium. The page is told to
// load this repository as the extension under development and suite.js as its tests (the `payload` query,
// honoured with --enable-smoke-test-driver); the extension host is the server's Node 24 process, so the
// suite's API calls and the language server run as they do on the desktop. Needs dist/ (npm run build).
//
//   node test/e2e/electron/runWeb.mjs
//
// Prints the suite's own lines ("ok - …", "not ok - …", "N passed, N failed") and exits 1 on any failure.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { install } from '../../../scripts/e2e/install.mjs';
import { launchBrowser, startCodeServer, waitUntil } from '../../../scripts/e2e/harness.mjs';
import { bundleSuite } from './bundle.mjs';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const SUITE_TIMEOUT = 300_000;

if (!existsSync(join(REPO, 'dist', 'client.js')) || !existsSync(join(REPO, 'dist', 'server.js'))) {
  console.error('dist/client.js or dist/server.js is missing: run `npm run build` first');
  process.exit(1);
}
const { paths } = await install();
const suite = await bundleSuite(REPO);
const server = await startCodeServer({
  paths,
  fixture: join(REPO, 'test', 'fixtures', 'workspace'),
  name: 'suite-web',
  kind: 'vscode-server',
});
let browser;
let summary;
try {
  browser = await launchBrowser(paths);
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  // The extension host's console reaches the page as "%c INFO color: #33f <text>"; keep the suite's lines.
  page.on('console', (msg) => {
    const text = msg.text().replace(/^%c\s+\w+\s+color:\s*#\w+\s*/, '');
    const first = text.split('\n')[0];
    if (
      /^(ok|not ok) - /.test(first) ||
      (process.env.DEBUG_WEB &&
        /save|ERR|rror|harden/i.test(text) &&
        !/open-vsx|github|ERR_NAME|ServiceWorker/.test(text))
    )
      console.log(text.slice(0, 1500));
    const m = /^(\d+) passed, (\d+) failed$/.exec(first);
    if (m) summary = { passed: Number(m[1]), failed: Number(m[2]), line: first };
  });
  const { host } = new URL(server.url);
  const payload = [
    ['extensionDevelopmentPath', `vscode-remote://${host}${REPO}`],
    ['extensionTestsPath', `vscode-remote://${host}${suite}`],
  ];
  await page.goto(`${server.url}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
  await waitUntil('the suite to print "N passed, N failed"', () => summary, { timeout: SUITE_TIMEOUT, interval: 100 });
} catch (err) {
  console.error(`runWeb: ${err?.message ?? err}\n(VS Code Server log: ${server.logFile})`);
} finally {
  await browser?.close().catch(() => {});
  await server.stop({ keep: !summary });
}
if (summary) console.log(summary.line);
process.exit(summary && summary.failed === 0 && summary.passed > 0 ? 0 : 1);
