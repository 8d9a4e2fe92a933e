import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { rules } from '../../server/src/engine/rules';

const ROOT = join(__dirname, '..', '..');

// What `npm run package` puts in the VSIX: the bundles, grammar, schema, manifest, docs — no sources,
// no source maps, no node_modules (esbuild bundled them).
test('the VSIX file list is exactly the bundles, grammar, schema, manifest and docs', () => {
  const out = execFileSync(
    process.execPath,
    [join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'), 'ls', '--no-dependencies'],
    { cwd: ROOT, encoding: 'utf8' },
  );
  const files = out
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .sort();
  const expected = [
    'LICENSE',
    'README.md',
    'dist/cli.js',
    'dist/client.js',
    'dist/server.js',
    'docs/screenshot.png',
    'package.json',
    'schemas/harden-config.schema.json',
    'syntaxes/harden-pragma.injection.json',
    ...rules.map((r) => `docs/rules/${r.meta.id}.md`),
  ].sort();
  assert.deepEqual(files, expected);
});
