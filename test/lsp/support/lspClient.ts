// A real JSON-RPC client for the bundled server (`node dist/server.js --stdio`): no VS Code, no mocks.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import type {
  ClientCapabilities,
  CodeAction,
  Diagnostic,
  DocumentDiagnosticReport,
  Hover,
  InitializeResult,
  PublishDiagnosticsParams,
  Range,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';

export const ROOT = join(__dirname, '..', '..', '..');
const SERVER = join(ROOT, 'dist', 'server.js');

/** Builds dist/server.js when it is missing or older than any server source (same options as esbuild.mjs). */
export async function ensureServerBuilt(): Promise<void> {
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce(
      (m, e) => Math.max(m, e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs),
      0,
    );
  if (existsSync(SERVER) && statSync(SERVER).mtimeMs >= newest(join(ROOT, 'server', 'src'))) return;
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: [join(ROOT, 'server/src/lsp/main.ts')],
    outfile: SERVER,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
    banner: { js: '#!/usr/bin/env node' },
  });
}

export const PULL_CAPABILITIES: ClientCapabilities = {
  textDocument: {
    diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
    codeAction: {
      dataSupport: true,
      codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor', 'source'] } },
    },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    publishDiagnostics: { versionSupport: true, dataSupport: true, codeDescriptionSupport: true },
  },
  workspace: {
    configuration: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
    diagnostics: { refreshSupport: true },
    workspaceEdit: { documentChanges: true },
    workspaceFolders: true,
  },
};

/** Roughly what Neovim 0.7 announces: no pull diagnostics, no dynamic registration, plain `changes` edits. */
export const PUSH_CAPABILITIES: ClientCapabilities = {
  textDocument: {
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor', 'source'] } } },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    publishDiagnostics: { relatedInformation: true },
  },
  workspace: { configuration: true, workspaceEdit: {} },
};

export interface ClientOptions {
  capabilities: ClientCapabilities;
  rootPath?: string;
  /** The `harden` section answered to `workspace/configuration`. */
  settings?: Record<string, unknown>;
  /** Sent as `initialize`'s `initializationOptions` (VS Code's client sends `{ workspaceTrusted }`). */
  initializationOptions?: unknown;
  /** Node options before the server script (`--require <preload>`) and extra environment variables. */
  nodeArgs?: string[];
  env?: NodeJS.ProcessEnv;
}

export class TestClient {
  readonly documents = new Map<string, TextDocument>();
  readonly registrations: { id?: string; method: string; registerOptions?: unknown }[] = [];
  /** LSP spells the field `unregisterations`. */
  readonly unregistrations: { id: string; method: string }[] = [];
  readonly logs: string[] = [];
  settings: Record<string, unknown>;
  private readonly published: PublishDiagnosticsParams[] = [];
  private refreshes = 0;
  private waiters: (() => void)[] = [];
  private stderr = '';

  private constructor(
    readonly connection: MessageConnection,
    private readonly proc: ChildProcess,
    options: ClientOptions,
  ) {
    this.settings = options.settings ?? {};
    connection.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) =>
      p.items.map((i) => (i.section === 'harden' ? this.settings : null)),
    );
    connection.onRequest(
      'client/registerCapability',
      (p: { registrations: { method: string; registerOptions?: unknown }[] }) => {
        this.registrations.push(...p.registrations);
        this.notify();
        return null;
      },
    );
    connection.onRequest('client/unregisterCapability', (p: { unregisterations: { id: string; method: string }[] }) => {
      this.unregistrations.push(...p.unregisterations);
      this.notify();
      return null;
    });
    connection.onRequest('workspace/diagnostic/refresh', () => {
      this.refreshes++;
      this.notify();
      return null;
    });
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.published.push(p);
      this.notify();
    });
    connection.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
      this.notify();
    });
    proc.stderr!.on('data', (d) => (this.stderr += String(d)));
  }

  static async start(options: ClientOptions): Promise<{ client: TestClient; init: InitializeResult }> {
    await ensureServerBuilt();
    const proc = spawn(process.execPath, [...(options.nodeArgs ?? []), SERVER, '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: options.env && { ...process.env, ...options.env },
    });
    const connection = createMessageConnection(
      new StreamMessageReader(proc.stdout!),
      new StreamMessageWriter(proc.stdin!),
    );
    const client = new TestClient(connection, proc, options);
    connection.listen();
    const rootUri = options.rootPath ? pathUri(options.rootPath) : null;
    const init = await connection.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: rootUri ? [{ uri: rootUri, name: 'root' }] : null,
      capabilities: options.capabilities,
      initializationOptions: options.initializationOptions,
    });
    await connection.sendNotification('initialized', {});
    return { client, init };
  }

  get alive(): boolean {
    return this.proc.exitCode === null && this.proc.signalCode === null;
  }

  get stderrText(): string {
    return this.stderr;
  }

  async open(uri: string, languageId: string, text: string): Promise<void> {
    this.documents.set(uri, TextDocument.create(uri, languageId, 1, text));
    await this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId, version: 1, text },
    });
  }

  /** Sends the edits as incremental changes (as the server's Incremental sync asks) and applies them locally. */
  async edit(uri: string, edits: TextEdit[]): Promise<string> {
    const doc = this.documents.get(uri)!;
    const next = TextDocument.update(doc, [], doc.version + 1);
    const text = TextDocument.applyEdits(doc, edits);
    const updated = TextDocument.create(uri, doc.languageId, next.version, text);
    this.documents.set(uri, updated);
    // Applied last-first, each change's range is still valid in the text the server holds at that point.
    const sorted = [...edits].sort(
      (a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character,
    );
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: updated.version },
      contentChanges: sorted.map((e) => ({ range: e.range, text: e.newText })),
    });
    return text;
  }

  /** Applies a code action's workspace edit to our copy of the document and sends it to the server. */
  async apply(edit: WorkspaceEdit | undefined, uri: string): Promise<string> {
    const edits = edit?.documentChanges
      ? (edit.documentChanges as { textDocument: { uri: string; version: number | null }; edits: TextEdit[] }[]).find(
          (c) => c.textDocument.uri === uri,
        )!.edits
      : (edit?.changes?.[uri] ?? []);
    if (edit?.documentChanges) {
      const change = (edit.documentChanges as { textDocument: { version: number | null } }[])[0];
      if (change.textDocument.version !== this.documents.get(uri)!.version)
        throw new Error('versioned edit for another version');
    }
    return this.edit(uri, edits);
  }

  text(uri: string): string {
    return this.documents.get(uri)!.getText();
  }

  async close(uri: string): Promise<void> {
    this.documents.delete(uri);
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  pull(uri: string, previousResultId?: string): Promise<DocumentDiagnosticReport> {
    return this.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri }, previousResultId });
  }

  async diagnostics(uri: string): Promise<Diagnostic[]> {
    const r = await this.pull(uri);
    if (r.kind !== 'full') throw new Error('expected a full report');
    return r.items;
  }

  codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    return this.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range,
      context: { diagnostics, only },
    });
  }

  hover(uri: string, line: number, character: number): Promise<Hover | null> {
    return this.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character } });
  }

  /** The latest publishDiagnostics of `uri` at `version`, waiting for it to arrive. */
  published$(uri: string, version: number): Promise<PublishDiagnosticsParams> {
    return this.publishedWhere(uri, (p) => p.version === version, `v${version}`);
  }

  /** How many times diagnostics of `uri` were published so far. */
  publishCount(uri: string): number {
    return this.published.filter((p) => p.uri === uri).length;
  }

  publishedWhere(
    uri: string,
    match: (p: PublishDiagnosticsParams) => boolean,
    what = '',
  ): Promise<PublishDiagnosticsParams> {
    const probe = () => [...this.published].reverse().find((p) => p.uri === uri && match(p));
    return this.until(probe, `publishDiagnostics for ${uri} ${what}`);
  }

  /** Waits until the server has asked for `n` diagnostic refreshes in total. */
  refreshed(n: number): Promise<number> {
    return this.until(() => (this.refreshes >= n ? this.refreshes : undefined), `${n} diagnostic refreshes`);
  }

  get refreshCount(): number {
    return this.refreshes;
  }

  until<T>(probe: () => T | undefined, what: string, timeoutMs = 5000): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`timed out waiting for ${what}; stderr: ${this.stderr}`)),
        timeoutMs,
      );
      const check = () => {
        const v = probe();
        if (v === undefined) return false;
        clearTimeout(timer);
        resolve(v);
        return true;
      };
      if (check()) return;
      const waiter = () => {
        if (check()) this.waiters = this.waiters.filter((w) => w !== waiter);
      };
      this.waiters.push(waiter);
    });
  }

  async stop(): Promise<void> {
    if (this.alive) {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
      await new Promise((r) => (this.proc.exitCode !== null ? r(null) : this.proc.once('exit', r)));
    }
    this.connection.dispose();
  }

  private notify(): void {
    for (const w of [...this.waiters]) w();
  }
}

export function pathUri(path: string): string {
  return new URL(`file://${path.startsWith('/') ? '' : '/'}${path.replace(/\\/g, '/')}`).href;
}
