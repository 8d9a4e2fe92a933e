// "Pin to digest…" end to end: the real server over JSON-RPC, Debian's docker-registry on 127.0.0.1, no mocks.
import assert from 'node:assert/strict';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer, type Socket } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type {
  ApplyWorkspaceEditParams,
  ClientCapabilities,
  CodeAction,
  Diagnostic,
  ShowMessageParams,
} from 'vscode-languageserver-protocol';
import { SERVER_COMMANDS, type PinDigestArgs, type PinDigestResult } from '../../server/src/shared/protocol';
import { REGISTRY_BIN, startRegistry, type RunningRegistry } from '../registry/registryServer';
import { pathUri, PULL_CAPABILITIES, PUSH_CAPABILITIES, TestClient } from './support/lspClient';

const skip =
  !REGISTRY_BIN && process.env.CI !== 'true'
    ? 'Debian docker-registry is not installed (apt-get install docker-registry)'
    : false;

const ERROR = 1;
const WARNING = 2;
const DIGEST = /^sha256:[0-9a-f]{64}$/;

const dockerfile = (host: string) =>
  `FROM ${host}/team/app:1.2.3 AS build\nRUN make\n\nFROM ${host}/team/app:1.2.3\nUSER 10001:10001\nCMD ["app"]\n`;
const manifest = (host: string) => `apiVersion: v1
kind: Pod
metadata:
  name: app
spec:
  containers:
    - name: app
      image: "${host}/team/app:1.2.3" # keep this comment
    - name: sidecar
      image: ${host}/team/app:1.2.3
`;

/** A started server plus what it sent us: messages, edits it asked to apply, progress. */
class Session {
  readonly messages: ShowMessageParams[] = [];
  readonly applied: ApplyWorkspaceEditParams[] = [];
  readonly progress: { kind: string; title?: string }[] = [];
  answerApplied = true;
  private constructor(readonly client: TestClient) {
    const c = client.connection;
    c.onNotification('window/showMessage', (p: ShowMessageParams) => void this.messages.push(p));
    c.onRequest('window/workDoneProgress/create', () => null);
    c.onNotification(
      '$/progress',
      (p: { value: { kind: string; title?: string } }) => void this.progress.push(p.value),
    );
    c.onRequest('workspace/applyEdit', async (p: ApplyWorkspaceEditParams) => {
      this.applied.push(p);
      if (!this.answerApplied) return { applied: false, failureReason: 'declined by the test' };
      const uri = p.edit.documentChanges
        ? (p.edit.documentChanges[0] as { textDocument: { uri: string } }).textDocument.uri
        : Object.keys(p.edit.changes!)[0];
      await client.apply(p.edit, uri);
      return { applied: true };
    });
  }

  static async start(capabilities: ClientCapabilities, initializationOptions: unknown = { workspaceTrusted: true }) {
    const { client, init } = await TestClient.start({ capabilities, initializationOptions });
    return { session: new Session(client), init };
  }

  /** The diagnostic of `rule` on `line` and the code actions offered for it. */
  async actionsFor(
    uri: string,
    rule: string,
    line: number,
    diagnostics?: Diagnostic[],
  ): Promise<{ d: Diagnostic; actions: CodeAction[] }> {
    const ds = diagnostics ?? (await this.client.diagnostics(uri));
    const d = ds.find((x) => x.code === rule && x.range.start.line === line);
    assert.ok(d, `${rule} on line ${line} among ${JSON.stringify(ds.map((x) => [x.code, x.range.start.line]))}`);
    return { d, actions: await this.client.codeActions(uri, d.range, [d]) };
  }

  execute(args: unknown): Promise<PinDigestResult | null> {
    return this.client.connection.sendRequest('workspace/executeCommand', {
      command: SERVER_COMMANDS.pinDigest,
      arguments: [args],
    });
  }

  /** Runs a code action's command as an editor does. */
  run(action: CodeAction): Promise<PinDigestResult | null> {
    assert.ok(action.command, `${action.title} carries a command`);
    return this.client.connection.sendRequest('workspace/executeCommand', {
      command: action.command.command,
      arguments: action.command.arguments,
    });
  }

  errors(type = ERROR): string[] {
    return this.messages.filter((m) => m.type === type).map((m) => m.message);
  }
}

const pinOf = (actions: CodeAction[]) => actions.find((a) => a.title.startsWith('Pin '));
let uriCount = 0;
const fresh = (name: string) => pathUri(`/harden-pin-test/${++uriCount}/${name}`);

describe('Pin to digest against a real registry on 127.0.0.1', { skip }, () => {
  let reg: RunningRegistry;
  let expected: string;
  let session: Session;

  before(async () => {
    reg = await startRegistry();
    expected = await reg.seed('team/app', '1.2.3');
    const started = await Session.start({ ...PULL_CAPABILITIES, window: { workDoneProgress: true } });
    session = started.session;
    assert.deepEqual(started.init.capabilities.executeCommandProvider, { commands: [SERVER_COMMANDS.pinDigest] });
  });
  after(async () => {
    await session?.client.stop();
    await reg?.stop();
  });

  test('Dockerfile: the action carries harden.pinDigest; running it pins name:tag@sha256 through workspace/applyEdit', async () => {
    const uri = fresh('Dockerfile');
    await session.client.open(uri, 'dockerfile', dockerfile(reg.host));
    const { d, actions } = await session.actionsFor(uri, 'base-image-digest', 3);
    const pin = pinOf(actions);
    assert.ok(pin, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(pin.title, `Pin ${reg.host}/team/app:1.2.3 to its digest…`);
    assert.equal(pin.kind, 'quickfix');
    assert.equal(pin.isPreferred, false);
    assert.equal(pin.edit, undefined, 'no edit before the lookup');
    assert.equal(pin.command?.command, SERVER_COMMANDS.pinDigest);
    const args = pin.command!.arguments![0] as PinDigestArgs;
    assert.deepEqual(args, { uri, version: 1, range: d.range, image: `${reg.host}/team/app:1.2.3` });

    const before = session.applied.length;
    const result = await session.run(pin);
    assert.deepEqual(result, { pinned: true, digest: expected });
    assert.equal(session.applied.length, before + 1);
    const change = session.applied.at(-1)!.edit.documentChanges![0] as {
      textDocument: { version: number };
      edits: { newText: string }[];
    };
    assert.equal(change.textDocument.version, 1, 'a versioned edit: the editor refuses it if the file changed');
    assert.deepEqual(
      change.edits.map((e) => e.newText),
      [`@${expected}`],
      'only the digest is inserted',
    );
    assert.equal(
      session.client.text(uri),
      dockerfile(reg.host).replace(
        `FROM ${reg.host}/team/app:1.2.3\n`,
        `FROM ${reg.host}/team/app:1.2.3@${expected}\n`,
      ),
    );
    assert.match(expected, DIGEST);
    // Progress while looking up (the client supports work-done progress), no error, and the finding is gone.
    assert.deepEqual(
      session.progress.slice(-2).map((p) => p.kind),
      ['begin', 'end'],
    );
    assert.match(session.progress.at(-2)!.title!, /looking up the digest of 127\.0\.0\.1:\d+\/team\/app:1\.2\.3/);
    assert.deepEqual(session.errors(), []);
    const left = (await session.client.diagnostics(uri))
      .filter((x) => x.code === 'base-image-digest')
      .map((x) => x.range.start.line);
    assert.deepEqual(left, [0], 'the other stage is still unpinned');
  });

  test('Kubernetes: both containers pin, the quotes and the comment stay', async () => {
    const uri = fresh('pod.yaml');
    await session.client.open(uri, 'yaml', manifest(reg.host));
    for (const line of [7, 9]) {
      const { actions } = await session.actionsFor(uri, 'k8s-image-digest', line);
      const pin = pinOf(actions);
      assert.ok(pin, JSON.stringify(actions.map((a) => a.title)));
      assert.equal(pin.title, `Pin ${reg.host}/team/app:1.2.3 to its digest…`);
      assert.deepEqual(await session.run(pin), { pinned: true, digest: expected });
    }
    assert.equal(
      session.client.text(uri),
      manifest(reg.host)
        .replace(`"${reg.host}/team/app:1.2.3"`, `"${reg.host}/team/app:1.2.3@${expected}"`)
        .replace(`image: ${reg.host}/team/app:1.2.3\n`, `image: ${reg.host}/team/app:1.2.3@${expected}\n`),
    );
    assert.deepEqual(
      (await session.client.diagnostics(uri)).filter((x) => x.code === 'k8s-image-digest'),
      [],
    );
  });

  test('the document changed after the action was offered: the reference is found again where it moved', async () => {
    const uri = fresh('Dockerfile');
    await session.client.open(uri, 'dockerfile', dockerfile(reg.host));
    const pin = pinOf((await session.actionsFor(uri, 'base-image-digest', 3)).actions)!;
    await session.client.edit(uri, [
      {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        newText: '# syntax=docker/dockerfile:1\n\n',
      },
    ]);
    assert.deepEqual(await session.run(pin), { pinned: true, digest: expected });
    const lines = session.client.text(uri).split('\n');
    assert.equal(lines[5], `FROM ${reg.host}/team/app:1.2.3@${expected}`, 'the same FROM, two lines further down');
    assert.equal(lines[2], `FROM ${reg.host}/team/app:1.2.3 AS build`, 'not the first stage');
  });

  test('the reference itself was edited after the action was offered: nothing is guessed or edited, the user is told', async () => {
    const uri = fresh('Dockerfile');
    await session.client.open(uri, 'dockerfile', dockerfile(reg.host));
    const pin = pinOf((await session.actionsFor(uri, 'base-image-digest', 3)).actions)!;
    const text = await session.client.edit(uri, [
      {
        range: { start: { line: 3, character: 5 }, end: { line: 3, character: 5 + reg.host.length + 15 } },
        newText: 'scratch',
      },
    ]);
    const before = session.applied.length;
    const result = await session.run(pin);
    assert.equal(result?.pinned, false);
    assert.equal(session.applied.length, before);
    assert.equal(session.client.text(uri), text);
    assert.match(session.errors(WARNING).at(-1)!, /was edited after the action was offered; nothing was changed/);
  });

  test('an editor that declines the edit: the user is told, the result says not pinned', async () => {
    const uri = fresh('Dockerfile');
    await session.client.open(uri, 'dockerfile', dockerfile(reg.host));
    const pin = pinOf((await session.actionsFor(uri, 'base-image-digest', 3)).actions)!;
    session.answerApplied = false;
    try {
      assert.equal((await session.run(pin))?.pinned, false);
    } finally {
      session.answerApplied = true;
    }
    assert.match(session.errors(WARNING).at(-1)!, /did not apply the digest of .*declined by the test/);
  });

  test('an unknown tag: a clear error, no edit', async () => {
    const uri = fresh('Dockerfile');
    await session.client.open(uri, 'dockerfile', `FROM ${reg.host}/team/app:9.9.9\n`);
    const before = session.applied.length;
    const result = await session.run(pinOf((await session.actionsFor(uri, 'base-image-digest', 0)).actions)!);
    assert.equal(result?.pinned, false);
    assert.equal(session.applied.length, before);
    assert.match(
      session.errors().at(-1)!,
      /^Harden: could not pin 127\.0\.0\.1:\d+\/team\/app:9\.9\.9: team\/app:9\.9\.9 was not found on 127\.0\.0\.1:\d+\.$/,
    );
  });

  test('only literal references are offered: build arguments and templates are pinned where they are defined', async () => {
    const uri = fresh('Dockerfile');
    await session.client.open(uri, 'dockerfile', `ARG BASE=${reg.host}/team/app:1.2.3\nFROM \${BASE}\n`);
    const { d, actions } = await session.actionsFor(uri, 'base-image-digest', 1);
    assert.ok(String(d.message).includes(`${reg.host}/team/app:1.2.3`), 'the rule sees the resolved image');
    assert.equal(pinOf(actions), undefined, 'but the FROM line holds ${BASE}: the ARG is where to pin');
  });
});

describe('Neovim-style client (push diagnostics, plain `changes` edits, no progress)', { skip }, () => {
  let reg: RunningRegistry;
  let expected: string;
  let session: Session;

  before(async () => {
    reg = await startRegistry();
    expected = await reg.seed('team/app', '1.2.3');
    // No initializationOptions at all: editors without workspace trust are trusted.
    session = (await Session.start(PUSH_CAPABILITIES, undefined)).session;
  });
  after(async () => {
    await session?.client.stop();
    await reg?.stop();
  });

  test('code action from published diagnostics, executed through workspace/executeCommand', async () => {
    const uri = fresh('Dockerfile');
    await session.client.open(uri, 'dockerfile', dockerfile(reg.host));
    const published = await session.client.published$(uri, 1);
    const pin = pinOf((await session.actionsFor(uri, 'base-image-digest', 3, published.diagnostics)).actions)!;
    assert.deepEqual(await session.run(pin), { pinned: true, digest: expected });
    assert.ok(session.applied.at(-1)!.edit.changes, 'plain changes for a client without documentChanges');
    assert.ok(session.client.text(uri).includes(`FROM ${reg.host}/team/app:1.2.3@${expected}\nUSER`));
    assert.match(
      session.messages.find((m) => m.type === 3)!.message,
      /^Harden: looking up the digest of .*…$/,
      'progress as a message',
    );
  });

  test('a hand-made call with only uri and range replaces an existing digest', async () => {
    const uri = fresh('Dockerfile');
    const stale = `sha256:${'0'.repeat(64)}`;
    await session.client.open(uri, 'dockerfile', `FROM ${reg.host}/team/app:1.2.3@${stale}\n`);
    const end = 5 + `${reg.host}/team/app:1.2.3@${stale}`.length;
    assert.deepEqual(
      await session.execute({ uri, range: { start: { line: 0, character: 5 }, end: { line: 0, character: end } } }),
      { pinned: true, digest: expected },
    );
    assert.equal(session.client.text(uri), `FROM ${reg.host}/team/app:1.2.3@${expected}\n`);
    // Pinned already: said so, nothing edited.
    const before = session.applied.length;
    const again = await session.execute({
      uri,
      range: {
        start: { line: 0, character: 5 },
        end: { line: 0, character: 5 + `${reg.host}/team/app:1.2.3@${expected}`.length },
      },
    });
    assert.equal(again?.pinned, true);
    assert.match(again!.message!, /already pinned to its current digest/);
    assert.equal(session.applied.length, before);
  });

  test('bad arguments are refused with a message', async () => {
    assert.equal((await session.execute({ uri: 42 }))?.pinned, false);
    assert.match(session.errors().at(-1)!, /needs one argument/);
  });
});

describe('Bearer token flow (registry with token auth)', { skip }, () => {
  let reg: RunningRegistry;
  let session: Session;
  before(async () => {
    reg = await startRegistry({ tokenAuth: true });
    session = (await Session.start(PULL_CAPABILITIES)).session;
  });
  after(async () => {
    await session?.client.stop();
    await reg?.stop();
  });

  test('the server follows the 401 challenge to the realm and pins', async () => {
    const expected = await reg.seed('team/app', '1.2.3');
    assert.equal(
      (await fetch(`http://${reg.host}/v2/team/app/manifests/1.2.3`, { method: 'HEAD' })).status,
      401,
      'the registry really demands a token',
    );
    const uri = fresh('pod.yaml');
    await session.client.open(uri, 'yaml', manifest(reg.host));
    assert.deepEqual(await session.run(pinOf((await session.actionsFor(uri, 'k8s-image-digest', 9)).actions)!), {
      pinned: true,
      digest: expected,
    });
    assert.ok(session.client.text(uri).endsWith(`image: ${reg.host}/team/app:1.2.3@${expected}\n`));
  });
});

/** Forwards to the real registry and records every request: what leaves the machine, and when. */
interface Seen {
  method: string;
  url: string;
  headers: Record<string, unknown>;
  body: number;
}

async function recordingProxy(target: () => string): Promise<{ host: string; seen: Seen[]; close(): Promise<void> }> {
  const seen: Seen[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      seen.push({ method: req.method!, url: req.url!, headers: { ...req.headers }, body: body.length });
      const [hostname, port] = target().split(':');
      const fwd = httpRequest(
        {
          hostname,
          port: Number(port),
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: target() },
        },
        (up) => {
          res.writeHead(up.statusCode!, up.headers);
          up.pipe(res);
        },
      );
      fwd.on('error', () => res.destroy());
      fwd.end(body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    host: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

describe('network and trust', { skip }, () => {
  let reg: RunningRegistry;
  let proxy: Awaited<ReturnType<typeof recordingProxy>>;
  let expected: string;
  before(async () => {
    reg = await startRegistry();
    expected = await reg.seed('team/app', '1.2.3');
    proxy = await recordingProxy(() => reg.host);
  });
  after(async () => {
    await proxy?.close();
    await reg?.stop();
  });

  test('nothing goes out on open, lint or code actions; the lookup sends the image name only', async () => {
    const { session } = await Session.start(PULL_CAPABILITIES);
    try {
      const df = fresh('Dockerfile');
      const pod = fresh('pod.yaml');
      await session.client.open(df, 'dockerfile', `# secret-token-in-a-comment\n${dockerfile(proxy.host)}`);
      await session.client.open(pod, 'yaml', manifest(proxy.host));
      await session.client.diagnostics(pod);
      const pin = pinOf((await session.actionsFor(df, 'base-image-digest', 4)).actions)!;
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(proxy.seen.length, 0, `no request before the user runs the command: ${JSON.stringify(proxy.seen)}`);

      assert.deepEqual(await session.run(pin), { pinned: true, digest: expected });
      assert.deepEqual(
        proxy.seen.map((r) => `${r.method} ${r.url} ${r.body}`),
        ['HEAD /v2/team/app/manifests/1.2.3 0'],
      );
      const sent = JSON.stringify(proxy.seen);
      assert.ok(
        !sent.includes('secret-token') && !sent.includes('Dockerfile') && !sent.includes('harden-pin-test'),
        sent,
      );
    } finally {
      await session.client.stop();
    }
  });

  test('untrusted workspace: no action (or a disabled one with the reason), the command refuses, nothing is sent', async () => {
    const count = proxy.seen.length;
    for (const capabilities of [
      PULL_CAPABILITIES,
      {
        ...PULL_CAPABILITIES,
        textDocument: {
          ...PULL_CAPABILITIES.textDocument,
          codeAction: { ...PULL_CAPABILITIES.textDocument!.codeAction, disabledSupport: true },
        },
      },
    ]) {
      const { session } = await Session.start(capabilities, { workspaceTrusted: false });
      try {
        const uri = fresh('Dockerfile');
        await session.client.open(uri, 'dockerfile', dockerfile(proxy.host));
        const { d, actions } = await session.actionsFor(uri, 'base-image-digest', 3);
        const pin = pinOf(actions);
        if (capabilities.textDocument?.codeAction?.disabledSupport) {
          assert.ok(pin, 'shown disabled where the client can');
          assert.equal(pin.command, undefined);
          assert.match(pin.disabled?.reason ?? '', /Restricted Mode: trust this workspace/);
        } else {
          assert.equal(pin, undefined, JSON.stringify(actions.map((a) => a.title)));
        }
        const result = await session.execute({
          uri,
          version: 1,
          range: d.range,
          image: `${proxy.host}/team/app:1.2.3`,
        });
        assert.equal(result?.pinned, false);
        assert.match(session.errors(WARNING).at(-1)!, /^Harden: Digest lookup is off in Restricted Mode/);
        assert.deepEqual(session.applied, []);
        assert.equal(session.client.text(uri), dockerfile(proxy.host));
      } finally {
        await session.client.stop();
      }
    }
    assert.equal(proxy.seen.length, count, 'no request from an untrusted workspace');
  });
});

describe('offline', () => {
  let session: Session;
  before(async () => {
    session = (await Session.start(PULL_CAPABILITIES)).session;
  });
  after(() => session?.client.stop());

  test('registry stopped (connection refused): a clear error at once, no edit', { skip }, async () => {
    const reg = await startRegistry();
    const host = reg.host;
    await reg.stop();
    await new Promise((r) => setTimeout(r, 200));
    const uri = fresh('Dockerfile');
    await session.client.open(uri, 'dockerfile', dockerfile(host));
    const pin = pinOf((await session.actionsFor(uri, 'base-image-digest', 3)).actions)!;
    const t = Date.now();
    const result = await session.run(pin);
    assert.ok(Date.now() - t < 10_000);
    assert.equal(result?.pinned, false);
    assert.match(
      session.errors().at(-1)!,
      new RegExp(
        `^Harden: could not pin ${host.replace(/\./g, '\\.')}/team/app:1\\.2\\.3: Could not reach ${host.replace(/\./g, '\\.')} \\(ECONNREFUSED\\): check the network connection\\.$`,
      ),
    );
    assert.deepEqual(session.applied, []);
  });

  test('a registry that never answers: the lookup gives up after 10 s with a clear error', async () => {
    const sockets: Socket[] = [];
    const silent: TcpServer = createTcpServer((s) => sockets.push(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const host = `127.0.0.1:${(silent.address() as AddressInfo).port}`;
    try {
      const uri = fresh('Dockerfile');
      await session.client.open(uri, 'dockerfile', `FROM ${host}/team/app:1.2.3\n`);
      const pin = pinOf((await session.actionsFor(uri, 'base-image-digest', 0)).actions)!;
      const t = Date.now();
      const result = await session.run(pin);
      const took = Date.now() - t;
      assert.ok(took >= 9_500 && took < 12_000, `took ${took} ms`);
      assert.equal(result?.pinned, false);
      assert.match(
        session.errors().at(-1)!,
        /^Harden: could not pin .*: 127\.0\.0\.1:\d+ did not answer in time \(offline\?\)\.$/,
      );
      assert.deepEqual(session.applied, []);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((r) => silent.close(r));
    }
  });
});
