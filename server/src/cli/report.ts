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

export function countFindings(files: readonly FileReport[]): Counts {
  const c: Counts = { error: 0, warning: 0, info: 0, hint: 0, total: 0, fixable: 0 };
  for (const f of files) {
    for (const finding of f.findings) {
      c[finding.severity]++;
      c.total++;
      if (finding.fix) c.fixable++;
    }
  }
  return c;
}

/** How files are named in every output format: relative to the working directory, forward slashes. */
export function displayPath(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  if (isAbsolute(rel)) return abs; // another drive
  return (sep === '/' ? rel : rel.split(sep).join('/')) || '.';
}
