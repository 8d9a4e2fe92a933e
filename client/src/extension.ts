import type { ExtensionContext } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  // The language client library is most of this bundle and costs ~90 ms to evaluate: it is loaded after activate()
  // has handed control back to the extension host (the bundler keeps it inline, evaluated on first use).
  const { startHarden } = await import('./start.js');
  const harden = startHarden(context);
  client = harden.client;
  await harden.started;
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}
