import {
  CreateFile,
  DiagnosticSeverity,
  TextDocumentEdit,
  TextEdit,
  type Diagnostic,
  type Range,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { docsUrl, rulesById, type Finding, type Severity } from '../engine';
import { DIAGNOSTIC_SOURCE } from '../shared/protocol';

/** The payload every Harden diagnostic carries back into `textDocument/codeAction` (never the message text). */
export interface DiagnosticData {
  ruleId: string;
  messageId: string;
  /** The document version the finding was computed for. */
  version: number;
  /** Index into the findings cached for that version. */
  index: number;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(f: Finding, index: number, version: number): Diagnostic {
  // No fix or suggestion counts: diagnostics of manifests are linted without building fixes (code actions do that).
  const data: DiagnosticData = { ruleId: f.ruleId, messageId: f.messageId, version, index };
  const d: Diagnostic = {
    range: f.range,
    severity: SEVERITY[f.severity],
    code: f.ruleId,
    source: DIAGNOSTIC_SOURCE,
    message: f.message,
    data,
  };
  if (rulesById.has(f.ruleId)) d.codeDescription = { href: docsUrl(f.ruleId) };
  return d;
}

export function diagnosticData(d: Diagnostic): DiagnosticData | undefined {
  if (d.source !== DIAGNOSTIC_SOURCE || typeof d.data !== 'object' || d.data === null) return undefined;
  const data = d.data as Partial<DiagnosticData>;
  return typeof data.ruleId === 'string' && typeof data.messageId === 'string' ? (data as DiagnosticData) : undefined;
}

export function sameRange(a: Range, b: Range): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}

/** The cached finding a diagnostic stands for: by index when the version still matches, else by rule and range. */
export function findingFor(findings: readonly Finding[], version: number, d: Diagnostic): Finding | undefined {
  const data = diagnosticData(d);
  if (!data) return undefined;
  const byIndex = data.version === version ? findings[data.index] : undefined;
  if (byIndex && byIndex.ruleId === data.ruleId && sameRange(byIndex.range, d.range)) return byIndex;
  return findings.find(
    (f) => f.ruleId === data.ruleId && f.messageId === data.messageId && sameRange(f.range, d.range),
  );
}

/** A versioned `TextDocumentEdit` when the client takes `documentChanges`, else the plain `changes` map. */
/** A new file next to `uri` holding `text`; undefined for documents that are not files (untitled buffers). */
export function newFileEdit(uri: string, name: string, text: string): WorkspaceEdit | undefined {
  if (!uri.startsWith('file:')) return undefined;
  const target = new URL(name, uri).toString();
  return {
    documentChanges: [
      CreateFile.create(target, { overwrite: false, ignoreIfExists: false }),
      TextDocumentEdit.create({ uri: target, version: null }, [TextEdit.insert({ line: 0, character: 0 }, text)]),
    ],
  };
}

export function workspaceEdit(
  uri: string,
  version: number,
  edits: TextEdit[],
  documentChanges: boolean,
): WorkspaceEdit {
  if (documentChanges) return { documentChanges: [TextDocumentEdit.create({ uri, version }, edits)] };
  return { changes: { [uri]: edits } };
}

/**
 * One edit turning `before` into `after`: the differing middle only, so the editor keeps the cursor and
 * folding outside it (a whole-document replacement would reset both).
 */
export function minimalEdit(
  before: string,
  after: string,
  positionAt: (offset: number) => Range['start'],
): TextEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before.charCodeAt(endB - 1) === after.charCodeAt(endA - 1)) {
    endB--;
    endA--;
  }
  // Never split a \r\n pair or a surrogate pair between the kept and the replaced part.
  if (start > 0 && isSecondHalf(before, start)) start--;
  if (endB < before.length && isSecondHalf(before, endB) && endA < after.length) {
    endB++;
    endA++;
  }
  return { range: { start: positionAt(start), end: positionAt(endB) }, newText: after.slice(start, endA) };
}

function isSecondHalf(s: string, i: number): boolean {
  const prev = s.charCodeAt(i - 1);
  const cur = s.charCodeAt(i);
  return (prev === 13 && cur === 10) || (prev >= 0xd800 && prev <= 0xdbff && cur >= 0xdc00 && cur <= 0xdfff);
}
