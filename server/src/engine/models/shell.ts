import { syntax, type Node } from 'mvdan-sh';
import { goString, goValue, isNode, items, nodeType, walk, type GoNode } from './goAst';
import { MAX_SHELL_NESTING, shellNesting } from '../base/nesting';

/** A word of a simple command, with offsets in the document text. */
export interface ShellWord {
  /** The word's value when it is static (literals and quotes only); undefined when it expands at run time. */
  value: string | undefined;
  /** The word as written, quotes included. */
  raw: string;
  start: number;
  end: number;
}

export interface ShellAssign {
  name: string;
  value: string | undefined;
  start: number;
  end: number;
}

/** One simple command (`apt-get install -y curl`), possibly an element of a pipeline. */
export interface ShellCommand {
  /** Basename of the first word (`/usr/bin/curl` → `curl`), or '' for a bare assignment. */
  name: string;
  words: ShellWord[];
  assigns: ShellAssign[];
  start: number;
  end: number;
  /** Set when the command is a stage of a `|` pipeline: its stage index and the whole pipeline. */
  pipeline?: { index: number; commands: ShellCommand[] };
}

export interface ShellScript {
  commands: ShellCommand[];
  /** Pipelines of two or more commands, in source order. */
  pipelines: ShellCommand[][];
  /** Set when the script could not be parsed; commands are then empty. */
  error?: { message: string; offset: number };
}

const PIPE = 12;
const PIPE_ALL = 13;
const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh']);

/**
 * Parses `script` as bash. `map` turns an offset in `script` into an offset in the document;
 * `sh -c '<literal>'` bodies are parsed too, so their commands appear in the result with document offsets.
 */
export function parseShell(script: string, map: (offset: number) => number = (o) => o, depth = 0): ShellScript {
  let parsed = CACHE.get(script);
  if (parsed) {
    CACHE.delete(script);
  } else {
    try {
      parsed = parseScript(script, (o) => o, depth);
    } catch (e) {
      // Kept like any result: a script that breaks the analysis costs one attempt, not one per rule.
      parsed = {
        commands: [],
        pipelines: [],
        error: { message: `not analysed: ${e instanceof Error ? e.message : String(e)}`, offset: 0 },
      };
    }
    if (CACHE.size >= CACHE_SIZE) CACHE.delete(CACHE.keys().next().value!);
  }
  CACHE.set(script, parsed);
  return relocate(parsed, map);
}

/**
 * Parsing is the expensive part of linting a Dockerfile (mvdan-sh is Go compiled to JavaScript), and an
 * editor re-lints on every keystroke while most RUN bodies stay the same: results are kept per script
 * text, relative to it, in a small LRU, and moved to document offsets on the way out.
 */
const CACHE = new Map<string, ShellScript>();
const CACHE_SIZE = 500;

/** Empties the script cache: for benchmarks of cold lints (scripts/bench), not needed otherwise. */
export function clearShellCache(): void {
  CACHE.clear();
}

function relocate(s: ShellScript, map: (offset: number) => number): ShellScript {
  const moved = new Map<ShellCommand, ShellCommand>();
  const commands = s.commands.map((c) => {
    const m: ShellCommand = {
      name: c.name,
      words: c.words.map((w) => ({ ...w, start: map(w.start), end: map(w.end) })),
      assigns: c.assigns.map((a) => ({ ...a, start: map(a.start), end: map(a.end) })),
      start: map(c.start),
      end: map(c.end),
    };
    moved.set(c, m);
    return m;
  });
  const pipelines = s.pipelines.map((p) => p.map((c) => moved.get(c)!));
  for (const p of pipelines) p.forEach((c, index) => (c.pipeline = { index, commands: p }));
  return {
    commands,
    pipelines,
    ...(s.error ? { error: { message: s.error.message, offset: map(s.error.offset) } } : {}),
  };
}

/** Thrown by {@link parseBash} for scripts nested too deeply to parse safely; `offset` is where. */
export class ShellTooDeepError extends Error {
  constructor(readonly offset: number) {
    super(`nested more than ${MAX_SHELL_NESTING} levels deep`);
  }
}

/**
 * mvdan-sh's parser, behind the nesting bound: every caller goes through here, since one stack overflow
 * inside mvdan-sh breaks the parses after it (see parse/nesting). The tree comes as Go values (parse/goAst).
 */
export function parseBash(script: string): GoNode {
  const nesting = shellNesting(script);
  if (nesting.depth > MAX_SHELL_NESTING) throw new ShellTooDeepError(nesting.offset);
  // A Parser resets itself on each Parse; making one costs a tenth of a typical parse.
  PARSER ??= syntax.NewParser(syntax.Variant(syntax.LangBash));
  return goValue(PARSER.Parse(script, ''));
}

let PARSER: { Parse(src: string, name: string): Node } | undefined;

function parseScript(script: string, map: (offset: number) => number, depth: number): ShellScript {
  const toUtf16 = byteToUtf16(script);
  const off = (byteOffset: number) => map(toUtf16(byteOffset));
  let file: GoNode;
  try {
    file = parseBash(script);
  } catch (e) {
    if (e instanceof ShellTooDeepError)
      return { commands: [], pipelines: [], error: { message: e.message, offset: map(e.offset) } };
    const err = e as { Text?: string; Pos?: { Offset(): number } };
    return {
      commands: [],
      pipelines: [],
      error: { message: err.Text ?? String(e), offset: err.Pos ? off(err.Pos.Offset()) : map(0) },
    };
  }
  const commands: ShellCommand[] = [];
  const pipelines: ShellCommand[][] = [];
  const byNode = new Map<GoNode, ShellCommand>();
  // Pipe BinaryCmds met on the way: one walk instead of two.
  const pipes: GoNode[] = [];
  walk(file, (n, type) => {
    // Commands inside a word come from substitutions ($(…), `…`, <(…)); words without them are not walked into.
    if (type === 'Word') return SUBSTITUTION.test(script.slice(toUtf16(n.Pos().Offset()), toUtf16(n.End().Offset())));
    if (type === 'BinaryCmd') {
      if (isPipe(n.Op)) pipes.push(n);
    } else if (type === 'DeclClause') {
      commands.push(declaration(n, toUtf16, map));
    } else if (type === 'CallExpr') {
      const cmd = toCommand(n, script, toUtf16, map);
      byNode.set(n, cmd);
      commands.push(cmd);
      if (depth < 2) nested(cmd, depth, commands, pipelines);
    }
    return true;
  });

  // Pipelines are nested BinaryCmds (`a | b | c` = (a | b) | c); collect leaves left to right, from the outermost
  // pipes only (the walk is pre-order: a pipe inside an earlier one starts within its span).
  let outerEnd = -1;
  for (const n of pipes) {
    const start = n.Pos().Offset();
    if (start < outerEnd) continue;
    outerEnd = n.End().Offset();
    const stages: ShellCommand[] = [];
    collectPipe(n, stages, byNode);
    if (stages.length > 1) {
      pipelines.push(stages);
      stages.forEach((c, index) => (c.pipeline = { index, commands: stages }));
    }
  }
  commands.sort((a, b) => a.start - b.start);
  return { commands, pipelines };
}

const SUBSTITUTION = /[$`]|[<>]\(/;

function isPipe(op: number): boolean {
  return op === PIPE || op === PIPE_ALL;
}

function collectPipe(n: GoNode, out: ShellCommand[], byNode: Map<GoNode, ShellCommand>): void {
  for (const side of [n.X, n.Y]) {
    const cmd = isNode(side) ? side.Cmd : undefined;
    if (!isNode(cmd)) continue;
    if (nodeType(cmd) === 'BinaryCmd' && isPipe(cmd.Op)) collectPipe(cmd, out, byNode);
    else {
      const c = byNode.get(cmd);
      if (c) out.push(c);
      else out.push(...firstCommandsOf(cmd, byNode));
    }
  }
}

/** For a compound stage (`{ a; b; } | sh`), the commands inside it count as that stage. */
function firstCommandsOf(n: GoNode, byNode: Map<GoNode, ShellCommand>): ShellCommand[] {
  const found: ShellCommand[] = [];
  walk(n, (m) => {
    const c = byNode.get(m);
    if (c) found.push(c);
    return true;
  });
  return found.slice(-1);
}

function toCommand(
  n: GoNode,
  script: string,
  toUtf16: (b: number) => number,
  map: (o: number) => number,
): ShellCommand {
  const off = (b: number) => map(toUtf16(b));
  const words: ShellWord[] = items(n.Args).map((w) => {
    const [s, e] = [toUtf16(w.Pos().Offset()), toUtf16(w.End().Offset())];
    return { value: wordValue(w), raw: script.slice(s, e), start: map(s), end: map(e) };
  });
  const assigns: ShellAssign[] = items(n.Assigns).map((a) => ({
    name: isNode(a.Name) ? goString(a.Name.Value) : '',
    value: isNode(a.Value) ? wordValue(a.Value) : '',
    start: off(a.Pos().Offset()),
    end: off(a.End().Offset()),
  }));
  const first = words[0]?.value ?? '';
  return {
    name: first.slice(first.lastIndexOf('/') + 1),
    words,
    assigns,
    start: off(n.Pos().Offset()),
    end: off(n.End().Offset()),
  };
}

/** `export A=1`, `readonly`, `declare`, `local`: a command named by the keyword whose assignments are its arguments. */
function declaration(n: GoNode, toUtf16: (b: number) => number, map: (o: number) => number): ShellCommand {
  const off = (b: number) => map(toUtf16(b));
  const assigns: ShellAssign[] = items(n.Args)
    .filter((a) => isNode(a.Name))
    .map((a) => ({
      name: goString(a.Name.Value),
      value: isNode(a.Value) ? wordValue(a.Value) : a.Naked ? undefined : '',
      start: off(a.Pos().Offset()),
      end: off(a.End().Offset()),
    }));
  const keyword = goString(n.Variant.Value);
  const start = off(n.Pos().Offset());
  return {
    name: keyword,
    words: [{ value: keyword, raw: keyword, start, end: start + keyword.length }],
    assigns,
    start,
    end: off(n.End().Offset()),
  };
}

/** `sh -c '<script>'` and `bash -ec "<script>"`: parse the literal body as a script of its own. */
function nested(cmd: ShellCommand, depth: number, commands: ShellCommand[], pipelines: ShellCommand[][]): void {
  if (!SHELLS.has(cmd.name)) return;
  const flagIndex = cmd.words.findIndex((w, i) => i > 0 && w.value !== undefined && /^-[a-z]*c[a-z]*$/.test(w.value));
  const body = cmd.words[flagIndex + 1];
  if (flagIndex < 0 || !body || body.value === undefined) return;
  // Only bodies whose value is their text (bare, or wholly single-quoted) map 1:1 onto the document.
  const shift = body.raw === body.value ? 0 : body.raw === `'${body.value}'` ? 1 : -1;
  if (shift < 0 || body.end - body.start !== body.raw.length) return;
  const sub = parseScript(body.value, (o) => body.start + shift + o, depth + 1);
  commands.push(...sub.commands);
  pipelines.push(...sub.pipelines);
}

/** Static value of a word: literals, single quotes and double quotes without expansions. */
function wordValue(w: GoNode): string | undefined {
  let out = '';
  for (const p of items(w.Parts)) {
    const t = nodeType(p);
    if (t === 'Lit') out += unescapeLit(goString(p.Value));
    else if (t === 'SglQuoted') out += goString(p.Value);
    else if (t === 'DblQuoted') {
      for (const q of items(p.Parts)) {
        if (nodeType(q) !== 'Lit') return undefined;
        out += goString(q.Value).replace(/\\([$`"\\\n])/g, '$1');
      }
    } else return undefined;
  }
  return out;
}

function unescapeLit(s: string): string {
  return s.replace(/\\\r?\n/g, '').replace(/\\(.)/g, '$1');
}

/** mvdan-sh reports UTF-8 byte offsets; JavaScript strings index UTF-16 code units. */
function byteToUtf16(s: string): (byteOffset: number) => number {
  if (!/[^\x00-\x7f]/.test(s)) return (b) => b;
  const table: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const cp = s.codePointAt(i)!;
    const bytes = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    for (let k = 0; k < bytes; k++) table.push(i);
    if (cp >= 0x10000) i++;
  }
  return (b) => (b >= table.length ? s.length : table[b]);
}
