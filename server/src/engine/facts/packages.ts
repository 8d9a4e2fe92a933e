import type { Instruction } from 'dockerfile-ast';
import type { DockerfileModel, Stage } from '../models/dockerfile';
import { effectiveCommand, isShellForm, wordRemovalSpan } from '../models/runScript';
import type { ShellCommand, ShellWord } from '../models/shell';

export type Manager = 'apt-get' | 'apt' | 'apk' | 'yum' | 'dnf' | 'microdnf' | 'zypper' | 'pip' | 'npm' | 'gem' | 'go';
export const OS_MANAGERS: ReadonlySet<Manager> = new Set<Manager>([
  'apt-get',
  'apt',
  'apk',
  'yum',
  'dnf',
  'microdnf',
  'zypper',
]);
export const RPM_MANAGERS: ReadonlySet<Manager> = new Set<Manager>(['yum', 'dnf', 'microdnf']);

export interface PackageSpec {
  word: ShellWord;
  /** Name without version, architecture, extras or repository tag; '' when the word expands at run time. */
  name: string;
  /** The version part as written (`7.88.1-10`, `>=1`, `latest`), or from gem's `-v`. */
  version?: string;
  /** A version or range that does not float (`latest`, `main`… do). Dynamic words count when they carry a version part. */
  pinned: boolean;
  /** A path, URL, archive, VCS reference: nothing a registry resolves by name. */
  local: boolean;
  dynamic: boolean;
}

export interface PackageCommand {
  stage: Stage;
  run: Instruction;
  cmd: ShellCommand;
  manager: Manager;
  /** The word naming the tool (`apt-get`, `pip3`, or `python3` of `python3 -m pip`). */
  tool: ShellWord;
  /** The subcommand, normalised (`in`, `i` → `install`; `erase`, `rm` → `remove`; `up` → `upgrade`; `ref` → `refresh`). */
  action: string;
  sub?: ShellWord;
  /** Every word after the tool. */
  args: ShellWord[];
  packages: PackageSpec[];
  /** apk `--virtual`/`-t` group name. */
  group?: string;
  /** apt's `-s`/`--simulate`/`--dry-run`: nothing is installed. */
  simulated: boolean;
}

const ALIASES: Record<string, string> = {
  in: 'install',
  i: 'install',
  isntall: 'install',
  add: 'add',
  erase: 'remove',
  rm: 'remove',
  up: 'upgrade',
  update: 'update',
  ref: 'refresh',
  dup: 'dist-upgrade',
  cc: 'clean',
  localinstall: 'install',
  groupinstall: 'install',
};
const RPM_ACTIONS: Record<string, string> = { ...ALIASES, update: 'upgrade' };
const NPM_ACTIONS: Record<string, string> = {
  i: 'install',
  in: 'install',
  add: 'install',
  isntall: 'install',
  install: 'install',
};

/** Options whose value is the next word, per tool (the `--x=value` form needs no entry). */
const VALUE_FLAGS: Record<string, string[]> = {
  apt: [
    '-o',
    '--option',
    '-c',
    '--config-file',
    '-t',
    '--target-release',
    '--default-release',
    '-a',
    '--host-architecture',
    '-P',
    '--build-profiles',
  ],
  apk: [
    '-t',
    '--virtual',
    '-X',
    '--repository',
    '-p',
    '--root',
    '--arch',
    '--cache-dir',
    '--keys-dir',
    '--repositories-file',
    '--cache-max-age',
    '--timeout',
  ],
  rpm: [
    '-c',
    '--config',
    '--installroot',
    '--releasever',
    '-x',
    '--exclude',
    '--enablerepo',
    '--disablerepo',
    '--repo',
    '--repoid',
    '--setopt',
    '-d',
    '--debuglevel',
    '-e',
    '--errorlevel',
    '--downloaddir',
    '--destdir',
    '--forcearch',
    '--repofrompath',
  ],
  zypper: [
    '-R',
    '--root',
    '-c',
    '--config',
    '-D',
    '--reposd-dir',
    '-C',
    '--cache-dir',
    '-t',
    '--type',
    '-r',
    '--repo',
    '--from',
  ],
  pip: [
    '-r',
    '--requirement',
    '-c',
    '--constraint',
    '-e',
    '--editable',
    '-i',
    '--index-url',
    '--extra-index-url',
    '-f',
    '--find-links',
    '-t',
    '--target',
    '--prefix',
    '--root',
    '--trusted-host',
    '--platform',
    '--python-version',
    '--implementation',
    '--abi',
    '--only-binary',
    '--no-binary',
    '--upgrade-strategy',
    '--progress-bar',
    '--cache-dir',
    '--src',
    '--log',
    '--proxy',
    '--retries',
    '--timeout',
    '--exists-action',
    '--global-option',
    '-C',
    '--config-settings',
    '--install-option',
    '--python',
    '--report',
  ],
  npm: [
    '--prefix',
    '--registry',
    '--cache',
    '-w',
    '--workspace',
    '--omit',
    '--include',
    '--loglevel',
    '--tag',
    '--userconfig',
    '--globalconfig',
    '--install-strategy',
    '--scope',
  ],
  gem: [
    '-v',
    '--version',
    '-i',
    '--install-dir',
    '-n',
    '--bindir',
    '--source',
    '-s',
    '-P',
    '--trust-policy',
    '--platform',
    '-g',
    '--file',
    '--build-root',
  ],
  go: [
    '-ldflags',
    '-tags',
    '-o',
    '-gcflags',
    '-mod',
    '-modfile',
    '-p',
    '-pkgdir',
    '-toolexec',
    '-C',
    '-overlay',
    '-buildmode',
    '-compiler',
    '-asmflags',
    '-installsuffix',
    '-pgo',
    '-exec',
    '-gccgoflags',
  ],
};
const flagFamily = (m: Manager) => (m === 'apt-get' ? 'apt' : RPM_MANAGERS.has(m) ? 'rpm' : m);

function managerOf(name: string, args: readonly ShellWord[]): { manager: Manager; skip: number } | undefined {
  if (
    name === 'apt-get' ||
    name === 'apt' ||
    name === 'apk' ||
    name === 'yum' ||
    name === 'microdnf' ||
    name === 'zypper' ||
    name === 'npm' ||
    name === 'gem' ||
    name === 'go'
  )
    return { manager: name, skip: 0 };
  if (name === 'dnf' || name === 'dnf5') return { manager: 'dnf', skip: 0 };
  if (/^pip[\d.]*$/.test(name)) return { manager: 'pip', skip: 0 };
  const m = args.findIndex((w) => w.value === '-m');
  if (/^python[\d.]*$/.test(name) && m >= 0 && /^pip[\d.]*$/.test(args[m + 1]?.value ?? ''))
    return { manager: 'pip', skip: m + 2 };
  return undefined;
}

/** Recognises a package-manager invocation in one simple command. */
export function packageCommand(stage: Stage, run: Instruction, cmd: ShellCommand): PackageCommand | undefined {
  if (!isShellForm(run)) cmd = execFormCommand(cmd);
  const { name, tool, args: all } = effectiveCommand(cmd);
  const found = tool && managerOf(name, all);
  if (!found) return undefined;
  const { manager } = found;
  const args = all.slice(found.skip);
  const valueFlags = VALUE_FLAGS[flagFamily(manager)];
  const isValueFlag = (v: string) => valueFlags.includes(v);
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
  const raw = sub?.value ?? '';
  const action =
    manager === 'npm'
      ? (NPM_ACTIONS[raw] ?? raw)
      : manager === 'gem' && raw === 'i'
        ? 'install'
        : ((RPM_MANAGERS.has(manager) ? RPM_ACTIONS : ALIASES)[raw] ?? raw);
  const simulated =
    (manager === 'apt-get' || manager === 'apt') &&
    args.some((w) => /^(--simulate|--dry-run|--just-print|--no-act|--recon|-[a-zA-Z]*s[a-zA-Z]*)$/.test(w.value ?? ''));
  const pc: PackageCommand = { stage, run, cmd, manager, tool, action, sub, args, packages: [], simulated };
  let gemVersion: string | undefined;
  const operands: ShellWord[] = [];
  let endOfOptions = false;
  for (let k = i + 1; k < args.length; k++) {
    const v = args[k].value;
    if (!endOfOptions && v === '--') endOfOptions = true;
    else if (!endOfOptions && v?.startsWith('-')) {
      const [flag, inline] = v.split(/=(.*)/s);
      const value = inline ?? (isValueFlag(v) ? args[++k]?.value : undefined);
      if (manager === 'apk' && (flag === '--virtual' || flag === '-t')) pc.group = value;
      if (manager === 'gem' && (flag === '-v' || flag === '--version')) gemVersion = value;
    } else operands.push(args[k]);
  }
  const takesPackages = [
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
  ].includes(action);
  if (takesPackages) {
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

const FLOATING = /^(latest|next|main|master|head|upgrade|patch|\*)$/i;
const ARCHIVE = /\.(deb|rpm|apk|whl|tar\.gz|tgz|tar\.bz2|zip|gem|go)$/i;

function spec(manager: Manager, word: ShellWord, gemVersion?: string): PackageSpec {
  const dynamic = word.value === undefined;
  const v = word.value ?? word.raw.replace(/["']/g, '');
  const local =
    /^(\.\.?(\/|\[|$)|\/|~)/.test(v) ||
    /^[\w+.-]+:\/\//.test(v) ||
    /^(git\+|git@|file:|github:)/.test(v) ||
    ARCHIVE.test(v) ||
    (manager === 'npm' && /^[^@][^@]*\/[^@]/.test(v));
  let name = v;
  let version: string | undefined;
  const cut = (at: number, skip = 0) => {
    if (at > 0) [name, version] = [v.slice(0, at), v.slice(at + skip)];
  };
  if (manager === 'apt-get' || manager === 'apt') {
    cut(v.indexOf('='), 1);
    name = name.replace(/[:/].*$/, '');
  } else if (manager === 'apk' || manager === 'zypper') {
    cut(v.search(/[=<>~]/));
    name = name.replace(/@.*$/, '');
    if (manager === 'zypper' && !version) rpmSplit();
  } else if (RPM_MANAGERS.has(manager)) rpmSplit();
  else if (manager === 'pip') {
    const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?\s*(.*)$/.exec(v);
    if (m) [name, version] = [m[1].toLowerCase(), m[3].split(';')[0].trim() || undefined];
  } else if (manager === 'npm' || manager === 'go') cut(v.indexOf('@', 1), 1);
  else if (manager === 'gem') {
    cut(v.indexOf(':'), 1);
    version ??= gemVersion;
  }
  const pinned =
    version !== undefined &&
    version !== '' &&
    !FLOATING.test(version) &&
    !(manager === 'go' && !/^v\d|^[0-9a-f]{7,40}$/.test(version));
  return { word, name: dynamic ? '' : name, version, pinned, local, dynamic };

  function rpmSplit() {
    const m = /^(.+?)-(\d[\w.+~^*]*(?:-[\w.+~^*]+)?)$/.exec(v);
    if (m && (/\d\.\d/.test(m[2]) || m[2].includes('$'))) [name, version] = [m[1], m[2]];
    else if (/-\$/.test(v)) [name, version] = [v.slice(0, v.indexOf('-$')), v.slice(v.indexOf('-$') + 1)];
  }
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

/** How the command reads in a message: `apt-get install`, `pip3 install`, `python3 -m pip install`. */
export function commandLabel(pc: PackageCommand): string {
  const tool = pc.tool.value ?? pc.manager;
  const base = tool.slice(tool.lastIndexOf('/') + 1);
  const via = pc.manager === 'pip' && !base.startsWith('pip') ? ' -m pip' : '';
  return `${base}${via}${pc.sub?.value ? ` ${pc.sub.value}` : ''}`;
}
