import {
  CodeActionKind,
  MessageType,
  ShowMessageNotification,
  type CodeAction,
  type Connection,
  type Diagnostic,
  type Range,
  type TextEdit,
} from 'vscode-languageserver/node';
import { TextIndex, type Finding } from '../engine';
import { mapThroughEdit, pinTarget, rulesById, type PinTarget } from '../engine';
import { DigestLookupError, lookupDigest, type ImageName, type LookupOptions } from '../registry/digest';
import { SERVER_COMMANDS, type PinDigestArgs, type PinDigestResult } from '../shared/protocol';
import type { ClientFeatures, Documents, Logger } from './context';
import { workspaceEdit } from './convert';
import type { LintEntry } from './linter';

export const PIN_TIMEOUT_MS = 10_000;

export const UNTRUSTED_REASON =
  'Digest lookup is off in Restricted Mode: trust this workspace to pin images to digests';

interface Snapshot {
  version: number;
  text: string;
}

interface Located extends Snapshot {
  target: PinTarget;
  range: Range;
}

const MAX_SNAPSHOTS = 4;

const sameLookup = (a: ImageName, b: ImageName) => a.registry === b.registry && a.name === b.name && a.tag === b.tag;

type Lookup = (image: ImageName, options: LookupOptions) => Promise<string>;

/**
 * "Pin to digest…": a code action that carries the `harden.pinDigest` command, and the command itself, which
 * is the product's only network access. It runs only when the user picks it, never on open or lint; in an
 * untrusted workspace it is not offered (or offered disabled) and refuses.
 */
export class DigestPinner {
  /** Per document, the last texts actions were offered for (a range is carried from there to the current text). */
  private readonly snapshots = new Map<string, Snapshot[]>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: Documents,
    private readonly features: ClientFeatures,
    private readonly log: Logger,
    readonly trusted: boolean,
    private readonly lookup: Lookup = lookupDigest,
    private readonly timeoutMs = PIN_TIMEOUT_MS,
  ) {}

  /** The code action for one finding of a pin rule; undefined when the reference is not a literal one. */
  action(entry: LintEntry, finding: Finding, diagnostic: Diagnostic): CodeAction | undefined {
    if (!rulesById.get(finding.ruleId)?.meta.digestPin) return undefined;
    const index = new TextIndex(entry.text);
    const target = pinTarget(entry.text, index.offsetAt(finding.range.start), index.offsetAt(finding.range.end));
    if (typeof target === 'string') return undefined;
    const title = `Pin ${target.image} to its digest…`;
    if (!this.trusted)
      return this.features.codeActionDisabled
        ? { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], disabled: { reason: UNTRUSTED_REASON } }
        : undefined;
    this.remember(entry.uri, entry.version, entry.text);
    const args: PinDigestArgs = {
      uri: entry.uri,
      version: entry.version,
      range: { start: index.positionAt(target.start), end: index.positionAt(target.end) },
      image: target.image,
    };
    return {
      title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      isPreferred: false,
      command: { title, command: SERVER_COMMANDS.pinDigest, arguments: [args] },
    };
  }

  /** `workspace/executeCommand harden.pinDigest`: look up, then ask the client to apply the edit. */
  async execute(raw: unknown): Promise<PinDigestResult> {
    if (!this.trusted) return this.tell(MessageType.Warning, `Harden: ${UNTRUSTED_REASON}.`);
    const args = parseArgs(raw);
    if (!args)
      return this.tell(MessageType.Error, 'Harden: harden.pinDigest needs one argument {uri, version, range, image}.');
    const found = this.locate(args);
    if (typeof found === 'string') return this.tell(MessageType.Warning, `Harden: ${found}.`);
    const { target } = found;

    const progress = await this.progress(`Harden: looking up the digest of ${target.image}`);
    let digest: string;
    try {
      digest = await this.lookup(target.lookup, { timeoutMs: this.timeoutMs });
    } catch (e) {
      if (e instanceof DigestLookupError)
        return this.tell(MessageType.Error, `Harden: could not pin ${target.image}: ${e.message}.`);
      this.log.error(`Digest lookup of ${target.image} failed`, e);
      return this.tell(
        MessageType.Error,
        `Harden: could not pin ${target.image}: ${e instanceof Error ? e.message : String(e)}.`,
      );
    } finally {
      progress();
    }

    // The lookup took time: the reference is edited where it is now, or not at all.
    const now = this.locate({ uri: args.uri, version: found.version, range: found.range, image: target.image }, found);
    if (typeof now === 'string' || !sameLookup(now.target.lookup, target.lookup)) {
      return this.tell(
        MessageType.Warning,
        `Harden: ${target.image} changed while its digest was looked up; nothing was edited. Run "Pin to digest" again.`,
      );
    }
    if (now.target.digest === digest)
      return this.tell(MessageType.Info, `Harden: ${target.image} is already pinned to its current digest.`, {
        pinned: true,
        digest,
      });
    const index = new TextIndex(now.text);
    const edit: TextEdit = {
      range: { start: index.positionAt(now.target.digestStart), end: index.positionAt(now.target.end) },
      newText: `@${digest}`,
    };
    const label = `Pin ${target.image} to its digest`;
    const result = await this.connection.workspace.applyEdit({
      label,
      edit: workspaceEdit(args.uri, now.version, [edit], this.features.documentChanges),
    });
    if (!result.applied) {
      return this.tell(
        MessageType.Warning,
        `Harden: the editor did not apply the digest of ${target.image}${result.failureReason ? ` (${result.failureReason})` : ' (the file changed meanwhile?)'}.`,
      );
    }
    return { pinned: true, digest };
  }

  /**
   * The reference the arguments point at, in the document as it is now: at `range` when the version is the
   * same, else at `range` carried through the edits since (known for the versions actions were offered at).
   * A reference that an edit touched is not guessed at.
   */
  private locate(args: PinDigestArgs, before?: Snapshot): Located | string {
    const doc = this.documents.get(args.uri);
    if (!doc) return `${fileName(args.uri)} is not open`;
    const text = doc.getText();
    const version = args.version ?? doc.version;
    let start: number;
    let end: number;
    if (version === doc.version) {
      const index = new TextIndex(text);
      start = index.offsetAt(args.range.start);
      end = index.offsetAt(args.range.end);
    } else {
      const old =
        before?.version === version ? before : this.snapshots.get(args.uri)?.find((s) => s.version === version);
      const oldIndex = old && new TextIndex(old.text);
      const mapped =
        old &&
        oldIndex &&
        mapThroughEdit(old.text, text, oldIndex.offsetAt(args.range.start), oldIndex.offsetAt(args.range.end));
      if (!mapped)
        return `${args.image ?? 'The image reference'} was edited after the action was offered; nothing was changed. Run "Pin to digest" again`;
      ({ start, end } = mapped);
    }
    const target = pinTarget(text, start, end);
    if (typeof target === 'string') return target;
    if (args.image !== undefined && target.image !== args.image)
      return `${args.image} is no longer where it was; nothing was changed. Run "Pin to digest" again`;
    const index = new TextIndex(text);
    return {
      target,
      version: doc.version,
      text,
      range: { start: index.positionAt(target.start), end: index.positionAt(target.end) },
    };
  }

  /** Remembers the text an action was offered for, so that its range can follow later edits. */
  private remember(uri: string, version: number, text: string): void {
    const list = this.snapshots.get(uri) ?? [];
    if (list.some((s) => s.version === version)) return;
    this.snapshots.set(uri, [...list.slice(-(MAX_SNAPSHOTS - 1)), { version, text }]);
  }

  release(uri: string): void {
    this.snapshots.delete(uri);
  }

  /** Work-done progress where the client shows it; elsewhere a message. Returns the "done" callback. */
  private async progress(title: string): Promise<() => void> {
    if (!this.features.workDoneProgress) {
      this.show(MessageType.Info, `${title}…`);
      return () => undefined;
    }
    try {
      const reporter = await this.connection.window.createWorkDoneProgress();
      reporter.begin(title, undefined, undefined, false);
      return () => reporter.done();
    } catch (e) {
      this.log.warn(`No progress for the digest lookup: ${e instanceof Error ? e.message : String(e)}`);
      return () => undefined;
    }
  }

  private tell(type: MessageType, message: string, result: PinDigestResult = { pinned: false }): PinDigestResult {
    this.show(type, message);
    return { ...result, message };
  }

  /** `window/showMessage`, a notification: nothing waits for the user to dismiss it. */
  private show(type: MessageType, message: string): void {
    void this.connection.sendNotification(ShowMessageNotification.type, { type, message });
  }
}

function parseArgs(raw: unknown): PinDigestArgs | undefined {
  const a = raw as Partial<PinDigestArgs> | undefined;
  const pos = (p: unknown) =>
    typeof p === 'object' &&
    p !== null &&
    Number.isInteger((p as { line: unknown }).line) &&
    Number.isInteger((p as { character: unknown }).character);
  if (!a || typeof a !== 'object' || typeof a.uri !== 'string' || !a.range || !pos(a.range.start) || !pos(a.range.end))
    return undefined;
  if (a.version !== undefined && !Number.isInteger(a.version)) return undefined;
  if (a.image !== undefined && typeof a.image !== 'string') return undefined;
  return { uri: a.uri, version: a.version, range: a.range, image: a.image };
}

function fileName(uri: string): string {
  const last = uri.slice(uri.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(last) || uri;
  } catch {
    return last || uri;
  }
}
