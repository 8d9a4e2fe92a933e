/** One YAML document of a stream, as a slice of whole lines of the file. */
export interface DocumentChunk {
  text: string;
  /** Offset and line of the chunk's first character in the file. */
  start: number;
  line: number;
}

const START = /^---(?:[ \t]|$)/;
const END = /^\.\.\.(?:[ \t]|$)/;

/**
 * Splits a YAML stream at document markers in column 0 (`---` starts a document, `...` ends one), which
 * YAML treats as markers wherever they appear, so each chunk parses on its own exactly as in the stream.
 * Chunks are whole lines: a finding's position shifts by the chunk's line only.
 */
export function splitDocuments(text: string): DocumentChunk[] {
  // Old Mac line breaks (a lone CR) would make line counting here disagree with TextIndex: keep one chunk.
  if (text.includes('\r') && /\r(?!\n)/.test(text)) return [{ text, start: 0, line: 0 }];
  const chunks: DocumentChunk[] = [];
  let chunkStart = 0;
  let chunkLine = 0;
  let line = 0;
  let pos = 0;
  const cut = (at: number, nextLine: number) => {
    if (at > chunkStart) chunks.push({ text: text.slice(chunkStart, at), start: chunkStart, line: chunkLine });
    chunkStart = at;
    chunkLine = nextLine;
  };
  while (pos < text.length) {
    let eol = text.indexOf('\n', pos);
    if (eol < 0) eol = text.length - 1;
    // Only lines starting with `-` or `.` can be markers: the others are not sliced (this runs on every keystroke).
    const first = text.charCodeAt(pos);
    if (first === 45 || first === 46) {
      const lineText = text.slice(pos, eol + 1).replace(/\r?\n$/, '');
      if (START.test(lineText) && pos > 0) cut(pos, line);
      else if (END.test(lineText)) {
        cut(eol + 1, line + 1);
        if (chunkStart >= text.length) break;
      }
    }
    pos = eol + 1;
    line++;
  }
  if (chunkStart < text.length || chunks.length === 0)
    chunks.push({ text: text.slice(chunkStart), start: chunkStart, line: chunkLine });
  return chunks;
}
