import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';

const ROOT = join(__dirname, '..', '..');
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

// The engine is shared by the language server and the CLI: text and settings in, findings out.
test('the engine imports no vscode, LSP runtime or Node modules and touches no process/fs', () => {
  const bad: string[] = [];
  for (const f of files(join(ROOT, 'server', 'src', 'engine'))) {
    const src = readFileSync(f, 'utf8');
    for (const m of src.matchAll(/(?:from\s+|import\s*\(|require\s*\()\s*['"]([^'"]+)['"]/g)) {
      const mod = m[1];
      if (
        /^(vscode$|vscode-languageserver(?!-types)|vscode-languageclient|node:|fs$|path$|child_process|os$|net$|http)/.test(
          mod,
        )
      )
        bad.push(`${relative(ROOT, f)}: ${mod}`);
    }
    if (/\bprocess\.(env|argv|exit|cwd)|\bBuffer\./.test(src)) bad.push(`${relative(ROOT, f)}: uses process/Buffer`);
  }
  assert.deepEqual(bad, []);
});

test('only server/src/lsp imports vscode-languageserver; only client/src imports vscode', () => {
  const bad: string[] = [];
  for (const f of [...files(join(ROOT, 'server', 'src')), ...files(join(ROOT, 'client', 'src'))]) {
    const src = readFileSync(f, 'utf8');
    const rel = relative(ROOT, f);
    if (/from ['"]vscode-languageserver(\/node)?['"]/.test(src) && !rel.startsWith(join('server', 'src', 'lsp')))
      bad.push(rel);
    if (/from ['"]vscode['"]/.test(src) && !rel.startsWith(join('client', 'src'))) bad.push(rel);
  }
  assert.deepEqual(bad, []);
});
