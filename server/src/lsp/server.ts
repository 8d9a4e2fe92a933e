import {
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type CodeAction,
  type CodeActionParams,
  type Connection,
  type DocumentDiagnosticParams,
  type DocumentDiagnosticReport,
  type ExecuteCommandParams,
  type Hover,
  type HoverParams,
  type InitializeParams,
  type InitializeResult,
  type ServerCapabilities,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { docsUrl } from '../engine';
import { DIAGNOSTIC_SOURCE, FIX_ALL_KIND, SERVER_COMMANDS, type PinDigestResult } from '../shared/protocol';
import {
  DOCKERFILE_FEATURES_NOTIFICATION,
  type DockerfileFeaturesParams,
  type InitializationOptions,
} from '../shared/settings';
import { CodeActions, CODE_ACTION_KINDS } from './codeActions';
import { ConfigFiles, isConfigFile, isHadolintFile } from './configFiles';
import { clientFeatures, logger, type ClientFeatures, type Documents, type Logger } from './context';
import { CrossFile } from './crossFile';
import { Diagnostics } from './diagnostics';
import { DockerfileFeatures } from './dockerfileFeatures';
import { combineHovers, hoverAt } from './hover';
import { Linter } from './linter';
import { uriToPath } from './paths';
import { DigestPinner } from './pinDigest';
import { SettingsStore } from './settings';
import { watchWorkspace } from './watch';

/** Everything one connection owns; created at `initialize`, when the client's capabilities are known. */
export interface Services {
  connection: Connection;
  documents: Documents;
  features: ClientFeatures;
  log: Logger;
  settings: SettingsStore;
  crossFile: CrossFile;
  linter: Linter;
  diagnostics: Diagnostics;
  codeActions: CodeActions;
  pinner: DigestPinner;
  dockerfile: DockerfileFeatures;
  /** Set at `shutdown`: background work (the workspace scan) stops. */
  stopped: boolean;
}

export function startServer(connection: Connection): void {
  const documents: Documents = new TextDocuments(TextDocument);
  const log = logger(connection);
  connection.onInitialize((params) => {
    const services = createServices(connection, documents, params, log);
    services.settings.roots = workspaceRoots(params);
    wire(services);
    const result = initializeResult(services.features);
    Object.assign(result.capabilities, services.dockerfile.staticCapabilities());
    return result;
  });
  documents.listen(connection);
  connection.listen();
}

/** Handlers, registered once the client's capabilities are known (no request may precede `initialize`). */
function wire(s: Services): void {
  const { connection, documents, log } = s;
  connection.onInitialized(() => {
    watchWorkspace(s);
    s.dockerfile
      .initialized()
      .catch((e: unknown) => log.error('Registering the Dockerfile language features failed', e));
  });
  s.dockerfile.wire();
  connection.onNotification(DOCKERFILE_FEATURES_NOTIFICATION, (p: DockerfileFeaturesParams) =>
    s.dockerfile
      .setMode(p.mode, p.otherServer)
      .catch((e: unknown) => log.error(`${DOCKERFILE_FEATURES_NOTIFICATION} failed`, e)),
  );
  documents.onDidOpen((e) => {
    s.crossFile.opened(e.document.uri);
    configDocumentChanged(s, e.document.uri);
    s.diagnostics.opened(e.document.uri, e.document.version);
  });
  documents.onDidChangeContent((e) => {
    if (s.diagnostics.isOpenVersion(e.document.uri, e.document.version)) return;
    configDocumentChanged(s, e.document.uri);
    s.diagnostics.changed(e.document.uri);
  });
  documents.onDidSave((e) => s.diagnostics.saved(e.document.uri));
  documents.onDidClose((e) => closed(s, e.document.uri));

  connection.languages.diagnostics.on(
    guard(
      log,
      'textDocument/diagnostic',
      (): DocumentDiagnosticReport => ({ kind: 'full', items: [] }),
      (params: DocumentDiagnosticParams, token: CancellationToken) =>
        s.diagnostics.report(params.textDocument.uri, params.previousResultId, () => token.isCancellationRequested),
    ),
  );
  connection.onCodeAction(
    guard(
      log,
      'textDocument/codeAction',
      (): CodeAction[] => [],
      (params: CodeActionParams) => s.codeActions.provide(params),
    ),
  );
  connection.onCodeActionResolve(
    guard(
      log,
      'codeAction/resolve',
      (action: CodeAction) => action,
      (action: CodeAction) => s.codeActions.resolve(action),
    ),
  );
  connection.onExecuteCommand(
    guard(
      log,
      'workspace/executeCommand',
      (): PinDigestResult | null => null,
      async (params: ExecuteCommandParams) => {
        if (params.command === SERVER_COMMANDS.pinDigest) return s.pinner.execute(params.arguments?.[0]);
        log.warn(`Unknown command ${params.command}`);
        return null;
      },
    ),
  );
  connection.onHover(
    guard(
      log,
      'textDocument/hover',
      (): Hover | null => null,
      async (params: HoverParams, token: CancellationToken) => {
        const doc = documents.get(params.textDocument.uri);
        const entry = doc && (await s.linter.lint(doc, () => token.isCancellationRequested));
        // On a Dockerfile instruction: the library's docs for it, then Harden's findings on that line.
        const docs = s.dockerfile.hover(params.textDocument.uri, params.position);
        const findings = entry?.enabled
          ? hoverAt(entry, params.position, s.features.hoverMarkdown, docs !== null)
          : null;
        return combineHovers(docs, findings, s.features.hoverMarkdown);
      },
    ),
  );
  connection.onDidChangeConfiguration((params) =>
    run(log, 'workspace/didChangeConfiguration', () => {
      s.settings.configurationChanged(params.settings);
      s.diagnostics.refreshAll();
    }),
  );
  connection.onShutdown(() => {
    s.stopped = true;
    s.diagnostics.dispose();
  });
}

function createServices(connection: Connection, documents: Documents, params: InitializeParams, log: Logger): Services {
  const features = clientFeatures(params.capabilities);
  const options = initializationOptions(params);
  const openText = (path: string) =>
    documents
      .all()
      .find((d) => uriToPath(d.uri) === path)
      ?.getText();
  const settings = new SettingsStore(connection, features, new ConfigFiles(openText, log), log);
  const crossFile = new CrossFile();
  // The linter calls back only after the first lint, when diagnostics exists.
  const linter = new Linter(documents, settings, crossFile, log, (uri) => diagnostics.crossFileChanged(uri));
  const diagnostics = new Diagnostics(connection, features, documents, linter, settings, log);
  // VS Code sends `workspaceTrusted` (false in Restricted Mode; the client restarts the server when trust is
  // granted). Editors without workspace trust send nothing: their users ask for each lookup explicitly.
  const pinner = new DigestPinner(connection, documents, features, log, options?.workspaceTrusted !== false);
  const codeActions = new CodeActions(documents, linter, features, pinner);
  const dockerfile = new DockerfileFeatures(
    connection,
    documents,
    params.capabilities,
    log,
    options?.dockerfileLanguageFeatures,
    options?.otherDockerfileServer === true,
  );
  return {
    connection,
    documents,
    features,
    log,
    settings,
    crossFile,
    linter,
    diagnostics,
    codeActions,
    pinner,
    dockerfile,
    stopped: false,
  };
}

function initializeResult(features: ClientFeatures): InitializeResult {
  const capabilities: ServerCapabilities = {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
    codeActionProvider: {
      codeActionKinds: CODE_ACTION_KINDS,
      resolveProvider: features.codeActionResolveEdit,
      documentation: [
        {
          kind: FIX_ALL_KIND,
          command: {
            title: 'Harden: fix all safe problems on save',
            command: 'vscode.open',
            arguments: [new URL('../../README.md', docsUrl('x')).href],
          },
        },
      ],
    },
    hoverProvider: true,
    // Declared in untrusted workspaces too: there the command answers why it does nothing.
    executeCommandProvider: { commands: Object.values(SERVER_COMMANDS) },
    workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
  };
  // Pull only for clients that pull (LSP 3.17); the others get publishDiagnostics. Cross-file rules make
  // one manifest's findings depend on others, hence interFileDependencies.
  if (features.pullDiagnostics)
    capabilities.diagnosticProvider = {
      identifier: DIAGNOSTIC_SOURCE,
      interFileDependencies: true,
      workspaceDiagnostics: false,
    };
  return { capabilities, serverInfo: { name: 'harden' } };
}

/** What the client sent as `initializationOptions` (shared/settings.ts); other editors may send nothing. */
function initializationOptions(params: InitializeParams): InitializationOptions | null | undefined {
  return params.initializationOptions as InitializationOptions | null | undefined;
}

function workspaceRoots(params: InitializeParams): string[] {
  const uris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  return uris.map(uriToPath).filter((p): p is string => p !== undefined);
}

/** An open `.harden.yaml` (or `.hadolint.yaml`) is the configuration while it is open, saved or not. */
function configDocumentChanged(s: Services, uri: string): void {
  const path = uriToPath(uri);
  if (!path || (!isConfigFile(path) && !isHadolintFile(path))) return;
  s.settings.configFileChanged(path);
  s.diagnostics.refreshAll();
}

function closed(s: Services, uri: string): void {
  s.diagnostics.closed(uri);
  s.linter.release(uri);
  s.codeActions.release(uri);
  s.pinner.release(uri);
  configDocumentChanged(s, uri);
  const settings = s.settings.forDocument(uri, false); // takes the cached editor settings before release
  s.settings.release(uri);
  settings
    .then((d) => s.crossFile.closed(uri, d.settings.maxFileSize))
    .then((changed) => changed && s.diagnostics.crossFileChanged(uri))
    .catch((e: unknown) => s.log.error(`Closing ${uri}`, e));
}

/** A request handler that logs and answers `fallback(params)` instead of failing the request or the server. */
function guard<P, T, R>(
  log: Logger,
  name: string,
  fallback: (params: P) => R,
  fn: (params: P, token: T) => R | Promise<R>,
) {
  return async (params: P, token: T): Promise<R> => {
    try {
      return await fn(params, token);
    } catch (e) {
      log.error(`${name} failed`, e);
      return fallback(params);
    }
  };
}

function run(log: Logger, name: string, fn: () => void): void {
  try {
    fn();
  } catch (e) {
    log.error(`${name} failed`, e);
  }
}
