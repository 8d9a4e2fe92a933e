// .pre-commit-hooks.yaml: its shape, each hook's entry run the way pre-commit runs it (against the built CLI), and,
// when Debian's `pre-commit` is installed, `pre-commit try-repo` on a temporary repository. `npm run build` first.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { CLI, only, PRIVILEGED, PRIVILEGED_ERROR, tree } from '../cli/helpers';

const ROOT = resolve(__dirname, '..', '..');

interface Hook {
  id: string;
  name: string;
  entry: string;
  language: string;
  types_or?: string[];
  pass_filenames?: boolean;
  require_serial?: boolean;
}

const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  bin: Record<string, string>;
  scripts: Record<string, string>;
};
const hook = (id: string) => hooks.find((h) => h.id === id)!;

/** A repository with an error Harden fixes in a manifest and in a Dockerfile (apk-no-cache raised to error). */
function badRepo(): string {
  return tree({
    '.harden.yaml': only({ ...PRIVILEGED_ERROR, 'apk-no-cache': 'error' }),
    'k8s/pod.yaml': PRIVILEGED,
    Dockerfile: 'FROM alpine:3.20\nRUN apk add curl\n',
    'README.md': '# app\n',
  });
}

test('the hooks: harden and harden-fix, language node, Dockerfiles and YAML, entries the package installs', () => {
  assert.deepEqual(
    hooks.map((h) => h.id),
    ['harden', 'harden-fix'],
  );
  for (const h of hooks) {
    assert.equal(h.language, 'node', h.id);
    assert.deepEqual(h.types_or, ['dockerfile', 'yaml'], h.id);
    assert.ok(h.entry.split(' ')[0] in pkg.bin, `${h.id}: ${h.entry} is not a bin of the package`);
    assert.equal(h.require_serial, true, h.id);
  }
  assert.equal(hook('harden').entry, 'harden');
  // The whole repository: cross-file rules need every manifest.
  assert.equal(hook('harden').pass_filenames, false);
  assert.equal(hook('harden-fix').entry, 'harden --fix');
  assert.notEqual(hook('harden-fix').pass_filenames, false);
  // pre-commit installs the repository with `npm install` then `npm pack`: dist/ is not in git, prepack builds it.
  assert.equal(pkg.scripts.prepack, 'npm run build');
});

/** The files pre-commit would pass for `types_or: [dockerfile, yaml]` (identify's tags, by name). */
function matching(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
    const p = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...matching(dir, p));
    else if (/^(Dockerfile|Containerfile)$|\.dockerfile$|\.ya?ml$/i.test(basename(p))) out.push(p);
  }
  return out.sort();
}

/** Runs a hook the way pre-commit does: its entry (on PATH) with the matching files unless pass_filenames is false. */
function runHook(h: Hook, dir: string) {
  const bin = join(dir, '.bin');
  mkdirSync(bin, { recursive: true });
  for (const name of Object.keys(pkg.bin)) {
    const target = name === 'harden' ? CLI : resolve(ROOT, pkg.bin[name]);
    writeFileSync(join(bin, name), `#!/bin/sh\nexec "${process.execPath}" "${target}" "$@"\n`);
    chmodSync(join(bin, name), 0o755);
  }
  const [cmd, ...args] = h.entry.split(' ');
  const files = h.pass_filenames === false ? [] : matching(dir).filter((f) => !f.startsWith('.bin/'));
  return spawnSync(cmd, [...args, ...files], {
    cwd: dir,
    encoding: 'utf8',
    env: { PATH: `${bin}:${process.env.PATH}`, NO_COLOR: '1' },
  });
}

test('simulated: the harden hook fails on a bad repository, harden-fix fixes it, then harden passes', () => {
  const dir = badRepo();
  const before = runHook(hook('harden'), dir);
  assert.equal(before.status, 1, before.stderr);
  assert.match(before.stdout, /k8s-privileged-container/);
  assert.match(before.stdout, /apk-no-cache/);
  const fix = runHook(hook('harden-fix'), dir);
  assert.equal(fix.status, 0, fix.stdout + fix.stderr);
  assert.match(readFileSync(join(dir, 'k8s', 'pod.yaml'), 'utf8'), /privileged: false/);
  assert.match(readFileSync(join(dir, 'Dockerfile'), 'utf8'), /apk add --no-cache curl/);
  const after = runHook(hook('harden'), dir);
  assert.equal(after.status, 0, after.stdout + after.stderr);
});

const havePreCommit = spawnSync('sh', ['-c', 'command -v pre-commit'], { encoding: 'utf8' }).status === 0;

test(
  'pre-commit try-repo: the hook fails, harden-fix changes the files, then the hook passes',
  {
    skip: havePreCommit
      ? false
      : 'pre-commit is not installed (Debian: apt-get install pre-commit); the hooks were run by the simulation above',
  },
  () => {
    const dir = badRepo();
    // Outside the repository: harden lints the whole repository, and pre-commit's clones hold fixtures.
    const home = tree({});
    const git = (...a: string[]) => {
      const r = spawnSync('git', a, { cwd: dir, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
    };
    git('init', '-q');
    git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'add', '.');
    const tryRepo = (id: string) =>
      spawnSync('pre-commit', ['try-repo', ROOT, id, '--all-files'], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, PRE_COMMIT_HOME: home },
        timeout: 600_000,
      });
    const first = tryRepo('harden');
    assert.equal(first.status, 1, first.stdout + first.stderr);
    assert.match(first.stdout, /k8s-privileged-container/);
    const fix = tryRepo('harden-fix');
    assert.notEqual(fix.status, 0, 'pre-commit fails a hook that modified files');
    assert.match(readFileSync(join(dir, 'k8s', 'pod.yaml'), 'utf8'), /privileged: false/);
    git('add', '.');
    const last = tryRepo('harden');
    assert.equal(last.status, 0, last.stdout + last.stderr);
  },
);
