import { extensions, window, workspace, type ExtensionContext } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { DOCKERFILE_FEATURES_NOTIFICATION } from '../../server/src/shared/settings';
import { createClient, dockerfileFeatures } from './client';
import { registerCommands } from './commands';
import { createStatusItem } from './status';

/** Creates the language client, its commands and status item, and starts the server (`started` settles when it has). */
export function startHarden(context: ExtensionContext): { client: LanguageClient; started: Promise<void> } {
  const output = window.createOutputChannel('Harden', { log: true });
  const c = createClient(context, output);
  context.subscriptions.push(
    output,
    createStatusItem(c),
    ...registerCommands(() => c, output),
    // Trust changes what the server may do (network lookups); it reads trust at initialize.
    workspace.onDidGrantWorkspaceTrust(() => void c.restart()),
    // The server registers or drops its Dockerfile editing features when the setting or the extensions change.
    workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('harden.dockerfile.languageFeatures')) notifyDockerfileFeatures();
    }),
    extensions.onDidChange(() => notifyDockerfileFeatures()),
  );
  const notifyDockerfileFeatures = () => {
    if (c.isRunning()) void c.sendNotification(DOCKERFILE_FEATURES_NOTIFICATION, dockerfileFeatures());
  };
  const started = c.start().catch((e: unknown) => {
    output.error(`The Harden server failed to start: ${e instanceof Error ? e.message : String(e)}`);
    void window.showErrorMessage('The Harden server failed to start. See the output for details.');
  });
  return { client: c, started };
}
