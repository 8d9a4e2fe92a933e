import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { EOL_JSON, EOL_TS, renderEol } from '../../scripts/generate-eol';

test('server/src/engine/data/eol.ts is generated from the current ../shared/data/eol.json', (t) => {
  if (!existsSync(EOL_JSON)) {
    t.skip('../shared/data/eol.json not found');
    return;
  }
  const expected = renderEol(JSON.parse(readFileSync(EOL_JSON, 'utf8')));
  assert.ok(readFileSync(EOL_TS, 'utf8') === expected, 'eol.ts is out of date: run `npx tsx scripts/generate-eol.ts`');
});
