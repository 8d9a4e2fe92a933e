import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { CodeAction, CreateFile, TextDocumentEdit } from 'vscode-languageserver-protocol';
import { pathUri, PULL_CAPABILITIES, PUSH_CAPABILITIES, TestClient } from './support/lspClient';

const WORKLOAD = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: web:1.4
`;

let dir: string;
before(() => (dir = mkdtempSync(join(tmpdir(), 'harden-newfile-'))));
after(() => rmSync(dir, { recursive: true, force: true }));

async function policyActions(capabilities: typeof PULL_CAPABILITIES, push: boolean): Promise<CodeAction[]> {
  const { client } = await TestClient.start({ capabilities, rootPath: dir });
  try {
    const uri = pathUri(join(dir, 'web.yaml'));
    await client.open(uri, 'yaml', WORKLOAD);
    const ds = (
      push
        ? (await client.publishedWhere(uri, (p) => p.diagnostics.length > 0)).diagnostics
        : await client.diagnostics(uri)
    ).filter((d) => d.code === 'k8s-network-policy-coverage');
    assert.equal(ds.length, 1);
    return (await client.codeActions(uri, ds[0].range, ds)).filter((a) => /NetworkPolicy/.test(a.title));
  } finally {
    await client.stop();
  }
}

test('"Create a NetworkPolicy … in a new file" creates the file next to the manifest when the client can create files', async () => {
  const capabilities = structuredClone(PULL_CAPABILITIES);
  capabilities.workspace!.workspaceEdit = { documentChanges: true, resourceOperations: ['create'] };
  const actions = await policyActions(capabilities, false);
  assert.deepEqual(
    actions.map((a) => a.title),
    [
      'Create a default-deny NetworkPolicy for Deployment "web"',
      'Create a default-deny NetworkPolicy for Deployment "web" in a new file web-networkpolicy.yaml',
    ],
  );
  const [create, insert] = actions[1].edit!.documentChanges! as [CreateFile, TextDocumentEdit];
  assert.equal(create.kind, 'create');
  assert.equal(create.uri, pathUri(join(dir, 'web-networkpolicy.yaml')));
  assert.equal(create.options?.overwrite, false, 'never overwrites an existing file');
  assert.equal(insert.textDocument.uri, create.uri);
  assert.match((insert.edits[0] as { newText: string }).newText, /kind: NetworkPolicy\n[\s\S]*app: web/);
});

test('clients that cannot create files only get the same-file suggestion', async () => {
  const actions = await policyActions(PULL_CAPABILITIES, false);
  assert.deepEqual(
    actions.map((a) => a.title),
    ['Create a default-deny NetworkPolicy for Deployment "web"'],
  );
  const push = await policyActions(PUSH_CAPABILITIES, true);
  assert.deepEqual(
    push.map((a) => a.title),
    ['Create a default-deny NetworkPolicy for Deployment "web"'],
  );
});
