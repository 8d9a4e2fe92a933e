// `noInlineIgnore` in the workspace's .harden.yaml: in the editor, pragmas do not hide the locked rules and no
// "Disable … for this line" is offered for them.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { pathUri, PULL_CAPABILITIES, TestClient } from './support/lspClient';

let root: string;
let client: TestClient;

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'harden-lsp-lock-'));
  mkdirSync(join(root, 'app'));
  writeFileSync(join(root, '.harden.yaml'), 'noInlineIgnore: [no-root-user]\n');
  ({ client } = await TestClient.start({ capabilities: PULL_CAPABILITIES, rootPath: root }));
});
after(async () => {
  await client.stop();
  rmSync(root, { recursive: true, force: true });
});

const byRule = (ds: Diagnostic[], id: string) => ds.filter((d) => d.code === id);

test('a locked rule is reported despite its pragma, and offers no pragma to disable it; others still do', async () => {
  const uri = pathUri(join(root, 'app', 'Dockerfile'));
  await client.open(uri, 'dockerfile', '# harden-ignore no-root-user\nFROM node:20\nRUN npm ci\nCMD ["node","x"]\n');
  const diagnostics = await client.diagnostics(uri);
  const [root_] = byRule(diagnostics, 'no-root-user');
  assert.ok(root_, JSON.stringify(diagnostics.map((d) => d.code)));
  const titles = (await client.codeActions(uri, root_.range, [root_])).map((a) => a.title);
  assert.ok(!titles.includes('Disable no-root-user for this line'), titles.join('\n'));
  const other = diagnostics.find((d) => d.code !== 'no-root-user' && d.code !== undefined)!;
  const otherTitles = (await client.codeActions(uri, other.range, [other])).map((a) => a.title);
  assert.ok(otherTitles.includes(`Disable ${String(other.code)} for this line`), otherTitles.join('\n'));
});
