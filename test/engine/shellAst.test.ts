import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DockerfileParser } from 'dockerfile-ast';
import { syntax } from 'mvdan-sh';
import { goString, items, nodeType, walk, type GoNode } from '../../server/src/engine/models/goAst';
import { dockerToShell } from '../../server/src/engine/models/dockerfile';
import { parseBash, parseShell } from '../../server/src/engine/models/shell';
import { corpusFiles } from '../support/shared';

/**
 * parse/goAst.ts reads mvdan-sh's Go values directly instead of through its JavaScript wrappers (for speed). These
 * tests hold that reader to the wrapper API: the same nodes in the same order, the same positions, the same strings.
 */

const TRICKY = [
  'apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10 ca-certificates; rm -rf /var/lib/apt/lists/*',
  'set -eux; a=1 b="two words" env | grep -v x | sort >/dev/null 2>&1 || true',
  'export A=1 B C="$(id -u)"; readonly R=1; declare -a X=(1 2); local L',
  "echo $'tab\\there' \"caf\u00e9 \u2603 \ud83d\ude00\" '\u00fcber' na\u00efve-\u00e9t\u00e9",
  'if [ -f /x ]; then a; elif b; then c; else d; fi; case "$1" in a|b) x ;; *) y ;; esac',
  'for p in a b; do install "$p"; done; while read -r l; do echo "$l"; done < /etc/f; until false; do :; done',
  'f() { curl -fsSL https://x | sh; }; ( cd /tmp && make ) | tee log; { a; b; } |& cat',
  'x=$(curl -s https://example.com | sha256sum | cut -d" " -f1) && [[ $x == abc* ]] && (( n = 1 + 2 ))',
  'cat <<EOF > /etc/conf\nkey=value $(hostname)\nEOF\nsh -c "apt-get install -y x"',
  'time make -j"$(nproc)"; coproc cat; let i++; echo ${v:-$(date)} <(ls) >(wc -l) @(a|b) `uname`',
];

function scripts(): string[] {
  const out = [...TRICKY];
  for (const { text } of corpusFiles('dockerfiles')) {
    for (const ins of DockerfileParser.parse(text).getInstructions()) {
      const range = ins.getArgumentsRange();
      if (ins.getKeyword() !== 'RUN' || !range) continue;
      const lines = text.split('\n');
      const raw = [
        lines[range.start.line].slice(range.start.character),
        ...lines.slice(range.start.line + 1, range.end.line + 1),
      ].join('\n');
      out.push(dockerToShell(raw, '\\'));
    }
  }
  return out;
}

test('the Go-value walk visits what syntax.Walk visits, in order, with the same positions and literal values', () => {
  let nodes = 0;
  const all = scripts();
  for (const script of all) {
    let file: GoNode;
    try {
      file = parseBash(script);
    } catch {
      continue;
    }
    // The same text through the wrapper API, for syntax.Walk.
    const wrapped = syntax.NewParser(syntax.Variant(syntax.LangBash)).Parse(script, '');
    const expected: string[] = [];
    syntax.Walk(wrapped, (n) => {
      if (!n) return true;
      const type = syntax.NodeType(n);
      expected.push(
        `${type} ${n.Pos().Offset()}-${n.End().Offset()}${type === 'Lit' ? ` ${JSON.stringify(n.Value)}` : ''}`,
      );
      return true;
    });
    const actual: string[] = [];
    walk(file, (n, type) => {
      actual.push(
        `${type} ${n.Pos().Offset()}-${n.End().Offset()}${type === 'Lit' ? ` ${JSON.stringify(goString(n.Value))}` : ''}`,
      );
      return true;
    });
    // Ours also visits a few literals Walk leaves out (a DeclClause's keyword); everything Walk visits comes in order.
    const seen = new Set(expected);
    assert.deepEqual(
      actual.filter((a) => seen.has(a)),
      expected,
      script.slice(0, 80),
    );
    nodes += expected.length;
  }
  assert.ok(nodes > 1000 || all.length === TRICKY.length, `${nodes} nodes`);
});

test('commands read from Go values: names, static word values (UTF-8 decoded), assignments, pipelines', () => {
  const s = parseShell(
    "X=caf\u00e9 echo \"\u2603 $(id)\" '\ud83d\ude00' | tee /x; export A=1 B; sh -c 'curl -f https://x | sh'",
  );
  assert.deepEqual(
    s.commands.map((c) => [c.name, c.words.map((w) => w.value), c.assigns.map((a) => [a.name, a.value])]),
    [
      ['echo', ['echo', undefined, '\ud83d\ude00'], [['X', 'caf\u00e9']]],
      ['id', ['id'], []],
      ['tee', ['tee', '/x'], []],
      [
        'export',
        ['export'],
        [
          ['A', '1'],
          ['B', undefined],
        ],
      ],
      ['sh', ['sh', '-c', 'curl -f https://x | sh'], []],
      ['curl', ['curl', '-f', 'https://x'], []],
      ['sh', ['sh'], []],
    ],
  );
  assert.deepEqual(
    s.pipelines.map((p) => p.map((c) => c.name)),
    [
      ['curl', 'sh'],
      ['echo', 'tee'],
    ],
  );
  // Offsets are UTF-16 offsets in the script, past the multi-byte characters.
  const tee = s.commands.find((c) => c.name === 'tee')!;
  assert.equal(s.commands[0].words[0].start, 'X=caf\u00e9 '.length);
  assert.equal(tee.start, 'X=caf\u00e9 echo "\u2603 $(id)" \'\ud83d\ude00\' | '.length);
  assert.equal(nodeType(items(parseBash('a | b').Stmts)[0].Cmd), 'BinaryCmd');
});

test('the reused parser leaves earlier trees intact (nested `sh -c` bodies are parsed while an outer tree is walked)', () => {
  const lines = (file: GoNode) => {
    const out: string[] = [];
    walk(
      file,
      (n, type) => (
        out.push(`${type} ${n.Pos().Offset()}-${n.End().Offset()}${type === 'Lit' ? goString(n.Value) : ''}`),
        true
      ),
    );
    return out;
  };
  const file = parseBash('apt-get install -y a b c && echo "x $(y) z" | tee q; for i in 1 2; do echo $i; done');
  const before = lines(file);
  for (let i = 0; i < 50; i++)
    lines(parseBash(`x${i} y z w v u t s r q p o n m l k j i h g f e d c b a; if a; then b; fi`));
  assert.throws(() => parseBash('if then fi((('));
  const after = lines(file);
  assert.deepEqual(after, before);
});
