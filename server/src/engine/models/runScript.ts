import type { Instruction, Run } from 'dockerfile-ast';
import { unwrap } from './commands';
import { dockerToShell, type DockerfileModel, type Stage } from './dockerfile';
import { isNode, items } from './goAst';
import { parseBash, type ShellCommand, type ShellWord } from './shell';

const XARGS_VALUE_FLAGS = [
  '-I',
  '-i',
  '-n',
  '-L',
  '-P',
  '-d',
  '-E',
  '-s',
  '-a',
  '--max-args',
  '--max-procs',
  '--delimiter',
  '--arg-file',
];

/** The command actually run, looking through `sudo`/`env` wrappers and `xargs`. */
export function effectiveCommand(cmd: ShellCommand): { name: string; tool?: ShellWord; args: readonly ShellWord[] } {
  let { name, args } = unwrap(cmd);
  let tool = cmd.words[cmd.words.length - args.length - 1];
  // `command -v apt-get` looks a tool up; it does not run it.
  const lookup = cmd.words.findIndex((w) => w.value === 'command');
  if (
    lookup >= 0 &&
    tool &&
    lookup < cmd.words.indexOf(tool) &&
    cmd.words.slice(lookup + 1, cmd.words.indexOf(tool)).some((w) => /^-[a-zA-Z]*[vV]/.test(w.value ?? ''))
  )
    return { name: '', args: [] };
  if (name === 'xargs') {
    let i = 0;
    while (i < args.length && (args[i].value ?? '').startsWith('-'))
      i += XARGS_VALUE_FLAGS.includes(args[i].value!) ? 2 : 1;
    tool = args[i];
    const v = tool?.value ?? '';
    name = v.slice(v.lastIndexOf('/') + 1);
    args = args.slice(i + 1);
  }
  return { name, tool, args };
}

/** The stages whose files end up in the image: the final stage and the stages it is built `FROM`. */
export function shippedStages(model: DockerfileModel): Stage[] {
  return model.finalStage ? [...model.finalStage.chain] : [];
}

/** A stage and every stage built on it (`FROM <stage>`), transitively, in document order. */
export function stageAndDescendants(model: DockerfileModel, stage: Stage): Stage[] {
  return model.stages.filter((s) => s.chain.includes(stage));
}

/** Targets of `RUN --mount=type=cache|tmpfs,target=…` (normalised paths). */
export function cacheMountTargets(run: Instruction): string[] {
  const out: string[] = [];
  for (const f of (run as Run).getFlags?.() ?? []) {
    if (f.getName() !== 'mount') continue;
    const opts = new Map((f.getValue() ?? '').split(',').map((kv) => kv.split('=') as [string, string]));
    const type = opts.get('type') ?? 'bind';
    const target = opts.get('target') ?? opts.get('dst') ?? opts.get('destination');
    if ((type === 'cache' || type === 'tmpfs') && target) out.push(normalizePath(target));
  }
  return out;
}

/** `/var/lib/apt/lists/*` and `/var/lib/apt/lists/` → `/var/lib/apt/lists`. */
export function normalizePath(p: string): string {
  const out = p.replace(/\/+/g, '/').replace(/(\/\*?)+$/, '');
  return out === '' && p.startsWith('/') ? '/' : out;
}

/** Whether the RUN deletes a path accepted by `accepts` (with `rm`) after document offset `after`. */
export function removesPath(
  model: DockerfileModel,
  run: Instruction,
  after: number,
  accepts: (path: string) => boolean,
): boolean {
  return model.shell(run).commands.some((c) => {
    if (c.start < after) return false;
    const { name, args } = effectiveCommand(c);
    return (
      name === 'rm' &&
      args.some((w) => w.value !== undefined && !w.value.startsWith('-') && accepts(normalizePath(w.value)))
    );
  });
}

/** A RUN whose words can be edited in place: shell form (exec-form words are JSON strings). */
export function isShellForm(run: Instruction): boolean {
  return ((run as Run).getJSONStrings?.() ?? []).length === 0;
}

/**
 * Where ` && <command>` can be appended so it runs after the whole RUN script: the end of its last top-level
 * statement (before a trailing `;` or comment). Undefined for exec form, heredocs, background jobs or unparsable text.
 */
export function runAppendOffset(model: DockerfileModel, run: Instruction): number | undefined {
  const argsRange = run.getArgumentsRange();
  if (!argsRange || !isShellForm(run) || (run as Run).getHeredocs().length > 0) return undefined;
  let start = model.offsets(argsRange).start;
  for (const f of (run as Run).getFlags?.() ?? []) start = Math.max(start, model.offsets(f.getRange()).end);
  const script = dockerToShell(model.text.slice(start, model.offsets(run.getRange()).end), model.escape);
  if (/[^\x00-\x7f]/.test(script)) return undefined;
  try {
    const last = items(parseBash(script).Stmts).pop();
    if (!last || last.Background || last.Coprocess) return undefined;
    let end = isNode(last.Cmd) ? last.Cmd.End().Offset() : last.End().Offset();
    for (const r of items(last.Redirs)) end = Math.max(end, r.End().Offset());
    return start + end;
  } catch {
    return undefined;
  }
}

/**
 * Offsets that delete one word of a RUN (a package from an install list): the whole line when the word stands alone
 * on a continued line, the continuation before it when it ends the RUN, else the word and the blanks around it.
 * Undefined for exec form.
 */
export function wordRemovalSpan(
  model: DockerfileModel,
  run: Instruction,
  word: ShellWord,
): { start: number; end: number } | undefined {
  if (!isShellForm(run)) return undefined;
  const text = model.text;
  const { start, end } = word;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const nl = text.indexOf('\n', end);
  const lineEnd = nl < 0 ? text.length : nl;
  const before = text.slice(lineStart, start);
  const after = text.slice(end, lineEnd).replace(/\r$/, '');
  const esc = model.escape === '`' ? '`' : '\\\\';
  if (/^[ \t]*$/.test(before) && new RegExp(`^[ \\t]*${esc}[ \\t]*$`).test(after) && nl >= 0)
    return { start: lineStart, end: nl + 1 };
  if (/^[ \t]*$/.test(before) && /^[ \t]*$/.test(after)) {
    // Last word of the RUN on a continued line: take the previous line's continuation with it.
    const cont = new RegExp(`[ \\t]*${esc}[ \\t]*\\r?\\n$`).exec(text.slice(0, lineStart));
    return cont ? { start: cont.index, end } : undefined;
  }
  let s = start;
  while (s > lineStart && (text[s - 1] === ' ' || text[s - 1] === '\t')) s--;
  if (s < start) return { start: s, end };
  let e = end;
  while (e < lineEnd && (text[e] === ' ' || text[e] === '\t')) e++;
  return e > end ? { start, end: e } : undefined;
}
