import type { ShellWord } from '../models/shell';

/** Per-manager tables: which commands are package managers, their subcommand aliases, options and package specs. */

export type Manager =
  | 'apt-get'
  | 'apt'
  | 'aptitude'
  | 'apk'
  | 'yum'
  | 'dnf'
  | 'microdnf'
  | 'zypper'
  | 'pip'
  | 'pipx'
  | 'npm'
  | 'gem'
  | 'go';
export const OS_MANAGERS: ReadonlySet<Manager> = new Set<Manager>([
  'apt-get',
  'apt',
  'aptitude',
  'apk',
  'yum',
  'dnf',
  'microdnf',
  'zypper',
]);
export const RPM_MANAGERS: ReadonlySet<Manager> = new Set<Manager>(['yum', 'dnf', 'microdnf']);
/** The Debian front ends that share apt's package syntax, lists and configuration. */
export const APT_MANAGERS: ReadonlySet<Manager> = new Set<Manager>(['apt-get', 'apt', 'aptitude']);

export interface PackageSpec {
  word: ShellWord;
  /** Name without version, architecture, extras or repository tag; '' when the name expands at run time. */
  name: string;
  /** The version part as written (`7.88.1-10`, `>=1`, `latest`, a VCS ref), or from gem's `-v`. */
  version?: string;
  /** A version or range that does not float (`latest`, `main`… do). Dynamic words count when they carry a version part. */
  pinned: boolean;
  /** A path, archive or URL that names a fixed file: nothing a registry resolves by name. */
  local: boolean;
  dynamic: boolean;
  /** Fetched from a VCS repository (`git+https://…`, `github:org/repo`) or an archive URL, not from a registry. */
  source?: 'vcs' | 'archive';
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
};
/** yum/dnf/microdnf command aliases, as dnf(8)'s command reference lists them; groups are not packages. */
const RPM_ACTIONS: Record<string, string> = {
  ...ALIASES,
  update: 'upgrade',
  'upgrade-to': 'upgrade',
  'update-to': 'upgrade',
  localupdate: 'upgrade',
  'upgrade-minimal': 'upgrade',
  'update-minimal': 'upgrade',
  'up-min': 'upgrade',
  rei: 'reinstall',
  dg: 'downgrade',
  dsync: 'distro-sync',
  distrosync: 'distro-sync',
  'distribution-synchronization': 'distro-sync',
  mc: 'makecache',
  grp: 'group',
  groupinstall: 'group',
  groupupdate: 'group',
  groupremove: 'group',
  grouperase: 'group',
  'check-upgrade': 'check-update',
};
const NPM_ACTIONS: Record<string, string> = {
  i: 'install',
  in: 'install',
  add: 'install',
  isntall: 'install',
  install: 'install',
};

/** The subcommand, normalised per manager. */
export function normaliseAction(manager: Manager, raw: string): string {
  if (manager === 'npm') return NPM_ACTIONS[raw] ?? raw;
  if (manager === 'gem' && raw === 'i') return 'install';
  return (RPM_MANAGERS.has(manager) ? RPM_ACTIONS : ALIASES)[raw] ?? raw;
}

const SAME_NAME = new Set([
  'apt-get',
  'apt',
  'aptitude',
  'apk',
  'yum',
  'microdnf',
  'zypper',
  'npm',
  'gem',
  'go',
  'pipx',
]);

/** The manager a command name (and, for `python -m pip`, its arguments) runs; `skip` words belong to the launcher. */
export function managerOf(name: string, args: readonly ShellWord[]): { manager: Manager; skip: number } | undefined {
  if (SAME_NAME.has(name)) return { manager: name as Manager, skip: 0 };
  if (name === 'dnf' || name === 'dnf5') return { manager: 'dnf', skip: 0 };
  if (/^pip[\d.]*$/.test(name)) return { manager: 'pip', skip: 0 };
  const m = args.findIndex((w) => w.value === '-m');
  const module = args[m + 1]?.value ?? '';
  if (/^python[\d.]*$/.test(name) && m >= 0 && /^pip[\d.]*$|^pipx$/.test(module))
    return { manager: module === 'pipx' ? 'pipx' : 'pip', skip: m + 2 };
  return undefined;
}

/** Refs that move: a branch tip or a tag that is re-pointed at each release. */
const FLOATING = /^(latest|next|main|master|head|develop|dev|trunk|stable|upgrade|patch|\*)$/i;
const ARCHIVE = /\.(deb|rpm|apk|whl|tar|tar\.gz|tgz|tar\.bz2|tar\.xz|zip|gem|go)$/i;
/** pip's VCS schemes (`git+https://…`) and npm's git URLs (`git://…`, `git+ssh://…`). */
const VCS_URL = /^(git|hg|svn|bzr)(\+[a-z-]+)*:\/\//i;
/** npm's hosted-git shorthands: `github:user/repo`, `gitlab:…`, and bare `user/repo` (GitHub). */
const NPM_HOSTED = /^((github|gitlab|bitbucket|gist):)?[A-Za-z0-9][\w.-]*\/[\w.-]+(#.*)?$/;

/** A VCS reference: the repository name, and the ref after `@` (pip) or `#` (npm), if any. */
function vcsSpec(manager: Manager, v: string): { name: string; version?: string } {
  if (manager === 'npm') {
    const [repo, ref] = v.split(/#(.*)/s);
    const name = repo.replace(/\.git$/, '').replace(/^.*[/:]/, '');
    return { name, version: ref?.replace(/^semver:/, '') || undefined };
  }
  const noFragment = v.replace(/#.*$/s, '');
  const egg = /#(?:.*&)?egg=([\w.-]+)/.exec(v)?.[1];
  // The ref follows the path: `git+https://host/org/repo.git@v1.2` (an `@` in the authority is a user name).
  const path = noFragment.replace(/^[^:]+:\/\/[^/]*/, '');
  const at = path.indexOf('@');
  const repo = at >= 0 ? path.slice(0, at) : path;
  const name =
    egg ??
    repo
      .replace(/\/+$/, '')
      .replace(/\.git$/, '')
      .replace(/^.*\//, '');
  return { name, version: at >= 0 ? path.slice(at + 1) || undefined : undefined };
}

/**
 * An archive URL (`https://github.com/org/repo/archive/main.zip`): pinned unless it names a moving branch
 * (`main`, `master`, `HEAD`…), which serves whatever that branch holds today.
 */
function urlArchiveSpec(v: string): { name: string; version: string } | undefined {
  const path = v.replace(/[?#].*$/s, '').replace(/^[^:]+:\/\/[^/]*/, '');
  const hosted =
    /\/([^/]+)\/(?:archive(?:\/refs\/heads)?|tarball|zipball|-\/archive)\/([^/]+?)(?:\.(?:zip|tar\.gz|tgz|tar))?$/.exec(
      path,
    );
  const last = path.replace(/\/+$/, '').replace(/^.*\//, '').replace(ARCHIVE, '');
  const [name, ref] = hosted ? [hosted[1], hosted[2]] : [last, last];
  return FLOATING.test(ref) ? { name, version: ref } : undefined;
}

/** Parses one package operand of `manager`; `gemVersion` is gem's `-v` value. */
export function spec(manager: Manager, word: ShellWord, gemVersion?: string): PackageSpec {
  const dynamic = word.value === undefined;
  const v = word.value ?? word.raw.replace(/["']/g, '');
  const language = manager === 'pip' || manager === 'pipx' || manager === 'npm';
  // pip's `name @ url` direct references name the project before the URL.
  const direct = language ? /^([A-Za-z0-9][\w.-]*)(\[[^\]]*\])?\s*@\s*(\S+:\/\/\S+)$/.exec(v) : null;
  const url = direct?.[3] ?? v;
  const path = /^(\.\.?(\/|\[|$)|\/|~)/.test(v) || /^file:/.test(v) || (!url.includes('://') && ARCHIVE.test(v));
  if (language && !path && (VCS_URL.test(url) || (manager === 'npm' && !url.startsWith('@') && NPM_HOSTED.test(url)))) {
    const vcs = vcsSpec(manager, url);
    const name = direct?.[1].toLowerCase() ?? vcs.name;
    const pinned = vcs.version !== undefined && !FLOATING.test(vcs.version);
    return {
      word,
      name: dynamic && name.includes('$') ? '' : name,
      version: vcs.version,
      pinned,
      local: false,
      dynamic,
      source: 'vcs',
    };
  }
  if (language && /^https?:\/\//i.test(url)) {
    const moving = urlArchiveSpec(url);
    if (moving)
      return {
        word,
        ...moving,
        name: direct?.[1].toLowerCase() ?? moving.name,
        pinned: false,
        local: false,
        dynamic,
        source: 'archive',
      };
  }
  const local =
    /^(\.\.?(\/|\[|$)|\/|~)/.test(v) ||
    /^[\w+.-]+:\/\//.test(v) ||
    /^(git\+|git@|file:|github:)/.test(v) ||
    ARCHIVE.test(v) ||
    direct !== null ||
    (manager === 'npm' && !v.startsWith('@') && v.includes('/'));
  let name = v;
  let version: string | undefined;
  const cut = (at: number, skip = 0) => {
    if (at > 0) [name, version] = [v.slice(0, at), v.slice(at + skip)];
  };
  if (APT_MANAGERS.has(manager)) {
    cut(v.indexOf('='), 1);
    name = name.replace(/[:/].*$/, '');
  } else if (manager === 'apk' || manager === 'zypper') {
    cut(v.search(/[=<>~]/));
    name = name.replace(/@.*$/, '');
    if (manager === 'zypper' && !version) rpmSplit();
  } else if (RPM_MANAGERS.has(manager)) rpmSplit();
  else if (manager === 'pip' || manager === 'pipx') {
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
  // A variable in the version part only (`git-core-${version}`, `curl=$CURL_VERSION`) leaves the name known.
  return { word, name: dynamic && name.includes('$') ? '' : name, version, pinned, local, dynamic };

  function rpmSplit() {
    // name-[epoch:]version[-release][.arch]: `nginx-1.26.1`, `openssl-1:1.1.1k-7.el8`.
    const m = /^(.+?)-((?:\d+:)?\d[\w.+~^*]*(?:-[\w.+~^*]+)?)$/.exec(v);
    if (m && (/\d\.\d/.test(m[2]) || m[2].includes('$'))) [name, version] = [m[1], m[2]];
    else if (/-\$/.test(v)) [name, version] = [v.slice(0, v.indexOf('-$')), v.slice(v.indexOf('-$') + 1)];
  }
}

/** A `module install` operand (`nodejs:18`, `nodejs:18/minimal`): pinned by its stream. */
export function moduleSpec(word: ShellWord): PackageSpec {
  const dynamic = word.value === undefined;
  const v = word.value ?? word.raw.replace(/["']/g, '');
  const [name, stream] = v.replace(/\/.*$/, '').split(/:(.*)/s);
  const version = stream || undefined;
  const pinned = version !== undefined && !FLOATING.test(version);
  return { word, name: dynamic && name.includes('$') ? '' : name, version, pinned, local: false, dynamic };
}
