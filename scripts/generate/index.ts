import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { rules } from '../../server/src/engine/rules';
import type { RuleCases } from '../../test/support/cases';
import { readmeTable, renderRulePage, rulesSettingSchema } from './ruleDocs';

export const ROOT = join(__dirname, '..', '..');
const README_START = '<!-- rules:start -->';
const README_END = '<!-- rules:end -->';

export function loadCases(target: string, id: string): RuleCases | undefined {
  const file = join(ROOT, 'test', 'rules', target, `${id}.cases.ts`);

  return existsSync(file) ? (require(file) as { default: RuleCases }).default : undefined;
}

/** Every generated file and the content it should have. */
export function generatedFiles(): Map<string, string> {
  const out = new Map<string, string>();
  for (const rule of rules) {
    const table = loadCases(rule.meta.target, rule.meta.id);
    if (table) out.set(join('docs', 'rules', `${rule.meta.id}.md`), renderRulePage(rule, table));
  }
  const readmePath = join(ROOT, 'README.md');
  if (existsSync(readmePath)) {
    const readme = readFileSync(readmePath, 'utf8');
    const s = readme.indexOf(README_START);
    const e = readme.indexOf(README_END);
    if (s >= 0 && e > s)
      out.set('README.md', `${readme.slice(0, s + README_START.length)}\n${readmeTable(rules)}\n${readme.slice(e)}`);
  }
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  pkg.contributes ??= {};
  pkg.contributes.configuration ??= { title: 'Harden', properties: {} };
  pkg.contributes.configuration.properties ??= {};
  pkg.contributes.configuration.properties['harden.rules'] = rulesSettingSchema(rules);
  out.set('package.json', `${JSON.stringify(pkg, null, 2)}\n`);
  const schemaPath = join(ROOT, 'schemas', 'harden-config.schema.json');
  if (existsSync(schemaPath)) {
    const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
    schema.properties ??= {};
    const {
      scope: _scope,
      markdownDescription: _md,
      ...ruleSchema
    } = rulesSettingSchema(rules) as Record<string, unknown>;
    schema.properties.rules = { ...ruleSchema, description: 'Severity per rule id.' };
    // Completion for the rule ids that inline pragmas cannot suppress.
    if (schema.properties.noInlineIgnore)
      schema.properties.noInlineIgnore.items = { enum: ['*', ...rules.map((r) => r.meta.id)] };
    out.set(join('schemas', 'harden-config.schema.json'), `${JSON.stringify(schema, null, 2)}\n`);
  }
  return out;
}

/** Generated pages whose rule no longer exists. */
export function orphanPages(): string[] {
  const dir = join(ROOT, 'docs', 'rules');
  if (!existsSync(dir)) return [];
  const ids = new Set(rules.map((r) => `${r.meta.id}.md`));
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md') && !ids.has(f))
    .map((f) => join('docs', 'rules', f));
}

/** Paths whose content differs from what the generator would write. */
export function staleFiles(): string[] {
  const stale: string[] = [];
  for (const [path, content] of generatedFiles()) {
    const full = join(ROOT, path);
    if (!existsSync(full) || readFileSync(full, 'utf8') !== content) stale.push(path);
  }
  return [...stale, ...orphanPages()];
}
