import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { DockerfileParser } from 'dockerfile-ast';
import { MAX_YAML_NESTING } from '../../server/src/engine/base/nesting';
import { disableLineEdit } from '../../server/src/engine';
import { pathUri, PULL_CAPABILITIES, TestClient } from '../lsp/support/lspClient';
import { MISSING_SHARED, sharedPath } from '../support/shared';
import {
  aliasBombs,
  bigConfigMap,
  binaryText,
  deepShell,
  deepYaml,
  longLines,
  POD,
  POD_PRIVILEGED,
} from './hostileInputs';

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
      assert.ok(
        ds.every((d) => d.range.start.line <= 1),
        `${name}: ${JSON.stringify(ds.map((d) => d.code))}`,
      );
    }
  });

  test('long lines', async () => {
    for (const [name, [uri, text]] of Object.entries(longLines()))
      await exercise(`long/${name}/${uri.split('/').pop()}`, uri.endsWith('.yaml') ? 'yaml' : 'dockerfile', text);
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
    assert.match(
      String(ds[0].message),
      /^File not checked: \d+ characters is over the limit of 5242880 \(setting maxFileSize\)$/,
    );
  });

  test("CRLF, mixed line breaks and tabs: exact ranges in the editor's terms", async () => {
    const crlf = await exercise('enc/crlf.yaml', 'yaml', POD.replace(/\n/g, '\r\n'));
    assert.deepEqual(
      byRule(crlf, 'k8s-privileged-container').map((d) => d.range),
      [POD_PRIVILEGED],
    );
    const lines = POD.split('\n');
    const mixed = await exercise(
      'enc/mixed.yaml',
      'yaml',
      lines.map((l, i) => l + (i === lines.length - 1 ? '' : i % 2 ? '\r\n' : '\n')).join(''),
    );
    assert.deepEqual(
      byRule(mixed, 'k8s-privileged-container').map((d) => d.range),
      [POD_PRIVILEGED],
    );
    const df = await exercise(
      'enc/Dockerfile',
      'dockerfile',
      'FROM\tdebian:12\r\n# c\rRUN apt-get update && apt-get install -y curl\nUSER 10001\r\n',
    );
    assert.deepEqual(
      byRule(df, 'base-image-digest').map((d) => d.range),
      [{ start: { line: 0, character: 5 }, end: { line: 0, character: 14 } }],
    );
    assert.deepEqual(
      byRule(df, 'apt-no-install-recommends').map((d) => d.range),
      [{ start: { line: 2, character: 30 }, end: { line: 2, character: 37 } }],
    );
  });

  test('a BOM that reached the editor text: ranges exact in that text, and edits on line 0 land after it', async () => {
    // VS Code strips the BOM when it reads a file; a client that keeps it sends U+FEFF as the first character.
    // Regression: the engine's positions (counted after the BOM) went out unshifted, one character left on line 0.
    const df = uriOf('enc/bom/Dockerfile');
    await client.open(df, 'dockerfile', '\uFEFFFROM ubuntu:latest\nUSER 10001\n');
    const ds = await client.diagnostics(df);
    assert.deepEqual(
      byRule(ds, 'base-image-digest').map((d) => d.range),
      [{ start: { line: 0, character: 6 }, end: { line: 0, character: 19 } }],
    );
    const [tag] = byRule(ds, 'base-image-tag');
    const pick = (await client.codeActions(df, tag.range, [tag])).find((a) => a.title.includes('24.04'));
    assert.ok(pick, 'a suggestion for a version tag');
    assert.equal(await client.apply(pick.edit, df), '\uFEFFFROM ubuntu:24.04\nUSER 10001\n');
    const [digest] = byRule(await client.diagnostics(df), 'base-image-digest');
    const disable = (await client.codeActions(df, digest.range, [digest])).find(
      (a) => a.title === 'Disable base-image-digest for this line',
    )!;
    assert.equal(
      await client.apply(disable.edit, df),
      '\uFEFF# harden-ignore base-image-digest\nFROM ubuntu:24.04\nUSER 10001\n',
    );
    assert.deepEqual(byRule(await client.diagnostics(df), 'base-image-digest'), []);

    const pod = uriOf('enc/bom/pod.yaml');
    await client.open(pod, 'yaml', `\uFEFF${POD}`);
    const [privileged] = byRule(await client.diagnostics(pod), 'k8s-privileged-container');
    assert.deepEqual(privileged.range, POD_PRIVILEGED);
    const file = (await client.codeActions(pod, privileged.range, [privileged])).find(
      (a) => a.title === 'Disable k8s-privileged-container for this file',
    )!;
    assert.equal(await client.apply(file.edit, pod), `\uFEFF# harden-ignore-file k8s-privileged-container\n${POD}`);
    assert.deepEqual(byRule(await client.diagnostics(pod), 'k8s-privileged-container'), []);
    await client.close(df);
    await client.close(pod);
  });

  test('Helm chart templates (podinfo): no diagnostics', async (t) => {
    const root = sharedPath('corpus', 'kubernetes', 'stefanprodan__podinfo', 'charts', 'podinfo', 'templates');
    if (!root) return t.skip(MISSING_SHARED);
    const files: string[] = [];
    const walk = (d: string) =>
      readdirSync(d).forEach((n) =>
        statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : n.endsWith('.yaml') && files.push(join(d, n)),
      );
    walk(root);
    for (const f of files)
      assert.deepEqual(await exercise(`helm/${f.slice(root.length + 1)}`, 'yaml', readFileSync(f, 'utf8')), [], f);
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

test('quick fixes for many diagnostics of one text parse it once (regression: 2,000 diagnostics took 90 s)', () => {
  const text = `FROM debian:12\n${Array.from({ length: 2_000 }, (_, i) => `RUN apt-get install -y \\\n    pkg${i}`).join('\n')}\n`;
  const parse = DockerfileParser.parse;
  let parses = 0;
  DockerfileParser.parse = (t: string) => (parses++, parse(t));
  try {
    for (let i = 0; i < 2_000; i++) {
      const edit = disableLineEdit(text, 'dockerfile', 2 + 2 * i, 'pin-os-packages');
      assert.deepEqual(
        edit.range.start,
        { line: 1 + 2 * i, character: 0 },
        'above the instruction, not its continuation line',
      );
    }
  } finally {
    DockerfileParser.parse = parse;
  }
  assert.equal(parses, 1);
});
