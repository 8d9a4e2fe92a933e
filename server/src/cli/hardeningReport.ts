// `harden report`: the state of a repository per hardening practice, computed from the lint reports of its files.
import { PRACTICES, rules, type Practice, type Severity, type Target } from '../engine';
import type { RepoSignals } from './repoSignals';
import type { FileReport } from './report';

export const REPORT_SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'hint'];
/** Severities that make a file fail a practice; info and hint are counted, never failed. */
export const FAILING: readonly Severity[] = ['error', 'warning'];

export const PRACTICE_TITLES: Record<Practice, string> = {
  'minimal-base-images': 'Minimal base images',
  'multi-stage-builds': 'Multi-stage builds',
  'vulnerable-images': 'No vulnerable or end-of-life images',
  integrity: 'Integrity: digests, registries, downloads',
  'least-privilege': 'Least privilege: users, security contexts, RBAC',
  'resource-limits': 'Resource requests and limits',
  'pinned-dependencies': 'Pinned versions',
  'no-unnecessary-packages': 'No unnecessary packages',
  'read-only-filesystem': 'Read-only filesystems',
  'network-policies': 'Network policies and exposure',
  'health-checks': 'Health checks and probes',
};

/** What files alone cannot show: what the repository has for it, or how to add it. */
export function practiceAdvice(signals: RepoSignals | undefined): Partial<Record<Practice, string>> {
  const found = (list: string[] | undefined) => (list && list.length > 0 ? `Found: ${list.join('; ')}.` : undefined);
  return {
    'vulnerable-images':
      'Harden sees end-of-life bases; known CVEs need an image scanner in CI on the built images. ' +
      (found(signals?.imageScanning) ??
        'No scanner found in the CI files: add a step such as aquasecurity/trivy-action or anchore/scan-action.'),
    'pinned-dependencies':
      'Pins age unless something updates them. ' +
      (found(signals?.dependencyUpdates) ??
        'No Dependabot or Renovate configuration found: add .github/dependabot.yml with package-ecosystem: docker (and one entry per folder of Dockerfiles and manifests), or a renovate.json.'),
    'health-checks': 'Probes and HEALTHCHECKs are the start; runtime monitoring and alerting live outside the files.',
  };
}

export type SeverityCounts = Record<Severity, number>;

export interface PracticeRow {
  id: Practice;
  title: string;
  /** The rules that serve this practice (any enabled or not). */
  rules: string[];
  /** Dockerfiles and manifests its rules look at. */
  files: number;
  /** Of those, files with an error or warning of its rules. */
  failing: number;
  counts: SeverityCounts;
  /** Percentage of its files that pass; undefined when no file applies. */
  score?: number;
  /** Workloads (objects with a pod spec) and those with an error or warning of its rules, for Kubernetes practices. */
  workloads?: { total: number; failing: number };
  advice?: string;
}

export interface RuleRow {
  id: string;
  practice: Practice;
  target: Target;
  /** Files with at least one finding of this rule. */
  files: number;
  counts: SeverityCounts;
}

export interface ReportFinding {
  line: number;
  column: number;
  severity: Severity;
  ruleId: string;
  message: string;
}

export interface FileRow {
  path: string;
  kind: Target;
  counts: SeverityCounts;
  findings: ReportFinding[];
}

/** A Kubernetes object with a pod spec, as found in a manifest (lines 1-based, inclusive). */
export interface WorkloadSpan {
  kind: string;
  name?: string;
  startLine: number;
  endLine: number;
}

export interface WorkloadRow extends WorkloadSpan {
  path: string;
  counts: SeverityCounts;
  /** Practices with an error or warning inside this workload. */
  failing: Practice[];
}

export interface HardeningReport {
  version: string;
  files: FileRow[];
  workloads: WorkloadRow[];
  practices: PracticeRow[];
  rules: RuleRow[];
  counts: SeverityCounts;
  /** Mean of the practice scores that apply; undefined without Dockerfiles or manifests. */
  score?: number;
}

/** How the score is computed, shown with it. */
export const SCORE_EXPLANATION =
  'Each practice scores the percentage of the files its rules apply to (Dockerfiles, Kubernetes manifests or both) ' +
  'that have no error or warning from those rules; info and hint findings are listed but never lower a score. ' +
  'The overall score is the average of the practices that apply to at least one file, each counting the same. ' +
  'Rules switched off in the configuration report nothing, so they cannot lower a score.';

const zero = (): SeverityCounts => ({ error: 0, warning: 0, info: 0, hint: 0 });

export function buildReport(
  reports: readonly FileReport[],
  version: string,
  signals?: RepoSignals,
  spans: ReadonlyMap<string, readonly WorkloadSpan[]> = new Map(),
): HardeningReport {
  const advice = practiceAdvice(signals);
  const practiceOf = new Map(rules.map((r) => [r.meta.id, r.meta.practice]));
  const files: FileRow[] = reports
    .filter((r): r is FileReport & { kind: Target } => r.kind !== 'other')
    .map((r) => {
      const counts = zero();
      for (const f of r.findings) counts[f.severity]++;
      return {
        path: r.path,
        kind: r.kind,
        counts,
        findings: r.findings.map((f) => ({
          line: f.range.start.line + 1,
          column: f.range.start.character + 1,
          severity: f.severity,
          ruleId: f.ruleId,
          message: f.message,
        })),
      };
    });

  const workloads: WorkloadRow[] = [];
  for (const file of files) {
    for (const span of spans.get(file.path) ?? []) {
      const row: WorkloadRow = { ...span, path: file.path, counts: zero(), failing: [] };
      for (const f of file.findings) {
        if (f.line < span.startLine || f.line > span.endLine) continue;
        row.counts[f.severity]++;
        const practice = practiceOf.get(f.ruleId);
        if (practice && FAILING.includes(f.severity) && !row.failing.includes(practice)) row.failing.push(practice);
      }
      row.failing.sort((a, b) => PRACTICES.indexOf(a) - PRACTICES.indexOf(b));
      workloads.push(row);
    }
  }

  const ruleRows = new Map<string, RuleRow>();
  for (const r of rules)
    ruleRows.set(r.meta.id, {
      id: r.meta.id,
      practice: r.meta.practice,
      target: r.meta.target,
      files: 0,
      counts: zero(),
    });
  for (const file of files) {
    const seen = new Set<string>();
    for (const f of file.findings) {
      const row = ruleRows.get(f.ruleId);
      if (!row) continue; // engine notices (file too large), unused-ignore
      row.counts[f.severity]++;
      if (!seen.has(f.ruleId)) row.files++;
      seen.add(f.ruleId);
    }
  }

  const practices = PRACTICES.map((id): PracticeRow => {
    const own = rules.filter((r) => r.meta.practice === id);
    const targets = new Set(own.map((r) => r.meta.target));
    const ids = new Set(own.map((r) => r.meta.id));
    const applicable = files.filter((f) => targets.has(f.kind));
    const counts = zero();
    let failing = 0;
    for (const file of applicable) {
      let fails = false;
      for (const f of file.findings) {
        if (!ids.has(f.ruleId)) continue;
        counts[f.severity]++;
        if (FAILING.includes(f.severity)) fails = true;
      }
      if (fails) failing++;
    }
    const score =
      applicable.length > 0 ? Math.round((100 * (applicable.length - failing)) / applicable.length) : undefined;
    return {
      id,
      title: PRACTICE_TITLES[id],
      rules: [...ids].sort(),
      files: applicable.length,
      failing,
      counts,
      score,
      workloads:
        targets.has('kubernetes') && workloads.length > 0
          ? { total: workloads.length, failing: workloads.filter((w) => w.failing.includes(id)).length }
          : undefined,
      advice: advice[id],
    };
  });

  const counts = zero();
  for (const f of files) for (const s of REPORT_SEVERITIES) counts[s] += f.counts[s];
  const scored = practices.filter((p) => p.score !== undefined);
  const score =
    scored.length > 0 ? Math.round(scored.reduce((sum, p) => sum + p.score!, 0) / scored.length) : undefined;
  const ruleList = [...ruleRows.values()]
    .filter((r) => REPORT_SEVERITIES.some((s) => r.counts[s] > 0))
    .sort(
      (a, b) =>
        b.counts.error - a.counts.error ||
        b.counts.warning - a.counts.warning ||
        b.files - a.files ||
        a.id.localeCompare(b.id),
    );
  return { version, files, workloads, practices, rules: ruleList, counts, score };
}
