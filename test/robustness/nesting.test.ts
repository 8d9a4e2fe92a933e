import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DockerfileParser } from 'dockerfile-ast';
import { dockerToShell } from '../../server/src/engine/models/dockerfile';
import { MAX_SHELL_NESTING, MAX_YAML_NESTING, shellNesting, yamlNesting } from '../../server/src/engine/base/nesting';
import { corpusFiles, MISSING_SHARED } from '../support/shared';

/**
 * The nesting bounds in front of the recursive parsers (engine/base/nesting.ts) must never be lower than the
 * real nesting, whatever the text hides it in, and must stay far below the limits on real files.
 */

test('YAML: each way to nest counts', () => {
  const cases: [string, number][] = [
    [`a: ${'['.repeat(50)}${']'.repeat(50)}`, 50],
    [`a: ${'{b: '.repeat(50)}1${'}'.repeat(50)}`, 50],
    [`${'- '.repeat(50)}x`, 50],
    [Array.from({ length: 50 }, (_, i) => `${' '.repeat(i)}k:`).join('\n'), 50],
    [Array.from({ length: 50 }, (_, i) => `${' '.repeat(i * 2)}- k:`).join('\n'), 50],
  ];
  for (const [text, depth] of cases)
    assert.ok(yamlNesting(text).depth >= depth, `${yamlNesting(text).depth} < ${depth}: ${text.slice(0, 40)}`);
});

test('YAML: brackets are not hidden by quotes that are text, or by comments that are not', () => {
  const deep = '['.repeat(MAX_YAML_NESTING + 1);
  for (const text of [
    `a: x "\nb: ${deep}\nc: "\n`, // a quote inside a plain scalar starts nothing
    `a: don't\nb: ${deep}\nc: it's\n`,
    `a: b#c ${deep}\n`, // # after a non-blank is text
    `a: 'x''${'y'}'\nb: ${deep}\n`,
  ]) {
    assert.ok(yamlNesting(text).depth > MAX_YAML_NESTING, text.slice(0, 30));
  }
  // Quoted and commented brackets are text to the parser too.
  assert.ok(yamlNesting(`a: "${deep}"\nb: '${deep}'\n# ${deep}\n`).depth < 5);
});

test('shell: each way to nest counts', () => {
  const cases: [string, number][] = [
    [`${'a | '.repeat(60)}b`, 60],
    [`${'a && '.repeat(60)}b`, 60],
    [`${'( '.repeat(30)}a${' )'.repeat(30)}`, 30 * 4],
    [`echo ${'$('.repeat(30)}a${')'.repeat(30)}`, 30 * 4],
    [`${'if a; then '.repeat(30)}b${'; fi'.repeat(30)}`, 30 * 4],
    [`${'while a; do '.repeat(30)}b${'; done'.repeat(30)}`, 30 * 4],
    [`echo "${'$(echo "'.repeat(30)}a${'")'.repeat(30)}"`, 30 * 4],
    [`${'f() { '.repeat(30)}a${'; }'.repeat(30)}`, 30 * 4],
    [`${'case x in a) '.repeat(30)}b${' ;; esac'.repeat(30)}`, 30 * 4],
  ];
  for (const [script, depth] of cases)
    assert.ok(shellNesting(script).depth >= depth, `${shellNesting(script).depth} < ${depth}: ${script.slice(0, 40)}`);
});

test('shell: nesting is not hidden by heredoc bodies, stray closers or keywords used as words', () => {
  const deep = '( '.repeat(MAX_SHELL_NESTING);
  for (const script of [
    `cat <<EOF\ndon't\nEOF\n${deep}a`, // the body's quote is text
    `cat <<'EOF'\n"\nEOF\n${deep}a`,
    `cat <<-EOF\n\t'\n\tEOF\n${deep}a`,
    `) ) ) } } ] ] fi done esac\n${deep}a`,
    `echo esac fi done; ${deep}a`,
    `${'case x in a) echo esac; ( '.repeat(MAX_SHELL_NESTING / 4)}`,
  ]) {
    assert.ok(shellNesting(script).depth > MAX_SHELL_NESTING, script.slice(0, 30));
  }
  assert.ok(
    shellNesting(`echo '${deep}' "${'('.repeat(300)}" # ${deep}\ncat <<EOF\n${deep}\nEOF\n`).depth < 10,
    'quoted, commented and heredoc text',
  );
});

test('real files stay far below the bounds', (t) => {
  const dockerfiles = corpusFiles('dockerfiles');
  const manifests = corpusFiles('kubernetes').filter((f) => /\.ya?ml$/.test(f.path));
  if (dockerfiles.length === 0) return t.skip(MISSING_SHARED);
  let shell = 0;
  for (const f of dockerfiles) {
    for (const ins of DockerfileParser.parse(f.text).getInstructions()) {
      if (ins.getKeyword() !== 'RUN') continue;
      const lines = f.text
        .split('\n')
        .slice(ins.getRange().start.line, ins.getRange().end.line + 1)
        .join('\n');
      shell = Math.max(shell, shellNesting(dockerToShell(lines.replace(/^\s*RUN\s/, ''), '\\')).depth);
    }
  }
  const yaml = Math.max(...manifests.map((f) => yamlNesting(f.text).depth));
  t.diagnostic(
    `deepest RUN ${shell} (bound ${MAX_SHELL_NESTING}), deepest manifest ${yaml} (bound ${MAX_YAML_NESTING})`,
  );
  assert.ok(shell * 4 < MAX_SHELL_NESTING);
  assert.ok(yaml * 2 < MAX_YAML_NESTING);
});
