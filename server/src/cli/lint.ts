import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import {
  applyEdits,
  detectKind,
  fixAll,
  lint,
  parseKubernetes,
  stripBom,
  summarize,
  Workspace,
  type DocumentKind,
  type Finding,
  type LintInput,
  type ObjectSummary,
  type Settings,
} from '../engine';
import type { ConfigResolver } from './config';
import { oneLine, UsageError } from './errors';
import type { Candidate } from './files';
import { writeAtomic } from './fix';
import { displayPath, type FileReport } from './report';
import { unusedIgnores } from './unusedIgnores';

export interface LintFilesOptions {
  cwd: string;
  configs: ConfigResolver;
  fix: boolean;
  /** Compute fix edits for the reports (SARIF `fixes`); otherwise findings carry only `fixable`. */
  edits: boolean;
  /** Lint only these (`--shard`); the others are still read for the cross-file facts. All when absent. */
  lints?(file: Candidate): boolean;
  /** Keep errors only. */
  quiet: boolean;
  /** Add a finding for each `harden-ignore` comment that suppressed nothing. */
  reportUnusedIgnores?: boolean;
  /** Something was skipped; the run goes on with the same exit code. */
  onWarning(message: string): void;
  /** Something broke (a rule threw, a write failed); the run goes on and exits 2. */
  onFailure(message: string): void;
  /** Each file's report as soon as it is linted, in path order (for output that streams). */
  onReport?(report: FileReport): void;
}

export interface Source {
  file: Candidate;
  /** `file:` URI, as the language server names documents: the engine resolves kustomization paths against it. */
  uri: string;
  path: string;
  text: string;
  kind: DocumentKind;
  /** Set for files named explicitly whose name says nothing (see `guessLanguage`). */
  languageId?: string;
  settings: Settings;
  /** The bytes are valid UTF-8, so writing the text back changes only what the fixes changed. */
  lossless: boolean;
}

const CONCURRENCY = 8;
const BINARY_SNIFF_BYTES = 8192;

/**
 * Reads every candidate, then lints it. Kubernetes files are all summarized into one Workspace first, so
 * cross-file rules (NetworkPolicy coverage…) see every manifest. With `fix`, fixes are computed in path
 * order against that workspace, written, and the results re-linted. Reports come back sorted by path.
 */
export async function lintFiles(files: readonly Candidate[], options: LintFilesOptions): Promise<FileReport[]> {
  const sources = (await mapLimit(files, CONCURRENCY, (f) => read(f, options))).filter(
    (s): s is Source => s !== undefined,
  );
  sources.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const workspace = new Workspace();
  // A file that breaks the engine is reported (exit 2) and the run goes on with the others.
  const guarded = <T>(s: Source, fallback: T, fn: () => T): T => {
    try {
      return fn();
    } catch (e) {
      options.onFailure(`cannot lint ${s.path}: ${oneLine(e)}`);
      return fallback;
    }
  };
  const remember = (s: Source) => {
    // Over maxFileSize the engine checks nothing (one finding says so): no parsing it for the workspace either.
    const summaries = summaryOf(s, (m) => options.onFailure(m));
    if (summaries) workspace.set(s.uri, summaries);
  };
  sources.forEach(remember);
  const mine = options.lints ? sources.filter((s) => options.lints!(s.file)) : sources;

  const onRuleError = (s: Source) => (ruleId: string, e: unknown) =>
    options.onFailure(`rule ${ruleId} failed on ${s.path}: ${oneLine(e)}`);
  const input = (s: Source): LintInput => ({ uri: s.uri, text: s.text, languageId: s.languageId });

  if (options.fix) {
    const fixed = mine.map((s) =>
      s.kind === 'other'
        ? s.text
        : guarded(s, s.text, () => fixAll(input(s), s.settings, { workspace, onRuleError: onRuleError(s) }).text),
    );
    await mapLimit(mine, CONCURRENCY, async (s, i) => {
      if (fixed[i] === s.text) return;
      if (!s.lossless) return options.onWarning(`not fixing ${s.path}: it is not valid UTF-8`);
      try {
        await writeAtomic(s.file.real, fixed[i]);
        s.text = fixed[i];
      } catch (e) {
        options.onFailure(`cannot write ${s.path}: ${oneLine(e)}`);
      }
    });
    sources.forEach(remember);
  }

  const lintOne = (s: Source, settings: Settings) =>
    lint(input(s), settings, { workspace, onRuleError: onRuleError(s) }).findings;
  if (options.fix && options.reportUnusedIgnores) {
    // `--fix --report-unused-ignores` also removes the harden-ignore comments (or ids) that suppress nothing.
    await mapLimit(sources, CONCURRENCY, async (s) => {
      if (s.kind === 'other' || !s.lossless) return;
      const findings = guarded(s, [], () => lintOne(s, s.settings));
      const edits = guarded(s, [], () =>
        unusedIgnores({ ...s, findings, relint: (settings) => lintOne(s, settings) }),
      ).flatMap((f) => f.fix ?? []);
      if (edits.length === 0) return;
      const { text, bom } = stripBom(s.text);
      const applied = applyEdits(text, edits);
      if (applied === undefined) return;
      const next = bom ? `\uFEFF${applied}` : applied;
      try {
        await writeAtomic(s.file.real, next);
        s.text = next;
      } catch (e) {
        options.onFailure(`cannot write ${s.path}: ${oneLine(e)}`);
      }
    });
    sources.forEach(remember);
  }
  return mine.map((s) => {
    const report = lintSource(s, { ...options, workspace });
    options.onReport?.(report);
    return report;
  });
}

function byPosition(a: Finding, b: Finding): number {
  const { start: x } = a.range;
  const { start: y } = b.range;
  return x.line - y.line || x.character - y.character || a.ruleId.localeCompare(b.ruleId);
}

/** One file's report against `workspace` (which holds every manifest's summaries). */
export function lintSource(
  s: Source,
  options: Pick<LintFilesOptions, 'edits' | 'quiet' | 'onFailure' | 'reportUnusedIgnores'> & { workspace: Workspace },
): FileReport {
  let findings: Finding[] = [];
  const lintWith = (settings: Settings) =>
    lint({ uri: s.uri, text: s.text, languageId: s.languageId }, settings, {
      workspace: options.workspace,
      fixes: options.edits,
      onRuleError: (ruleId, e) => options.onFailure(`rule ${ruleId} failed on ${s.path}: ${oneLine(e)}`),
    }).findings;
  if (s.kind !== 'other') {
    try {
      findings = lintWith(s.settings);
      if (options.reportUnusedIgnores) {
        const unused = unusedIgnores({ ...s, findings, relint: lintWith });
        if (unused.length > 0) findings = [...findings, ...unused].sort(byPosition);
      }
    } catch (e) {
      options.onFailure(`cannot lint ${s.path}: ${oneLine(e)}`);
    }
  }
  return {
    path: s.path,
    abs: s.file.abs,
    kind: s.kind,
    findings: options.quiet ? findings.filter((f) => f.severity === 'error') : findings,
  };
}

/** The cross-file facts of one manifest, or undefined (not a manifest, over maxFileSize, or it broke the parser). */
export function summaryOf(s: Source, onFailure: (message: string) => void): ObjectSummary[] | undefined {
  const { text } = stripBom(s.text);
  if (s.kind !== 'kubernetes' || text.length > s.settings.maxFileSize) return undefined;
  try {
    return summarize(s.uri, parseKubernetes(text, { sourceTokens: false }));
  } catch (e) {
    onFailure(`cannot lint ${s.path}: ${oneLine(e)}`);
    return undefined;
  }
}

/** Undefined for files that are not linted: walked YAML that is no manifest, binaries, unreadable files. */
export async function read(
  file: Candidate,
  options: Pick<LintFilesOptions, 'cwd' | 'configs' | 'fix' | 'onWarning'>,
): Promise<Source | undefined> {
  const path = displayPath(file.abs, options.cwd);
  let bytes: Buffer;
  try {
    bytes = await readFile(file.abs);
  } catch (e) {
    if (file.explicit) throw new UsageError(`cannot read ${path}: ${oneLine(e)}`);
    options.onWarning(`skipping ${path}: ${oneLine(e)}`);
    return undefined;
  }
  const dockerfileByName = detectKind(file.abs, '') === 'dockerfile';
  const binary = !dockerfileByName && bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0);
  const text = binary ? '' : bytes.toString('utf8');
  let kind = binary ? 'other' : detectKind(file.abs, stripBom(text).text);
  let languageId: string | undefined;
  if (kind === 'other' && file.explicit && !binary) {
    languageId = guessLanguage(text);
    if (languageId) kind = detectKind(file.abs, stripBom(text).text, languageId);
  }
  if (kind === 'other' && !file.explicit) return undefined;
  const settings = await options.configs.settingsFor(file, kind);
  const lossless = !options.fix || Buffer.from(text, 'utf8').equals(bytes);
  return { file, uri: pathToFileURL(file.abs).href, path, text, kind, languageId, settings, lossless };
}

/**
 * A file named on the command line is linted whatever its name: a manifest by content, or a Dockerfile
 * when its first instruction is FROM or ARG (the only ones allowed first).
 */
export function guessLanguage(text: string): 'yaml' | 'dockerfile' | undefined {
  const body = stripBom(text).text;
  if (detectKind('manifest.yaml', body) === 'kubernetes') return 'yaml';
  const first = body.split(/\r\n|\r|\n/).find((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
  return first && /^\s*(FROM|ARG)\s/i.test(first) ? 'dockerfile' : undefined;
}

/** `fn` over `items` with at most `limit` calls in flight; results keep the input order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
