import { yamlEditor } from './edit/objectEdits';
import { splitDocuments } from './parse/documents';
import { locate, parseKubernetes, type K8sObject, type YamlPath } from './parse/kubernetes';
import type { KubernetesRule, Report, Rule } from './rule';
import { baseContext, unsuppressed } from './context';
import { fileSuppressions, kubernetesSuppressions } from './suppress';
import { TextIndex } from './text';
import type { Finding, Position, Settings } from './types';
import { summarize, Workspace, type ObjectSummary } from './workspace';

export interface RuleRunner {
  report(rule: Rule, r: Report, index: TextIndex): Finding;
  run(rule: Rule, fn: () => void): void;
}

interface ChunkEntry {
  summaries: ObjectSummary[];
  /** Findings with positions relative to the chunk, for the stamp they were computed under. */
  findings?: { stamp: string; list: Finding[] };
  /** Parse problems of the chunk, relative to it. */
  errors: Finding[];
}

/**
 * Per-document results of one file, keyed by the document's text: an edit re-lints only the documents it
 * touched; the others are reused with their positions shifted. Hold one per open file; drop it on close.
 */
export class KubernetesCache {
  readonly chunks = new Map<string, ChunkEntry>();
}

export interface KubernetesLintResult {
  findings: Finding[];
  summaries: ObjectSummary[];
}

export function lintKubernetes(
  uri: string,
  text: string,
  settings: Settings,
  rules: readonly KubernetesRule[],
  runner: RuleRunner,
  workspace: Workspace | undefined,
  cache = new KubernetesCache(),
  syntaxError?: (message: string, start: number, end: number, index: TextIndex) => Finding,
): KubernetesLintResult {
  const chunks = splitDocuments(text);
  const used = new Map<string, ChunkEntry>();
  const parsed = new Map<string, ReturnType<typeof parseKubernetes>>();
  for (const chunk of chunks) {
    let entry = cache.chunks.get(chunk.text) ?? used.get(chunk.text);
    if (!entry) {
      const model = parseKubernetes(chunk.text);
      parsed.set(chunk.text, model);
      const index = model.index;
      entry = {
        summaries: summarize(uri, model),
        errors: syntaxError ? model.errors.map((e) => syntaxError(e.message, e.start, e.end, index)) : [],
      };
    }
    used.set(chunk.text, entry);
  }
  const summaries = chunks.flatMap((c) => used.get(c.text)!.summaries);
  const ws = workspace ?? new Workspace();
  ws.set(uri, summaries);
  const partial = ws.isPatch(uri);
  const stamp = `${ws.generation}|${partial}|${JSON.stringify(settings)}|${rules.map((r) => r.meta.id).join(',')}`;

  const findings: Finding[] = [];
  for (const chunk of chunks) {
    const entry = used.get(chunk.text)!;
    if (entry.findings?.stamp !== stamp) {
      const model = parsed.get(chunk.text) ?? parseKubernetes(chunk.text);
      entry.findings = { stamp, list: lintChunk(uri, model, settings, rules, runner, ws, partial) };
    }
    for (const f of [...entry.errors, ...entry.findings.list]) findings.push(shift(f, chunk.line));
  }
  cache.chunks.clear();
  for (const [k, v] of used) cache.chunks.set(k, v);

  return { findings: unsuppressed(findings, fileSuppressions(new TextIndex(text)), rules, () => 0), summaries };
}

function lintChunk(uri: string, model: ReturnType<typeof parseKubernetes>, settings: Settings, rules: readonly KubernetesRule[], runner: RuleRunner, workspace: Workspace, partial: boolean): Finding[] {
  const { text, index } = model;
  if (partial) for (const o of model.objects) o.partial = true;
  const out: Finding[] = [];
  const edits = yamlEditor({ text, index });
  const at = (obj: K8sObject, path: YamlPath, part?: 'key' | 'value' | 'pair') => locate(obj.node, path, part);
  for (const rule of rules) {
    runner.run(rule, () =>
      rule.check({
        ...baseContext(uri, index, settings, (r) => {
          if (!(r.absent && partial)) out.push(runner.report(rule, r, index));
        }),
        kubernetes: model,
        workspace,
        at,
        ...edits,
      }),
    );
  }
  return unsuppressed(out, kubernetesSuppressions(model), rules, (f) => index.offsetAt(f.range.start));
}

function shiftPos(p: Position, lines: number): Position {
  return { line: p.line + lines, character: p.character };
}

/** Moves a chunk-relative finding (range and edits) down by `lines`; chunks start at a line start. */
function shift(f: Finding, lines: number): Finding {
  if (lines === 0) return f;
  const r = (x: { start: Position; end: Position }) => ({ start: shiftPos(x.start, lines), end: shiftPos(x.end, lines) });
  const edits = (es: Finding['fix']) => es?.map((e) => ({ range: r(e.range), newText: e.newText }));
  return {
    ...f,
    range: r(f.range),
    ...(f.fix ? { fix: edits(f.fix) } : {}),
    ...(f.suggestions ? { suggestions: f.suggestions.map((s) => ({ ...s, edits: edits(s.edits)! })) } : {}),
  };
}
