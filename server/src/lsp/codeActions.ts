import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type Range,
  type TextEdit,
} from 'vscode-languageserver/node';
import {
  disableFileEdit,
  disableLineEdit,
  fixAll,
  fixesInside,
  hardenWorkload,
  linesOf,
  restrictedSettings,
  rulesById,
  TextIndex,
  workloads,
  type Finding,
  type Workload,
} from '../engine';
import { FIX_ALL_KIND } from '../shared/protocol';
import type { ClientFeatures, Documents } from './context';
import { findingFor, minimalEdit, newFileEdit, workspaceEdit } from './convert';
import type { LintEntry, Linter } from './linter';
import type { DigestPinner } from './pinDigest';

export const WORKLOAD_KIND = `${CodeActionKind.RefactorRewrite}.harden`;
export const CODE_ACTION_KINDS = [CodeActionKind.QuickFix, FIX_ALL_KIND, WORKLOAD_KIND];

interface WorkloadData {
  uri: string;
  version: number;
  index: number;
}

/** Does a request restricted to `only` want actions of `kind`? (`only` entries are kind prefixes.) */
const wants = (only: string[] | undefined, kind: string) =>
  !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));

/** "Fix: " plus the problem half of a message ("<problem>; <remedy>"), kept short for menus. */
function fixTitle(message: string): string {
  const problem = message.split('; ')[0];
  return `Fix: ${problem.length > 90 ? `${problem.slice(0, 89)}…` : problem}`;
}

/**
 * Quick fixes, suppressions, fix-all and the restricted-profile rewrite, all as edits; the one command is
 * "Pin <image> to its digest…", which needs the network and so runs only when picked.
 */
export class CodeActions {
  /** Per document, for the key of the lint they extend: its workloads, and its findings at the restricted profile. */
  private readonly restricted = new Map<
    string,
    { key: string; workloads: Workload[]; findings: Map<number, Finding[]> }
  >();

  constructor(
    private readonly documents: Documents,
    private readonly linter: Linter,
    private readonly features: ClientFeatures,
    private readonly pinner?: DigestPinner,
  ) {}

  async provide(params: CodeActionParams): Promise<CodeAction[]> {
    const doc = this.documents.get(params.textDocument.uri);
    const entry = doc && (await this.linter.lint(doc));
    if (!entry || !entry.enabled || (entry.kind !== 'dockerfile' && entry.kind !== 'kubernetes')) return [];
    const only = params.context.only;
    const actions: CodeAction[] = [];
    if (wants(only, CodeActionKind.QuickFix)) actions.push(...this.quickFixes(entry, params.context.diagnostics));
    if (entry.kind === 'kubernetes' && wants(only, WORKLOAD_KIND))
      actions.push(...this.workloadActions(entry, params.range));
    // Fix-all re-lints up to ten times: only when asked for by kind (on save, the Source Action menu, our command).
    if (only && wants(only, FIX_ALL_KIND)) actions.push(...this.fixAllAction(entry));
    return actions;
  }

  /** Adds the edit to a workload action offered without one (the client resolves lazily). */
  async resolve(action: CodeAction): Promise<CodeAction> {
    const data = action.data as WorkloadData | undefined;
    if (action.kind !== WORKLOAD_KIND || !data || action.edit) return action;
    const doc = this.documents.get(data.uri);
    if (!doc || doc.version !== data.version) return action;
    const entry = await this.linter.lint(doc);
    if (entry) action.edit = this.workloadEdit(entry, data.index);
    return action;
  }

  release(uri: string): void {
    this.restricted.delete(uri);
  }

  private quickFixes(entry: LintEntry, diagnostics: Diagnostic[]): CodeAction[] {
    const fixes: CodeAction[] = [];
    const disables = new Map<string, CodeAction>();
    // Diagnostics come from a lint without fix edits: compute those of the documents under these diagnostics.
    const lines = diagnostics.flatMap((d) => [d.range.start.line, d.range.end.line]);
    const findings = lines.length
      ? this.linter.withFixes(entry, Math.min(...lines), Math.max(...lines))
      : entry.findings;
    for (const d of diagnostics) {
      const f = findingFor(findings, entry.version, d);
      if (!f || !rulesById.has(f.ruleId)) continue;
      if (f.fix)
        fixes.push({
          title: fixTitle(f.message),
          kind: CodeActionKind.QuickFix,
          diagnostics: [d],
          isPreferred: true,
          edit: this.edit(entry, f.fix),
        });
      for (const s of f.suggestions ?? []) {
        if (!s.newFile)
          fixes.push({
            title: s.title,
            kind: CodeActionKind.QuickFix,
            diagnostics: [d],
            edit: this.edit(entry, s.edits),
          });
        else if (this.features.createFiles) {
          const edit = newFileEdit(entry.uri, s.newFile.name, s.newFile.text);
          if (edit) fixes.push({ title: s.title, kind: CodeActionKind.QuickFix, diagnostics: [d], edit });
        }
      }
      const pin = this.pinner?.action(entry, f, d);
      if (pin) fixes.push(pin);
      // `noInlineIgnore` in .harden.yaml: a pragma would not suppress the rule, so none is offered.
      const locked = entry.settings.noInlineIgnore ?? [];
      if (locked.includes('*') || locked.includes(f.ruleId)) continue;
      const line = disableLineEdit(entry.text, entry.kind as 'dockerfile' | 'kubernetes', f.range.start.line, f.ruleId);
      addOnce(disables, `line:${f.ruleId}:${line.range.start.line}`, d, () => ({
        title: `Disable ${f.ruleId} for this line`,
        edit: this.edit(entry, [line]),
      }));
      if (entry.kind === 'kubernetes') {
        addOnce(disables, `file:${f.ruleId}`, d, () => ({
          title: `Disable ${f.ruleId} for this file`,
          edit: this.edit(entry, [disableFileEdit(entry.text, f.ruleId)]),
        }));
      }
    }
    return [...fixes, ...disables.values()];
  }

  private fixAllAction(entry: LintEntry): CodeAction[] {
    const result = fixAll(
      { uri: entry.uri, text: entry.text, languageId: entry.languageId },
      entry.settings,
      this.linter.speculativeOptions(),
    );
    const edit = this.minimal(entry, result.text);
    return edit
      ? [{ title: 'Fix all auto-fixable Harden problems', kind: FIX_ALL_KIND, edit: this.edit(entry, [edit]) }]
      : [];
  }

  private workloadActions(entry: LintEntry, range: Range): CodeAction[] {
    const offset = new TextIndex(entry.text).offsetAt(range.start);
    const cached = this.restrictedFor(entry);
    const candidates = cached.workloads.filter((w) => w.start <= offset && offset <= w.end);
    if (candidates.length === 0) return [];
    // Code actions are asked for on every cursor move: the restricted lint runs once per document version and
    // workload, computing fix edits for the workload's own lines only (all of them took seconds on big manifests).
    const index = new TextIndex(entry.text);
    const findingsFor = (w: Workload) => {
      let found = cached.findings.get(w.index);
      if (!found)
        cached.findings.set(
          w.index,
          (found = this.linter.speculate(entry.uri, entry.text, entry.languageId, restrictedSettings(entry.settings), {
            ...this.linter.speculativeOptions(),
            fixes: linesOf(index, w),
          })),
        );
      return found;
    };
    return candidates
      .filter((w) => fixesInside(entry.text, findingsFor(w), w).length > 0)
      .map((w) => {
        const action: CodeAction = { title: 'Harden this workload to the restricted profile', kind: WORKLOAD_KIND };
        if (this.features.codeActionResolveEdit)
          action.data = { uri: entry.uri, version: entry.version, index: w.index } satisfies WorkloadData;
        else action.edit = this.workloadEdit(entry, w.index);
        return action;
      });
  }

  private restrictedFor(entry: LintEntry): { workloads: Workload[]; findings: Map<number, Finding[]> } {
    let cached = this.restricted.get(entry.uri);
    if (cached?.key !== entry.key)
      this.restricted.set(
        entry.uri,
        (cached = { key: entry.key, workloads: workloads(entry.text), findings: new Map() }),
      );
    return cached;
  }

  private workloadEdit(entry: LintEntry, index: number): CodeAction['edit'] {
    const next = hardenWorkload(
      { uri: entry.uri, text: entry.text, languageId: entry.languageId },
      index,
      entry.settings,
      this.linter.speculativeOptions(),
    );
    const edit = next === undefined ? undefined : this.minimal(entry, next);
    return edit && this.edit(entry, [edit]);
  }

  private minimal(entry: LintEntry, after: string): TextEdit | undefined {
    const index = new TextIndex(entry.text);
    return minimalEdit(entry.text, after, (o) => index.positionAt(o));
  }

  private edit(entry: LintEntry, edits: TextEdit[]): CodeAction['edit'] {
    return workspaceEdit(entry.uri, entry.version, edits, this.features.documentChanges);
  }
}

/** The lines of a workload's text, for computing the fix edits of its YAML document only. */
function addOnce(
  into: Map<string, CodeAction>,
  key: string,
  d: Diagnostic,
  make: () => Omit<CodeAction, 'kind'>,
): void {
  const existing = into.get(key);
  if (existing) existing.diagnostics!.push(d);
  else into.set(key, { ...make(), kind: CodeActionKind.QuickFix, diagnostics: [d] });
}
