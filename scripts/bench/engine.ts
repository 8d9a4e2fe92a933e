import { readFileSync } from 'node:fs';
import { validate } from 'dockerfile-utils';
import { parseAllDocuments } from 'yaml';
import { defaultSettings, KubernetesCache, lint, Workspace } from '../../server/src/engine';
import { parseKubernetes } from '../../server/src/engine/models/kubernetes';
import { clearShellCache } from '../../server/src/engine/models/shell';
import { serviceAccountOf } from '../../server/src/engine/facts/workloads';
import { capabilitiesOf } from '../../server/src/engine/rules/kubernetes/rbac/effective';
import { corpusFiles, sharedPath } from '../../test/support/shared';
import { compare, infoRow, row, type Row } from './measure';

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

export const ARGO_INSTALL = ['corpus', 'kubernetes', 'argoproj__argo-cd', 'manifests', 'install.yaml'];

/** The two manifests of items 1 and 2: argo-cd's install.yaml (when ../shared is there) and a generated one. */
export function manifests(): [string, string][] {
  const inputs: [string, string][] = [['generated 10k-line manifest', generatedManifest(10_000)]];
  const argo = sharedPath(...ARGO_INSTALL);
  if (argo) inputs.unshift(['argo-cd install.yaml', readFileSync(argo, 'utf8')]);
  return inputs;
}

/**
 * Item 1. A cold lint every time: a new Workspace and no KubernetesCache, so no per-document result is reused (the
 * engine's other memos are keyed by the workspace or the parsed model, both new). The budgeted figure is the lint
 * the language server runs for diagnostics (`fixes: false`: fix edits are computed for a code action request);
 * the informational one computes and verifies every fix and suggestion, as the CLI does for its "fixable" count.
 */
export function manifestRows(): Row[] {
  const rows: Row[] = [];
  const settings = defaultSettings();
  for (const [name, text] of manifests()) {
    const lines = text.split('\n').length;
    const parse = () => void parseAllDocuments(text);
    const diag = compare(
      parse,
      () => void lint({ uri: 'file:///m.yaml', text }, settings, { workspace: new Workspace(), fixes: false }),
      text.length > 1e6 ? { warmup: 1, runs: 5 } : { warmup: 2, runs: 9 },
    );
    rows.push(
      row(
        `1. full lint (diagnostics) / yaml parse: ${name}`,
        diag.ratio,
        '×',
        1.3,
        `${ms(diag.ours)} vs ${ms(diag.base)} CPU (wall ${ms(diag.oursWall)} vs ${ms(diag.baseWall)}), ${lines} lines`,
      ),
    );
    // Informational and slow (seconds per lint of the generated manifest): a few runs only.
    const all = compare(
      parse,
      () => void lint({ uri: 'file:///m.yaml', text }, settings, { workspace: new Workspace() }),
      { warmup: 0, runs: 1 },
    );
    rows.push(
      infoRow(
        `1b. full lint with every fix computed (CLI) / yaml parse: ${name}`,
        all.ratio,
        '×',
        `${ms(all.ours)} vs ${ms(all.base)} CPU`,
      ),
    );
  }
  // Issue 15: every workload's service account resolved through the bindings and roles (argo-cd has many of both),
  // against parsing the file: what the rule adds to a lint once the workspace holds the file's summaries.
  const argo = manifests().find(([name]) => name.startsWith('argo-cd'));
  if (argo) {
    const [name, text] = argo;
    const ws = new Workspace();
    lint({ uri: 'file:///m.yaml', text }, settings, { workspace: ws, fixes: false });
    const accounts = parseKubernetes(text)
      .objects.filter((o) => o.podSpec)
      .map((o) => [serviceAccountOf(o).name, o.namespace] as const);
    const resolve = () => accounts.forEach(([account, namespace]) => capabilitiesOf(ws, account, namespace));
    const found = accounts.reduce((n, [account, namespace]) => n + capabilitiesOf(ws, account, namespace).length, 0);
    const effective = compare(() => void parseAllDocuments(text), resolve, { warmup: 2, runs: 9 });
    rows.push(
      row(
        `1c. effective RBAC permissions of every workload / yaml parse: ${name}`,
        effective.ratio,
        '×',
        0.1,
        `${ms(effective.ours)} vs ${ms(effective.base)} CPU, ${accounts.length} workloads, ${found} capabilities found`,
      ),
    );
  }
  return rows;
}

/**
 * Item 3, both cold (the RUN shell-parse cache emptied before every lint: a file opened for the first time) and
 * warm (every script already cached: re-linting after an edit elsewhere in the file).
 */
export function dockerfileRows(): Row[] {
  const files = corpusFiles('dockerfiles').map((f) => f.text);
  if (files.length === 0) return [];
  const settings = defaultSettings();
  const base = () => files.forEach((t) => validate(t));
  const ours = () => files.forEach((t) => lint({ uri: 'Dockerfile', text: t }, settings));
  const cold = compare(base, ours, { warmup: 2, runs: 9, setupOurs: clearShellCache });
  const warm = compare(base, ours, { warmup: 3, runs: 15 });
  const name = `Dockerfile lint / dockerfile-utils validate (${files.length} files)`;
  return [
    row(
      `3. ${name}, cold`,
      cold.ratio,
      '×',
      2,
      `${ms(cold.ours)} vs ${ms(cold.base)} CPU, RUN parse cache emptied before each lint`,
    ),
    row(`3. ${name}, warm`, warm.ratio, '×', 2, `${ms(warm.ours)} vs ${ms(warm.base)} CPU, every RUN script cached`),
  ];
}

/** A text with one character typed inside a `value: production` line in the second half of `text`. */
export function oneCharEdit(text: string, i: number): { text: string; line: number; character: number; char: string } {
  const at = text.indexOf('value: production', text.length / 2) + 7;
  const char = String.fromCharCode(97 + (i % 26));
  const before = text.slice(0, at);
  const line = before.split('\n').length - 1;
  return { text: `${before}${char}${text.slice(at)}`, line, character: at - before.lastIndexOf('\n') - 1, char };
}

/** Item 2a, engine level: the per-document cache re-lints the one document an edit touched (as the server does). */
export function engineEditRow(): Row {
  const text = generatedManifest(10_000);
  const settings = defaultSettings();
  const cache = new KubernetesCache();
  const ws = new Workspace();
  lint({ uri: 'file:///m.yaml', text }, settings, { cache, workspace: ws, fixes: false });
  let i = 0;
  // Alternating edits: every call re-lints one document, never a cache hit on the whole text.
  const c = compare(
    () => void parseAllDocuments(text),
    () =>
      void lint({ uri: 'file:///m.yaml', text: oneCharEdit(text, i++).text }, settings, {
        cache,
        workspace: ws,
        fixes: false,
      }),
    { warmup: 5, runs: 25 },
  );
  return row(
    '2a. one-char edit, engine + per-document cache / full parse (10k lines)',
    c.ratio,
    '×',
    0.05,
    `${ms(c.ours)} vs ${ms(c.base)} CPU`,
  );
}

export function ms(v: number): string {
  return `${v.toFixed(v < 10 ? 2 : 1)} ms`;
}
