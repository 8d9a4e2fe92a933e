import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { defaultSettings, parseConfigText } from '../../server/src/engine/base/config';
import { detectKind } from '../../server/src/engine/models/detect';
import { fixAll } from '../../server/src/engine/runner/fixer';
import { KubernetesCache } from '../../server/src/engine/runner/kubernetesRunner';
import { MAX_SHELL_NESTING, MAX_YAML_NESTING } from '../../server/src/engine/base/nesting';
import { parseKubernetes } from '../../server/src/engine/models/kubernetes';
import { parseShell } from '../../server/src/engine/models/shell';
import { lint } from '../../server/src/engine/runner/runner';
import type { Finding, Range, Settings } from '../../server/src/engine/base/types';
import { summarize, Workspace } from '../../server/src/engine/facts/workspace';
import { MISSING_SHARED, sharedPath } from '../support/shared';
import {
  aliasBombs,
  bigConfigMap,
  binaryText,
  deepShell,
  deepYaml,
  longLines,
  manyDocuments,
  POD,
  POD_PRIVILEGED,
} from './hostileInputs';
import { budgetMs, checkProperties, restricted } from './properties';

/**
 * Hostile and odd input through the engine: bounded time and memory, a clear finding or a quiet skip, never
 * an exception (the CLI and language-server sides are in hostileCli/hostileLsp.test.ts).
 */

interface Measured<T> {
  value: T;
  cpuMs: number;
  /** Growth of the process's peak resident set, MB: a bound on the memory the call needed. */
  peakMb: number;
}

function measure<T>(fn: () => T): Measured<T> {
  const rss = process.resourceUsage().maxRSS;
  const cpu = process.cpuUsage();
  const value = fn();
  const d = process.cpuUsage(cpu);
  return { value, cpuMs: (d.user + d.system) / 1000, peakMb: (process.resourceUsage().maxRSS - rss) / 1024 };
}

/** A lint that must not let a rule throw, with its cost. */
function lintOf(
  uri: string,
  text: string,
  settings: Settings = restricted,
  options: { workspace?: Workspace; cache?: KubernetesCache } = {},
): Measured<Finding[]> {
  const errors: string[] = [];
  const m = measure(
    () =>
      lint({ uri, text }, settings, {
        workspace: options.workspace ?? new Workspace(),
        cache: options.cache,
        onRuleError: (id, e) => errors.push(`${id}: ${(e as Error)?.stack ?? e}`),
      }).findings,
  );
  assert.deepEqual(errors, [], `a rule threw on ${uri}`);
  return m;
}

const range = (l1: number, c1: number, l2: number, c2: number): Range => ({
  start: { line: l1, character: c1 },
  end: { line: l2, character: c2 },
});
const rangeOf = (fs: Finding[], ruleId: string) => fs.filter((f) => f.ruleId === ruleId).map((f) => f.range);

// The first lint loads the parsers; time the inputs, not module start-up.
checkProperties('file:///warm/Dockerfile', 'FROM a\nRUN b | c\n');
checkProperties('file:///warm/pod.yaml', POD);

describe('YAML alias bomb (billion laughs)', () => {
  for (const [name, text] of Object.entries(aliasBombs())) {
    test(`${name}: linted in bounded time and memory, aliases never expanded`, (t) => {
      const m = measure(() => checkProperties(`file:///bomb/${name}.yaml`, text));
      t.diagnostic(`${m.value.findings} findings, ${m.cpuMs.toFixed(0)} ms, peak +${m.peakMb.toFixed(0)} MB`);
      assert.ok(m.cpuMs < 3000, `${m.cpuMs} ms`);
      assert.ok(m.peakMb < 200, `peak +${m.peakMb} MB`);
    });
  }

  test('workspace summaries (read by every other file) keep aliases as references', () => {
    const { networkPolicy, kustomization } = aliasBombs();
    for (const text of [networkPolicy, kustomization]) {
      const summaries = summarize('file:///bomb/x.yaml', parseKubernetes(text));
      assert.equal(summaries.length, 1);
      assert.ok(JSON.stringify(summaries).length < 5_000, 'a summary the size of its source, not of the expansion');
    }
  });

  test('fix-all over a bomb: bounded, and the text keeps its anchors', () => {
    const m = measure(() =>
      fixAll({ uri: 'file:///bomb/pod.yaml', text: aliasBombs().pod }, restricted, { workspace: new Workspace() }),
    );
    assert.ok(m.cpuMs < 5000, `${m.cpuMs} ms`);
    assert.match(m.value.text, /args: \*a9/);
    assert.match(m.value.text, /a9: &a9/);
  });

  test('in .harden.yaml: a clear problem, not an expansion', () => {
    const bomb = aliasBombs().configMap.split('data:\n')[1];
    const m = measure(() => parseConfigText(`x:\n${bomb}rules: *a9\n`, new Set()));
    assert.ok(m.cpuMs < 1000);
    assert.match(m.value.problems[0]?.message ?? '', /not valid YAML: Excessive alias count/);
  });
});

describe('file size', () => {
  test('a 10 MB manifest is over the default maxFileSize: one information finding, nothing parsed', () => {
    const text = bigConfigMap(10 * 1024 * 1024);
    const m = lintOf('file:///big/cm.yaml', text);
    assert.deepEqual(
      m.value.map((f) => [f.ruleId, f.messageId, f.severity, f.range]),
      [['harden', 'tooLarge', 'info', range(0, 0, 0, 0)]],
    );
    assert.match(
      m.value[0].message,
      new RegExp(
        `File not checked: ${text.length} characters is over the limit of ${defaultSettings().maxFileSize} \\(setting maxFileSize\\)`,
      ),
    );
    assert.ok(m.cpuMs < 1000, `${m.cpuMs} ms: the file was parsed`);
  });

  test('the limit is a setting, for Dockerfiles too', () => {
    const small = { ...restricted, maxFileSize: 100 };
    for (const [uri, text] of [
      ['file:///big/pod.yaml', POD],
      ['file:///big/Dockerfile', `FROM alpine:3.20\n${'RUN true\n'.repeat(20)}`],
    ]) {
      assert.deepEqual(
        lintOf(uri, text, small).value.map((f) => f.messageId),
        ['tooLarge'],
      );
    }
    assert.ok(
      lintOf('file:///big/pod.yaml', POD, { ...restricted, maxFileSize: POD.length }).value.length > 1,
      'a file of exactly the limit is checked',
    );
  });

  test('a 2 MB manifest under the limit is linted within its budget', (t) => {
    const text = bigConfigMap(2 * 1024 * 1024);
    const m = lintOf('file:///big/cm.yaml', text);
    t.diagnostic(`${m.cpuMs.toFixed(0)} ms (budget ${budgetMs(text).toFixed(0)}), peak +${m.peakMb.toFixed(0)} MB`);
    assert.deepEqual(m.value, []);
    assert.ok(m.cpuMs < budgetMs(text));
    assert.ok(m.peakMb < 1000);
  });
});

describe('long lines', () => {
  for (const [name, [uri, text]] of Object.entries(longLines())) {
    test(`${name}: a ${text.length}-character file with one long line`, (t) => {
      const { ms, findings } = checkProperties(uri, text);
      t.diagnostic(`${findings} findings, ${ms.toFixed(0)} ms (budget ${budgetMs(text).toFixed(0)})`);
    });
  }
});

describe('10k documents in one file', () => {
  test('bounded, one finding set per privileged pod, and a one-document edit re-lints one document', (t) => {
    const text = manyDocuments(10_000);
    const uri = 'file:///many/all.yaml';
    const cache = new KubernetesCache();
    const workspace = new Workspace();
    const full = lintOf(uri, text, restricted, { cache, workspace });
    t.diagnostic(
      `${text.length} characters: ${full.cpuMs.toFixed(0)} ms (budget ${budgetMs(text).toFixed(0)}), peak +${full.peakMb.toFixed(0)} MB, ${full.value.length} findings`,
    );
    assert.ok(full.cpuMs < budgetMs(text));
    assert.equal(rangeOf(full.value, 'k8s-privileged-container').length, 100);
    const edited = text.replace('  k: v\n', '  k: w\n');
    const again = lintOf(uri, edited, restricted, { cache, workspace });
    t.diagnostic(`after a one-document edit: ${again.cpuMs.toFixed(0)} ms`);
    assert.deepEqual(again.value, full.value);
    assert.ok(again.cpuMs < full.cpuMs / 3, `${again.cpuMs} ms after one edit vs ${full.cpuMs} ms`);
  });

  test('10k broken documents: one syntax finding for the file', () => {
    const text = Array.from({ length: 10_000 }, (_, i) => `apiVersion: v1\nkind: Pod\nmetadata: {name: [p${i}\n`).join(
      '---\n',
    );
    const m = lintOf('file:///many/broken.yaml', text);
    assert.ok(m.cpuMs < budgetMs(text));
    assert.deepEqual(
      m.value.map((f) => [f.messageId, f.range.start.line]),
      [['yamlSyntax', 3]],
    );
  });
});

describe('deep nesting', () => {
  for (const [name, text] of Object.entries(deepYaml())) {
    test(`YAML ${name}: one clear finding, no parsing`, () => {
      const m = lintOf(`file:///deep/${name}.yaml`, text);
      const syntax = m.value.filter((f) => f.ruleId === 'harden');
      assert.equal(syntax.length, 1, JSON.stringify(m.value));
      assert.equal(
        syntax[0].message,
        `YAML syntax error, the document is not checked: nested more than ${MAX_YAML_NESTING} levels deep`,
      );
      assert.ok(m.cpuMs < 500, `${m.cpuMs} ms`);
    });
  }

  test('YAML nested just under the bound parses as usual', () => {
    const depth = MAX_YAML_NESTING - 10;
    const text = POD.replace(
      'image: nginx:1.27',
      `image: nginx:1.27\n      args: ${'['.repeat(depth)}${']'.repeat(depth)}`,
    );
    assert.deepEqual(
      rangeOf(lintOf('file:///deep/ok.yaml', text).value, 'k8s-privileged-container'),
      [POD_PRIVILEGED].map((r) => ({ ...r, start: { ...r.start, line: 10 }, end: { ...r.end, line: 10 } })),
    );
    assert.deepEqual(parseKubernetes(text).docs[0].errors, []);
  });

  test('a deep .harden.yaml is a clear configuration problem', () => {
    assert.deepEqual(parseConfigText(`rules: ${'['.repeat(5000)}\n`, new Set()).problems, [
      { message: `not valid YAML: nested more than ${MAX_YAML_NESTING} levels deep` },
    ]);
  });

  test('RUN scripts nested too deeply are not analysed; no rule throws; the shell parser stays healthy', (t) => {
    for (const [name, text] of Object.entries(deepShell())) {
      const m = lintOf('file:///deep/Dockerfile', text);
      t.diagnostic(`${name}: ${text.length} characters, ${m.cpuMs.toFixed(0)} ms`);
      assert.ok(m.cpuMs < budgetMs(text), `${name}: ${m.cpuMs} ms`);
      assert.deepEqual(
        m.value.map((f) => f.ruleId),
        ['base-image-digest', 'eol-base-image'].filter((id) => m.value.some((f) => f.ruleId === id)),
        `${name}: only the FROM line is reported`,
      );
    }
    // Refused before mvdan-sh sees them (one stack overflow in there breaks the parses after it).
    for (const script of [
      `${'a | '.repeat(25_000)}b`,
      `${'a && '.repeat(3_000)}b`,
      `${'('.repeat(2_000)}a`,
      `echo ${'$('.repeat(1_000)}a`,
      `${'if a; then '.repeat(1_000)}b`,
    ]) {
      assert.equal(
        parseShell(script).error?.message,
        `nested more than ${MAX_SHELL_NESTING} levels deep`,
        script.slice(0, 30),
      );
    }
    // Regression: after a stack overflow inside mvdan-sh (GopherJS), the next script with a syntax error made
    // several rules throw "Maximum call stack size exceeded". The bound keeps mvdan-sh from overflowing.
    const broken =
      '# escape=`\nFROM debian:12\nRUN powershell -Command `\n    Invoke-WebRequest x ; `\n    dir\nUSER ContainerUser\n';
    lintOf('file:///deep/Dockerfile', broken);
    assert.ok(parseShell('echo `unterminated').error);
    assert.deepEqual(
      parseShell('apt-get install -y curl | tee log').commands.map((c) => c.name),
      ['apt-get', 'tee'],
    );
  });

  test('RUN scripts just under the bound parse and walk without trouble', () => {
    const groups = Math.floor(MAX_SHELL_NESTING / 4) - 2;
    const scripts = [
      `${'a | '.repeat(MAX_SHELL_NESTING - 10)}b`,
      `${'( '.repeat(groups)}a${' )'.repeat(groups)}`,
      `echo ${'$('.repeat(groups)}a${')'.repeat(groups)}`,
    ];
    for (const s of scripts) {
      const parsed = parseShell(s);
      assert.equal(parsed.error, undefined, s.slice(0, 40));
      assert.ok(parsed.commands.length > 0);
    }
  });
});

describe('binary file named Dockerfile', () => {
  const bytes = readFileSync(process.execPath).subarray(0, 256 * 1024);
  test('with NUL bytes: a quiet skip', () => {
    const m = lintOf('file:///bin/Dockerfile', binaryText(bytes, true));
    assert.deepEqual(m.value, []);
    assert.ok(m.cpuMs < 100);
  });
  test('without NUL bytes (replacement characters, no lines): nothing reported, bounded', () => {
    const text = binaryText(bytes, false);
    const { ms } = checkProperties('file:///bin/Dockerfile', text);
    assert.deepEqual(lintOf('file:///bin/Dockerfile', text).value, []);
    assert.ok(ms < budgetMs(text));
  });
});

describe('encodings and line breaks', () => {
  const DOCKERFILE = 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\nUSER 10001\n';
  const expectDocker = (fs: Finding[]) => {
    assert.deepEqual(rangeOf(fs, 'base-image-digest'), [range(0, 5, 0, 14)]);
    assert.deepEqual(rangeOf(fs, 'apt-no-install-recommends'), [range(1, 30, 1, 37)]);
    assert.deepEqual(rangeOf(fs, 'pin-os-packages'), [range(1, 41, 1, 45)]);
  };

  test('UTF-8 BOM: detection looks past it (regression: a manifest read with its BOM was not one)', () => {
    assert.equal(detectKind('file:///enc/pod.yaml', `\uFEFF${POD}`, 'yaml'), 'kubernetes');
    assert.equal(detectKind('file:///enc/pod', `\uFEFF${POD}`), 'kubernetes');
    assert.equal(summarize('file:///enc/pod.yaml', parseKubernetes(`\uFEFF${POD}`)).length, 1);
  });

  test('UTF-8 BOM: ranges count in the text as given (the BOM is a character of line 0); fix-all keeps it', () => {
    const withBom = lintOf('file:///enc/Dockerfile', `\uFEFF${DOCKERFILE}`).value;
    assert.deepEqual(rangeOf(withBom, 'base-image-digest'), [range(0, 6, 0, 15)]);
    assert.deepEqual(rangeOf(withBom, 'apt-no-install-recommends'), [range(1, 30, 1, 37)]);
    // Without the BOM (as the CLI and SARIF hand text in), line 0 counts from the first real character.
    expectDocker(lintOf('file:///enc/Dockerfile', DOCKERFILE).value);
    assert.deepEqual(rangeOf(lintOf('file:///enc/pod.yaml', `\uFEFF${POD}`).value, 'k8s-privileged-container'), [
      POD_PRIVILEGED,
    ]); // not on line 0: unchanged
    const fixed = fixAll({ uri: 'file:///enc/pod.yaml', text: `\uFEFF${POD}` }, restricted).text;
    assert.ok(fixed.startsWith('\uFEFFapiVersion: v1\n'));
    assert.match(fixed, /privileged: false/);
  });

  test('CRLF: the same ranges; fixes insert CRLF and touch nothing else', () => {
    expectDocker(lintOf('file:///enc/Dockerfile', DOCKERFILE.replace(/\n/g, '\r\n')).value);
    const pod = POD.replace(/\n/g, '\r\n');
    assert.deepEqual(rangeOf(lintOf('file:///enc/pod.yaml', pod).value, 'k8s-privileged-container'), [POD_PRIVILEGED]);
    checkProperties('file:///enc/Dockerfile', DOCKERFILE.replace(/\n/g, '\r\n'));
    checkProperties('file:///enc/pod.yaml', pod);
    const fixed = fixAll({ uri: 'file:///enc/pod.yaml', text: pod }, restricted).text;
    assert.ok(!/[^\r]\n/.test(fixed), 'every added line ends in CRLF');
  });

  test('mixed LF, CRLF and lone CR: ranges are exact in LSP line terms', () => {
    // Lines: 0 FROM (CRLF), 1 comment (lone CR), 2 RUN (LF), 3 USER (CRLF).
    const text = 'FROM debian:12\r\n# c\rRUN apt-get update && apt-get install -y curl\nUSER 10001\r\n';
    const fs = lintOf('file:///enc/Dockerfile', text).value;
    assert.deepEqual(rangeOf(fs, 'base-image-digest'), [range(0, 5, 0, 14)]);
    assert.deepEqual(rangeOf(fs, 'apt-no-install-recommends'), [range(2, 30, 2, 37)]);
    checkProperties('file:///enc/Dockerfile', text);
    const lines = POD.split('\n');
    const mixed = lines.map((l, i) => l + (i === lines.length - 1 ? '' : i % 2 ? '\r\n' : '\n')).join('');
    assert.deepEqual(rangeOf(lintOf('file:///enc/pod.yaml', mixed).value, 'k8s-privileged-container'), [
      POD_PRIVILEGED,
    ]);
    checkProperties('file:///enc/pod.yaml', mixed);
    // The yaml library breaks lines at LF and CRLF only: a lone CR in a manifest is one syntax finding, placed
    // in LSP lines (where a lone CR does break): line 2 is "# note".
    const loneCr = POD.replace('kind: Pod\n', 'kind: Pod\r# note\r');
    assert.deepEqual(
      lintOf('file:///enc/pod.yaml', loneCr).value.map((f) => [f.messageId, f.range.start]),
      [['yamlSyntax', { line: 2, character: 0 }]],
    );
  });

  test('tabs: YAML indentation with a tab is one syntax finding at the tab; tabs between Dockerfile words keep exact ranges', () => {
    const yaml = lintOf('file:///enc/pod.yaml', POD.replace('    - name: app', '\t- name: app')).value;
    assert.deepEqual(
      yaml.filter((f) => f.ruleId === 'harden').map((f) => [f.messageId, f.range.start.line]),
      [['yamlSyntax', 6]],
    );
    const fs = lintOf(
      'file:///enc/Dockerfile',
      'FROM\tdebian:12\nRUN\tapt-get update &&\tapt-get\tinstall -y curl\nUSER 10001\n',
    ).value;
    assert.deepEqual(rangeOf(fs, 'base-image-digest'), [range(0, 5, 0, 14)]);
    assert.deepEqual(rangeOf(fs, 'apt-no-install-recommends'), [range(1, 30, 1, 37)]);
  });
});

describe('Dockerfile syntax corners', () => {
  test('an unterminated heredoc: the rest of the file is still checked, nothing throws', () => {
    const text =
      '# syntax=docker/dockerfile:1\nFROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y curl\ncurl https://x.example/i.sh | sh\n';
    const fs = checkProperties('file:///corner/Dockerfile', text);
    assert.ok(fs.findings > 0);
    assert.deepEqual(rangeOf(lintOf('file:///corner/Dockerfile', text).value, 'base-image-digest'), [
      range(1, 5, 1, 14),
    ]);
  });

  test('# escape=` (Windows): findings across backtick continuations have exact ranges; fixes keep the backticks', () => {
    const text =
      '# escape=`\nFROM debian:12\nRUN apt-get update && `\n    apt-get install -y `\n      curl\nUSER 10001\n';
    const fs = lintOf('file:///corner/Dockerfile', text).value;
    assert.deepEqual(rangeOf(fs, 'apt-no-install-recommends'), [range(3, 12, 3, 19)]);
    assert.deepEqual(rangeOf(fs, 'pin-os-packages'), [range(4, 6, 4, 10)]);
    checkProperties('file:///corner/Dockerfile', text);
    const fixed = fixAll({ uri: 'file:///corner/Dockerfile', text }, restricted).text;
    assert.equal(fixed.split('`\n').length, text.split('`\n').length, 'continuations untouched');
    assert.match(fixed, /curl && rm -rf \/var\/lib\/apt\/lists\/\*\n/);
  });
});

describe('templates and patches', () => {
  test('Helm chart templates (podinfo): no findings, no syntax noise', (t) => {
    const root = sharedPath('corpus', 'kubernetes', 'stefanprodan__podinfo', 'charts');
    if (!root) return t.skip(MISSING_SHARED);
    const files: string[] = [];
    const walk = (d: string) =>
      readdirSync(d).forEach((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : files.push(join(d, n))));
    walk(root);
    const workspace = new Workspace();
    const linted = files.map((p) => ({
      p,
      fs: lintOf(`file://${p}`, readFileSync(p, 'utf8'), restricted, { workspace }).value,
    }));
    assert.ok(linted.filter(({ p }) => p.includes('/templates/') && p.endsWith('.yaml')).length >= 15);
    assert.deepEqual(
      linted.filter(({ fs }) => fs.length > 0).map(({ p, fs }) => `${p}: ${fs.map((f) => f.ruleId).join(', ')}`),
      [],
    );
  });

  test('kustomize patches: partial objects report what they set, never what they leave out; JSON 6902 and $patch: delete stay quiet', () => {
    const workspace = new Workspace();
    const k =
      'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [deployment.yaml]\npatches:\n  - path: privileged.yaml\n  - path: ops.yaml\n    target: {kind: Deployment}\n  - path: delete.yaml\n';
    lintOf('file:///kz/kustomization.yaml', k, restricted, { workspace });
    const patch =
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          securityContext:\n            privileged: true\n';
    const fs = lintOf('file:///kz/privileged.yaml', patch, restricted, { workspace }).value;
    assert.deepEqual(
      fs.map((f) => [f.ruleId, f.range.start.line]),
      [['k8s-privileged-container', 10]],
    );
    const ops =
      '- op: replace\n  path: /spec/replicas\n  value: 3\n- op: add\n  path: /spec/template/spec/containers/0/securityContext\n  value: {privileged: true}\n';
    assert.deepEqual(lintOf('file:///kz/ops.yaml', ops, restricted, { workspace }).value, []);
    const del = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n$patch: delete\n';
    assert.deepEqual(lintOf('file:///kz/delete.yaml', del, restricted, { workspace }).value, []);
  });
});
