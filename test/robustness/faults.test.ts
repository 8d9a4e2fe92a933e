import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import type { Diagnostic, DocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { defaultSettings } from '../../server/src/engine/base/config';
import type { DockerfileRule, KubernetesRule, Rule } from '../../server/src/engine/rules/rule';
import { rules, rulesById } from '../../server/src/engine/rules';
import { lint } from '../../server/src/engine/runner/runner';
import type { Finding } from '../../server/src/engine/base/types';
import { Workspace } from '../../server/src/engine/facts/workspace';
import { pathUri, PULL_CAPABILITIES, PUSH_CAPABILITIES, TestClient } from '../lsp/support/lspClient';
import { POD } from './hostileInputs';
import { InProcessServer } from './support/inProcess';

/**
 * The server under faults: a rule that throws, cancelled requests, requests for documents that are not open,
 * bursts of edits. A throwing rule and counting lints need the server's modules in this process
 * (support/inProcess.ts): production code has no switch for making a rule fail.
 */

const DOCKERFILE = 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n';
const uriOf = (name: string) => pathUri(`/harden-faults/${name}`);
const codes = (ds: readonly { code?: unknown; ruleId?: string }[]) =>
  [...new Set(ds.map((d) => String(d.code ?? d.ruleId)))].sort();
const full = (r: DocumentDiagnosticReport) =>
  r.kind === 'full' ? r.items : assert.fail(`expected a full report, got ${r.kind}`);

/** Replaces a rule's check for the duration of `fn`, in the registry the server and the engine share. */
async function withCheck<T>(
  id: string,
  check: (original: Rule['check']) => Rule['check'],
  fn: () => Promise<T> | T,
): Promise<T> {
  const rule = rulesById.get(id) as DockerfileRule | KubernetesRule;
  const original = rule.check;
  rule.check = check(original as Rule['check']) as never;
  try {
    return await fn();
  } finally {
    rule.check = original as never;
  }
}

const boom = () => () => {
  throw new Error('boom from a test');
};

describe('a rule that throws', () => {
  test('engine: the other rules still report, the error goes to onRuleError with the rule id', () => {
    const settings = defaultSettings();
    const clean = lint({ uri: 'file:///f/Dockerfile', text: DOCKERFILE }, settings).findings;
    const thrower: DockerfileRule = {
      meta: { ...(rulesById.get('no-root-user')!.meta as DockerfileRule['meta']), id: 'always-throws' },
      check: boom(),
    };
    const errors: [string, unknown][] = [];
    const got = lint({ uri: 'file:///f/Dockerfile', text: DOCKERFILE }, settings, {
      rules: [thrower, ...rules],
      onRuleError: (id, e) => errors.push([id, e]),
    }).findings;
    assert.deepEqual(got, clean);
    assert.deepEqual(
      errors.map(([id, e]) => [id, (e as Error).message]),
      [['always-throws', 'boom from a test']],
    );
    // Kubernetes: per document, the same isolation.
    const k8sThrower: KubernetesRule = {
      meta: { ...(rulesById.get('k8s-privileged-container')!.meta as KubernetesRule['meta']), id: 'k8s-always-throws' },
      check: boom(),
    };
    errors.length = 0;
    const two = `${POD}---\n${POD}`;
    const k8s = lint({ uri: 'file:///f/pods.yaml', text: two }, settings, {
      rules: [k8sThrower, ...rules],
      onRuleError: (id, e) => errors.push([id, e]),
      workspace: new Workspace(),
    }).findings;
    assert.deepEqual(
      k8s,
      lint({ uri: 'file:///f/pods.yaml', text: two }, settings, { workspace: new Workspace() }).findings,
    );
    assert.deepEqual(
      errors.map(([id]) => id),
      ['k8s-always-throws', 'k8s-always-throws'],
    );
  });

  test('language server: logged once with its id, the other rules still report, edit after edit', async () => {
    const server = await InProcessServer.start({ capabilities: PULL_CAPABILITIES });
    try {
      const df = uriOf('throws/Dockerfile');
      const pod = uriOf('throws/pod.yaml');
      await server.open(df, 'dockerfile', DOCKERFILE);
      await server.open(pod, 'yaml', POD);
      const before = { df: codes(full(await server.pull(df))), pod: codes(full(await server.pull(pod))) };
      assert.ok(before.df.includes('no-root-user') && before.pod.includes('k8s-privileged-container'));

      await withCheck('no-root-user', boom, () =>
        withCheck('k8s-privileged-container', boom, async () => {
          for (let i = 0; i < 3; i++) {
            await server.change(df, `${DOCKERFILE}# edit ${i}\n`);
            await server.change(pod, `${POD}# edit ${i}\n`);
            assert.deepEqual(
              codes(full(await server.pull(df))),
              before.df.filter((c) => c !== 'no-root-user'),
            );
            assert.deepEqual(
              codes(full(await server.pull(pod))),
              before.pod.filter((c) => c !== 'k8s-privileged-container'),
            );
          }
        }),
      );
      const failures = server.logs.filter((l) => /failed/.test(l.message));
      assert.deepEqual(
        failures.map((l) => [l.type, l.message.split('\n')[0]]),
        [
          [1, 'Rule no-root-user failed (reported once; the other rules still run): Error: boom from a test'],
          [
            1,
            'Rule k8s-privileged-container failed (reported once; the other rules still run): Error: boom from a test',
          ],
        ],
      );
      // Back to normal once the rule stops throwing.
      await server.change(df, DOCKERFILE);
      assert.deepEqual(codes(full(await server.pull(df))), before.df);
    } finally {
      await server.stop();
    }
  });
});

describe('cancelled requests stop work', () => {
  /** Counts the engine runs of one rule (one per lint of a Dockerfile). */
  let runs = 0;
  const counting = (original: Rule['check']) =>
    ((ctx: never) => (runs++, (original as (c: never) => void)(ctx))) as Rule['check'];
  /** A cancelled pull answers an error or nothing and runs no rule; the next pull lints once. */
  const expectNothingLinted = async (
    pending: Promise<DocumentDiagnosticReport>,
    pullAgain: () => Promise<DocumentDiagnosticReport>,
  ) => {
    const report = await pending.catch((e: Error) => e);
    assert.ok(report instanceof Error || (report.kind === 'full' && report.items.length === 0), JSON.stringify(report));
    assert.equal(runs, 0, 'the engine did not run');
    assert.ok(full(await pullAgain()).length > 0);
    assert.equal(runs, 1);
  };

  test('a pull cancelled before it runs lints nothing', async () => {
    const server = await InProcessServer.start({ capabilities: PULL_CAPABILITIES });
    try {
      const df = uriOf('cancel/Dockerfile');
      await server.open(df, 'dockerfile', DOCKERFILE);
      await withCheck('no-root-user', counting, async () => {
        runs = 0;
        const source = new CancellationTokenSource();
        const pending = server.pull(df, source.token);
        source.cancel();
        await expectNothingLinted(pending, () => server.pull(df));
      });
    } finally {
      await server.stop();
    }
  });

  test('a pull cancelled while it waits for the client (workspace/configuration) lints nothing', async () => {
    let release!: () => void;
    let asked!: () => void;
    const askedP = new Promise<void>((r) => (asked = r));
    const server = await InProcessServer.start({
      capabilities: PULL_CAPABILITIES,
      configuration: () => {
        asked();
        return new Promise((r) => (release = () => r({})));
      },
    });
    try {
      const df = uriOf('cancel-config/Dockerfile');
      await server.open(df, 'dockerfile', DOCKERFILE);
      await withCheck('no-root-user', counting, async () => {
        runs = 0;
        const source = new CancellationTokenSource();
        const pending = server.pull(df, source.token);
        await askedP;
        source.cancel();
        await new Promise((r) => setTimeout(r, 20));
        release();
        await expectNothingLinted(pending, () => server.pull(df));
      });
    } finally {
      await server.stop();
    }
  });
});

describe('documents that are not open', () => {
  let client: TestClient;
  before(async () => {
    ({ client } = await TestClient.start({ capabilities: PULL_CAPABILITIES }));
  });
  after(() => client.stop());

  test('closed and unknown documents answer empty for every request; the server lives on', async () => {
    const closed = uriOf('closed/Dockerfile');
    await client.open(closed, 'dockerfile', DOCKERFILE);
    const ds = await client.diagnostics(closed);
    assert.ok(ds.length > 0);
    await client.close(closed);
    for (const uri of [closed, uriOf('never-opened/pod.yaml'), 'untitled:Untitled-9', 'not a uri']) {
      assert.deepEqual(await client.pull(uri), { kind: 'full', items: [] }, uri);
      assert.deepEqual(await client.codeActions(uri, ds[0].range, ds), [], uri);
      assert.deepEqual(await client.codeActions(uri, ds[0].range, [], ['source.fixAll.harden']), [], uri);
      assert.equal(await client.hover(uri, 0, 6), null, uri);
    }
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: closed, version: 9 },
      contentChanges: [{ text: 'FROM x\n' }],
    });
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: closed } });
    assert.ok(client.alive);
    const again = uriOf('closed/again/Dockerfile');
    await client.open(again, 'dockerfile', DOCKERFILE);
    assert.deepEqual(codes(await client.diagnostics(again)), codes(ds));
    assert.doesNotMatch(client.stderrText, /uncaught|unhandled/i);
  });
});

describe('bursts of edits settle to the final text', () => {
  const finalText = (i: number) =>
    i % 2
      ? `${POD}---\n${POD.replace('web', `web-${i}`)}`
      : POD.replace('privileged: true', `privileged: ${i % 3 === 0}`);
  const expected = (text: string) =>
    lint({ uri: 'file:///x/pod.yaml', text, languageId: 'yaml' }, defaultSettings(), { workspace: new Workspace() })
      .findings;
  const shape = (xs: readonly (Finding | Diagnostic)[]) =>
    xs.map((x) => `${'ruleId' in x ? x.ruleId : x.code} ${JSON.stringify(x.range)} ${x.message}`).sort();

  test('pull: 40 edits sent at once, pulls cancelled as an editor does; the last pull is the last text', async () => {
    const { client } = await TestClient.start({ capabilities: PULL_CAPABILITIES });
    try {
      const uri = uriOf('burst-pull/pod.yaml');
      await client.open(uri, 'yaml', POD);
      let last = POD;
      const sources: CancellationTokenSource[] = [];
      const pulls: Promise<unknown>[] = [];
      for (let i = 0; i < 40; i++) {
        last = finalText(i);
        const doc = client.documents.get(uri)!;
        void client.edit(uri, [
          { range: { start: { line: 0, character: 0 }, end: doc.positionAt(doc.getText().length) }, newText: last },
        ]);
        sources.at(-1)?.cancel();
        const source = new CancellationTokenSource();
        sources.push(source);
        pulls.push(
          client.connection
            .sendRequest('textDocument/diagnostic', { textDocument: { uri } }, source.token)
            .catch(() => undefined),
        );
      }
      const final = (await pulls.at(-1)) as DocumentDiagnosticReport;
      await Promise.all(pulls);
      assert.equal(client.text(uri), last);
      assert.deepEqual(shape(full(final)), shape(expected(last)));
      assert.deepEqual(shape(await client.diagnostics(uri)), shape(expected(last)));
    } finally {
      await client.stop();
    }
  });

  test('push: 40 edits sent at once, then one publish for the final version with its diagnostics', async () => {
    const { client } = await TestClient.start({ capabilities: PUSH_CAPABILITIES });
    try {
      const uri = uriOf('burst-push/pod.yaml');
      await client.open(uri, 'yaml', POD);
      let last = POD;
      for (let i = 0; i < 40; i++) {
        last = finalText(i);
        const doc = client.documents.get(uri)!;
        void client.edit(uri, [
          { range: { start: { line: 0, character: 0 }, end: doc.positionAt(doc.getText().length) }, newText: last },
        ]);
      }
      const version = client.documents.get(uri)!.version;
      const published = await client.published$(uri, version);
      assert.deepEqual(shape(published.diagnostics), shape(expected(last)));
      await new Promise((r) => setTimeout(r, 400));
      assert.ok(client.publishCount(uri) < 10, `debounced: ${client.publishCount(uri)} publishes for 41 versions`);
    } finally {
      await client.stop();
    }
  });
});
