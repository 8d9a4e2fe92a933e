import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { MAX_YAML_NESTING } from '../../server/src/engine/parse/nesting';
import { pathUri, PULL_CAPABILITIES, TestClient } from '../lsp/support/lspClient';
import { MISSING_SHARED, sharedPath } from '../support/shared';
import { aliasBombs, bigConfigMap, binaryText, deepShell, deepYaml, longLines, POD, POD_PRIVILEGED } from './hostileInputs';

/**
 * Hostile and odd input through the language server (dist/server.js over JSON-RPC): every request answers, in
 * bounded time, with a clear diagnostic or nothing; the server never logs a failure and never dies.
 */

const uriOf = (name: string) => pathUri(`/harden-hostile-lsp/${name}`);
const byRule = (ds: Diagnostic[], id: string) => ds.filter((d) => d.code === id);

describe('hostile documents in the editor', () => {
  let client: TestClient;
  before(async () => {
    ({ client } = await TestClient.start({ capabilities: PULL_CAPABILITIES }));
  });
  after(async () => {
    assert.deepEqual(
      client.logs.filter((l) => /failed|uncaught|unhandled/i.test(l)),
      [],
    );
    assert.doesNotMatch(client.stderrText, /uncaught|unhandled/i);
    assert.ok(client.alive);
    await client.stop();
  });

  /** Opens, pulls, asks for code actions over the whole text and hovers at the start: each must answer. */
  async function exercise(name: string, languageId: string, text: string): Promise<Diagnostic[]> {
    const uri = uriOf(name);
    await client.open(uri, languageId, text);
    const ds = await client.diagnostics(uri);
    const doc = client.documents.get(uri)!;
    const whole = { start: { line: 0, character: 0 }, end: doc.positionAt(text.length) };
    await client.codeActions(uri, whole, ds);
    await client.codeActions(uri, whole, [], ['source.fixAll.harden']);
    await client.hover(uri, 0, 1);
    await client.close(uri);
    return ds;
  }

  test('alias bombs: answered, aliases not expanded', async () => {
    for (const [name, text] of Object.entries(aliasBombs())) {
      const started = Date.now();
      await exercise(`bomb/${name}.yaml`, 'yaml', text);
      assert.ok(Date.now() - started < 10_000, name);
    }
  });

  test('deep YAML: one clear diagnostic each', async () => {
    for (const [name, text] of Object.entries(deepYaml())) {
      const ds = await exercise(`deep/${name}.yaml`, 'yaml', text);
      assert.deepEqual(
        ds.map((d) => d.message),
        [`YAML syntax error, the document is not checked: nested more than ${MAX_YAML_NESTING} levels deep`],
        name,
      );
    }
  });

  test('deep shell in RUN: the FROM line is still checked, nothing fails', async () => {
    for (const [name, text] of Object.entries(deepShell())) {
      const ds = await exercise(`deep/${name}/Dockerfile`, 'dockerfile', text);
      assert.ok(ds.every((d) => d.range.start.line <= 1), `${name}: ${JSON.stringify(ds.map((d) => d.code))}`);
    }
  });

  test('long lines', async () => {
    for (const [name, [uri, text]] of Object.entries(longLines())) await exercise(`long/${name}/${uri.split('/').pop()}`, uri.endsWith('.yaml') ? 'yaml' : 'dockerfile', text);
  });

  test('a binary file named Dockerfile: no diagnostics', async () => {
    const bytes = readFileSync(process.execPath).subarray(0, 128 * 1024);
    assert.deepEqual(await exercise('bin/Dockerfile', 'dockerfile', binaryText(bytes, true)), []);
    assert.deepEqual(await exercise('bin2/Dockerfile', 'dockerfile', binaryText(bytes, false)), []);
  });

  test('a 10 MB manifest: one information diagnostic', async () => {
    const ds = await exercise('big/cm.yaml', 'yaml', bigConfigMap(10 * 1024 * 1024));
    assert.deepEqual(
      ds.map((d) => [d.code, d.severity, d.range]),
      [['harden', 3, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }]],
    );
    assert.match(String(ds[0].message), /^File not checked: \d+ characters is over the limit of 5242880 \(setting maxFileSize\)$/);
  });

  test('CRLF, mixed line breaks and tabs: exact ranges in the editor\'s terms', async () => {
    const crlf = await exercise('enc/crlf.yaml', 'yaml', POD.replace(/\n/g, '\r\n'));
    assert.deepEqual(byRule(crlf, 'k8s-privileged-container').map((d) => d.range), [POD_PRIVILEGED]);
    const lines = POD.split('\n');
    const mixed = await exercise('enc/mixed.yaml', 'yaml', lines.map((l, i) => l + (i === lines.length - 1 ? '' : i % 2 ? '\r\n' : '\n')).join(''));
    assert.deepEqual(byRule(mixed, 'k8s-privileged-container').map((d) => d.range), [POD_PRIVILEGED]);
    const df = await exercise('enc/Dockerfile', 'dockerfile', 'FROM\tdebian:12\r\n# c\rRUN apt-get update && apt-get install -y curl\nUSER 10001\r\n');
    assert.deepEqual(byRule(df, 'base-image-digest').map((d) => d.range), [{ start: { line: 0, character: 5 }, end: { line: 0, character: 14 } }]);
    assert.deepEqual(byRule(df, 'apt-no-install-recommends').map((d) => d.range), [{ start: { line: 2, character: 30 }, end: { line: 2, character: 37 } }]);
  });

  test('a BOM that reached the editor text: ranges still exact in that text', { skip: 'known bug, open in #7: line-0 positions are not shifted past a BOM the client kept' }, async () => {
    // VS Code strips the BOM when it reads a file; a client that keeps it sends U+FEFF as the first character.
    const ds = await exercise('enc/bom/Dockerfile', 'dockerfile', '\uFEFFFROM debian:12\nUSER 10001\n');
    assert.deepEqual(byRule(ds, 'base-image-digest').map((d) => d.range), [{ start: { line: 0, character: 6 }, end: { line: 0, character: 15 } }]);
    const pod = await exercise('enc/bom/pod.yaml', 'yaml', `\uFEFF${POD}`);
    assert.deepEqual(byRule(pod, 'k8s-privileged-container').map((d) => d.range), [POD_PRIVILEGED]);
  });

  test('Helm chart templates (podinfo): no diagnostics', async (t) => {
    const root = sharedPath('corpus', 'kubernetes', 'stefanprodan__podinfo', 'charts', 'podinfo', 'templates');
    if (!root) return t.skip(MISSING_SHARED);
    const files: string[] = [];
    const walk = (d: string) => readdirSync(d).forEach((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : n.endsWith('.yaml') && files.push(join(d, n))));
    walk(root);
    for (const f of files) assert.deepEqual(await exercise(`helm/${f.slice(root.length + 1)}`, 'yaml', readFileSync(f, 'utf8')), [], f);
  });
});

test('harden.maxFileSize from the editor: a small limit gives the information diagnostic', async () => {
  const { client } = await TestClient.start({ capabilities: PULL_CAPABILITIES, settings: { maxFileSize: 100 } });
  try {
    const uri = uriOf('limit/pod.yaml');
    await client.open(uri, 'yaml', POD);
    assert.deepEqual(
      (await client.diagnostics(uri)).map((d) => [d.code, d.severity, d.message]),
      [['harden', 3, `File not checked: ${POD.length} characters is over the limit of 100 (setting maxFileSize)`]],
    );
  } finally {
    await client.stop();
  }
});
