// Nested npm calls (the e2e install under `npm run test:e2e`) must not inherit the outer npm's configuration:
// code-server's postinstall refused to install because the inherited npm_config_user_agent named Node 20.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';

const helper = pathToFileURL(resolve('scripts/e2e/npmEnv.mjs')).href;
const install = pathToFileURL(resolve('scripts/e2e/install.mjs')).href;

test('cleanNpmEnv drops what an outer npm exports and keeps the rest', async () => {
  const { cleanNpmEnv } = (await import(helper)) as { cleanNpmEnv: (e: object, x?: object) => Record<string, string> };
  const env = cleanNpmEnv(
    {
      PATH: '/bin',
      HOME: '/h',
      npm_config_user_agent: 'npm/10 node/v20.0.0 linux x64',
      NPM_CONFIG_CACHE: '/c',
      npm_lifecycle_event: 'test:e2e',
      npm_package_name: 'harden',
      npm_execpath: '/npm-cli.js',
      npm_node_execpath: '/node',
      npm_command: 'run-script',
      INIT_CWD: '/w',
    },
    { npm_config_nodedir: '/n24' },
  );
  assert.deepEqual(env, { PATH: '/bin', HOME: '/h', npm_config_nodedir: '/n24' });
});

test('the e2e install environment has no inherited user agent but keeps its own config', async () => {
  type Env = Record<string, string>;
  const { npmInstallEnv } = (await import(install)) as { npmInstallEnv: (e: object, c?: object, g?: string) => Env };
  const outer = { PATH: '/bin', npm_config_user_agent: 'npm/10 node/v20.0.0', npm_config_globalconfig: '/x/npmrc' };
  const env = npmInstallEnv(outer, { npm_config_nodedir: '/n' }, '/dev/null');
  assert.equal(env.npm_config_user_agent, undefined);
  assert.equal(env.npm_config_nodedir, '/n');
  // `--prefix DIR` would read DIR/etc/npmrc: the plain npm's global config (CA file, registry) is named instead.
  assert.equal(env.npm_config_globalconfig, '/dev/null');
});

// The way it failed: an npm started from an `npm run` script saw the outer user agent.
test('an npm started from an npm run script with the clean environment reports its own user agent', () => {
  const dir = mkdtempSync(join(tmpdir(), 'harden-nested-npm-'));
  try {
    const probe = `
      import { spawnSync } from 'node:child_process';
      import { cleanNpmEnv } from ${JSON.stringify(helper)};
      const get = (env) => spawnSync('npm', ['config', 'get', 'user-agent'], { env, encoding: 'utf8' }).stdout.trim();
      console.log(JSON.stringify({ outer: process.env.npm_config_user_agent, inherited: get(process.env), clean: get(cleanNpmEnv()) }));
    `;
    writeFileSync(join(dir, 'probe.mjs'), probe);
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ private: true, scripts: { probe: 'node probe.mjs' } }));
    const env = { ...process.env, npm_config_user_agent: 'outer-npm/0 node/v0.0.0' };
    const res = spawnSync('npm', ['run', '--silent', 'probe'], { cwd: dir, env, encoding: 'utf8' });
    assert.equal(res.status, 0, res.stderr);
    const seen = JSON.parse(res.stdout.trim().split('\n').pop()!) as {
      outer: string;
      inherited: string;
      clean: string;
    };
    assert.match(seen.outer, /outer-npm/, 'the outer npm exports its user agent to scripts');
    assert.match(seen.inherited, /outer-npm/, 'an inner npm with the inherited environment reads it back');
    assert.doesNotMatch(seen.clean, /outer-npm/, 'with the clean environment it does not');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
