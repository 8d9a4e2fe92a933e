// The GitHub Action: action.yml's composite steps run here with bash the way the runner runs them (inputs and step
// outputs substituted, GITHUB_* variables and fresh $GITHUB_OUTPUT files per step, $GITHUB_STEP_SUMMARY), against the
// built CLI, offline: `uses:` steps (the SARIF upload) are recorded, not run. `npm run build` first.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import { parse } from 'yaml';
import { only, PRIVILEGED, PRIVILEGED_ERROR, ROOT_DOCKERFILE, ROOT_WARNING, tree } from '../cli/helpers';

const ROOT = resolve(__dirname, '..', '..');

interface Step {
  name: string;
  id?: string;
  if?: string;
  shell?: string;
  run?: string;
  uses?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
  'working-directory'?: string;
}
interface Action {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as Action;

interface JobResult {
  /** The exit code of the first failing step (0: the job passed). */
  code: number;
  outputs: Record<string, string>;
  summary: string;
  stdout: string;
  /** `uses:` steps whose `if` held, with their resolved `with`. */
  used: { uses: string; with: Record<string, string> }[];
}

function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) out[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return out;
}

/** Runs the composite action in `workspace` with these inputs (the others at their defaults). */
function runAction(workspace: string, given: Record<string, string> = {}): JobResult {
  const inputs: Record<string, string> = {};
  for (const [k, v] of Object.entries(action.inputs)) inputs[k] = given[k] ?? v.default ?? '';
  for (const k of Object.keys(given)) assert.ok(k in action.inputs, `action.yml has no input ${k}`);
  const steps: Record<string, Record<string, string>> = {};
  const temp = tree({});
  const summaryFile = join(temp, 'summary.md');
  writeFileSync(summaryFile, '');
  // Only the expressions action.yml uses: inputs, github.action_path and step outputs.
  const expr = (s: string) =>
    s.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, e: string) => {
      if (e === 'github.action_path') return ROOT;
      let m = /^inputs\.([\w-]+)$/.exec(e);
      if (m) return inputs[m[1]];
      m = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(e);
      if (m) return steps[m[1]]?.[m[2]] ?? '';
      throw new Error(`unsupported expression ${e}`);
    });
  const condition = (c: string | undefined) => {
    if (c === undefined) return true;
    const parts = c.split('&&').map((p) => p.trim());
    return parts.every((p) => {
      const m = /^(.+?)\s*(==|!=)\s*'([^']*)'$/.exec(p);
      assert.ok(m, `unsupported condition ${p}`);
      const left = expr(`\${{ ${m[1]} }}`);
      return m[2] === '==' ? left === m[3] : left !== m[3];
    });
  };
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_ACTION_PATH: ROOT,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: 'acme/app',
    GITHUB_SHA: '0123456789abcdef',
    RUNNER_TEMP: temp,
  };
  const result: JobResult = { code: 0, outputs: {}, summary: '', stdout: '', used: [] };
  action.runs.steps.forEach((step, i) => {
    if (result.code !== 0 || !condition(step.if)) return;
    if (step.uses) {
      const w = Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, expr(v)]));
      result.used.push({ uses: step.uses, with: w });
      return;
    }
    assert.equal(step.shell, 'bash', step.name);
    const outputFile = join(temp, `output-${i}`);
    writeFileSync(outputFile, '');
    const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expr(v)]));
    const res = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', expr(step.run!)], {
      cwd: step['working-directory'] ? expr(step['working-directory']) : workspace,
      env: { ...env, ...stepEnv, GITHUB_OUTPUT: outputFile },
      encoding: 'utf8',
    });
    result.stdout += res.stdout;
    if (step.id) steps[step.id] = parseOutputFile(readFileSync(outputFile, 'utf8'));
    if (res.status !== 0) result.code = res.status ?? 1;
  });
  for (const [k, v] of Object.entries(action.outputs)) result.outputs[k] = expr(v.value);
  result.summary = readFileSync(summaryFile, 'utf8');
  return result;
}

const RULES = only({ ...PRIVILEGED_ERROR, ...ROOT_WARNING });

test('action.yml: a composite action; every input reaches the step, every output is one the step writes', () => {
  assert.equal(action.runs.using, 'composite');
  const run = action.runs.steps.find((s) => s.id === 'harden')!;
  assert.equal(run.run, 'node "$GITHUB_ACTION_PATH/action/run.mjs"');
  // Inputs go through env, never into the script text (no injection through an input).
  for (const step of action.runs.steps) assert.doesNotMatch(step.run ?? '', /\$\{\{/, step.name);
  const passed = Object.values(run.env ?? {}).map((v) => /inputs\.([\w-]+)/.exec(v)?.[1]);
  for (const k of Object.keys(action.inputs))
    if (k !== 'upload-sarif') assert.ok(passed.includes(k), `input ${k} is not passed to the step`);
  const source = readFileSync(join(ROOT, 'action', 'run.mjs'), 'utf8');
  for (const [k, v] of Object.entries(action.outputs)) {
    assert.equal(v.value, `\${{ steps.harden.outputs.${k} }}`);
    assert.ok(source.includes(`${k}:`) || source.includes(`'${k}':`), `run.mjs does not write ${k}`);
  }
});

test('an error fails the job; outputs, SARIF, step summary and annotations', () => {
  const ws = tree({ '.harden.yaml': RULES, 'k8s/pod.yaml': PRIVILEGED, Dockerfile: ROOT_DOCKERFILE });
  const job = runAction(ws);
  assert.equal(job.code, 1, job.stdout);
  assert.deepEqual(
    { ...job.outputs, 'sarif-file': undefined },
    { errors: '1', warnings: '1', info: '0', hints: '0', total: '2', 'exit-code': '1', 'sarif-file': undefined },
  );
  assert.equal(job.outputs['sarif-file'], join(ws, 'harden.sarif'));
  const log = JSON.parse(readFileSync(join(ws, 'harden.sarif'), 'utf8')) as Sarif.Log;
  assert.equal(log.version, '2.1.0');
  assert.deepEqual(log.runs[0].results!.map((r) => r.ruleId).sort(), ['k8s-privileged-container', 'no-root-user']);
  assert.match(job.summary, /^## Harden\n/);
  assert.match(job.summary, /❌ \*\*Failed\*\*: fails on `error` and above\./);
  assert.match(job.summary, /\| error \| 1 \|\n\| warning \| 1 \|/);
  assert.match(
    job.summary,
    /\| error \| \[k8s\/pod\.yaml:10\]\(https:\/\/github\.com\/acme\/app\/blob\/0123456789abcdef\/k8s\/pod\.yaml#L10\) \| \[k8s-privileged-container\]\(https:\/\/[^)]+k8s-privileged-container\.md\) \|/,
  );
  assert.match(
    job.stdout,
    /^::error file=k8s\/pod\.yaml,line=10,col=\d+,endLine=10,title=harden k8s-privileged-container::/m,
  );
  assert.match(job.stdout, /^::warning file=Dockerfile,line=1,.*::The final stage sets no USER/m);
  assert.deepEqual(job.used, [], 'no upload unless upload-sarif is true');
});

test('fail-on never reports only; fail-on warning fails on warnings; max-warnings counts them', () => {
  const ws = tree({ '.harden.yaml': RULES, Dockerfile: ROOT_DOCKERFILE });
  const never = runAction(ws, { 'fail-on': 'never' });
  assert.equal(never.code, 0);
  assert.equal(never.outputs.warnings, '1');
  assert.match(never.summary, /✅ \*\*Passed\*\*: 1 finding; reporting only/);
  assert.equal(runAction(ws).code, 0, 'warnings pass the default threshold');
  assert.equal(runAction(ws, { 'fail-on': 'warning' }).code, 1);
  assert.equal(runAction(ws, { 'fail-on': 'never', 'max-warnings': '1' }).code, 0);
  const over = runAction(ws, { 'fail-on': 'never', 'max-warnings': '0' });
  assert.equal(over.code, 1);
  assert.match(over.summary, /at most 0 warnings/);
});

test('paths, sarif-file, config and args inputs', () => {
  const ws = tree({
    'strict.yaml': RULES,
    'a/Dockerfile': ROOT_DOCKERFILE,
    'b/pod.yaml': PRIVILEGED,
    'c/Dockerfile': ROOT_DOCKERFILE,
  });
  const job = runAction(ws, {
    paths: 'a\nb/pod.yaml',
    config: 'strict.yaml',
    'sarif-file': 'out/results.sarif',
    args: '--rule k8s-privileged-container=warning',
    'upload-sarif': 'true',
    annotations: 'false',
  });
  assert.equal(job.code, 0, job.stdout);
  assert.equal(job.outputs.warnings, '2');
  assert.ok(existsSync(join(ws, 'out', 'results.sarif')));
  assert.doesNotMatch(job.stdout, /^::/m);
  assert.deepEqual(job.used, [
    {
      uses: 'github/codeql-action/upload-sarif@v3',
      with: { sarif_file: join(ws, 'out', 'results.sarif'), category: 'harden' },
    },
  ]);
});

test('report: true appends the hardening report (practices and score) to the job summary', () => {
  const ws = tree({ '.harden.yaml': RULES, 'k8s/pod.yaml': PRIVILEGED, Dockerfile: ROOT_DOCKERFILE });
  assert.doesNotMatch(runAction(ws).summary, /Hardening report/);
  const job = runAction(ws, { report: 'true' });
  assert.equal(job.code, 1);
  assert.match(
    job.summary,
    /^## Harden\n[\s\S]*\n## Hardening report\n[\s\S]*\*\*Score: \d+%\*\*[\s\S]*\n### Practices\n/,
  );
  assert.match(job.summary, /\| Least privilege: users, security contexts, RBAC \| 0% \| 0 \/ 2 \|/);
});

test('a configuration error: exit code 2, no SARIF, the summary says Harden could not run', () => {
  const ws = tree({ '.harden.yaml': 'rules: [', Dockerfile: ROOT_DOCKERFILE });
  const job = runAction(ws, { 'upload-sarif': 'true' });
  assert.equal(job.code, 2);
  assert.equal(job.outputs['exit-code'], '2');
  assert.equal(job.outputs['sarif-file'], '');
  assert.equal(existsSync(join(ws, 'harden.sarif')), false);
  assert.match(job.summary, /\*\*Harden could not run\*\*/);
  assert.deepEqual(job.used, [], 'nothing to upload');
});

test('the summary lists at most 50 findings and escapes Markdown in messages', async () => {
  type Mod = { summaryMarkdown: (a: object) => string; countBySeverity: (f: object[]) => Record<string, number> };
  const mod = (await import(pathToFileURL(join(ROOT, 'action', 'run.mjs')).href)) as Mod;
  const findings = Array.from({ length: 60 }, (_, i) => ({
    severity: 'warning',
    ruleId: 'r',
    message: `a | b <c> ${i}`,
    path: 'Dockerfile',
    line: i + 1,
  }));
  const md = mod.summaryMarkdown({
    counts: mod.countBySeverity(findings),
    findings,
    inputs: { failOn: 'error', sarifFile: 'harden.sarif' },
    exitCode: 0,
    stderr: '',
    env: {},
  });
  assert.equal(md.split('\n').filter((l) => l.startsWith('| warning | Dockerfile:')).length, 50);
  assert.match(md, /…and 10 more in `harden\.sarif`\./);
  assert.match(md, /\| a \\\| b &lt;c&gt; 0 \|/);
});
