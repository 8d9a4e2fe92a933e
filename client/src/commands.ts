import { commands, window, workspace, type CodeAction, type Disposable, type LogOutputChannel } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { COMMANDS, FIX_ALL_KIND } from '../../server/src/shared/protocol';

export function registerCommands(client: () => LanguageClient, output: LogOutputChannel): Disposable[] {
  return [
    commands.registerCommand(COMMANDS.fixAll, fixAll),
    commands.registerCommand(COMMANDS.restartServer, async () => {
      output.info('Restarting the server (command)');
      await client().restart();
    }),
    commands.registerCommand(COMMANDS.showOutput, () => output.show()),
  ];
}

/** The same `source.fixAll.harden` action that fix-on-save runs, applied to the active editor. */
async function fixAll(): Promise<void> {
  const document = window.activeTextEditor?.document;
  if (!document) return;
  const whole = document.validateRange(
    document.lineAt(document.lineCount - 1).rangeIncludingLineBreak.with({ start: document.positionAt(0) }),
  );
  const actions = await commands.executeCommand<CodeAction[] | undefined>(
    'vscode.executeCodeActionProvider',
    document.uri,
    whole,
    FIX_ALL_KIND,
  );
  const action = actions?.find((a) => a.kind?.value === FIX_ALL_KIND && a.edit);
  if (!action?.edit) {
    void window.showInformationMessage('Harden: no automatic fixes for this file.');
    return;
  }
  if (!(await workspace.applyEdit(action.edit)))
    void window.showWarningMessage('Harden: the fixes could not be applied (the file changed meanwhile?).');
}
