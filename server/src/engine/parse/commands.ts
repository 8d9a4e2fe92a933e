import type { Instruction } from 'dockerfile-ast';
import type { DockerfileModel, Stage } from './dockerfile';
import type { ShellCommand, ShellWord } from './shell';

export interface RunCommand {
  stage: Stage;
  run: Instruction;
  cmd: ShellCommand;
}

/** Every simple command of every RUN (shell form, heredocs, `sh -c` bodies), optionally of one stage only. */
export function* runCommands(model: DockerfileModel, stage?: Stage): Generator<RunCommand> {
  for (const s of stage ? [stage] : model.stages) {
    for (const run of s.instructions) {
      if (run.getKeyword() !== 'RUN') continue;
      for (const cmd of model.shell(run).commands) yield { stage: s, run, cmd };
    }
  }
}

/** The command without leading `sudo`/`env`/`nice`/`exec`-like wrappers and their options. */
export function unwrap(cmd: ShellCommand): { name: string; args: ShellWord[] } {
  const WRAPPERS = new Set(['sudo', 'env', 'nice', 'nohup', 'exec', 'command', 'time', 'doas']);
  let i = 0;
  while (i < cmd.words.length) {
    const v = cmd.words[i].value ?? '';
    const base = v.slice(v.lastIndexOf('/') + 1);
    if (!WRAPPERS.has(base)) break;
    i++;
    while (i < cmd.words.length && ((cmd.words[i].value ?? '').startsWith('-') || (base === 'env' && /^\w+=/.test(cmd.words[i].value ?? '')))) i++;
  }
  const v = cmd.words[i]?.value ?? '';
  return { name: v.slice(v.lastIndexOf('/') + 1), args: cmd.words.slice(i + 1) };
}

export interface FlagSpec {
  /** Single-letter flags, e.g. 'y' matches `-y` and `-qy`. */
  short?: string[];
  /** Long flags without dashes, e.g. 'yes' matches `--yes` and `--yes=…`. */
  long?: string[];
}

/** The first word that is one of the flags (in a cluster like `-fsSL` too); stops at `--`. */
export function findFlag(args: readonly ShellWord[], spec: FlagSpec): ShellWord | undefined {
  for (const w of args) {
    const v = w.value;
    if (v === undefined) continue;
    if (v === '--') return undefined;
    if (v.startsWith('--')) {
      const name = v.slice(2).split('=')[0];
      if (spec.long?.includes(name)) return w;
    } else if (v.startsWith('-') && v.length > 1 && spec.short?.some((s) => v.slice(1).includes(s))) {
      return w;
    }
  }
  return undefined;
}

/** Words that are not flags (package names, URLs…), after the subcommand position `skip`. */
export function operands(args: readonly ShellWord[], skip = 0, flagsWithValue: readonly string[] = []): ShellWord[] {
  const out: ShellWord[] = [];
  for (let i = skip; i < args.length; i++) {
    const v = args[i].value ?? '';
    if (v.startsWith('-')) {
      if (flagsWithValue.includes(v)) i++;
      continue;
    }
    out.push(args[i]);
  }
  return out;
}

/** Offsets that delete `word` and the blank before it, so `a -k b` becomes `a b`. Null when it would join lines. */
export function removalSpan(text: string, word: ShellWord): { start: number; end: number } | undefined {
  let start = word.start;
  while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  if (start === word.start) return undefined;
  return { start, end: word.end };
}
