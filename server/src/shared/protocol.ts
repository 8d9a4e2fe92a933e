/**
 * Names both sides of the connection agree on. There are no custom LSP methods; if one is ever needed it is
 * declared once in `messages.ts` next to this file.
 */

/** `diagnosticProvider.identifier` and `Diagnostic.source`. */
export const DIAGNOSTIC_SOURCE = 'harden';

/** The code action kind for "fix all safe problems", also used by `editor.codeActionsOnSave`. */
export const FIX_ALL_KIND = 'source.fixAll.harden';

/** The project configuration file, looked up from a file's folder up to its workspace root. */
export const CONFIG_FILE_NAME = '.harden.yaml';

export const HADOLINT_CONFIG_NAMES = ['.hadolint.yaml', '.hadolint.yml'] as const;

export const COMMANDS = {
  fixAll: 'harden.fixAll',
  restartServer: 'harden.restartServer',
  showOutput: 'harden.showOutput',
} as const;
