/** The engine's public API: pure functions of text and settings, shared by the language server and the CLI. */
export { lint, effectiveSeverity, ENGINE_RULE_ID, type LintOptions, type EngineLintResult } from './runner';
export { KubernetesCache, type FixScope } from './kubernetesRunner';
export { fixAll, applyFindings, parsesAsWell, MAX_FIX_PASSES, type FixResult } from './fixer';
export { rules, rulesById, rulesForPeer } from './rules';
export { detectKind, baseName } from './detect';
export { defaultSettings, resolveSettings, parseConfigText, validateConfig, fromHadolintConfig, PSS_VERSIONS, LATEST_PSS_VERSION, type ConfigLayer } from './config';
export { Workspace, summarize, type ObjectSummary } from './workspace';
export { parseKubernetes } from './parse/kubernetes';
export { TextIndex, applyEdits, stripBom } from './text';
export { IGNORE_PRAGMA } from './suppress';
export { docsUrl, HOME_URL } from './docs';
export type { Rule, RuleMeta } from './rule';
export * from './types';
