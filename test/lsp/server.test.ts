import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { CodeAction, Diagnostic, MarkupContent } from 'vscode-languageserver-protocol';
import { docsUrl } from '../../server/src/engine';
import { pathUri, PULL_CAPABILITIES, PUSH_CAPABILITIES, TestClient } from './support/lspClient';

const DOCKERFILE = 'FROM node:20\nRUN npm ci\nCMD ["node","x"]';
const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        privileged: true
`;
const PRIVILEGED_LINE = 9;
const line = (n: number, from: number, to: number) => ({
  start: { line: n, character: from },
  end: { line: n, character: to },
});

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'harden-lsp-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

const uriOf = (name: string) => pathUri(join(dir, name));
const byRule = (ds: Diagnostic[], id: string) => ds.filter((d) => d.code === id);
const titles = (as: CodeAction[]) => as.map((a) => a.title);

describe('pull client (LSP 3.17, as VS Code)', () => {
  let client: TestClient;
  const dockerfile = () => uriOf('pull/Dockerfile');
  const pod = () => uriOf('pull/pod.yaml');

  before(async () => {
    const started = await TestClient.start({ capabilities: PULL_CAPABILITIES });
    client = started.client;
    const caps = started.init.capabilities;
    assert.deepEqual(caps.diagnosticProvider, {
      identifier: 'harden',
      interFileDependencies: true,
      workspaceDiagnostics: false,
    });
    assert.deepEqual(caps.textDocumentSync, { openClose: true, change: 2, save: { includeText: false } });
    assert.deepEqual((caps.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds, [
      'quickfix',
      'source.fixAll.harden',
      'refactor.rewrite.harden',
    ]);
    await client.open(dockerfile(), 'dockerfile', DOCKERFILE);
    await client.open(pod(), 'yaml', POD);
  });
  after(() => client.stop());

  test('diagnostics carry exact ranges, the rule id as code, a docs link and the source', async () => {
    const df = byRule(await client.diagnostics(dockerfile()), 'no-root-user');
    assert.equal(df.length, 1);
    assert.deepEqual(
      {
        range: df[0].range,
        code: df[0].code,
        source: df[0].source,
        severity: df[0].severity,
        href: df[0].codeDescription?.href,
      },
      { range: line(0, 5, 12), code: 'no-root-user', source: 'harden', severity: 2, href: docsUrl('no-root-user') },
    );
    assert.deepEqual(
      { ...(df[0].data as object), index: 0 },
      { ruleId: 'no-root-user', messageId: 'noUser', version: 1, index: 0 },
    );

    const k8s = byRule(await client.diagnostics(pod()), 'k8s-privileged-container');
    assert.equal(k8s.length, 1);
    assert.deepEqual(
      { range: k8s[0].range, source: k8s[0].source, href: k8s[0].codeDescription?.href },
      { range: line(PRIVILEGED_LINE, 20, 24), source: 'harden', href: docsUrl('k8s-privileged-container') },
    );
  });

  test('an unchanged document answers "unchanged" for its previous result id', async () => {
    const first = await client.pull(dockerfile());
    assert.equal(first.kind, 'full');
    const again = await client.pull(dockerfile(), first.resultId);
    assert.deepEqual(again, { kind: 'unchanged', resultId: first.resultId });
  });

  test('code actions: suggestions and the disable action for the Dockerfile finding', async () => {
    const [d] = byRule(await client.diagnostics(dockerfile()), 'no-root-user');
    const actions = await client.codeActions(dockerfile(), d.range, [d]);
    assert.deepEqual(titles(actions), [
      'Create user app (10001) with useradd and switch to it',
      'Add "USER 10001:10001" to the final stage',
      'Disable no-root-user for this line',
    ]);
    assert.ok(
      actions.every((a) => a.kind === 'quickfix' && !a.isPreferred && a.diagnostics?.[0].code === 'no-root-user'),
    );
    const addUser = actions[1].edit!.documentChanges![0] as { textDocument: { version: number }; edits: unknown[] };
    assert.equal(addUser.textDocument.version, 1);
    assert.deepEqual(addUser.edits, [{ range: line(2, 0, 0), newText: 'USER 10001:10001\n' }]);
  });

  test('a suggestion applied as a versioned edit, then the finding is gone', async () => {
    const [d] = byRule(await client.diagnostics(dockerfile()), 'no-root-user');
    const addUser = (await client.codeActions(dockerfile(), d.range, [d])).find((a) =>
      a.title.startsWith('Add "USER'),
    )!;
    await client.apply(addUser.edit, dockerfile());
    assert.equal(client.text(dockerfile()), 'FROM node:20\nRUN npm ci\nUSER 10001:10001\nCMD ["node","x"]');
    assert.deepEqual(byRule(await client.diagnostics(dockerfile()), 'no-root-user'), []);
  });

  test('code actions: the safe fix (preferred) and both disable actions for the manifest; applying the fix removes the finding', async () => {
    const [d] = byRule(await client.diagnostics(pod()), 'k8s-privileged-container');
    const actions = await client.codeActions(pod(), d.range, [d]);
    const fix = actions.find((a) => a.isPreferred);
    assert.ok(fix, `a preferred fix among: ${titles(actions).join(' | ')}`);
    assert.equal(fix.kind, 'quickfix');
    assert.match(fix.title, /^Fix: /);
    assert.ok(titles(actions).includes('Disable k8s-privileged-container for this line'));
    assert.ok(titles(actions).includes('Disable k8s-privileged-container for this file'));

    const text = await client.apply(fix.edit, pod());
    assert.match(text, /privileged: false/);
    assert.deepEqual(byRule(await client.diagnostics(pod()), 'k8s-privileged-container'), []);
  });

  test('a request for a document nobody opened answers empty and the server lives on', async () => {
    const ghost = uriOf('pull/ghost.yaml');
    assert.deepEqual(await client.pull(ghost), { kind: 'full', items: [] });
    assert.deepEqual(await client.codeActions(ghost, line(0, 0, 0), []), []);
    assert.equal(await client.hover(ghost, 0, 0), null);
    assert.ok(client.alive);
    assert.ok((await client.diagnostics(dockerfile())).length > 0);
  });
});

describe('hover and fix-all', () => {
  let client: TestClient;
  const pod = () => uriOf('hover/pod.yaml');

  before(async () => {
    ({ client } = await TestClient.start({ capabilities: PULL_CAPABILITIES }));
    await client.open(pod(), 'yaml', POD);
  });
  after(() => client.stop());

  test('hover over a finding shows the rule title, rationale and docs link', async () => {
    await client.diagnostics(pod());
    const hover = await client.hover(pod(), PRIVILEGED_LINE, 21);
    assert.ok(hover);
    const value = (hover.contents as MarkupContent).value;
    assert.equal((hover.contents as MarkupContent).kind, 'markdown');
    assert.match(value, /\*\*Containers must not run privileged\*\* `k8s-privileged-container`/);
    assert.match(value, /A privileged container has every capability/);
    assert.ok(value.includes(`[Documentation](${docsUrl('k8s-privileged-container')})`));
    assert.deepEqual(hover.range, line(PRIVILEGED_LINE, 20, 24));
    assert.equal(await client.hover(pod(), 0, 0), null);
  });

  test('source.fixAll.harden is offered only when asked for, as one minimal edit', async () => {
    const unasked = await client.codeActions(pod(), line(0, 0, 0), []);
    assert.ok(!unasked.some((a) => a.kind === 'source.fixAll.harden'));
    const actions = await client.codeActions(pod(), line(0, 0, 0), [], ['source.fixAll.harden']);
    assert.equal(actions.length, 1);
    assert.equal(actions[0].kind, 'source.fixAll.harden');
    const change = actions[0].edit!.documentChanges![0] as { edits: unknown[] };
    assert.equal(change.edits.length, 1);
    const text = await client.apply(actions[0].edit, pod());
    assert.match(text, /privileged: false/);
    assert.deepEqual(byRule(await client.diagnostics(pod()), 'k8s-privileged-container'), []);
  });
});

describe('push client (no pull diagnostics, as Neovim 0.7)', () => {
  let client: TestClient;
  const dockerfile = () => uriOf('push/Dockerfile');
  const pod = () => uriOf('push/pod.yaml');

  before(async () => {
    const started = await TestClient.start({ capabilities: PUSH_CAPABILITIES });
    client = started.client;
    assert.equal(started.init.capabilities.diagnosticProvider, undefined);
    await client.open(dockerfile(), 'dockerfile', DOCKERFILE);
    await client.open(pod(), 'yaml', POD);
  });
  after(() => client.stop());

  test('publishDiagnostics arrives on open with the same diagnostics', async () => {
    const df = await client.published$(dockerfile(), 1);
    assert.deepEqual(
      byRule(df.diagnostics, 'no-root-user').map((d) => [d.code, d.range, d.source, d.codeDescription?.href]),
      [['no-root-user', line(0, 5, 12), 'harden', docsUrl('no-root-user')]],
    );
    const k8s = await client.published$(pod(), 1);
    assert.deepEqual(byRule(k8s.diagnostics, 'k8s-privileged-container')[0].range, line(PRIVILEGED_LINE, 20, 24));
  });

  test('an edit is followed by a new publish for the new version', async () => {
    await client.published$(dockerfile(), 1);
    await client.edit(dockerfile(), [{ range: line(3, 0, 0), newText: '\nUSER 10001' }]);
    const next = await client.published$(dockerfile(), 2);
    assert.deepEqual(byRule(next.diagnostics, 'no-root-user'), []);
  });

  test('a fix (plain `changes`) applied and sent as a change is followed by a new publish without the finding', async () => {
    const { diagnostics } = await client.published$(pod(), 1);
    const [d] = byRule(diagnostics, 'k8s-privileged-container');
    const fix = (await client.codeActions(pod(), d.range, [d])).find((a) => a.isPreferred);
    assert.ok(fix?.edit?.changes, 'a fix as a `changes` map');
    await client.apply(fix.edit, pod());
    const next = await client.published$(pod(), 2);
    assert.deepEqual(byRule(next.diagnostics, 'k8s-privileged-container'), []);
  });

  test('closing a document clears its diagnostics', async () => {
    await client.close(dockerfile());
    await client.publishedWhere(dockerfile(), (p) => p.version === undefined && p.diagnostics.length === 0, 'cleared');
  });
});

describe('harden this workload to the restricted profile', () => {
  let client: TestClient;
  const pod = () => uriOf('workload/pod.yaml');
  const TWO = `${POD}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n`;

  before(async () => {
    const capabilities = structuredClone(PULL_CAPABILITIES);
    capabilities.textDocument!.codeAction!.resolveSupport = { properties: ['edit'] };
    ({ client } = await TestClient.start({ capabilities }));
    await client.open(pod(), 'yaml', TWO);
  });
  after(() => client.stop());

  test('offered inside a workload (edit resolved lazily), not outside one', async () => {
    await client.diagnostics(pod());
    const outside = await client.codeActions(pod(), line(13, 2, 2), []);
    assert.ok(!titles(outside).includes('Harden this workload to the restricted profile'));
    const inside = (await client.codeActions(pod(), line(7, 8, 8), [])).find(
      (a) => a.title === 'Harden this workload to the restricted profile',
    );
    assert.ok(inside, 'offered on the container');
    assert.equal(inside.kind, 'refactor.rewrite.harden');
    assert.equal(inside.edit, undefined);
    const resolved = await client.connection.sendRequest<CodeAction>('codeAction/resolve', inside);
    const text = await client.apply(resolved.edit, pod());
    assert.match(text, /privileged: false/);
    assert.ok(
      text.endsWith('---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n'),
      'the other object is untouched',
    );
  });
});

describe('disable for this line', () => {
  let client: TestClient;

  before(async () => {
    ({ client } = await TestClient.start({ capabilities: PULL_CAPABILITIES }));
  });
  after(() => client.stop());

  test('YAML: the pragma goes above the key line with its indentation, and the finding is gone', async () => {
    const uri = uriOf('disable/pod.yaml');
    await client.open(uri, 'yaml', POD);
    const [d] = byRule(await client.diagnostics(uri), 'k8s-privileged-container');
    const action = (await client.codeActions(uri, d.range, [d])).find(
      (a) => a.title === 'Disable k8s-privileged-container for this line',
    )!;
    const text = await client.apply(action.edit, uri);
    assert.equal(text.split('\n')[PRIVILEGED_LINE], '        # harden-ignore k8s-privileged-container');
    assert.equal(text.split('\n')[PRIVILEGED_LINE + 1], '        privileged: true');
    assert.deepEqual(byRule(await client.diagnostics(uri), 'k8s-privileged-container'), []);
  });

  test("Dockerfile: a finding on a continuation line puts the pragma above the instruction's first line", async () => {
    const uri = uriOf('disable/Dockerfile');
    await client.open(uri, 'dockerfile', '  FROM --platform=linux/amd64 \\\n    node:20\nRUN npm ci\n');
    const [d] = byRule(await client.diagnostics(uri), 'no-root-user');
    assert.equal(d.range.start.line, 1);
    const action = (await client.codeActions(uri, d.range, [d])).find(
      (a) => a.title === 'Disable no-root-user for this line',
    )!;
    const text = await client.apply(action.edit, uri);
    assert.equal(text, '  # harden-ignore no-root-user\n  FROM --platform=linux/amd64 \\\n    node:20\nRUN npm ci\n');
    assert.deepEqual(byRule(await client.diagnostics(uri), 'no-root-user'), []);
  });

  test('for this file: one pragma at the top, joined by later ids', async () => {
    const uri = uriOf('disable/file.yaml');
    await client.open(uri, 'yaml', `# harden-ignore-file k8s-run-as-non-root\n${POD}`);
    const [d] = byRule(await client.diagnostics(uri), 'k8s-privileged-container');
    const action = (await client.codeActions(uri, d.range, [d])).find(
      (a) => a.title === 'Disable k8s-privileged-container for this file',
    )!;
    const text = await client.apply(action.edit, uri);
    assert.equal(text.split('\n')[0], '# harden-ignore-file k8s-run-as-non-root k8s-privileged-container');
    assert.deepEqual(byRule(await client.diagnostics(uri), 'k8s-privileged-container'), []);
  });
});

test("a .hadolint.yaml next to a Dockerfile is honoured through the rules' hadolint ids", async () => {
  const root = join(dir, 'hadolint');
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, '.hadolint.yaml'), 'ignored:\n  - DL3002\n');
  const { client } = await TestClient.start({ capabilities: PULL_CAPABILITIES, rootPath: root });
  try {
    const uri = pathUri(join(root, 'Dockerfile'));
    await client.open(uri, 'dockerfile', DOCKERFILE);
    assert.deepEqual(byRule(await client.diagnostics(uri), 'no-root-user'), []);
  } finally {
    await client.stop();
  }
});

describe('cross-file facts', () => {
  const manifest = (name: string, app: string) =>
    `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  labels:\n    app: ${app}\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n`;

  test('pull: the start-up scan reads manifests on disk, and a label change in one open manifest refreshes the others', async () => {
    const root = join(dir, 'xfile');
    mkdirSync(join(root, 'k8s', 'node_modules'), { recursive: true });
    writeFileSync(
      join(root, 'k8s', 'policy.yaml'),
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny\nspec:\n  podSelector: {}\n',
    );
    writeFileSync(join(root, 'k8s', 'node_modules', 'skipped.yaml'), manifest('skipped', 'x'));
    const { client } = await TestClient.start({ capabilities: PULL_CAPABILITIES, rootPath: root });
    try {
      const log = await client.until(
        () => client.logs.find((l) => l.startsWith('Scanned 1 workspace folder')),
        'the scan log line',
      );
      assert.match(log, /Kubernetes manifests/);
      await client.refreshed(1);

      const a = pathUri(join(root, 'a.yaml'));
      const b = pathUri(join(root, 'b.yaml'));
      await client.open(a, 'yaml', manifest('a', 'one'));
      await client.open(b, 'yaml', manifest('b', 'two'));
      await client.diagnostics(a);
      await client.diagnostics(b);
      const before = client.refreshCount;
      await client.edit(b, [{ range: line(5, 9, 12), newText: 'three' }]);
      await client.diagnostics(b);
      await client.refreshed(before + 1);
    } finally {
      await client.stop();
    }
  });

  test('push: a label change in one open manifest republishes the others', async () => {
    const { client } = await TestClient.start({ capabilities: PUSH_CAPABILITIES });
    try {
      const a = uriOf('xpush/a.yaml');
      const b = uriOf('xpush/b.yaml');
      await client.open(a, 'yaml', manifest('a', 'one'));
      await client.open(b, 'yaml', manifest('b', 'two'));
      await client.published$(a, 1);
      await client.published$(b, 1);
      const count = client.publishCount(a);
      await client.edit(b, [{ range: line(5, 9, 12), newText: 'three' }]);
      await client.published$(b, 2);
      await client.until(() => (client.publishCount(a) > count ? true : undefined), 'a republish of a.yaml');
    } finally {
      await client.stop();
    }
  });
});

describe('.harden.yaml in the workspace root', () => {
  let client: TestClient;
  let root: string;
  const dockerfile = () => pathUri(join(root, 'app', 'Dockerfile'));

  before(async () => {
    root = join(dir, 'ws');
    mkdirSync(join(root, 'app'), { recursive: true });
    writeFileSync(join(root, '.harden.yaml'), 'rules:\n  no-root-user: off\n');
    ({ client } = await TestClient.start({ capabilities: PULL_CAPABILITIES, rootPath: root }));
    await client.open(dockerfile(), 'dockerfile', DOCKERFILE);
  });
  after(() => client.stop());

  test('turns a rule off; changed on disk (didChangeWatchedFiles) it comes back', async () => {
    assert.deepEqual(byRule(await client.diagnostics(dockerfile()), 'no-root-user'), []);
    const watcher = await client.until(
      () => client.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles'),
      'file watcher registration',
    );
    assert.ok(JSON.stringify(watcher.registerOptions).includes('**/.harden.yaml'));

    writeFileSync(join(root, '.harden.yaml'), 'rules:\n  no-root-user: error\n');
    const refreshes = client.refreshCount;
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: pathUri(join(root, '.harden.yaml')), type: 2 }],
    });
    await client.refreshed(refreshes + 1);
    const [d] = byRule(await client.diagnostics(dockerfile()), 'no-root-user');
    assert.deepEqual([d.code, d.severity], ['no-root-user', 1]);
  });

  test('editor settings win over the file', async () => {
    client.settings = { rules: { 'no-root-user': 'hint' } };
    const refreshes = client.refreshCount;
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.refreshed(refreshes + 1);
    const [d] = byRule(await client.diagnostics(dockerfile()), 'no-root-user');
    assert.deepEqual([d.code, d.severity], ['no-root-user', 4]);
    client.settings = { enable: false };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.refreshed(refreshes + 2);
    assert.deepEqual(await client.diagnostics(dockerfile()), []);
  });

  test('an open .harden.yaml is the configuration while it is edited, saved or not', async () => {
    client.settings = {};
    let refreshes = client.refreshCount;
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.refreshed(++refreshes);
    const config = pathUri(join(root, '.harden.yaml'));
    await client.open(config, 'yaml', 'rules:\n  no-root-user: error\n');
    await client.refreshed(++refreshes);
    assert.equal(byRule(await client.diagnostics(dockerfile()), 'no-root-user').length, 1);
    await client.edit(config, [{ range: line(1, 16, 21), newText: 'off' }]);
    await client.refreshed(++refreshes);
    assert.deepEqual(byRule(await client.diagnostics(dockerfile()), 'no-root-user'), []);
    assert.deepEqual(await client.diagnostics(config), []);
    await client.close(config);
  });

  test('an invalid .harden.yaml open in the editor gets diagnostics on its keys, and nothing crashes', async () => {
    const uri = pathUri(join(root, '.harden.yaml'));
    await client.open(uri, 'yaml', 'rules:\n  no-such-rule: warning\npss:\n  level: strict\n');
    const ds = await client.diagnostics(uri);
    assert.deepEqual(
      ds.map((d) => [d.code, d.range.start.line, d.message]),
      [
        ['harden', 1, 'Invalid .harden.yaml: unknown rule "no-such-rule"'],
        ['harden', 3, 'Invalid .harden.yaml: "pss.level" must be baseline or restricted'],
      ],
    );
    assert.ok(client.logs.some((l) => l.includes('unknown rule "no-such-rule"')));
    assert.ok(client.alive);
  });
});
