import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultSettings, lint } from '../../server/src/engine';

const lines = (text: string, id: string) =>
  lint({ uri: 'file:///w/Dockerfile', text }, defaultSettings())
    .findings.filter((f) => f.ruleId === id)
    .map((f) => f.range.start.line);

test('# check=skip as a parser directive at the top covers the whole file', () => {
  const text =
    '# syntax=docker/dockerfile:1\n# check=skip=all\nFROM node:22\nENV API_TOKEN=abc123\nARG DB_PASSWORD=x\n';
  assert.deepEqual(lines(text, 'secret-in-arg-or-env'), []);
});

test('a later # check=skip is a comment: it covers the next instruction only, not the file', () => {
  const text = 'FROM node:22\n# check=skip=all\nENV API_TOKEN=abc123\nARG DB_PASSWORD=x\n';
  assert.deepEqual(lines(text, 'secret-in-arg-or-env'), [3]);
});

test('after a blank line or another comment, # check= is no longer a parser directive', () => {
  for (const head of ['# syntax=docker/dockerfile:1\n\n', '# build the app\n']) {
    const text = `${head}# check=skip=SecretsUsedInArgOrEnv\nENV API_TOKEN=abc123\nARG DB_PASSWORD=x\n`;
    assert.equal(lines(text, 'secret-in-arg-or-env').length, 1, JSON.stringify(head));
  }
});
