import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import { docsUrl, ENGINE_RULE_ID, rules, type Range, type Rule, type Severity } from '../../engine';
import { DOCS_BASE_URL } from '../../engine/runner/docs';
import type { FileReport } from '../report';
import { UNUSED_IGNORE_ID } from '../unusedIgnores';
import { VERSION } from '../version';

export const SARIF_SCHEMA =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
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
  const has = (id: string) => files.some((f) => f.findings.some((x) => x.ruleId === id));
  const descriptors = ruleDescriptors(has(ENGINE_RULE_ID), has(UNUSED_IGNORE_ID));
  const results = files.flatMap(resultsOf);
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{ tool: tool(descriptors), ...runBase(cwd), results }],
  };
}

/**
 * Every rule as a reportingDescriptor, in registry order, then the engine's own when it (or the unused-ignore
 * check) reported, then unused-ignore's: fixed places, so results can be streamed before the tool section.
 */
export function ruleDescriptors(withEngine: boolean, withUnused = false): Sarif.ReportingDescriptor[] {
  const descriptors = rules.map(descriptor);
  if (withEngine || withUnused) descriptors.push(engineDescriptor());
  if (withUnused) descriptors.push(unusedDescriptor());
  return descriptors;
}

export function tool(descriptors: Sarif.ReportingDescriptor[]): Sarif.Tool {
  return {
    driver: {
      name: 'harden',
      informationUri: INFORMATION_URI,
      version: VERSION,
      semanticVersion: VERSION,
      rules: descriptors,
    },
  };
}

export function runBase(cwd: string): Pick<Sarif.Run, 'originalUriBaseIds' | 'columnKind'> {
  return {
    originalUriBaseIds: { [SRCROOT]: { uri: `${pathToFileURL(cwd).href.replace(/\/?$/, '/')}` } },
    columnKind: 'utf16CodeUnits',
  };
}

/** The engine's descriptor comes after every rule's (see `ruleDescriptors`), so indexes are known up front. */
const RULE_INDEX = new Map([
  ...rules.map((r, i) => [r.meta.id, i] as const),
  [ENGINE_RULE_ID, rules.length],
  [UNUSED_IGNORE_ID, rules.length + 1],
]);

/** One result per finding of the file, with the safe fix as a SARIF fix when its edits were computed. */
export function resultsOf(file: FileReport): Sarif.Result[] {
  const artifactLocation = location(file);
  return file.findings.map((x) => {
    const result: Sarif.Result = {
      ruleId: x.ruleId,
      ruleIndex: RULE_INDEX.get(x.ruleId),
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
    return result;
  });
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
