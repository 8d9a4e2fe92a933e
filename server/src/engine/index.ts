/** The engine's public API: pure functions of text and settings, shared by the language server and the CLI. */
export { lint, effectiveSeverity, ENGINE_RULE_ID, type LintOptions, type EngineLintResult } from './runner/runner';
export { KubernetesCache, type FixScope } from './runner/kubernetesRunner';
export {
  fixAll,
  applyFindings,
  parsesAsWell,
  MAX_FIX_PASSES,
  type FixResult,
  type FixAllOptions,
} from './runner/fixer';
export {
  hardenWorkload,
  workloads,
  restrictedSettings,
  fixesInside,
  linesOf,
  type Workload,
} from './runner/workloadFix';
export { rules, rulesById, rulesForPeer } from './rules';
export { detectKind, baseName } from './models/detect';
export {
  defaultSettings,
  resolveSettings,
  parseConfigText,
  validateConfig,
  fromHadolintConfig,
  PSS_VERSIONS,
  LATEST_PSS_VERSION,
  type ConfigLayer,
} from './base/config';
export { pinTarget, mapThroughEdit, type PinTarget } from './facts/pinTarget';
export { Workspace, summarize, type ObjectSummary } from './facts/workspace';
export { parseKubernetes } from './models/kubernetes';
export { TextIndex, applyEdits, stripBom } from './base/text';
export { IGNORE_PRAGMA } from './facts/suppress';
export { disableLineEdit, disableFileEdit } from './edit/pragmas';
export { docsUrl, HOME_URL } from './runner/docs';
export type { Rule, RuleMeta } from './rules/rule';
export * from './base/types';
