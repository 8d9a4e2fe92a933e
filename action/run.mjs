// The GitHub Action's step (action.yml): runs the CLI on the given paths with --format sarif, writes the SARIF file,
// sets the outputs (counts per severity) through $GITHUB_OUTPUT, writes a Markdown summary to
// $GITHUB_STEP_SUMMARY and prints annotations. It always exits 0: the action's last step fails the job with the
// CLI's exit code, after the SARIF upload. Plain Node (no dependencies, no build), so it runs as checked out.
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SEVERITIES = ['error', 'warning', 'info', 'hint'];
const MAX_SUMMARY_ROWS = 50;

/** The action's inputs, as action.yml passes them (HARDEN_* variables); empty strings are unset. */
export function readInputs(env) {
  const list = (s) => (s ?? '').split(/\s+/).filter(Boolean);
  return {
    paths: list(env.HARDEN_PATHS).length > 0 ? list(env.HARDEN_PATHS) : ['.'],
    failOn: env.HARDEN_FAIL_ON || 'error',
    maxWarnings: env.HARDEN_MAX_WARNINGS || undefined,
    sarifFile: env.HARDEN_SARIF_FILE || 'harden.sarif',
    config: env.HARDEN_CONFIG || undefined,
    args: list(env.HARDEN_ARGS),
    annotations: (env.HARDEN_ANNOTATIONS || 'true') !== 'false',
    report: (env.HARDEN_REPORT || 'false') === 'true',
  };
}

/** The command-line arguments of the CLI for these inputs. */
export function cliArgs(inputs) {
  const args = ['--format', 'sarif', '--no-color', '--fail-on', inputs.failOn];
  if (inputs.maxWarnings !== undefined) args.push('--max-warnings', inputs.maxWarnings);
  if (inputs.config) args.push('--config', inputs.config);
  return [...args, ...inputs.args, '--', ...inputs.paths];
}

/** Findings of a SARIF log in Harden's severities (`properties.severity`; SARIF's `note` covers info and hint). */
export function findingsOf(log) {
  const run = log.runs?.[0];
  const rules = run?.tool?.driver?.rules ?? [];
  return (run?.results ?? []).map((r) => {
    const loc = r.locations?.[0]?.physicalLocation;
    const severity =
      r.properties?.severity ?? (r.level === 'error' ? 'error' : r.level === 'warning' ? 'warning' : 'info');
    const uri = loc?.artifactLocation?.uri ?? '';
    return {
      severity,
      ruleId: r.ruleId ?? '',
      helpUri: r.ruleIndex !== undefined ? rules[r.ruleIndex]?.helpUri : undefined,
      message: r.message?.text ?? '',
      path: loc?.artifactLocation?.uriBaseId ? uri.split('/').map(decodeURIComponent).join('/') : uri,
      line: loc?.region?.startLine ?? 1,
      column: loc?.region?.startColumn ?? 1,
      endLine: loc?.region?.endLine,
      endColumn: loc?.region?.endColumn,
    };
  });
}

export function countBySeverity(findings) {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0]));
  for (const f of findings) counts[f.severity] = (counts[f.severity] ?? 0) + 1;
  return counts;
}

/** `name=value` lines for $GITHUB_OUTPUT (every value here is one line). */
export function outputLines(values) {
  return Object.entries(values)
    .map(([k, v]) => `${k}=${String(v).replace(/[\r\n]+/g, ' ')}\n`)
    .join('');
}

const cell = (s) =>
  String(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/\r?\n/g, ' ');
const PLURAL = { error: 'errors', warning: 'warnings', info: 'info', hint: 'hints' };

/** The job summary: counts per severity, the verdict, then the first findings with links to the lines. */
export function summaryMarkdown({ counts, findings, inputs, exitCode, stderr, env }) {
  const out = ['## Harden', ''];
  if (exitCode === 2) {
    out.push(`**Harden could not run** (exit code 2):`, '', '```', stderr.trim(), '```', '');
    return out.join('\n') + '\n';
  }
  const total = findings.length;
  const threshold =
    inputs.failOn === 'never' ? 'reporting only (`fail-on: never`)' : `fails on \`${inputs.failOn}\` and above`;
  const limit = inputs.maxWarnings !== undefined ? `, at most ${inputs.maxWarnings} warnings` : '';
  out.push(
    exitCode === 0
      ? `✅ **Passed**: ${total} finding${total === 1 ? '' : 's'}; ${threshold}${limit}.`
      : `❌ **Failed**: ${threshold}${limit}.`,
    '',
    '| Severity | Findings |',
    '| --- | ---: |',
    ...SEVERITIES.map((s) => `| ${s} | ${counts[s]} |`),
    `| **total** | **${total}** |`,
    '',
  );
  if (total === 0) return out.join('\n') + '\n';
  const base =
    env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_SHA
      ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/blob/${env.GITHUB_SHA}/`
      : undefined;
  const order = (f) => SEVERITIES.indexOf(f.severity);
  const shown = [...findings].sort((a, b) => order(a) - order(b)).slice(0, MAX_SUMMARY_ROWS);
  out.push('| Severity | Location | Rule | Message |', '| --- | --- | --- | --- |');
  for (const f of shown) {
    const where = `${f.path}:${f.line}`;
    const location =
      base && !/^[a-z]+:/.test(f.path) ? `[${cell(where)}](${base}${encodeURI(f.path)}#L${f.line})` : cell(where);
    const rule = f.helpUri ? `[${cell(f.ruleId)}](${f.helpUri})` : cell(f.ruleId);
    out.push(`| ${f.severity} | ${location} | ${rule} | ${cell(f.message)} |`);
  }
  if (total > shown.length) out.push('', `…and ${total - shown.length} more in \`${inputs.sarifFile}\`.`);
  out.push('');
  return out.join('\n') + '\n';
}

const escapeData = (s) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
const COMMAND = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

/** Workflow commands that show each finding on the changed lines of a pull request. */
export function annotations(findings) {
  return findings
    .map((f) => {
      const props = [
        `file=${escapeProperty(f.path)}`,
        `line=${f.line}`,
        `col=${f.column}`,
        f.endLine !== undefined ? `endLine=${f.endLine}` : undefined,
        `title=${escapeProperty(`harden ${f.ruleId}`)}`,
      ].filter(Boolean);
      return `::${COMMAND[f.severity] ?? 'notice'} ${props.join(',')}::${escapeData(f.message)}\n`;
    })
    .join('');
}

/** `harden report --format md` of the same paths, its headings one level down, for the job summary. */
export function hardeningReport(cli, inputs, workspace, env) {
  const args = [
    'report',
    '--format',
    'md',
    ...(inputs.config ? ['--config', inputs.config] : []),
    '--',
    ...inputs.paths,
  ];
  const res = spawnSync(process.execPath, [cli, ...args], {
    cwd: workspace,
    encoding: 'utf8',
    env: { ...env, NO_COLOR: '1' },
  });
  if (res.status !== 0) return `\n_The hardening report could not be made: ${(res.stderr || '').trim()}_\n`;
  return '\n' + res.stdout.replace(/^(#+) /gm, '#$1 ');
}

/** Runs the step. `cli` is the bundle to run (the action's own dist/cli.js). Returns the CLI's exit code. */
export function run(env = process.env, cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli.js')) {
  const inputs = readInputs(env);
  const workspace = env.GITHUB_WORKSPACE || process.cwd();
  const res = spawnSync(process.execPath, [cli, ...cliArgs(inputs)], {
    cwd: workspace,
    encoding: 'utf8',
    maxBuffer: 1024 * 1024 * 1024,
    env: { ...env, NO_COLOR: '1' },
  });
  const exitCode = res.status ?? 2;
  if (res.stderr) process.stderr.write(res.stderr);
  let log;
  try {
    log = exitCode === 2 && !res.stdout ? undefined : JSON.parse(res.stdout);
  } catch {
    log = undefined;
  }
  const sarifPath = isAbsolute(inputs.sarifFile) ? inputs.sarifFile : resolve(workspace, inputs.sarifFile);
  const findings = log ? findingsOf(log) : [];
  const counts = countBySeverity(findings);
  const code = log ? exitCode : 2;
  if (log) {
    mkdirSync(dirname(sarifPath), { recursive: true });
    writeFileSync(sarifPath, JSON.stringify(log, null, 2) + '\n');
  }
  const outputs = {
    errors: counts.error,
    warnings: counts.warning,
    info: counts.info,
    hints: counts.hint,
    total: findings.length,
    'sarif-file': log ? sarifPath : '',
    'exit-code': code,
  };
  if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, outputLines(outputs));
  let summary = summaryMarkdown({ counts, findings, inputs, exitCode: code, stderr: res.stderr ?? '', env });
  if (inputs.report && code !== 2) summary += hardeningReport(cli, inputs, workspace, env);
  if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, summary);
  if (inputs.annotations) process.stdout.write(annotations(findings));
  const verdict = code === 0 ? 'passed' : code === 1 ? 'failed the threshold' : 'could not run';
  process.stdout.write(
    `harden: ${SEVERITIES.map((s) => `${counts[s]} ${PLURAL[s]}`).join(', ')}; ${verdict} (exit code ${code})\n`,
  );
  return code;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) run();
