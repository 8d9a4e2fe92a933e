/**
 * Names both sides of the connection agree on. The one custom notification (Dockerfile language features on or
 * off) is declared with its parameters in `settings.ts` next to this file.
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

/**
 * Commands the server executes (`executeCommandProvider.commands`). The language client registers them in
 * VS Code by itself, so they are not in package.json; other editors send `workspace/executeCommand`.
 */
export const SERVER_COMMANDS = {
  /** Arguments: one {@link PinDigestArgs}. Looks the image's digest up in its registry and edits the reference. */
  pinDigest: 'harden.pinDigest',
} as const;

/** The argument of `harden.pinDigest`, as the "Pin … to its digest…" code action carries it. */
export interface PinDigestArgs {
  uri: string;
  /** The document version `range` belongs to; when it changed, the reference is looked for again. Optional for hand-made calls. */
  version?: number;
  /** The image reference (quotes excluded, or included: they are kept). */
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  /** The reference as written at `range`, to find it again after edits. Optional for hand-made calls. */
  image?: string;
}

/** What `harden.pinDigest` answers (the user is told the same through `window/showMessage`). */
export interface PinDigestResult {
  pinned: boolean;
  digest?: string;
  message?: string;
}
