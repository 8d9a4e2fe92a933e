import type { Instruction } from 'dockerfile-ast';
import { unwrap } from '../models/commands';
import type { DockerfileModel, Stage } from '../models/dockerfile';
import type { ShellCommand, ShellScript, ShellWord } from '../models/shell';

/** What a word says when read statically; for `"https://x/$V.tgz"` the text without quotes (expansions kept). */
export function staticText(w: { value: string | undefined; raw: string }): string {
  return w.value ?? w.raw.replace(/^\$?["']/, '').replace(/["']$/, '');
}

export function basename(path: string): string {
  const p = path.replace(/[?#].*$/, '').replace(/\/+$/, '');
  return p.slice(p.lastIndexOf('/') + 1);
}

// ---- options -------------------------------------------------------------------------------------------------

export interface ParsedFlag {
  /** One letter (`k`) or a long name without dashes (`insecure`). */
  name: string;
  word: ShellWord;
  /** The letter's index in its cluster word (`-kfsSL` → 1), for short flags. */
  letter?: number;
  value?: string;
  /** The separate word holding the value (`-o file`), when it is not in the flag word. */
  valueWord?: ShellWord;
}

/**
 * getopt-style parsing: short clusters (`-fsSLo out`, `-qO-`) where a value-taking letter ends the cluster,
 * `--long value` for the listed long options and `--long=value`; everything else is an operand.
 */
export function parseOptions(args: readonly ShellWord[], shortWithValue: string, longWithValue: ReadonlySet<string>) {
  const flags: ParsedFlag[] = [];
  const operands: ShellWord[] = [];
  for (let i = 0; i < args.length; i++) {
    const w = args[i];
    const v = w.value;
    if (v === undefined || !v.startsWith('-') || v === '-') {
      operands.push(w);
    } else if (v === '--') {
      operands.push(...args.slice(i + 1));
      break;
    } else if (v.startsWith('--')) {
      const eq = v.indexOf('=');
      const name = v.slice(2, eq < 0 ? undefined : eq);
      if (eq >= 0) flags.push({ name, word: w, value: v.slice(eq + 1) });
      else if (longWithValue.has(name)) flags.push({ name, word: w, value: args[i + 1]?.value, valueWord: args[++i] });
      else flags.push({ name, word: w });
    } else {
      for (let k = 1; k < v.length; k++) {
        if (!shortWithValue.includes(v[k])) {
          flags.push({ name: v[k], word: w, letter: k });
          continue;
        }
        const rest = v.slice(k + 1);
        if (rest) flags.push({ name: v[k], word: w, letter: k, value: rest });
        else flags.push({ name: v[k], word: w, letter: k, value: args[i + 1]?.value, valueWord: args[++i] });
        break;
      }
    }
  }
  return { flags, operands };
}

const CURL_SHORT = 'AbcCdDeEFHKmoPQrtTuUwxXyYz';
const CURL_LONG = new Set([
  'output',
  'header',
  'data',
  'data-raw',
  'data-binary',
  'data-urlencode',
  'json',
  'user',
  'user-agent',
  'cookie',
  'cookie-jar',
  'continue-at',
  'dump-header',
  'referer',
  'cert',
  'cacert',
  'capath',
  'key',
  'config',
  'max-time',
  'connect-timeout',
  'retry',
  'retry-delay',
  'retry-max-time',
  'proxy',
  'request',
  'write-out',
  'range',
  'upload-file',
  'form',
  'limit-rate',
  'resolve',
  'output-dir',
  'proto',
  'proto-redir',
  'cert-type',
  'key-type',
  'url',
  'max-redirs',
  'speed-limit',
  'speed-time',
  'netrc-file',
  'oauth2-bearer',
  'interface',
  'dns-servers',
  'connect-to',
  'max-filesize',
  'ciphers',
  'tls-max',
  'expect100-timeout',
  'keepalive-time',
]);
const WGET_SHORT = 'aBeiIlAoOPQRDtTUwX';
const WGET_LONG = new Set([
  'output-document',
  'output-file',
  'append-output',
  'input-file',
  'base',
  'execute',
  'directory-prefix',
  'tries',
  'timeout',
  'wait',
  'user-agent',
  'quota',
  'level',
  'accept',
  'reject',
  'domains',
  'include-directories',
  'exclude-directories',
  'header',
  'user',
  'password',
  'http-user',
  'http-password',
  'post-data',
  'post-file',
  'ca-certificate',
  'ca-directory',
  'certificate',
  'private-key',
  'load-cookies',
  'save-cookies',
  'progress',
  'limit-rate',
  'referer',
  'method',
  'body-data',
  'body-file',
  'read-timeout',
  'connect-timeout',
  'dns-timeout',
  'waitretry',
  'secure-protocol',
  'bind-address',
]);

/** The options of a curl or wget command, for rules that look at single flags (`-k`, `--no-check-certificate`). */
export function httpClientOptions(tool: string, args: readonly ShellWord[]) {
  return tool === 'curl' ? parseOptions(args, CURL_SHORT, CURL_LONG) : parseOptions(args, WGET_SHORT, WGET_LONG);
}

// ---- downloads -----------------------------------------------------------------------------------------------

export type DownloadOutput = { kind: 'file'; path: string } | { kind: 'stdout' } | { kind: 'none' };

export interface Download {
  /** The curl/wget command (with any sudo/env wrapper). */
  cmd: ShellCommand;
  /** curl or wget, or the name of a command that fetches a URL given to it (a wrapper script). */
  tool: string;
  url: ShellWord;
  output: DownloadOutput;
}

const REMOTE_URL = /^(?:https?|ftp):\/\/\S/i;
const LOCAL_URL = /^(?:https?:\/\/)?(?:localhost|127\.0\.0\.1|\[::1\]|0\.0\.0\.0)(?:[:/]|$)/i;

/** `> file` right after the command: mvdan-sh keeps redirections on the statement, not on the call. */
function redirectTarget(cmd: ShellCommand, text: string): string | undefined {
  const m = /^[ \t]*(?:1?>>?|&>>?)[ \t]*("[^"]*"|'[^']*'|[^\s;&|)]+)/.exec(text.slice(cmd.end, cmd.end + 300));
  return m ? m[1].replace(/^["']|["']$/g, '') : undefined;
}

function outputOf(path: string | undefined): DownloadOutput {
  if (path === undefined || path === '-') return { kind: 'stdout' };
  return path === '/dev/null' ? { kind: 'none' } : { kind: 'file', path };
}

/** A curl or wget call that fetches a URL (not a POST, HEAD, upload or spider run), or undefined. */
export function downloadOf(cmd: ShellCommand, text: string): Download | undefined {
  const { name, args } = unwrap(cmd);
  if (name !== 'curl' && name !== 'wget') return undefined;
  const { flags, operands } = httpClientOptions(name, args);
  const has = (...names: string[]) => flags.find((f) => names.includes(f.name));
  const urlFlag = has('url');
  const url = urlFlag?.valueWord ?? operands[0];
  if (!url || LOCAL_URL.test(staticText(url))) return undefined;
  const method = has('X', 'request', 'method')?.value;
  if (method !== undefined && method.toUpperCase() !== 'GET') return undefined;
  let output: DownloadOutput;
  if (name === 'curl') {
    if (
      has(
        'd',
        'data',
        'data-raw',
        'data-binary',
        'data-urlencode',
        'json',
        'F',
        'form',
        'T',
        'upload-file',
        'I',
        'head',
      )
    )
      return undefined;
    const o = has('o', 'output');
    if (o) output = outputOf(o.value ?? (o.valueWord ? staticText(o.valueWord) : undefined));
    else if (has('O', 'remote-name', 'remote-name-all')) output = { kind: 'file', path: basename(staticText(url)) };
    else output = outputOf(redirectTarget(cmd, text));
  } else {
    if (has('spider', 'post-data', 'post-file', 'body-data', 'body-file', 'i', 'input-file')) return undefined;
    const o = has('O', 'output-document');
    output = o
      ? outputOf(o.value ?? (o.valueWord ? staticText(o.valueWord) : undefined))
      : { kind: 'file', path: basename(staticText(url)) };
  }
  return { cmd, tool: name, url, output };
}

const SIGNATURE_OR_CHECKSUM =
  /\.(?:asc|sig|sign|gpg|pgp|minisig|sigstore|bundle|pem|pub|crt|cer|sha1|sha256|sha512|sha256sum|sha512sum|md5|md5sum|intoto\.jsonl)$/i;
const CHECKSUM_LIST = /^(?:sha\d*sums?(?:\.txt)?|md5sums?|checksums?(?:\.txt)?|keys|.*[._-]checksums?\.txt)$/i;

/** Signatures, checksum lists and keys: files that are the means of verification, not the thing verified. */
export function isVerificationMaterial(path: string): boolean {
  const base = basename(path);
  return SIGNATURE_OR_CHECKSUM.test(base) || CHECKSUM_LIST.test(base);
}

const EXTRACTORS = new Set([
  'tar',
  'bsdtar',
  'gunzip',
  'zcat',
  'gzip',
  'xz',
  'unxz',
  'xzcat',
  'bunzip2',
  'bzip2',
  'bzcat',
  'zstd',
  'unzstd',
  'zstdcat',
  'cpio',
  'tee',
  'dd',
]);

/** For a download to stdout: the pipeline stage that stores or unpacks it (`| tar -xz`, `| tee file`). */
export function storedFromPipe(d: Download): ShellCommand | undefined {
  const p = d.cmd.pipeline;
  if (d.output.kind !== 'stdout' || !p) return undefined;
  const next = p.commands[p.index + 1];
  return next && EXTRACTORS.has(unwrap(next).name) ? next : undefined;
}

// ---- code execution from the network -------------------------------------------------------------------------

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh']);
const INTERPRETER = /^(?:python[\d.]*|perl|ruby|node|php)$/;

/** `sh`, `bash -s -- args`, `sudo bash`, `python3 -`: an interpreter that runs what arrives on stdin. */
export function readsScriptFromStdin(cmd: ShellCommand): boolean {
  const { name, args } = unwrap(cmd);
  const shell = SHELLS.has(name) || name === 'busybox';
  if (!shell && !INTERPRETER.test(name)) return false;
  const rest = name === 'busybox' ? (SHELLS.has(args[0]?.value ?? '') ? args.slice(1) : undefined) : args;
  if (!rest) return false;
  const { flags, operands } = parseOptions(rest, shell ? 'oO' : 'cmWX', new Set());
  if (flags.some((f) => f.name === 'c' || f.name === 'm')) return false;
  if (flags.some((f) => f.name === 's')) return true;
  return operands.length === 0 || operands[0].value === '-';
}

export interface RemoteExecution {
  download: Download;
  /** The command that executes the downloaded text. */
  runner: ShellCommand;
}

/** `curl … | sh`, `bash <(curl …)`, `sh -c "$(curl …)"`, `eval "$(wget -qO- …)"`, `source <(curl …)`. */
export function remoteExecutions(script: ShellScript, text: string): RemoteExecution[] {
  const out: RemoteExecution[] = [];
  const downloads = script.commands
    .map((c) => downloadOf(c, text))
    .filter((d): d is Download => d?.output.kind === 'stdout');
  for (const d of downloads) {
    const p = d.cmd.pipeline;
    const runner = p?.commands.slice(p.index + 1).find(readsScriptFromStdin);
    if (runner) out.push({ download: d, runner });
  }
  // Wrappers around curl and wget (`fetch-url https://… | sh`, `http GET https://… | bash`): any command given a
  // remote URL whose output a shell or interpreter then runs.
  for (const cmd of script.commands) {
    const p = cmd.pipeline;
    if (!p || downloads.some((d) => d.cmd === cmd)) continue;
    const { name, args } = unwrap(cmd);
    if (name === 'curl' || name === 'wget' || name === 'echo' || name === 'printf') continue;
    const url = args.find((w) => REMOTE_URL.test(staticText(w)) && !LOCAL_URL.test(staticText(w)));
    const runner = url && p.commands.slice(p.index + 1).find(readsScriptFromStdin);
    if (url && runner) out.push({ download: { cmd, tool: name, url, output: { kind: 'stdout' } }, runner });
  }
  for (const cmd of script.commands) {
    const { name, args } = unwrap(cmd);
    let code: readonly ShellWord[] = [];
    if (name === 'eval') code = args;
    else if (name === 'source' || name === '.') code = args.slice(0, 1).filter((w) => w.raw.startsWith('<('));
    else if (SHELLS.has(name)) {
      const { flags, operands } = parseOptions(args, 'oO', new Set());
      const c = flags.find((f) => f.name === 'c');
      if (c) code = operands.slice(0, 1);
      else code = operands.slice(0, 1).filter((w) => w.raw.startsWith('<('));
    }
    for (const d of downloads) {
      // Only output substituted into the code runs: `sh -c "$(curl …)"`, not `sh -c 'curl … | tar x'`.
      const substituted = code.some(
        (w) =>
          d.cmd.start >= w.start && d.cmd.end <= w.end && /(?:\$\(|`|<\()\s*$/.test(text.slice(w.start, d.cmd.start)),
      );
      if (substituted && !out.some((e) => e.download === d)) out.push({ download: d, runner: cmd });
    }
  }
  return out.sort((a, b) => a.download.cmd.start - b.download.cmd.start);
}

// ---- verification --------------------------------------------------------------------------------------------

const DIGEST_TOOLS = /^(?:sha(?:1|224|256|384|512)sum|shasum|md5sum|b2sum|b3sum|cksum|rhash)$/;

/**
 * A command that checks a digest or a signature. Any digest tool counts, with or without `-c`: in a Dockerfile a
 * digest is computed to be compared (`[ "$(sha256sum f | cut -c1-64)" = "$SHA" ]`).
 */
export function isVerification(cmd: ShellCommand): boolean {
  const { name, args } = unwrap(cmd);
  const v = args.map((a) => a.value ?? '');
  if (DIGEST_TOOLS.test(name) || name === 'gpgv' || name === 'gpgv2' || name === 'slsa-verifier') return true;
  if (name === 'gpg' || name === 'gpg2') return v.some((a) => a === '--verify' || a === '--decrypt' || a === '-d');
  if (name === 'cosign') return v.some((a) => a.startsWith('verify'));
  if (name === 'minisign' || name === 'signify') return v.some((a) => /^-[A-Za-z]*[VC]/.test(a));
  if (name === 'openssl') return v.some((a) => /^(?:dgst|sha\d*|md5|-verify)$/.test(a));
  if (name === 'rpm') return v.some((a) => a === '--checksig' || /^-[A-Za-z]*K/.test(a));
  if (name === 'gh') return v[0] === 'attestation' && v[1] === 'verify';
  return false;
}

/** Whether the RUN (or, for files it leaves behind, the next RUN of the stage) verifies a digest or signature. */
export function verifiedNearby(model: DockerfileModel, stage: Stage, ins: Instruction, includeSelf: boolean): boolean {
  const i = stage.instructions.indexOf(ins);
  const next = stage.instructions.slice(i + 1).find((x) => x.getKeyword() === 'RUN');
  const runs = [...(includeSelf ? [ins] : []), ...(next ? [next] : [])];
  return runs.some((r) => model.shell(r).commands.some(isVerification));
}

// ---- Dockerfile instructions ---------------------------------------------------------------------------------
