import type { ClientCapabilities, Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';

/** What the client announced, reduced to the switches this server acts on. */
export interface ClientFeatures {
  /** `textDocument/diagnostic`: the client pulls; otherwise we push `publishDiagnostics`. */
  pullDiagnostics: boolean;
  diagnosticRefresh: boolean;
  configuration: boolean;
  configurationDynamic: boolean;
  watchedFilesDynamic: boolean;
  workspaceFolders: boolean;
  documentChanges: boolean;
  /** `CreateFile` resource operations in workspace edits (suggestions that add a file). */
  createFiles: boolean;
  codeActionResolveEdit: boolean;
  /** `CodeAction.disabled` is shown (greyed out, with its reason) rather than dropped or run. */
  codeActionDisabled: boolean;
  hoverMarkdown: boolean;
  /** Server-initiated `window/workDoneProgress/create`. */
  workDoneProgress: boolean;
}

export function clientFeatures(c: ClientCapabilities): ClientFeatures {
  const td = c.textDocument;
  return {
    pullDiagnostics: !!td?.diagnostic,
    diagnosticRefresh: !!c.workspace?.diagnostics?.refreshSupport,
    configuration: !!c.workspace?.configuration,
    configurationDynamic: !!c.workspace?.didChangeConfiguration?.dynamicRegistration,
    watchedFilesDynamic: !!c.workspace?.didChangeWatchedFiles?.dynamicRegistration,
    workspaceFolders: !!c.workspace?.workspaceFolders,
    documentChanges: !!c.workspace?.workspaceEdit?.documentChanges,
    createFiles:
      !!c.workspace?.workspaceEdit?.documentChanges &&
      !!c.workspace.workspaceEdit.resourceOperations?.includes('create'),
    codeActionResolveEdit: !!td?.codeAction?.resolveSupport?.properties.includes('edit'),
    codeActionDisabled: !!td?.codeAction?.disabledSupport,
    hoverMarkdown: !!td?.hover?.contentFormat?.includes('markdown'),
    workDoneProgress: !!c.window?.workDoneProgress,
  };
}

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

export function logger(connection: Connection): Logger {
  const detail = (e: unknown) =>
    e instanceof Error
      ? `: ${e.stack ?? e.message}`
      : e === undefined
        ? '' // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a non-Error throwable is logged as JS prints it
        : `: ${String(e)}`;
  return {
    info: (m) => connection.console.info(m),
    warn: (m) => connection.console.warn(m),
    error: (m, e) => connection.console.error(m + detail(e)),
  };
}

export type Documents = TextDocuments<TextDocument>;
