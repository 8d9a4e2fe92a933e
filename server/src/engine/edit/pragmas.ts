import { DockerfileParser } from 'dockerfile-ast';
import { TextIndex } from '../base/text';
import type { TextEdit } from '../base/types';
import { IGNORE_PRAGMA } from '../facts/suppress';

const FILE_PRAGMA = `${IGNORE_PRAGMA}-file`;
/** prefix, ids, rest (optional `-- reason`) of an existing pragma line, so a second id joins it. */
const pragmaLine = (keyword: string) => new RegExp(`^(\\s*#\\s*${keyword}\\s+)([\\w,\\s-]*?[\\w-])(\\s*(?:--.*)?)$`);
const LINE_PRAGMA_LINE = pragmaLine(IGNORE_PRAGMA);
const FILE_PRAGMA_LINE = pragmaLine(FILE_PRAGMA);

/** A YAML line that starts a mapping key or a sequence item (YAML 1.2 §8.2: block collections). */
const KEY_OR_ITEM = /^\s*(?:-(?:\s|$)|(?:"[^"]*"|'[^']*'|[^\s#'"-][^:#]*?|-[^\s:#][^:#]*?)\s*:(?:\s|$))/;

const indentOf = (s: string) => s.slice(0, s.length - s.trimStart().length);

/**
 * `# harden-ignore <id>` on its own line above the line the engine's suppression scope starts from: the
 * instruction's first line in a Dockerfile (a finding may sit on a continuation line), the key or list-item
 * line in YAML (a finding may sit on a value continued below its key). Same indentation as that line.
 */
export function disableLineEdit(
  text: string,
  kind: 'dockerfile' | 'kubernetes',
  findingLine: number,
  ruleId: string,
): TextEdit {
  const { index } = analysed(text);
  const line = kind === 'dockerfile' ? instructionLine(text, findingLine) : keyLine(index, findingLine);
  const above = line > 0 ? joinPragma(index, line - 1, LINE_PRAGMA_LINE, ruleId) : undefined;
  if (above) return above;
  const at = lineStart(text, line);
  return {
    range: { start: at, end: at },
    newText: `${indentOf(index.lineText(line).replace(BOM, ''))}# ${IGNORE_PRAGMA} ${ruleId}${index.eol}`,
  };
}

/** `# harden-ignore-file <id>` at the top of the file, or the id added to such a pragma in the leading comments. */
export function disableFileEdit(text: string, ruleId: string): TextEdit {
  const { index } = analysed(text);
  for (let line = 0; line < index.lineCount && index.lineText(line).trimStart().startsWith('#'); line++) {
    const joined = joinPragma(index, line, FILE_PRAGMA_LINE, ruleId);
    if (joined) return joined;
  }
  const at = lineStart(text, 0);
  return { range: { start: at, end: at }, newText: `# ${FILE_PRAGMA} ${ruleId}${index.eol}` };
}

const BOM = /^\uFEFF/;

/** Where a line's text starts: after a BOM that an editor kept in the text (it must stay first). */
function lineStart(text: string, line: number): { line: number; character: number } {
  return { line, character: line === 0 && text.startsWith('\uFEFF') ? 1 : 0 };
}

function joinPragma(index: TextIndex, line: number, pattern: RegExp, ruleId: string): TextEdit | undefined {
  const m = pattern.exec(index.lineText(line));
  if (!m) return undefined;
  const at = { line, character: m[1].length + m[2].length };
  return { range: { start: at, end: at }, newText: `${m[2].includes(',') ? ',' : ''} ${ruleId}` };
}

/**
 * The last text's line index and Dockerfile instruction lines. Quick fixes ask for one edit per diagnostic of
 * the same text: parsing it for each made a code action request over many diagnostics quadratic (2,000
 * diagnostics on a 100 kB line took 90 s).
 */
let last: { text: string; index: TextIndex; instructions?: { start: number; end: number }[] } | undefined;

function analysed(text: string): NonNullable<typeof last> {
  if (last?.text !== text) last = { text, index: new TextIndex(text) };
  return last;
}

function instructionLine(text: string, line: number): number {
  const a = analysed(text);
  a.instructions ??= DockerfileParser.parse(text)
    .getInstructions()
    .map((i) => ({ start: i.getRange().start.line, end: i.getRange().end.line }));
  const ins = a.instructions.find((i) => i.start <= line && line <= i.end);
  return ins ? ins.start : line;
}

function keyLine(index: TextIndex, line: number): number {
  if (KEY_OR_ITEM.test(index.lineText(line))) return line;
  const indent = indentOf(index.lineText(line)).length;
  for (let l = line - 1; l >= 0; l--) {
    const t = index.lineText(l);
    if (t.trim() === '' || t.trimStart().startsWith('#')) continue;
    if (indentOf(t).length < indent && KEY_OR_ITEM.test(t)) return l;
  }
  return line;
}
