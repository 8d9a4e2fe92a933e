import { parse as parseYaml } from 'yaml';
import { MAX_YAML_NESTING, yamlNesting } from './nesting';
import { SEVERITIES, type PssLevel, type Settings, type SeveritySetting } from './types';

/** The shape of `.harden.yaml` and of the `harden.*` settings: every field optional. */
export interface ConfigLayer {
  rules?: Record<string, SeveritySetting>;
  pss?: { level?: PssLevel; version?: string };
  trustedRegistries?: string[];
  maxFileSize?: number;
  nonRootBaseImages?: string[];
  include?: string[];
  exclude?: string[];
  /** Rule ids (or `*`) that inline pragmas and annotations cannot suppress. */
  noInlineIgnore?: string[];
}

export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;
export const PSS_VERSIONS = Array.from({ length: 37 - 23 + 1 }, (_, i) => `v1.${23 + i}`);
export const LATEST_PSS_VERSION = PSS_VERSIONS[PSS_VERSIONS.length - 1];

export function defaultSettings(): Settings {
  return {
    rules: {},
    pss: { level: 'restricted', version: 'latest' },
    trustedRegistries: [],
    maxFileSize: DEFAULT_MAX_FILE_SIZE,
  };
}

/** Merges layers, highest precedence first (user settings, then `.harden.yaml`, then defaults). */
export function resolveSettings(...layers: (ConfigLayer | undefined)[]): Settings {
  const out = defaultSettings();
  for (const layer of [...layers].reverse()) {
    if (!layer) continue;
    if (layer.rules) out.rules = { ...out.rules, ...layer.rules };
    if (layer.pss?.level) out.pss = { ...out.pss, level: layer.pss.level };
    if (layer.pss?.version) out.pss = { ...out.pss, version: layer.pss.version };
    if (layer.trustedRegistries) out.trustedRegistries = [...layer.trustedRegistries];
    if (typeof layer.maxFileSize === 'number') out.maxFileSize = layer.maxFileSize;
    if (layer.nonRootBaseImages) out.nonRootBaseImages = [...layer.nonRootBaseImages];
    // A lock adds up across layers: a higher layer cannot lift what a lower one locked.
    if (layer.noInlineIgnore?.length)
      out.noInlineIgnore = [...new Set([...(out.noInlineIgnore ?? []), ...layer.noInlineIgnore])];
  }
  return out;
}

export interface ConfigProblem {
  message: string;
}

/** Validates a config object; `knownRules` are the registry ids. Returns the problems, one sentence each. */
export function validateConfig(
  value: unknown,
  knownRules: ReadonlySet<string>,
): { config: ConfigLayer; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const config: ConfigLayer = {};
  if (value === null || value === undefined) return { config, problems };
  if (typeof value !== 'object' || Array.isArray(value))
    return { config, problems: [{ message: 'the configuration must be a mapping' }] };
  const v = value as Record<string, unknown>;
  for (const key of Object.keys(v)) {
    if (
      ![
        'rules',
        'pss',
        'trustedRegistries',
        'maxFileSize',
        'nonRootBaseImages',
        'include',
        'exclude',
        'noInlineIgnore',
      ].includes(key)
    )
      problems.push({ message: `unknown key "${key}"` });
  }
  if (v.rules !== undefined) {
    if (typeof v.rules !== 'object' || v.rules === null || Array.isArray(v.rules))
      problems.push({ message: '"rules" must map rule ids to severities' });
    else {
      config.rules = {};
      for (const [id, sev] of Object.entries(v.rules)) {
        if (!knownRules.has(id)) problems.push({ message: `unknown rule "${id}"` });
        else if (!SEVERITIES.includes(sev as SeveritySetting))
          problems.push({ message: `rule "${id}": severity must be one of ${SEVERITIES.join(', ')}` });
        else config.rules[id] = sev as SeveritySetting;
      }
    }
  }
  if (v.pss !== undefined) {
    const pss = v.pss as Record<string, unknown>;
    config.pss = {};
    if (pss.level !== undefined) {
      if (pss.level === 'baseline' || pss.level === 'restricted') config.pss.level = pss.level;
      else problems.push({ message: '"pss.level" must be baseline or restricted' });
    }
    if (pss.version !== undefined) {
      if (typeof pss.version === 'string' && (pss.version === 'latest' || PSS_VERSIONS.includes(pss.version)))
        config.pss.version = pss.version;
      else
        problems.push({ message: `"pss.version" must be latest or one of ${PSS_VERSIONS[0]}..${LATEST_PSS_VERSION}` });
    }
  }
  for (const key of ['trustedRegistries', 'nonRootBaseImages', 'include', 'exclude'] as const) {
    const list = v[key];
    if (list === undefined) continue;
    if (Array.isArray(list) && list.every((x) => typeof x === 'string')) config[key] = list;
    else problems.push({ message: `"${key}" must be a list of strings` });
  }
  if (v.noInlineIgnore !== undefined) {
    const list = v.noInlineIgnore;
    if (!Array.isArray(list) || !list.every((x) => typeof x === 'string'))
      problems.push({ message: '"noInlineIgnore" must be a list of rule ids' });
    else {
      const unknown = list.filter((id) => id !== '*' && !knownRules.has(id));
      for (const id of unknown) problems.push({ message: `noInlineIgnore: unknown rule "${id}"` });
      config.noInlineIgnore = list.filter((id) => !unknown.includes(id));
    }
  }
  if (v.maxFileSize !== undefined) {
    if (typeof v.maxFileSize === 'number' && v.maxFileSize > 0) config.maxFileSize = v.maxFileSize;
    else problems.push({ message: '"maxFileSize" must be a positive number of bytes' });
  }
  return { config, problems };
}

/** YAML of a configuration file, refused when nested deeper than the parser can take (see parse/nesting). */
function parseConfigYaml(text: string): unknown {
  if (yamlNesting(text).depth > MAX_YAML_NESTING) throw new Error(`nested more than ${MAX_YAML_NESTING} levels deep`);
  return parseYaml(text, { maxAliasCount: 100 });
}

/** Parses `.harden.yaml` text. */
export function parseConfigText(
  text: string,
  knownRules: ReadonlySet<string>,
): { config: ConfigLayer; problems: ConfigProblem[] } {
  let value: unknown;
  try {
    value = parseConfigYaml(text);
  } catch (e) {
    return { config: {}, problems: [{ message: `not valid YAML: ${(e as Error).message.split('\n')[0]}` }] };
  }
  return validateConfig(value, knownRules);
}

const HADOLINT_SEVERITY: Record<string, SeveritySetting> = {
  error: 'error',
  warning: 'warning',
  info: 'info',
  style: 'hint',
  ignore: 'off',
};

/**
 * A `.hadolint.yaml` next to a Dockerfile: `ignored`, `override` and `trustedRegistries`, mapped to our
 * rules through their hadolint peer ids.
 */
export function fromHadolintConfig(text: string, rulesByPeer: (code: string) => string[]): ConfigLayer {
  let value: Record<string, unknown>;
  try {
    value = (parseConfigYaml(text) ?? {}) as Record<string, unknown>;
  } catch {
    return {};
  }
  const rules: Record<string, SeveritySetting> = {};
  const override = (value.override ?? {}) as Record<string, unknown>;
  for (const [level, codes] of Object.entries(override)) {
    const sev = HADOLINT_SEVERITY[level];
    if (sev && Array.isArray(codes)) for (const c of codes) for (const id of rulesByPeer(String(c))) rules[id] = sev;
  }
  if (Array.isArray(value.ignored))
    for (const c of value.ignored) for (const id of rulesByPeer(String(c))) rules[id] = 'off';
  const layer: ConfigLayer = { rules };
  if (Array.isArray(value.trustedRegistries)) layer.trustedRegistries = value.trustedRegistries.map(String);
  return layer;
}
