// `npm run generate`: rule docs, the README rule table and the settings schemas, from rule metadata and cases.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { generatedFiles, orphanPages, ROOT } from './generate/index';

for (const [path, content] of generatedFiles()) {
  mkdirSync(dirname(join(ROOT, path)), { recursive: true });
  writeFileSync(join(ROOT, path), content);
}
for (const path of orphanPages()) rmSync(join(ROOT, path));
console.log('generated docs/rules, README rule table, settings schemas');
