import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import { docsUrl, ENGINE_RULE_ID, rules, type Range, type Rule, type Severity } from '../../engine';
import { DOCS_BASE_URL } from '../../engine/runner/docs';
import type { FileReport } from '../report';
import { UNUSED_IGNORE_ID } from '../unusedIgnores';
import { VERSION } from '../version';

const SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
const INFORMATION_URI = DOCS_BASE_URL.replace(/\/blob\/.*$/, '');
const SRCROOT = '%SRCROOT%';
const LEVEL: Record<Severity, Sarif.Result.level> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/**
 * SARIF 2.1.0: one run, every rule as a reportingDescriptor, one result per finding, and the safe fix as a
 * SARIF fix. Columns count UTF-16 code units like the engine (`columnKind`), not counting a BOM, and SARIF
 * lines and columns are 1-based (end column exclusive). Files inside the working directory are relative to
 * `%SRCROOT%`; others get an absolute `file:` URI.
 */
export function toSarif(files: readonly FileReport[], cwd: string): Sarif.Log {
  const descriptors = rules.map(descriptor);
  if (files.some((f) => f.findings.some((x) => x.ruleId === ENGINE_RULE_ID))) descriptors.push(engineDescriptor());
  if (files.some((f) => f.findings.some((x) => x.ruleId === UNUSED_IGNORE_ID))) descriptors.push(unusedDescriptor());
  const indexOf = new Map(descriptors.map((d, i) => [d.id, i]));

  const results: Sarif.Result[] = [];
  for (const file of files) {
    const artifactLocation = location(file);
    for (const x of file.findings) {
      const result: Sarif.Result = {
        ruleId: x.ruleId,
        ruleIndex: indexOf.get(x.ruleId),
        level: LEVEL[x.severity],
        message: { text: x.message },
        locations: [{ physicalLocation: { artifactLocation, region: region(x.range) } }],
        // SARIF has one `note` level for info and hint: the GitHub Action counts Harden's own severities.
        properties: { severity: x.severity },
      };
      if (x.fix) {
        result.fixes = [
          {
            description: { text: 'Safe fix (applied by harden --fix)' },
            artifactChanges: [
              {
                artifactLocation,
                replacements: x.fix.map((e) => ({
                  deletedRegion: region(e.range),
                  insertedContent: { text: e.newText },
                })),
              },
            ],
          },
        ];
      }
      results.push(result);
    }
  }

  return {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'harden',
            informationUri: INFORMATION_URI,
            version: VERSION,
            semanticVersion: VERSION,
            rules: descriptors,
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: `${pathToFileURL(cwd).href.replace(/\/?$/, '/')}` } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

export function formatSarif(files: readonly FileReport[], cwd: string): string {
  return `${JSON.stringify(toSarif(files, cwd), null, 2)}\n`;
}

function descriptor(rule: Rule): Sarif.ReportingDescriptor {
  const { meta } = rule;
  return {
    id: meta.id,
    name: pascalCase(meta.id),
    shortDescription: { text: meta.title },
    fullDescription: { text: meta.docs.rationale },
    helpUri: docsUrl(meta.id),
    defaultConfiguration: { level: LEVEL[meta.severity] },
    properties: { tags: [meta.practice] },
  };
}

/** Findings the engine itself reports (a file over maxFileSize) have no rule module. */
function engineDescriptor(): Sarif.ReportingDescriptor {
  return {
    id: ENGINE_RULE_ID,
    name: 'Harden',
    shortDescription: { text: 'File could not be checked' },
    defaultConfiguration: { level: 'note' },
  };
}

/** `--report-unused-ignores`: a `harden-ignore` comment that suppressed nothing. */
function unusedDescriptor(): Sarif.ReportingDescriptor {
  return {
    id: UNUSED_IGNORE_ID,
    name: 'UnusedIgnore',
    shortDescription: { text: 'harden-ignore comment that suppresses nothing' },
    defaultConfiguration: { level: 'warning' },
  };
}

function location(file: FileReport): Sarif.ArtifactLocation {
  if (file.path.startsWith('../') || file.path === '..' || file.path === file.abs)
    return { uri: pathToFileURL(file.abs).href };
  return { uri: file.path.split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

function region(range: Range): Sarif.Region {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

/** `k8s-privileged-container` → `K8sPrivilegedContainer` (SARIF `name` is an identifier-like label). */
export function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}
