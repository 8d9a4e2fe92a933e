import { DockerfileParser } from 'dockerfile-ast';
import { IGNORE_PRAGMA, TextIndex, type TextEdit } from '../engine';

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
export function disableLineEdit(text: string, kind: 'dockerfile' | 'kubernetes', findingLine: number, ruleId: string): TextEdit {
  const index = new TextIndex(text);
  const line = kind === 'dockerfile' ? instructionLine(text, findingLine) : keyLine(index, findingLine);
  const above = line > 0 ? joinPragma(index, line - 1, LINE_PRAGMA_LINE, ruleId) : undefined;
  if (above) return above;
  const at = { line, character: 0 };
  return { range: { start: at, end: at }, newText: `${indentOf(index.lineText(line))}# ${IGNORE_PRAGMA} ${ruleId}${index.eol}` };
}

/** `# harden-ignore-file <id>` at the top of the file, or the id added to such a pragma in the leading comments. */
export function disableFileEdit(text: string, ruleId: string): TextEdit {
  const index = new TextIndex(text);
  for (let line = 0; line < index.lineCount && index.lineText(line).trimStart().startsWith('#'); line++) {
    const joined = joinPragma(index, line, FILE_PRAGMA_LINE, ruleId);
    if (joined) return joined;
  }
  const at = { line: 0, character: 0 };
  return { range: { start: at, end: at }, newText: `# ${FILE_PRAGMA} ${ruleId}${index.eol}` };
}

function joinPragma(index: TextIndex, line: number, pattern: RegExp, ruleId: string): TextEdit | undefined {
  const m = pattern.exec(index.lineText(line));
  if (!m) return undefined;
  const at = { line, character: m[1].length + m[2].length };
  return { range: { start: at, end: at }, newText: `${m[2].includes(',') ? ',' : ''} ${ruleId}` };
}

function instructionLine(text: string, line: number): number {
  const ins = DockerfileParser.parse(text)
    .getInstructions()
    .find((i) => i.getRange().start.line <= line && line <= i.getRange().end.line);
  return ins ? ins.getRange().start.line : line;
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
