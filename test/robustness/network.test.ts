import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { SERVER_COMMANDS } from '../../server/src/shared/protocol';
import { CLI, tree, write } from '../cli/helpers';
import { pathUri, PULL_CAPABILITIES, TestClient } from '../lsp/support/lspClient';

/**
 * Network and trust, proven from outside: the server and the CLI run with a preload that records every attempt
 * to reach the network or start a program (support/recordCalls.cjs). Opening, linting, code actions, fix-all,
 * hover, the workspace scan and file events record nothing; the digest lookup, on explicit command only, is
 * the one network access, and it is off in an untrusted workspace, as package.json declares.
 */

const ROOT = join(__dirname, '..', '..');
const PRELOAD = join(__dirname, 'support', 'recordCalls.cjs');
const made: string[] = [];
after(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

interface Call {
  what: string;
  detail: string;
}

function recorder(): { file: string; calls: () => Call[] } {
  const dir = mkdtempSync(join(tmpdir(), 'harden-calls-'));
  made.push(dir);
  const file = join(dir, 'calls.jsonl');
  return {
    file,
    calls: () =>
      existsSync(file)
        ? readFileSync(file, 'utf8')
            .trim()
            .split('\n')
            .filter(Boolean)
            .map((l) => JSON.parse(l) as Call)
        : [],
  };
}

/** Everything but the preload's own "loaded" line. */
const attempts = (calls: Call[]) => calls.filter((c) => c.what !== 'loaded');

const FILES: Record<string, string> = {
  '.harden.yaml': 'trustedRegistries: [registry.example.com]\n',
  '.hadolint.yaml': 'ignored: [DL3008]\ntrustedRegistries: [docker.io]\n',
  Dockerfile: [
    'FROM registry.example.com/team/base:1.2 AS build',
    'ADD https://example.com/tool.tar.gz /tmp/',
    'RUN curl -fsSL https://get.example.com/install.sh | sh',
    'RUN apt-get update && apt-get install -y git',
    'FROM node:20',
    'COPY --from=build /out /app',
    'CMD ["node", "/app"]',
    '',
  ].join('\n'),
  'k8s/pod.yaml':
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: ghcr.io/example/web:1.0\n      securityContext:\n        privileged: true\n',
  'k8s/kustomization.yaml':
    'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - https://github.com/example/manifests//base?ref=v1\n  - pod.yaml\n',
  'k8s/policy.yaml':
    'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n',
  'more/deployment.yaml':
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    metadata:\n      labels: {app: api}\n    spec:\n      containers:\n        - name: api\n          image: 127.0.0.1:9/team/app:1.2.3\n',
};

const WINDOW: Pick<typeof PULL_CAPABILITIES, 'window'> = { window: { workDoneProgress: true, showMessage: {} } };

/** Opens every file, pulls, asks for every kind of code action on every diagnostic, resolves, hovers, fixes all, saves, changes, closes. */
async function useEverything(
  client: TestClient,
  dir: string,
): Promise<{ actions: CodeAction[]; diagnostics: Map<string, Diagnostic[]> }> {
  client.connection.onRequest('window/workDoneProgress/create', () => null);
  client.connection.onRequest('workspace/applyEdit', () => ({ applied: false }));
  const actions: CodeAction[] = [];
  const diagnostics = new Map<string, Diagnostic[]>();
  for (const [rel, text] of Object.entries(FILES)) {
    const uri = pathUri(join(dir, rel));
    await client.open(uri, rel.endsWith('Dockerfile') ? 'dockerfile' : 'yaml', text);
    const ds = await client.diagnostics(uri);
    diagnostics.set(rel, ds);
    for (const d of ds) actions.push(...(await client.codeActions(uri, d.range, [d])));
    const doc = client.documents.get(uri)!;
    const whole = { start: { line: 0, character: 0 }, end: doc.positionAt(text.length) };
    actions.push(...(await client.codeActions(uri, whole, [], ['source.fixAll.harden'])));
    for (let line = 0; line < doc.lineCount; line += 3) {
      const here = { start: { line, character: 2 }, end: { line, character: 2 } };
      for (const a of await client.codeActions(uri, here, [], ['refactor']))
        actions.push(await client.connection.sendRequest<CodeAction>('codeAction/resolve', a));
      await client.hover(uri, line, 8);
    }
    await client.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
    await client.edit(uri, [
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '# edited\n' },
    ]);
    await client.diagnostics(uri);
  }
  // A file appears on disk and the editor says so; settings change.
  write(dir, { 'more/new.yaml': FILES['k8s/pod.yaml'].replace('name: web', 'name: new') });
  await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
    changes: [{ uri: pathUri(join(dir, 'more/new.yaml')), type: 1 }],
  });
  await client.connection.sendNotification('workspace/didChangeConfiguration', {
    settings: { harden: { rules: { 'no-root-user': 'error' } } },
  });
  // The start-up scan (after 200 ms), debounced refreshes.
  await new Promise((r) => setTimeout(r, 800));
  for (const rel of Object.keys(FILES)) await client.close(pathUri(join(dir, rel)));
  return { actions, diagnostics };
}

/** A server over the FILES tree, in a (un)trusted workspace, with every network and process call recorded. */
async function recordedServer(workspaceTrusted: boolean) {
  const rec = recorder();
  const dir = tree(FILES);
  const { client } = await TestClient.start({
    capabilities: { ...PULL_CAPABILITIES, ...WINDOW },
    rootPath: dir,
    nodeArgs: ['--require', PRELOAD],
    env: { HARDEN_RECORD_CALLS: rec.file },
    initializationOptions: { workspaceTrusted },
  });
  return { rec, dir, client };
}

const pinActions = (actions: CodeAction[]) => actions.filter((a) => a.title.startsWith('Pin '));

describe('language server', () => {
  test('trusted: nothing reaches the network or starts a program on open, lint, actions, scan or file events; the pin command alone looks up, sending the image name only', async () => {
    const { rec, dir, client } = await recordedServer(true);
    try {
      const { actions, diagnostics } = await useEverything(client, dir);
      assert.ok(
        rec.calls().some((c) => c.what === 'loaded'),
        'the preload ran in the server',
      );
      assert.ok([...diagnostics.values()].flat().length > 10, 'the documents were linted');
      assert.ok(pinActions(actions).length > 0, 'the pin action was offered (and offering it looked nothing up)');
      assert.deepEqual(attempts(rec.calls()), []);

      // The one network feature, on explicit command: it reaches the registry named in the reference and nothing else.
      const uri = pathUri(join(dir, 'more/deployment.yaml'));
      await client.open(uri, 'yaml', FILES['more/deployment.yaml']);
      const ds = await client.diagnostics(uri);
      const digest = ds.find((d) => d.code === 'k8s-image-digest')!;
      const pin = pinActions(await client.codeActions(uri, digest.range, [digest]))[0];
      assert.equal(pin.command?.command, SERVER_COMMANDS.pinDigest);
      const result = await client.connection.sendRequest<{ pinned: boolean }>('workspace/executeCommand', {
        command: pin.command!.command,
        arguments: pin.command!.arguments,
      });
      assert.equal(result.pinned, false, 'port 9 is closed');
      const calls = attempts(rec.calls());
      assert.ok(calls.length > 0, 'the recorder sees the lookup');
      const sent = JSON.stringify(calls.map((c) => c.detail));
      assert.ok(
        calls.every((c) => /127\.0\.0\.1|localhost|:9\b|\/v2\//.test(c.detail) && !/spawn|exec|fork/.test(c.what)),
        sent,
      );
      assert.ok(!sent.includes('deployment') && !sent.includes(dir), `no workspace content or path: ${sent}`);
    } finally {
      await client.stop();
    }
  });

  test('untrusted: the same session records nothing, and the pin command refuses without looking up', async () => {
    const { rec, dir, client } = await recordedServer(false);
    try {
      const { actions, diagnostics } = await useEverything(client, dir);
      assert.ok(
        [...diagnostics.values()].flat().length > 10,
        'limited, not off: the documents are still linted and fixed',
      );
      assert.ok(actions.some((a) => a.title.startsWith('Fix: ')));
      assert.deepEqual(pinActions(actions), [], 'no pin action');
      const uri = pathUri(join(dir, 'more/deployment.yaml'));
      await client.open(uri, 'yaml', FILES['more/deployment.yaml']);
      const d = (await client.diagnostics(uri)).find((x) => x.code === 'k8s-image-digest')!;
      const result = await client.connection.sendRequest<{ pinned: boolean }>('workspace/executeCommand', {
        command: SERVER_COMMANDS.pinDigest,
        arguments: [{ uri, version: 1, range: d.range }],
      });
      assert.equal(result.pinned, false);
      assert.deepEqual(attempts(rec.calls()), []);
    } finally {
      await client.stop();
    }
  });
});

test('package.json declares untrusted-workspace support honestly: limited, naming the digest lookup, which the client gates on trust', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    capabilities: { untrustedWorkspaces: { supported: unknown; description?: string } };
  };
  const { supported, description } = pkg.capabilities.untrustedWorkspaces;
  // "limited": linting and fixes work untrusted (the test above), the network feature does not.
  assert.equal(supported, 'limited');
  assert.match(description ?? '', /digest lookup/i);
  assert.match(description ?? '', /disabled|off|not available/i);
  // The client tells the server, and restarts it when trust is granted.
  const dir = join(ROOT, 'client', 'src');
  const client = readdirSync(dir)
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('\n');
  assert.match(client, /workspaceTrusted:\s*workspace\.isTrusted/);
  assert.match(client, /onDidGrantWorkspaceTrust\(/);
});

test('CLI: lint and --fix reach no network and start no program', () => {
  const rec = recorder();
  const dir = tree(FILES);
  const run = (args: string[]) =>
    spawnSync(process.execPath, ['--require', PRELOAD, CLI, ...args], {
      cwd: dir,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, NO_COLOR: '1', HARDEN_RECORD_CALLS: rec.file },
    });
  for (const args of [['--format', 'json', '.'], ['--format', 'sarif', '.'], ['--fix', '.'], ['rules']]) {
    const r = run(args);
    assert.ok(r.status === 0 || r.status === 1, `${args.join(' ')}: ${r.status} ${r.stderr}`);
  }
  assert.equal(rec.calls().filter((c) => c.what === 'loaded').length, 4);
  assert.deepEqual(attempts(rec.calls()), []);
});
