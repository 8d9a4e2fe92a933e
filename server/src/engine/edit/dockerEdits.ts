import type { Instruction } from 'dockerfile-ast';
import type { DockerfileModel, Stage } from '../models/dockerfile';

/**
 * Offset and text to insert new instruction lines: before `before` (at the start of its line, same
 * indentation) or, without it, after the stage's last instruction.
 */
export function insertLines(
  model: DockerfileModel,
  stage: Stage,
  lines: string[],
  before?: Instruction,
): { at: number; text: string } {
  const eol = model.index.eol;
  if (before) {
    const start = model.offsets(before.getRange()).start;
    const line = model.index.positionAt(start).line;
    const lineStart = model.index.lineStarts[line];
    const indent = model.text.slice(lineStart, start);
    return { at: lineStart, text: lines.map((l) => indent + l + eol).join('') };
  }
  const last = stage.instructions[stage.instructions.length - 1] ?? stage.from;
  const end = model.offsets(last.getRange()).end;
  const lineEnd = model.index.lineEnd(model.index.positionAt(end).line);
  return { at: lineEnd, text: lines.map((l) => eol + l).join('') };
}
