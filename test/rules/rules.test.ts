import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { rules } from '../../server/src/engine/rules';
import type { RuleCases } from '../support/cases';
import { runRuleCases } from '../support/ruleTester';

// One generic runner over the registry: a rule without a case table fails the meta-test, not silently here.
for (const rule of rules) {
  const file = join(__dirname, rule.meta.target, `${rule.meta.id}.cases.ts`);
  if (!existsSync(file)) continue;

  runRuleCases((require(file) as { default: RuleCases }).default);
}
