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

/** Commands that run their arguments as a command, with the options of theirs that take a value. */
const WRAPPERS = new Map<string, string[]>(
  Object.entries({
    sudo: [
      'u',
      'g',
      'C',
      'D',
      'h',
      'p',
      'r',
      't',
      'U',
      'T',
      'user',
      'group',
      'close-from',
      'chdir',
      'host',
      'prompt',
      'role',
      'type',
      'other-user',
      'command-timeout',
    ],
    doas: ['u', 'C'],
    env: ['u', 'C', 'S', 'unset', 'chdir', 'split-string'],
    nice: ['n', 'adjustment'],
    nohup: [],
    exec: ['a'],
    command: [],
    time: ['f', 'o', 'format', 'output'],
  }),
);

/** The command without leading `sudo`/`env`/`nice`/`exec`-like wrappers and their options. */
export function unwrap(cmd: ShellCommand): { name: string; args: readonly ShellWord[] } {
  let found = unwrapped.get(cmd);
  if (!found) unwrapped.set(cmd, (found = unwrapOnce(cmd)));
  return found;
}

/** Most rules ask for every command of every RUN: computed once per command (commands are never changed). */
const unwrapped = new WeakMap<ShellCommand, { name: string; args: readonly ShellWord[] }>();

function unwrapOnce(cmd: ShellCommand): { name: string; args: readonly ShellWord[] } {
  let i = 0;
  while (i < cmd.words.length) {
    const v = cmd.words[i].value ?? '';
    const base = v.slice(v.lastIndexOf('/') + 1);
    const withValue = WRAPPERS.get(base);
    if (!withValue) break;
    i++;
    while (i < cmd.words.length) {
      const w = cmd.words[i].value ?? '';
      if (w === '--') {
        i++;
        break;
      }
      if (base === 'env' && /^\w+=/.test(w)) i++;
      else if (w.startsWith('-') && w.length > 1) {
        // `-u postgres`: the value is the next word unless it is glued on (`-upostgres`, `--user=x`).
        const letter = w.startsWith('--') ? w.slice(2) : w.slice(-1);
        i += withValue.includes(letter) && !w.includes('=') && (w.startsWith('--') || w.length === 2) ? 2 : 1;
      } else break;
    }
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
