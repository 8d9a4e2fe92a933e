import type { FileReport } from '../report';

/**
 * One line per finding, `path:line:col: severity message [rule-id]` (1-based, as editors and grep -n name
 * places), no header and no summary: grep- and problem-matcher-friendly. Written file by file like text.
 */
export class CompactReporter {
  constructor(private readonly write: (s: string) => void) {}

  file(f: FileReport): void {
    if (f.findings.length === 0) return;
    const lines = f.findings.map(
      (x) =>
        `${f.path}:${x.range.start.line + 1}:${x.range.start.character + 1}: ${x.severity} ${oneLine(x.message)} [${x.ruleId}]`,
    );
    this.write(`${lines.join('\n')}\n`);
  }

  end(): void {}
}

/** A message never spans lines here, so each line stays one finding. */
function oneLine(message: string): string {
  return message.replace(/\s*[\r\n]+\s*/g, ' ');
}
