import type { Instruction } from 'dockerfile-ast';
import type { DockerfileModel, Stage } from '../models/dockerfile';
import { effectiveCommand, isShellForm, wordRemovalSpan } from '../models/runScript';
import type { ShellCommand, ShellWord } from '../models/shell';

import {
  APT_MANAGERS,
  type Manager,
  managerOf,
  moduleSpec,
  normaliseAction,
  OS_MANAGERS,
  type PackageSpec,
  RPM_MANAGERS,
  spec,
} from './packageSpecs';
import { valueFlags } from './packageFlags';

export { APT_MANAGERS, type Manager, OS_MANAGERS, type PackageSpec, RPM_MANAGERS };

export interface PackageCommand {
  stage: Stage;
  run: Instruction;
  cmd: ShellCommand;
  manager: Manager;
  /** The word naming the tool (`apt-get`, `pip3`, or `python3` of `python3 -m pip`). */
  tool: ShellWord;
  /** The subcommand, normalised (`in`, `i` → `install`; `erase`, `rm` → `remove`; `up` → `upgrade`; `rei` → `reinstall`). */
  action: string;
  sub?: ShellWord;
  /** The subcommand of `module`/`group` (`dnf module install` → `install`). */
  subAction?: string;
  /** Every word after the tool. */
  args: ShellWord[];
  packages: PackageSpec[];
  /** apk `--virtual`/`-t` group name. */
  group?: string;
  /** apt's `-s`/`--simulate`/`--dry-run`: nothing is installed. */
  simulated: boolean;
  /** pip's `-c`/`--constraint` file: it may pin every package the command names. */
  constrained: boolean;
}

/** Subcommands whose operands are packages. */
const TAKES_PACKAGES = new Set([
  'install',
  'add',
  'remove',
  'purge',
  'del',
  'uninstall',
  'get',
  'run',
  'upgrade',
  'reinstall',
  'dist-upgrade',
]);

/** Recognises a package-manager invocation in one simple command. */
export function packageCommand(stage: Stage, run: Instruction, cmd: ShellCommand): PackageCommand | undefined {
  if (!isShellForm(run)) cmd = execFormCommand(cmd);
  const { name, tool, args: all } = effectiveCommand(cmd);
  const found = tool && managerOf(name, all);
  if (!found) return undefined;
  const { manager } = found;
  const args = all.slice(found.skip);
  const flags = valueFlags(manager);
  const isValueFlag = (v: string) => flags.includes(v);
  let sub: ShellWord | undefined;
  let i = 0;
  for (; i < args.length; i++) {
    const v = args[i].value;
    if (v === undefined) break;
    if (v.startsWith('-')) {
      if (isValueFlag(v)) i++;
      continue;
    }
    sub = args[i];
    break;
  }
  const action = normaliseAction(manager, sub?.value ?? '');
  const simulated =
    APT_MANAGERS.has(manager) &&
    args.some((w) => /^(--simulate|--dry-run|--just-print|--no-act|--recon|-[a-zA-Z]*s[a-zA-Z]*)$/.test(w.value ?? ''));
  const pc: PackageCommand = {
    stage,
    run,
    cmd,
    manager,
    tool,
    action,
    sub,
    args,
    packages: [],
    simulated,
    constrained: false,
  };
  let gemVersion: string | undefined;
  const operands: ShellWord[] = [];
  let endOfOptions = false;
  for (let k = i + 1; k < args.length; k++) {
    const v = args[k].value;
    if (!endOfOptions && v === '--') {
      // gem passes what follows `--` to the extensions' build (`-- --use-system-libraries`): no gems there.
      if (manager === 'gem') break;
      endOfOptions = true;
    } else if (!endOfOptions && v?.startsWith('-')) {
      const [flag, inline] = v.split(/=(.*)/s);
      const value = inline ?? (isValueFlag(v) ? args[++k]?.value : undefined);
      if (manager === 'apk' && (flag === '--virtual' || flag === '-t')) pc.group = value;
      if (manager === 'gem' && (flag === '-v' || flag === '--version')) gemVersion = value;
      if (manager === 'pip' && (flag === '-c' || flag === '--constraint' || /^-c./.test(flag))) pc.constrained = true;
    } else if (
      manager === 'gem' &&
      /^(true|false)$/.test(v ?? '') &&
      /^--[\w-]+$/.test(args[k - 1]?.value ?? '') &&
      !isValueFlag(args[k - 1].value!)
    ) {
      // `gem install x:1.2 --use-system-libraries true`: a switch's value, not a gem named "true".
    } else operands.push(args[k]);
  }
  if ((action === 'module' || action === 'group') && RPM_MANAGERS.has(manager)) {
    // `dnf module install nodejs:18`, `dnf group install "Development Tools"`, `yum groupinstall …`.
    const grouped = sub?.value?.startsWith('group') && sub.value !== 'group' && sub.value !== 'grp';
    pc.subAction = grouped ? normaliseAction(manager, sub!.value!.slice('group'.length)) : operands.shift()?.value;
    if (pc.subAction && action === 'module' && ['install', 'in', 'enable'].includes(pc.subAction))
      pc.packages = operands.map(moduleSpec);
  } else if (TAKES_PACKAGES.has(action)) {
    const words = manager === 'go' && action === 'run' ? operands.slice(0, 1) : operands;
    pc.packages = words.map((w) => spec(manager, w, gemVersion));
  }
  return pc;
}

/** Exec-form words hold JSON strings; their values are what JSON.parse gives. */
function execFormCommand(cmd: ShellCommand): ShellCommand {
  const words = cmd.words.map((w) => {
    try {
      const value: unknown = JSON.parse(w.raw);
      return typeof value === 'string' ? { ...w, value } : w;
    } catch {
      return w;
    }
  });
  const first = words[0]?.value ?? '';
  return { ...cmd, words, name: first.slice(first.lastIndexOf('/') + 1) };
}

/** Every package-manager invocation of the given stages (all stages by default), in document order. */
export function packageCommands(model: DockerfileModel, stages: readonly Stage[] = model.stages): PackageCommand[] {
  const out: PackageCommand[] = [];
  for (const stage of stages) {
    for (const run of stage.instructions) {
      if (run.getKeyword() !== 'RUN') continue;
      for (const cmd of model.shell(run).commands) {
        const pc = packageCommand(stage, run, cmd);
        if (pc) out.push(pc);
      }
    }
  }
  return out;
}

/** Offsets that delete one package from its install command; undefined when it is the only one. */
export function packageRemovalSpan(
  model: DockerfileModel,
  pc: PackageCommand,
  pkg: PackageSpec,
): { start: number; end: number } | undefined {
  return pc.packages.length < 2 ? undefined : wordRemovalSpan(model, pc.run, pkg.word);
}

/** How the command reads in a message: `apt-get install`, `pip3 install`, `python3 -m pip install`, `python -m pipx install`. */
export function commandLabel(pc: PackageCommand): string {
  const tool = pc.tool.value ?? pc.manager;
  const base = tool.slice(tool.lastIndexOf('/') + 1);
  const via = (pc.manager === 'pip' || pc.manager === 'pipx') && !base.startsWith('pip') ? ` -m ${pc.manager}` : '';
  // `dnf module install`, `dnf group install`; `yum groupinstall` already says it.
  const then = pc.subAction && !/^group./.test(pc.sub?.value ?? '') ? ` ${pc.subAction}` : '';
  return `${base}${via}${pc.sub?.value ? ` ${pc.sub.value}` : ''}${then}`;
}
