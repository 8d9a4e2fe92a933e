import type { Range } from '../../engine';
import { isFixable, type FileReport } from '../report';

/**
 * `--format json`, a stable contract (bump `version` on any incompatible change):
 *
 *   { "version": 1,
 *     "files": [ { "path": "deploy/app.yaml",            // relative to the working directory, "/" separators
 *                  "kind": "dockerfile" | "kubernetes" | "other",
 *                  "findings": [ { "ruleId": "no-root-user",
 *                                  "severity": "error" | "warning" | "info" | "hint",
 *                                  "message": "…",
 *                                  "range": { "start": { "line": 0, "character": 4 },   // 0-based, UTF-16 code units
 *                                             "end":   { "line": 0, "character": 9 } },
 *                                  "fixable": true } ] } ] }     // fixable: `--fix` has a safe fix for it
 *
 * Every linted file is listed, also when it has no findings; files are sorted by path and findings by position.
 */
export interface JsonReport {
  version: 1;
  files: {
    path: string;
    kind: FileReport['kind'];
    findings: { ruleId: string; severity: string; message: string; range: Range; fixable: boolean }[];
  }[];
}

export function toJsonReport(files: readonly FileReport[]): JsonReport {
  return { version: 1, files: files.map(toJsonFile) };
}

export function toJsonFile(f: FileReport): JsonReport['files'][number] {
  return {
    path: f.path,
    kind: f.kind,
    findings: f.findings.map((x) => ({
      ruleId: x.ruleId,
      severity: x.severity,
      message: x.message,
      range: {
        start: { line: x.range.start.line, character: x.range.start.character },
        end: { line: x.range.end.line, character: x.range.end.character },
      },
      fixable: isFixable(x),
    })),
  };
}

export function formatJson(files: readonly FileReport[]): string {
  return `${JSON.stringify(toJsonReport(files), null, 2)}\n`;
}
