import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';

const ENGINE = join(__dirname, '..', '..', 'server', 'src', 'engine');

/**
 * The engine's layers, lowest first, read off its folders (docs/ARCHITECTURE.md draws them). A module may import
 * its own layer and any layer below it, never one above: models (and the Helm renderer, which models charts as
 * rendered text with a source map) know nothing of policy, facts nothing of edits,
 * rules nothing of the runner. index.ts at the root is the engine's public face and sits on top.
 */
const LAYERS = [['base', 'data'], ['models', 'helm'], ['facts'], ['edit'], ['rules'], ['runner'], ['index.ts']];

function layerOf(file: string): number {
  const top = relative(ENGINE, file).split(/[\\/]/)[0];
  const i = LAYERS.findIndex((names) => names.includes(top));
  assert.notEqual(i, -1, `${relative(ENGINE, file)} is in no layer: put it in one of ${LAYERS.flat().join(', ')}`);
  return i;
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') && !p.endsWith('.d.ts') ? [p] : [];
  });
}

function resolveImport(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec);
  return [`${base}.ts`, `${base}.d.ts`, join(base, 'index.ts')].find((c) => existsSync(c));
}

test('no engine import runs back up a layer', () => {
  const up: string[] = [];
  for (const f of files(ENGINE)) {
    if (relative(ENGINE, f) === 'tsconfig.json') continue;
    const own = layerOf(f);
    for (const m of readFileSync(f, 'utf8').matchAll(/(?:from\s+|import\s*\(\s*)'(\.{1,2}\/[^']+)'/g)) {
      const target = resolveImport(f, m[1]);
      if (!target) continue;
      const theirs = layerOf(target);
      if (theirs > own)
        up.push(
          `${relative(ENGINE, f)} (${LAYERS[own].join('/')}) imports ${relative(ENGINE, target)} (${LAYERS[theirs].join('/')})`,
        );
    }
  }
  assert.deepEqual(up, []);
});

test('every engine file sits in a layer folder', () => {
  for (const f of files(ENGINE)) layerOf(f);
});
