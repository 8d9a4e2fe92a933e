import type { Instruction, JSONInstruction } from 'dockerfile-ast';
import type { ShellWord } from './shell';

export interface JsonWord extends ShellWord {
  /** Document offset of each character of `value`. */
  at: number[];
}

const ESC: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' };

/**
 * A JSON string of an exec-form instruction decoded from the document text between `start` and `end`
 * (dockerfile-ast's own value keeps the quotes and drops blanks), with the offset of every character.
 */
export function jsonWord(text: string, start: number, end: number): JsonWord {
  const raw = text.slice(start, end);
  let value = '';
  const at: number[] = [];
  for (let i = 1; i < raw.length - 1; i++) {
    let c = raw[i];
    const from = start + i;
    if (c === '\\') {
      const e = raw[++i];
      if (e === 'u') {
        c = String.fromCharCode(parseInt(raw.slice(i + 1, i + 5), 16));
        i += 4;
      } else c = ESC[e] ?? e;
    }
    value += c;
    at.push(from);
  }
  return { value, raw, start, end, at };
}

/** The decoded words of an exec-form instruction (`SHELL ["/bin/bash", "-c"]`); undefined in shell form. */
export function execWords(
  text: string,
  ins: Instruction,
  offsets: (r: ReturnType<Instruction['getRange']>) => { start: number; end: number },
): JsonWord[] | undefined {
  const json = (ins as JSONInstruction).getJSONStrings?.() ?? [];
  if (json.length === 0) return undefined;
  return json.map((j) => {
    const { start, end } = offsets(j.getRange());
    return jsonWord(text, start, end);
  });
}
