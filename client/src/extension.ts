import { window, workspace, type ExtensionContext } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { createClient } from './client';
import { registerCommands } from './commands';
import { createStatusItem } from './status';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const output = window.createOutputChannel('Harden', { log: true });
  const c = createClient(context, output);
  client = c;
  context.subscriptions.push(
    output,
    createStatusItem(c),
    ...registerCommands(() => c, output),
    // Trust changes what the server may do (network lookups); it reads trust at initialize.
    workspace.onDidGrantWorkspaceTrust(() => void c.restart()),
  );
  try {
    await c.start();
  } catch (e) {
    output.error(`The Harden server failed to start: ${e instanceof Error ? e.message : String(e)}`);
    void window.showErrorMessage('The Harden server failed to start. See the output for details.');
  }
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}
