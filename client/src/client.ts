import { extensions, window, workspace, type ExtensionContext, type LogOutputChannel, type TextDocument } from 'vscode';
import {
  CloseAction,
  DiagnosticPullMode,
  ErrorAction,
  LanguageClient,
  TransportKind,
  type CloseHandlerResult,
  type ErrorHandler,
  type ErrorHandlerResult,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import {
  OTHER_DOCKERFILE_SERVERS,
  SETTINGS_SECTION,
  type DockerfileFeaturesParams,
  type InitializationOptions,
} from '../../server/src/shared/settings';
import { configurationMiddleware } from './settings';

const MAX_RESTARTS = 4;
const RESTART_WINDOW_MS = 3 * 60 * 1000;

export function createClient(context: ExtensionContext, output: LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: ['file', 'untitled'].flatMap((scheme) => [
      { scheme, language: 'dockerfile' },
      { scheme, language: 'yaml' },
    ]),
    outputChannel: output,
    diagnosticPullOptions: { onChange: true, onSave: true, filter: skipPull },
    initializationOptions: (): InitializationOptions => {
      const { mode, otherServer } = dockerfileFeatures();
      return {
        workspaceTrusted: workspace.isTrusted,
        dockerfileLanguageFeatures: mode,
        otherDockerfileServer: otherServer,
      };
    },
    errorHandler: new RestartingErrorHandler(output),
    middleware: { workspace: { configuration: configurationMiddleware } },
  };
  return new LanguageClient('harden', 'Harden', serverOptions, clientOptions);
}

/** `harden.dockerfile.languageFeatures` and whether a Docker extension brings its own Dockerfile server. */
export function dockerfileFeatures(): DockerfileFeaturesParams {
  const mode =
    workspace.getConfiguration(SETTINGS_SECTION).get<DockerfileFeaturesParams['mode']>('dockerfile.languageFeatures') ??
    'auto';
  return { mode, otherServer: OTHER_DOCKERFILE_SERVERS.some((id) => extensions.getExtension(id) !== undefined) };
}

/** `harden.run: onSave` skips the pulls made while typing (the filter returns true to skip). */
function skipPull(document: TextDocument, mode: DiagnosticPullMode): boolean {
  return (
    mode === DiagnosticPullMode.onType && workspace.getConfiguration(SETTINGS_SECTION, document).get('run') === 'onSave'
  );
}

/** Restarts a server that died, at most MAX_RESTARTS times in RESTART_WINDOW_MS, and says so. */
export class RestartingErrorHandler implements ErrorHandler {
  private restarts: number[] = [];

  constructor(private readonly output: LogOutputChannel) {}

  error(_error: Error, _message: unknown, count: number | undefined): ErrorHandlerResult {
    return { action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown };
  }

  closed(): CloseHandlerResult {
    const now = Date.now();
    this.restarts = [...this.restarts.filter((t) => now - t < RESTART_WINDOW_MS), now];
    if (this.restarts.length > MAX_RESTARTS) {
      return {
        action: CloseAction.DoNotRestart,
        message: `The Harden server stopped ${this.restarts.length} times in 3 minutes and will not be restarted. See the output, then run "Harden: Restart Server".`,
      };
    }
    this.output.warn('The Harden server stopped unexpectedly; restarting it.');
    void window
      .showWarningMessage('The Harden server stopped unexpectedly and was restarted.', 'Show Output')
      .then((choice) => {
        if (choice) this.output.show();
      });
    return { action: CloseAction.Restart, handled: true };
  }
}
