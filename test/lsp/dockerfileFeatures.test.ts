// The Dockerfile editing features served through dockerfile-language-service, over real JSON-RPC:
// static capabilities for clients without dynamic registration, registrations that follow the setting for those
// with it, and `auto` yielding to another Dockerfile server.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type {
  ClientCapabilities,
  CompletionItem,
  DocumentSymbol,
  FoldingRange,
  MarkupContent,
  SymbolInformation,
  TextEdit,
} from 'vscode-languageserver-protocol';
import { pathUri, PULL_CAPABILITIES, PUSH_CAPABILITIES, TestClient } from './support/lspClient';

const DOCKERFILE =
  'FROM node:20 AS build\nRUN apt-get update && apt-get install -y curl\n\nFROM build\n  COPY --from=build /a /b\nCMD ["node", "x"]\n';
const DYNAMIC: ClientCapabilities = {
  ...PULL_CAPABILITIES,
  textDocument: {
    ...PULL_CAPABILITIES.textDocument,
    completion: { dynamicRegistration: true, completionItem: { snippetSupport: true } },
  },
};
const EDITOR_METHODS = [
  'textDocument/completion',
  'textDocument/formatting',
  'textDocument/documentSymbol',
  'textDocument/rename',
  'textDocument/semanticTokens',
];

let dir: string;
before(() => (dir = mkdtempSync(join(tmpdir(), 'harden-dockerfile-features-'))));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('a client without dynamic registration (as Neovim): capabilities at initialize', () => {
  let client: TestClient;
  let uri: string;
  let caps: Record<string, unknown>;
  before(async () => {
    const started = await TestClient.start({ capabilities: PUSH_CAPABILITIES });
    client = started.client;
    caps = started.init.capabilities as Record<string, unknown>;
    uri = pathUri(join(dir, 'push', 'Dockerfile'));
    await client.open(uri, 'dockerfile', DOCKERFILE);
  });
  after(() => client.stop());

  test('declares the editing features (on by default for other editors)', () => {
    for (const k of [
      'completionProvider',
      'documentFormattingProvider',
      'documentSymbolProvider',
      'foldingRangeProvider',
      'renameProvider',
      'documentLinkProvider',
      'semanticTokensProvider',
      'signatureHelpProvider',
    ]) {
      assert.ok(caps[k], `${k} declared`);
    }
    const legend = (caps.semanticTokensProvider as { legend: { tokenTypes: string[] } }).legend;
    assert.equal(legend.tokenTypes[0], 'keyword', "the library's own token indexes");
  });

  test('completion at the start of a line offers instructions', async () => {
    const items = await client.connection.sendRequest<CompletionItem[]>('textDocument/completion', {
      textDocument: { uri },
      position: { line: 2, character: 0 },
    });
    assert.ok(
      items.some((i) => i.label === 'FROM'),
      'FROM is offered',
    );
    assert.ok(
      items.some((i) => i.label === 'RUN'),
      'RUN is offered',
    );
  });

  test('--from= completes the stage names', async () => {
    const items = await client.connection.sendRequest<CompletionItem[]>('textDocument/completion', {
      textDocument: { uri },
      position: { line: 4, character: 14 },
    });
    assert.ok(
      items.some((i) => i.label === 'build'),
      JSON.stringify(items.map((i) => i.label)),
    );
  });

  test('formatting removes the indentation before an instruction (and nothing else)', async () => {
    const edits = await client.connection.sendRequest<TextEdit[]>('textDocument/formatting', {
      textDocument: { uri },
      options: { tabSize: 4, insertSpaces: true },
    });
    assert.deepEqual(edits, [
      { range: { start: { line: 4, character: 0 }, end: { line: 4, character: 2 } }, newText: '' },
    ]);
  });

  test('symbols, folding, highlights, definition and rename of a stage', async () => {
    const symbols = await client.connection.sendRequest<(SymbolInformation | DocumentSymbol)[]>(
      'textDocument/documentSymbol',
      { textDocument: { uri } },
    );
    assert.ok(
      symbols.some((s) => s.name === 'FROM'),
      'instructions are symbols',
    );
    const folds = await client.connection.sendRequest<FoldingRange[] | null>('textDocument/foldingRange', {
      textDocument: { uri },
    });
    assert.ok(Array.isArray(folds));
    const def = await client.connection.sendRequest<{ range: { start: { line: number } } } | null>(
      'textDocument/definition',
      { textDocument: { uri }, position: { line: 4, character: 15 } },
    );
    assert.equal(def?.range.start.line, 0, 'the stage is defined on line 0');
    const rename = await client.connection.sendRequest<{ changes: Record<string, TextEdit[]> } | null>(
      'textDocument/rename',
      { textDocument: { uri }, position: { line: 0, character: 19 }, newName: 'builder' },
    );
    assert.equal(rename?.changes[uri].length, 3, 'AS build, FROM build and --from=build');
  });

  test('hover on an instruction: the library docs, then the findings on that line', async () => {
    const hover = await client.hover(uri, 1, 1);
    const value = (hover?.contents as MarkupContent).value;
    assert.match(value, /RUN/, 'the RUN docs');
    assert.match(value, /apt-no-install-recommends|apt-lists-cleanup|pin-os-packages/, 'a finding on the RUN line');
  });

  test('YAML documents get nothing from it', async () => {
    const yaml = pathUri(join(dir, 'push', 'pod.yaml'));
    await client.open(yaml, 'yaml', 'apiVersion: v1\nkind: Pod\n');
    const items = await client.connection.sendRequest<CompletionItem[]>('textDocument/completion', {
      textDocument: { uri: yaml },
      position: { line: 0, character: 0 },
    });
    assert.deepEqual(items, []);
  });
});

test('"off", and "auto" beside another Dockerfile server: no editing capabilities', async () => {
  for (const initializationOptions of [
    { dockerfileLanguageFeatures: 'off' },
    { dockerfileLanguageFeatures: 'auto', otherDockerfileServer: true },
  ]) {
    const { client, init } = await TestClient.start({ capabilities: PUSH_CAPABILITIES, initializationOptions });
    try {
      const caps = init.capabilities as Record<string, unknown>;
      assert.equal(caps.completionProvider, undefined, JSON.stringify(initializationOptions));
      assert.ok(caps.hoverProvider, 'hover (findings) stays');
      const uri = pathUri(join(dir, 'off', 'Dockerfile'));
      await client.open(uri, 'dockerfile', DOCKERFILE);
      const items = await client.connection.sendRequest<CompletionItem[]>('textDocument/completion', {
        textDocument: { uri },
        position: { line: 2, character: 0 },
      });
      assert.deepEqual(items, [], 'the handlers answer nothing while off');
    } finally {
      await client.stop();
    }
  }
});

test('a dynamic client: registered for Dockerfiles after initialized, dropped and back when the setting switches (no restart)', async () => {
  const { client, init } = await TestClient.start({
    capabilities: DYNAMIC,
    initializationOptions: { dockerfileLanguageFeatures: 'auto', otherDockerfileServer: false },
  });
  try {
    assert.equal(
      (init.capabilities as Record<string, unknown>).completionProvider,
      undefined,
      'not declared statically',
    );
    const regs = await client.until(() => {
      const r = client.registrations.filter((x) => EDITOR_METHODS.includes(x.method));
      return r.length === EDITOR_METHODS.length ? r : undefined;
    }, 'the editing registrations');
    for (const r of regs)
      assert.deepEqual((r.registerOptions as { documentSelector: unknown }).documentSelector, [
        { language: 'dockerfile' },
      ]);
    // A Docker extension was installed: `auto` gives way.
    await client.connection.sendNotification('harden/dockerfileLanguageFeatures', { mode: 'auto', otherServer: true });
    await client.until(
      () => (client.unregistrations.some((u) => u.method === 'textDocument/completion') ? true : undefined),
      'the completion unregistration',
    );
    const before = client.registrations.length;
    await client.connection.sendNotification('harden/dockerfileLanguageFeatures', { mode: 'on', otherServer: true });
    await client.until(
      () => (client.registrations.slice(before).some((r) => r.method === 'textDocument/completion') ? true : undefined),
      'registered again',
    );
  } finally {
    await client.stop();
  }
});
