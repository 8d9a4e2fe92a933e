import type { Finding, Position, Severity } from '../../engine';
import type { Counts, FileReport } from '../report';

const ANSI = {
  reset: '\x1b[0m',
  bold: '\x1b[1m',
  dim: '\x1b[2m',
  underline: '\x1b[4m',
  red: '\x1b[31m',
  yellow: '\x1b[33m',
  cyan: '\x1b[36m',
  gray: '\x1b[90m',
};
const SEVERITY_COLOR: Record<Severity, string> = {
  error: ANSI.red,
  warning: ANSI.yellow,
  info: ANSI.cyan,
  hint: ANSI.gray,
};

/**
 * ESLint's "stylish" layout: a header per file with problems and one row per finding (`line:col  severity  message
 * rule-id`, 1-based), aligned within the file, then a summary. Nothing at all when clean. Written file by file as
 * the files are linted (aligning within a file, as ESLint does, is what lets the first file print before the last
 * is read). On a terminal the message column is bounded so rows fit its width: longer messages wrap onto
 * continuation lines under the message column.
 */
export class TextReporter {
  private readonly paint: (codes: string, s: string) => string;
  private readonly width: number | undefined;

  /**
   * `width`: the terminal's columns; messages wrap so that rows fit in it. Undefined (not a terminal): no
   * wrapping, messages padded to the longest in the file.
   */
  constructor(
    private readonly write: (s: string) => void,
    options: { color: boolean; width?: number },
  ) {
    this.paint = (codes, s) => (options.color ? `${codes}${s}${ANSI.reset}` : s);
    this.width = options.width !== undefined && options.width > 0 ? options.width : undefined;
  }

  file(f: FileReport): void {
    if (f.findings.length === 0) return;
    const paint = this.paint;
    const widest = (cell: (x: Finding) => string) => f.findings.reduce((m, x) => Math.max(m, cell(x).length), 0);
    const w = {
      where: widest((x) => position(x.range.start)),
      severity: widest((x) => x.severity),
      message: widest((x) => x.message),
      rule: widest((x) => x.ruleId),
    };
    // `  where  severity  ` before the message, `  rule-id` after it.
    const indent = 2 + w.where + 2 + w.severity + 2;
    const room = this.width === undefined ? Infinity : this.width - indent - 2 - w.rule;
    // Too narrow a terminal to wrap into: let the terminal wrap the rows instead.
    const messageWidth = room >= MIN_MESSAGE_WIDTH ? Math.min(w.message, room) : w.message;
    const out = ['', paint(ANSI.underline, f.path)];
    for (const x of f.findings) {
      const [first, ...rest] = wrap(x.message, messageWidth);
      const cells = [
        paint(ANSI.dim, position(x.range.start).padEnd(w.where)),
        paint(SEVERITY_COLOR[x.severity], x.severity.padEnd(w.severity)),
        first.padEnd(messageWidth),
        paint(ANSI.dim, x.ruleId),
      ];
      out.push(`  ${cells.join('  ')}`.trimEnd());
      for (const line of rest) out.push(`${' '.repeat(indent)}${line}`.trimEnd());
    }
    this.write(`${out.join('\n')}\n`);
  }

  /** The summary of every file's `counts`, once all are written. */
  end(c: Counts): void {
    if (c.total === 0) return;
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
    const summary = `✖ ${plural(c.total, 'problem')} (${plural(c.error, 'error')}, ${plural(c.warning, 'warning')}, ${plural(c.info, 'info')}, ${plural(c.hint, 'hint')})`;
    const style = ANSI.bold + (c.error > 0 ? ANSI.red : ANSI.yellow);
    const out = ['', this.paint(style, summary)];
    if (c.fixable > 0) out.push(this.paint(style, `  ${c.fixable} fixable with --fix`));
    this.write(`${out.join('\n')}\n`);
  }
}

const MIN_MESSAGE_WIDTH = 20;

/**
 * `message` in lines of at most `width` characters, broken at spaces (a word longer than `width` is cut);
 * line breaks in the message are kept.
 */
export function wrap(message: string, width: number): string[] {
  if (message.length <= width && !/[\r\n]/.test(message)) return [message];
  const lines: string[] = [];
  for (const paragraph of message.split(/\r\n|\r|\n/)) {
    let line = '';
    for (let word of paragraph.split(/ +/)) {
      while (word.length > width) {
        if (line) lines.push(line);
        line = '';
        lines.push(word.slice(0, width));
        word = word.slice(width);
      }
      if (!line) line = word;
      else if (line.length + 1 + word.length <= width) line += ` ${word}`;
      else {
        lines.push(line);
        line = word;
      }
    }
    lines.push(line);
  }
  return lines;
}

/** 1-based `line:column`, as editors and terminals link them. */
function position(p: Position): string {
  return `${p.line + 1}:${p.character + 1}`;
}
