import { isAbsolute, relative, sep } from 'node:path';
import type { DocumentKind, Finding, Severity } from '../engine';

/** One linted file, as every formatter sees it. */
export interface FileReport {
  /** Relative to the working directory with forward slashes (absolute when on another drive). */
  path: string;
  /** Absolute path as reached on disk (a symlink stays a symlink). */
  abs: string;
  kind: DocumentKind;
  findings: Finding[];
}

export type Counts = Record<Severity, number> & { total: number; fixable: number };

export function countFindings(files: readonly FileReport[], into?: Counts): Counts {
  const c: Counts = into ?? { error: 0, warning: 0, info: 0, hint: 0, total: 0, fixable: 0 };
  for (const f of files) {
    for (const finding of f.findings) {
      c[finding.severity]++;
      c.total++;
      if (isFixable(finding)) c.fixable++;
    }
  }
  return c;
}

/** `--fix` has a safe fix for it: its edits when they were computed, else the engine's flag. */
export function isFixable(f: Finding): boolean {
  return f.fix !== undefined || f.fixable === true;
}

/** How files are named in every output format: relative to the working directory, forward slashes. */
export function displayPath(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  if (isAbsolute(rel)) return abs; // another drive
  return (sep === '/' ? rel : rel.split(sep).join('/')) || '.';
}
