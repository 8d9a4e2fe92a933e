// Bundles suite.ts into out/e2e-electron/suite.js: VS Code require()s the file named by extensionTestsPath.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export async function bundleSuite(repo) {
  const outDir = join(repo, 'out', 'e2e-electron');
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, 'suite.js');
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: [join(repo, 'test', 'e2e', 'electron', 'suite.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    logLevel: 'warning',
  });
  return outfile;
}
