import { readFileSync } from 'node:fs';
import { validate } from 'dockerfile-utils';
import { parseAllDocuments } from 'yaml';
import { defaultSettings, KubernetesCache, lint, Workspace } from '../../server/src/engine';
import { corpusFiles, sharedPath } from '../../test/support/shared';
import { median, row, type Row } from './measure';

/** A realistic multi-document manifest of about `lines` lines: Deployments, Services, ConfigMaps with comments. */
export function generatedManifest(lines: number): string {
  const docs: string[] = [];
  let n = 0;
  for (let i = 0; n < lines; i++) {
    const d = `# service ${i}\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: svc-${i}\n  labels: {app: svc-${i}}\nspec:\n  replicas: 2\n  selector:\n    matchLabels: {app: svc-${i}}\n  template:\n    metadata:\n      labels: {app: svc-${i}}\n    spec:\n      containers:\n        - name: app\n          image: registry.example.com/svc-${i}:1.${i}.0\n          ports:\n            - containerPort: 8080\n          env:\n            - name: MODE\n              value: production\n          resources:\n            requests: {cpu: 100m, memory: 128Mi}\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: svc-${i}\nspec:\n  selector: {app: svc-${i}}\n  ports:\n    - port: 80\n      targetPort: 8080\n---\n`;
    docs.push(d);
    n += d.split('\n').length - 1;
  }
  return docs.join('');
}

export function manifestRows(): Row[] {
  const rows: Row[] = [];
  const settings = defaultSettings();
  const inputs: [string, string][] = [['generated 10k-line manifest', generatedManifest(10_000)]];
  const argo = sharedPath('corpus', 'kubernetes', 'argoproj__argo-cd', 'manifests', 'install.yaml');
  if (argo) inputs.unshift(['argo-cd install.yaml', readFileSync(argo, 'utf8')]);
  for (const [name, text] of inputs) {
    const base = median(() => parseAllDocuments(text), { warmup: 2, runs: 7 });
    const ours = median(() => lint({ uri: 'file:///m.yaml', text }, settings, { workspace: new Workspace() }), { warmup: 2, runs: 7 });
    rows.push(row(`1. full lint / yaml parse: ${name}`, ours / base, '×', 1.3, `${ours.toFixed(1)} ms vs ${base.toFixed(1)} ms, ${text.split('\n').length} lines`));
  }
  return rows;
}

export function dockerfileRows(): Row[] {
  const files = corpusFiles('dockerfiles').map((f) => f.text);
  if (files.length === 0) return [];
  const settings = defaultSettings();
  const base = median(() => files.forEach((t) => validate(t)), { warmup: 3, runs: 15 });
  const ours = median(() => files.forEach((t) => lint({ uri: 'Dockerfile', text: t }, settings)), { warmup: 3, runs: 15 });
  return [row(`3. Dockerfile lint / dockerfile-utils validate (${files.length} files)`, ours / base, '×', 2, `${ours.toFixed(1)} ms vs ${base.toFixed(1)} ms`)];
}

/** Engine-level incremental edit (the language server adds its own path on top; see lsp.ts). */
export function engineEditRow(): Row {
  const text = generatedManifest(10_000);
  const settings = defaultSettings();
  const cache = new KubernetesCache();
  const ws = new Workspace();
  lint({ uri: 'file:///m.yaml', text }, settings, { cache, workspace: ws });
  const at = text.indexOf('value: production', text.length / 2);
  let i = 0;
  const edit = median(() => {
    const t = `${text.slice(0, at + 7)}${String.fromCharCode(97 + (i++ % 26))}${text.slice(at + 7)}`;
    lint({ uri: 'file:///m.yaml', text: t }, settings, { cache, workspace: ws });
  }, { warmup: 3, runs: 21 });
  const full = median(() => parseAllDocuments(text), { warmup: 2, runs: 7 });
  return row('2a. one-char edit, engine cache / full parse (10k lines)', edit / full, '×', 0.05, `${edit.toFixed(2)} ms vs ${full.toFixed(1)} ms`);
}
