import assert from 'node:assert/strict';
import { test } from 'node:test';
import { staleFiles } from '../../scripts/generate/index';

test('generated docs, README rule table and settings schema are up to date (run `npm run generate`)', () => {
  assert.deepEqual(staleFiles(), []);
});
