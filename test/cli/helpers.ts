import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** The bundle under test: `npm run build` first (`HARDEN_CLI` points elsewhere). */
export const CLI = process.env.HARDEN_CLI ?? resolve(__dirname, '../../dist/cli.js');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function harden(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Run {
  const res = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { PATH: process.env.PATH, NO_COLOR: '1', ...env },
  });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

export function json<T = unknown>(run: Run): T {
  return JSON.parse(run.stdout) as T;
}

const made: string[] = [];
process.on('exit', () => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A temporary folder with these files (paths with "/"); removed when the test process exits. */
export function tree(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'harden-cli-'));
  made.push(dir);
  write(dir, files);
  return dir;
}

export function write(dir: string, files: Record<string, string | Buffer>): void {
  for (const [rel, content] of Object.entries(files)) {
    const p = join(dir, ...rel.split('/'));
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, content);
  }
}

/**
 * A `.harden.yaml` giving these rules these severities and switching off every other rule except those in
 * `unset`, so tests stay exact while the rule set and default severities change. `extra` is appended
 * verbatim (include/exclude…).
 */
export function only(severities: Record<string, string>, extra = '', unset: string[] = []): string {
  const set = { ...Object.fromEntries(ruleIds().map((id) => [id, 'off'])), ...severities };
  const lines = Object.entries(set).filter(([id]) => !unset.includes(id));
  return `rules:\n${lines.map(([id, sev]) => `  ${id}: ${sev}`).join('\n')}\n${extra}`;
}

export interface RuleEntry {
  id: string;
  title: string;
  target: string;
  practice: string;
  severity: string;
  fix: string;
  peers: Record<string, string[]>;
}

let listed: RuleEntry[] | undefined;

/** `harden rules --format json` of the bundle under test (which may be older than the sources). */
export function ruleList(): RuleEntry[] {
  listed ??= JSON.parse(harden(['rules', '--format', 'json'], tmpdir()).stdout) as RuleEntry[];
  return listed;
}

export function ruleIds(): string[] {
  return ruleList().map((r) => r.id);
}

/** The two rules the CLI tests lean on, at fixed severities. */
export const PRIVILEGED_ERROR = { 'k8s-privileged-container': 'error' };
export const ROOT_WARNING = { 'no-root-user': 'warning' };

export const PRIVILEGED = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        privileged: true
`;

export const UNPRIVILEGED = PRIVILEGED.replace('privileged: true', 'privileged: false');

/** The final stage has no USER: one `no-root-user` warning (no safe fix). */
export const ROOT_DOCKERFILE = 'FROM alpine:3.20\nCMD ["sh"]\n';
