import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { PSS_VERSIONS, rules, SEVERITIES, validateConfig } from '../../server/src/engine';
import { COMMANDS, FIX_ALL_KIND } from '../../server/src/shared/protocol';

const ROOT = join(__dirname, '..', '..');
const read = (p: string) => readFileSync(join(ROOT, p), 'utf8');
const pkg = JSON.parse(read('package.json'));

test('the schema shipped in the VSIX is the one in server/src/shared (plus generated rule ids), and matches what the engine accepts', () => {
  const base = JSON.parse(read('server/src/shared/harden-config.schema.json'));
  const shipped = JSON.parse(read('schemas/harden-config.schema.json'));
  // `npm run generate` owns properties.rules of the shipped copy: one property per registry id.
  const { rules: generated, noInlineIgnore: lockedIds, ...shippedRest } = shipped.properties;
  const { rules: generic, noInlineIgnore: lockedGeneric, ...baseRest } = base.properties;
  assert.deepEqual({ ...shipped, properties: shippedRest }, { ...base, properties: baseRest });
  // …and the rule ids (or `*`) of noInlineIgnore.
  assert.deepEqual(lockedIds.items.enum, ['*', ...rules.map((r) => r.meta.id)]);
  assert.deepEqual({ ...lockedIds, items: lockedGeneric.items }, lockedGeneric);
  assert.deepEqual(generic.additionalProperties.enum, [...SEVERITIES]);
  if (generated.properties) {
    assert.deepEqual(Object.keys(generated.properties).sort(), rules.map((r) => r.meta.id).sort());
    for (const p of Object.values(generated.properties) as { enum: string[] }[])
      assert.deepEqual(p.enum, [...SEVERITIES]);
  }
  assert.deepEqual(base.properties.pss.properties.version.enum, ['latest', ...PSS_VERSIONS]);
  // Every top-level key of the schema is one the engine reads without an "unknown key" problem.
  const sample = {
    rules: {},
    pss: {},
    trustedRegistries: [],
    maxFileSize: 1,
    nonRootBaseImages: [],
    include: [],
    exclude: [],
    noInlineIgnore: [],
  };
  assert.deepEqual(Object.keys(base.properties).sort(), Object.keys(sample).sort());
  assert.deepEqual(validateConfig(sample, new Set()).problems, []);
  assert.deepEqual(pkg.contributes.yamlValidation, [
    { fileMatch: '.harden.yaml', url: './schemas/harden-config.schema.json' },
  ]);
});

test('manifest: activation, trust, category, commands and settings', () => {
  assert.deepEqual(pkg.activationEvents, ['onLanguage:dockerfile', 'onLanguage:yaml']);
  assert.equal(pkg.main, './dist/client.js');
  assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
  assert.deepEqual(pkg.categories, ['Linters']);
  assert.deepEqual(
    pkg.contributes.commands.map((c: { command: string }) => c.command).sort(),
    Object.values(COMMANDS).sort(),
  );
  assert.ok(pkg.contributes.commands.every((c: { category: string }) => c.category === 'Harden'));
  const props = pkg.contributes.configuration.properties;
  for (const key of [
    'harden.enable',
    'harden.run',
    'harden.pss.level',
    'harden.pss.version',
    'harden.trustedRegistries',
    'harden.maxFileSize',
  ]) {
    assert.equal(props[key]?.scope, 'resource', key);
  }
  assert.equal(props['harden.trace.server'].scope, 'window');
  assert.deepEqual(props['harden.pss.version'].enum, ['latest', ...PSS_VERSIONS]);
  assert.equal(FIX_ALL_KIND, 'source.fixAll.harden');
});

test('.vscodeignore keeps exactly what the manifest points at', () => {
  const ignore = read('.vscodeignore');
  assert.match(ignore, /^\*\*$/m);
  for (const keep of ['!dist/client.js', '!dist/server.js', '!syntaxes/**', '!schemas/**', '!package.json', '!LICENSE'])
    assert.ok(ignore.includes(keep), keep);
  assert.ok(!/\.map/.test(ignore.replace(/^#.*$/gm, '')), 'no source maps re-included');
  for (const g of pkg.contributes.grammars) assert.ok(existsSync(join(ROOT, g.path)), g.path);
  assert.ok(existsSync(join(ROOT, 'LICENSE')));
});

test('the pragma grammar highlights the lines the engine honours, and only those', () => {
  const grammar = JSON.parse(read('syntaxes/harden-pragma.injection.json'));
  const entry = pkg.contributes.grammars.find((g: { scopeName: string }) => g.scopeName === grammar.scopeName);
  assert.deepEqual(entry.injectTo, ['source.dockerfile', 'source.yaml']);
  const re = new RegExp(grammar.repository.pragma.match);
  const parts = (line: string) => {
    const m = re.exec(line);
    return m && { keyword: m[3], ids: m[4].trim(), reason: m[6] };
  };
  assert.deepEqual(parts('# harden-ignore no-root-user'), {
    keyword: 'harden-ignore',
    ids: 'no-root-user',
    reason: undefined,
  });
  assert.deepEqual(parts('    # harden-ignore k8s-capabilities, k8s-run-as-user -- sidecar needs NET_ADMIN'), {
    keyword: 'harden-ignore',
    ids: 'k8s-capabilities, k8s-run-as-user',
    reason: 'sidecar needs NET_ADMIN',
  });
  assert.deepEqual(parts('#harden-ignore-file DL3002 CKV_K8S_16'), {
    keyword: 'harden-ignore-file',
    ids: 'DL3002 CKV_K8S_16',
    reason: undefined,
  });
  for (const not of [
    '# harden-ignored x',
    'key: v # harden-ignore x',
    '# see harden-ignore docs',
    '# harden-ignore: x',
  ])
    assert.equal(parts(not), null, not);
});
