import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';

const ROOT = join(__dirname, '..', '..');
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

// Issue 7, "Network and trust": the digest lookup is the only network access, reached only from the
// "Pin to digest" command (which checks workspace trust), never from open or lint.
test('only server/src/registry talks to the network, and only the pin command calls it', () => {
  const network: string[] = [];
  const callers: string[] = [];
  for (const f of [...files(join(ROOT, 'server', 'src')), ...files(join(ROOT, 'client', 'src'))]) {
    const rel = relative(ROOT, f).split('\\').join('/');
    const src = readFileSync(f, 'utf8');
    const code = src.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    if (
      /\bfetch\s*\(|['"](node:)?(https?|http2|net|tls|dgram|dns|undici)['"]|\bWebSocket\b|\bXMLHttpRequest\b/.test(
        code,
      ) &&
      !rel.startsWith('server/src/registry/')
    )
      network.push(rel);
    if (/from\s+['"][./]*(?:\.\.\/)?registry\/digest['"]/.test(code)) callers.push(rel);
  }
  assert.deepEqual(network, [], 'network access outside server/src/registry');
  assert.deepEqual(callers, ['server/src/lsp/pinDigest.ts']);
});
