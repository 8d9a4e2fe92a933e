import { StatusBarAlignment, window, type Disposable, type TextEditor } from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { COMMANDS } from '../../server/src/shared/protocol';

const LOOK: Record<State, { text: string; state: string }> = {
  [State.Starting]: { text: '$(loading~spin) Harden', state: 'starting' },
  [State.Running]: { text: '$(shield) Harden', state: 'running' },
  [State.Stopped]: { text: '$(error) Harden', state: 'stopped' },
  [State.StartFailed]: { text: '$(error) Harden', state: 'failed to start' },
};

/** Server state in the status bar while a Dockerfile or YAML editor is active; a click shows the output. */
export function createStatusItem(client: LanguageClient): Disposable {
  const item = window.createStatusBarItem('harden.status', StatusBarAlignment.Right, 100);
  item.name = 'Harden';
  item.command = COMMANDS.showOutput;
  const render = (state: State) => {
    item.text = LOOK[state].text;
    item.tooltip = `Harden language server: ${LOOK[state].state}. Click to show the output.`;
  };
  const showFor = (editor: TextEditor | undefined) => {
    const id = editor?.document.languageId;
    if (id === 'dockerfile' || id === 'yaml') item.show();
    else item.hide();
  };
  render(client.state);
  showFor(window.activeTextEditor);
  const subscriptions = [
    client.onDidChangeState((e) => render(e.newState)),
    window.onDidChangeActiveTextEditor(showFor),
  ];
  return { dispose: () => [item, ...subscriptions].forEach((d) => void d.dispose()) };
}
