import { Uri, workspace } from 'vscode';
import type { ConfigurationRequest } from 'vscode-languageclient';
import { SETTINGS_SECTION, type HardenUserSettings, type SeverityName } from '../../server/src/shared/settings';

/**
 * Answers the server's `workspace/configuration` for section `harden` with explicitly set values only for
 * the keys that layer over `.harden.yaml`: `get()` would return the contributed defaults and so hide the
 * project file (precedence: user settings > .harden.yaml > defaults).
 */
export const configurationMiddleware: ConfigurationRequest.MiddlewareSignature = async (params, token, next) => {
  const result = await next(params, token);
  if (!Array.isArray(result)) return result;
  const answers: unknown[] = result;
  return params.items.map((item, i) => (item.section === SETTINGS_SECTION ? userSettings(item.scopeUri) : answers[i]));
};

export function userSettings(scopeUri?: string): HardenUserSettings {
  const config = workspace.getConfiguration(SETTINGS_SECTION, scopeUri ? Uri.parse(scopeUri) : undefined);
  const explicit = <T>(key: string): T | undefined => {
    const i = config.inspect<T>(key);
    return i?.workspaceFolderValue ?? i?.workspaceValue ?? i?.globalValue;
  };
  const rules = config.inspect<Record<string, SeverityName>>('rules');
  const anyRules = rules?.globalValue ?? rules?.workspaceValue ?? rules?.workspaceFolderValue;
  return {
    enable: config.get<boolean>('enable', true),
    run: config.get<'onType' | 'onSave'>('run', 'onType'),
    rules: anyRules && { ...rules?.globalValue, ...rules?.workspaceValue, ...rules?.workspaceFolderValue },
    pss: { level: explicit('pss.level'), version: explicit('pss.version') },
    trustedRegistries: explicit('trustedRegistries'),
    maxFileSize: explicit('maxFileSize'),
  };
}
