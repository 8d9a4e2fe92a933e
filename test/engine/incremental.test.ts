import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultSettings } from '../../server/src/engine/base/config';
import { KubernetesCache } from '../../server/src/engine/runner/kubernetesRunner';
import { lint } from '../../server/src/engine/runner/runner';
import { Workspace } from '../../server/src/engine/facts/workspace';
import { corpusFiles, MISSING_SHARED } from '../support/shared';

/** A deterministic PRNG so failures reproduce. */
function rng(seed: number) {
  return () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
}

function generated(docs: number): string {
  let s = '';
  for (let i = 0; i < docs; i++) {
    s += `---\n# workload ${i}\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-${i}\nspec:\n  template:\n    spec:\n      containers:\n        - name: c${i}\n          image: nginx:1.27\n          securityContext:\n            privileged: ${i % 3 === 0}\n`;
  }
  return s;
}

function editSequence(text: string, seed: number, steps: number, check: (t: string) => void): void {
  const r = rng(seed);
  let t = text;
  for (let i = 0; i < steps; i++) {
    const at = Math.floor(r() * t.length);
    const op = r();
    if (op < 0.4) t = t.slice(0, at) + 'x' + t.slice(at);
    else if (op < 0.7) t = t.slice(0, at) + t.slice(at + 1 + Math.floor(r() * 20));
    else if (op < 0.8) t = t.slice(0, at) + '\n---\n' + t.slice(at);
    else if (op < 0.9) t = t.slice(0, at) + 'privileged: true\n' + t.slice(at);
    else t = t.replace('false', 'true');
    check(t);
  }
}

function assertSameAsFull(uri: string, text: string, seed: number, steps: number): void {
  const settings = defaultSettings();
  const cache = new KubernetesCache();
  const ws = new Workspace();
  editSequence(text, seed, steps, (t) => {
    const incremental = lint({ uri, text: t }, settings, { cache, workspace: ws });
    const full = lint({ uri, text: t }, settings, { workspace: new Workspace() });
    assert.deepEqual(incremental.findings, full.findings);
  });
}

test('incremental (per-document cache) equals a full lint over random edits of a generated manifest', () => {
  assertSameAsFull('gen.yaml', generated(40), 7, 150);
});

test('incremental equals full over random edits of the corpus manifests', (t) => {
  const files = corpusFiles('kubernetes').filter((f) => /\.ya?ml$/.test(f.path) && f.text.length < 200_000);
  if (files.length === 0) return t.skip(MISSING_SHARED);
  files.forEach((f, i) => assertSameAsFull(f.path, f.text, i + 1, 15));
});
