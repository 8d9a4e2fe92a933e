// The language server's own modules, run in this process over in-memory streams: a test can then change what
// the server runs (make a rule throw, count lints) without any test switch in production code.
import { PassThrough } from 'node:stream';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type CancellationToken,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import type { ClientCapabilities, DocumentDiagnosticReport, InitializeResult } from 'vscode-languageserver-protocol';
import { createConnection } from 'vscode-languageserver/node';
import { startServer } from '../../../server/src/lsp/server';

export interface InProcessOptions {
  capabilities: ClientCapabilities;
  /**
   * Answers `workspace/configuration` (the `harden` section); may wait, to hold the server inside a request
   * at that point.
   */
  configuration?: () => unknown | Promise<unknown>;
}

export class InProcessServer {
  readonly logs: { type: number; message: string }[] = [];
  private version = new Map<string, number>();

  private constructor(readonly connection: MessageConnection) {
    connection.onNotification('window/logMessage', (p: { type: number; message: string }) => void this.logs.push(p));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('workspace/diagnostic/refresh', () => null);
  }

  static async start(options: InProcessOptions): Promise<InProcessServer> {
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    // Message readers/writers, not raw streams: the library exits the process when a raw input stream ends.
    startServer(createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient)));
    const connection = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
    const server = new InProcessServer(connection);
    connection.onRequest('workspace/configuration', async (p: { items: unknown[] }) => {
      const section = options.configuration ? await options.configuration() : {};
      return p.items.map(() => section);
    });
    connection.listen();
    // No processId: the library would otherwise watch it and exit this process when it is gone.
    await connection.sendRequest<InitializeResult>('initialize', {
      processId: null,
      rootUri: null,
      workspaceFolders: null,
      capabilities: options.capabilities,
    });
    await connection.sendNotification('initialized', {});
    return server;
  }

  async open(uri: string, languageId: string, text: string): Promise<void> {
    this.version.set(uri, 1);
    await this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId, version: 1, text },
    });
  }

  /** Replaces the whole text (a full-document change). */
  async change(uri: string, text: string): Promise<void> {
    const version = (this.version.get(uri) ?? 0) + 1;
    this.version.set(uri, version);
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
  }

  pull(uri: string, token?: CancellationToken): Promise<DocumentDiagnosticReport> {
    const params = { textDocument: { uri } };
    // An undefined third argument would be sent as a positional parameter.
    return token
      ? this.connection.sendRequest('textDocument/diagnostic', params, token)
      : this.connection.sendRequest('textDocument/diagnostic', params);
  }

  /** Shutdown without `exit` (which would end this process). */
  async stop(): Promise<void> {
    await this.connection.sendRequest('shutdown');
    this.connection.dispose();
  }
}
