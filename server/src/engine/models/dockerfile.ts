import { DockerfileParser, type Dockerfile, type From, type Instruction, type Onbuild, type Run } from 'dockerfile-ast';
import { TextIndex } from '../base/text';
import type { Range as LspRange } from '../base/types';
import { execWords } from './execForm';
import { goString, isNode, items, nodeType, walk, type GoNode } from './goAst';
import { parseBash, parseShell, type ShellCommand, type ShellScript } from './shell';

/** A piece of the document: its value and offsets. */
export interface Token {
  value: string;
  start: number;
  end: number;
}

/** `registry/name:tag@digest`, split with offsets. `name` is the repository path without the registry. */
export interface ImageRef {
  text: string;
  start: number;
  end: number;
  registry?: Token;
  name: Token;
  tag?: Token;
  digest?: Token;
  /** The reference still contains `$VAR` after resolving statically known ARGs. */
  dynamic: boolean;
  /** The reference with statically known ARG defaults substituted. */
  resolved: string;
}

export interface Stage {
  index: number;
  /** `AS <name>`, lower-cased as BuildKit compares it. */
  name?: Token;
  /**
   * The FROM instruction. An implicit stage (a file or snippet without any FROM, linted as one stage as hadolint
   * does) has none: rules that read the FROM skip stages marked `implicit`.
   */
  from: From;
  /** True for the implicit stage of a file without FROM; it has no `from`, `image` or `name`. */
  implicit?: boolean;
  /** The base image; undefined for `FROM scratch`-like empty or for a FROM of an earlier stage (see `parent`). */
  image?: ImageRef;
  /** The earlier stage this one builds on (`FROM build`). */
  parent?: Stage;
  /** The first stage of the `FROM <stage>` chain, whose `image` this stage starts from (itself when it has no parent). */
  root: Stage;
  /** The chain of stages this one builds on, root first and this stage last. */
  chain: readonly Stage[];
  platform?: Token;
  /**
   * Instructions after FROM up to the next FROM. An `ONBUILD <trigger>` appears as its trigger instruction (ranges
   * inside the ONBUILD line, see `DockerfileModel.triggers`): content rules lint it like the instruction it wraps.
   */
  instructions: Instruction[];
  isFinal: boolean;
}

export interface DockerfileModel {
  text: string;
  index: TextIndex;
  ast: Dockerfile;
  stages: Stage[];
  finalStage?: Stage;
  escape: string;
  /**
   * Trigger instructions of `ONBUILD` (run in the builds that use this image, not in this one): rules about the
   * state of this image (its USER, HEALTHCHECK, SHELL, CMD, installed packages) skip them.
   */
  triggers: ReadonlySet<Instruction>;
  /** Known instructions other than ARG before the first FROM (BuildKit rejects them); when there is no FROM, none. */
  beforeFrom: Instruction[];
  /** Global ARG defaults (before the first FROM), for resolving image references. */
  globalArgs: Map<string, string>;
  /** Offsets of an LSP-shaped range from dockerfile-ast. */
  offsets: (r: LspRange) => { start: number; end: number };
  /** The parsed shell of a RUN (shell form, heredocs fed to a shell, `sh -c` bodies); cached. */
  shell(run: Instruction): ShellScript;
}

export function parseDockerfile(text: string): DockerfileModel {
  const index = new TextIndex(text);
  const ast = DockerfileParser.parse(text);
  const escape = ast.getEscapeCharacter();
  const offsets = (r: LspRange) => ({ start: index.offsetAt(r.start), end: index.offsetAt(r.end) });
  const globalArgs = new Map<string, string>();
  for (const arg of ast.getInitialARGs()) {
    const p = arg.getProperty();
    if (p && p.getValue() !== null) globalArgs.set(p.getName(), p.getValue()!);
  }

  const stages: Stage[] = [];
  const triggers = new Set<Instruction>();
  const beforeFrom: Instruction[] = [];
  const all = ast.getInstructions();
  const hasFrom = all.some((i) => i.getKeyword() === 'FROM');
  // Text that has no Dockerfile instruction at all (binary junk, prose) is not a snippet to lint.
  const snippet = !hasFrom && all.some((i) => INSTRUCTIONS.has(i.getKeyword()));
  let current: Stage | undefined = snippet ? implicitStage() : undefined;
  if (current) stages.push(current);
  for (const ins of all) {
    if (ins.getKeyword() === 'FROM') {
      current = makeStage(ins as From, stages, globalArgs, offsets);
      stages.push(current);
    } else if (current) {
      current.instructions.push(triggerOf(ins, triggers) ?? ins);
    } else if (ins.getKeyword() !== 'ARG' && INSTRUCTIONS.has(ins.getKeyword())) {
      beforeFrom.push(ins);
    }
  }
  const finalStage = stages[stages.length - 1];
  if (finalStage) finalStage.isFinal = true;

  const cache = new Map<Instruction, ShellScript>();
  const model: DockerfileModel = {
    text,
    index,
    ast,
    stages,
    finalStage,
    escape,
    triggers,
    beforeFrom,
    globalArgs,
    offsets,
    shell(run) {
      let s = cache.get(run);
      if (!s) cache.set(run, (s = shellOf(run, model)));
      return s;
    },
  };
  return model;
}

const INSTRUCTIONS = new Set(
  'ADD ARG CMD COPY ENTRYPOINT ENV EXPOSE HEALTHCHECK LABEL MAINTAINER ONBUILD RUN SHELL STOPSIGNAL USER VOLUME WORKDIR'.split(
    ' ',
  ),
);

/** The trigger of `ONBUILD <instruction>`, recorded in `triggers`; undefined for anything else. */
function triggerOf(ins: Instruction, triggers: Set<Instruction>): Instruction | undefined {
  if (ins.getKeyword() !== 'ONBUILD') return undefined;
  const trigger = (ins as Onbuild).getTriggerInstruction();
  // ONBUILD ONBUILD, ONBUILD FROM and ONBUILD MAINTAINER are errors of their own, not instructions to lint.
  if (!trigger || ['ONBUILD', 'FROM', 'MAINTAINER'].includes(trigger.getKeyword())) return undefined;
  triggers.add(trigger);
  return trigger;
}

/** The one stage of a file without FROM (a snippet, a file being typed), linted as hadolint does. */
function implicitStage(): Stage {
  const stage = { index: 0, implicit: true, instructions: [], isFinal: false } as unknown as Stage;
  stage.root = stage;
  stage.chain = [stage];
  return stage;
}

function makeStage(
  from: From,
  stages: Stage[],
  args: Map<string, string>,
  offsets: (r: LspRange) => { start: number; end: number },
): Stage {
  const stageName = from.getBuildStage();
  const stageRange = from.getBuildStageRange();
  const flag = from.getPlatformFlag();
  const flagValue = flag?.getValueRange();
  // root and chain are filled in below, once the parent is known.
  const stage = {
    index: stages.length,
    name: stageName && stageRange ? { value: stageName.toLowerCase(), ...offsets(stageRange) } : undefined,
    from,
    platform: flag && flagValue ? { value: flag.getValue() ?? '', ...offsets(flagValue) } : undefined,
    instructions: [],
    isFinal: false,
  } as unknown as Stage;
  const imageText = from.getImage();
  const imageRange = from.getImageRange();
  if (imageText && imageRange) {
    // `FROM ${BASE:-debug}`: with BASE unset the default names the stage, as BuildKit resolves it.
    const named = imageText
      .replace(/\$\{([A-Za-z_]\w*):?-([^}$]*)\}/g, (m, name: string, d: string) => args.get(name) ?? d)
      .replace(/\$\{?([A-Za-z_]\w*)\}?/g, (m, name: string) => args.get(name) ?? m)
      .toLowerCase();
    const parent = stages.find((s) => s.name?.value === named);
    if (parent) stage.parent = parent;
    else stage.image = parseImageRef(imageText, offsets(imageRange).start, args);
  }
  stage.chain = stage.parent ? [...stage.parent.chain, stage] : [stage];
  stage.root = stage.chain[0];
  return stage;
}

/** Splits an image reference as the distribution reference grammar does (docker/distribution `reference`). */
export function parseImageRef(text: string, start: number, args: Map<string, string> = new Map()): ImageRef {
  const resolved = text.replace(
    /\$\{?([A-Za-z_][A-Za-z0-9_]*)(?::?[-+][^}]*)?\}?/g,
    (m, name: string) => args.get(name) ?? m,
  );
  // `${BASE:-debian:12-slim}` with BASE unset: the default is the reference, and its parts are spans inside it.
  const whole = /^\$\{([A-Za-z_]\w*)(:?-)([^}$]+)\}$/.exec(text);
  if (whole && !args.has(whole[1])) {
    const inner = parseImageRef(whole[3], start + 2 + whole[1].length + whole[2].length, args);
    return { ...inner, text, start, end: start + text.length, dynamic: resolved.includes('$'), resolved };
  }
  const tok = (from: number, to: number): Token => ({
    value: text.slice(from, to),
    start: start + from,
    end: start + to,
  });
  let rest = text.length;
  let digest: Token | undefined;
  const at = text.indexOf('@');
  if (at >= 0) {
    digest = tok(at + 1, text.length);
    rest = at;
  }
  const lastSlash = text.lastIndexOf('/', rest);
  const colon = text.indexOf(':', lastSlash + 1);
  let tag: Token | undefined;
  if (colon >= 0 && colon < rest) {
    tag = tok(colon + 1, rest);
    rest = colon;
  }
  const firstSlash = text.indexOf('/');
  let registry: Token | undefined;
  let nameStart = 0;
  if (firstSlash > 0 && firstSlash < rest) {
    const head = text.slice(0, firstSlash);
    if (head.includes('.') || head.includes(':') || head === 'localhost') {
      registry = tok(0, firstSlash);
      nameStart = firstSlash + 1;
    }
  }
  return {
    text,
    start,
    end: start + text.length,
    registry,
    name: tok(nameStart, rest),
    tag,
    digest,
    dynamic: resolved.includes('$'),
    resolved,
  };
}

/** Official-image name without `docker.io/` and `library/` (`docker.io/library/node` → `node`). */
export function canonicalName(image: ImageRef): string {
  const reg = image.registry?.value;
  let name = image.name.value.toLowerCase();
  if (reg && reg !== 'docker.io' && reg !== 'index.docker.io' && reg !== 'registry-1.docker.io')
    return `${reg}/${name}`;
  if (name.startsWith('library/')) name = name.slice('library/'.length);
  return name;
}

function shellOf(run: Instruction, model: DockerfileModel): ShellScript {
  const argsRange = run.getArgumentsRange();
  if (!argsRange) return { commands: [], pipelines: [] };
  const words = execWords(model.text, run, model.offsets);
  if (words) {
    // Exec form runs no shell: one command whose words are the JSON strings; a `sh -c` body is parsed
    // with offsets through the JSON escapes.
    const first = words[0]?.value ?? '';
    const cmd: ShellCommand = {
      name: first.slice(first.lastIndexOf('/') + 1),
      words,
      assigns: [],
      start: words[0].start,
      end: words[words.length - 1].end,
    };
    const c = words.findIndex((w, i) => i > 0 && /^-[a-z]*c[a-z]*$/.test(w.value ?? ''));
    const body = words[c + 1];
    if (c > 0 && body && /^(sh|bash|ash|dash|zsh)$/.test(cmd.name)) {
      const sub = parseShell(body.value!, (o) => (o < body.at.length ? body.at[o] : body.end - 1));
      return { commands: [cmd, ...sub.commands], pipelines: sub.pipelines, ...(sub.error ? { error: sub.error } : {}) };
    }
    return { commands: [cmd], pipelines: [] };
  }
  const { start: argStart } = model.offsets(argsRange);
  const { end: insEnd } = model.offsets(run.getRange());
  let start = argStart;
  // Skip RUN flags (`--mount=…`, `--network=…`): they are Dockerfile syntax, not shell.
  for (const f of (run as Run).getFlags?.() ?? []) start = Math.max(start, model.offsets(f.getRange()).end);
  const script = dockerToShell(model.text.slice(start, insEnd), model.escape);
  const parsed = parseShell(script, (o) => start + o);
  for (const body of script.includes('<<') ? shellHeredocBodies(script) : []) {
    const sub = parseShell(body.text, (o) => start + body.offset + o);
    parsed.commands.push(...sub.commands);
    parsed.pipelines.push(...sub.pipelines);
  }
  parsed.commands.sort((a, b) => a.start - b.start);
  return parsed;
}

/**
 * The RUN text as the shell sees it, with offsets kept 1:1: Docker drops comment and blank lines inside a
 * line continuation, so they become spaces; a non-default escape character before a newline becomes `\`.
 */
export function dockerToShell(raw: string, escape: string): string {
  const chars = raw.split('');
  let continued = false;
  let lineStart = 0;
  for (let i = 0; i <= raw.length; i++) {
    if (i < raw.length && raw[i] !== '\n') continue;
    const lineEnd = i > 0 && raw[i - 1] === '\r' ? i - 1 : i;
    const line = raw.slice(lineStart, lineEnd);
    const trimmed = line.trim();
    if (continued && (trimmed === '' || trimmed.startsWith('#'))) {
      for (let k = lineStart; k <= Math.min(i, raw.length - 1); k++) chars[k] = ' ';
    } else {
      const m = /([\\`])[ \t]*$/.exec(line);
      continued = !!m && m[1] === escape;
      if (continued && escape !== '\\') chars[lineStart + m!.index] = '\\';
    }
    lineStart = i + 1;
  }
  return chars.join('');
}

/** Heredoc bodies that a shell executes: `RUN <<EOF` (no command) or `RUN bash <<EOF` / `sh -e <<EOF`. */
function shellHeredocBodies(script: string): { text: string; offset: number }[] {
  const out: { text: string; offset: number }[] = [];
  let file: GoNode;
  try {
    // A heredoc delimiter needs a line break after it to end the body.
    file = parseBash(script + '\n');
  } catch {
    return out;
  }
  if (/[^\x00-\x7f]/.test(script)) return out; // byte offsets would need mapping; heredoc bodies are rare enough
  /** The value of a word's first part when it is literal text (a Lit or a single-quoted string). */
  const firstText = (w: unknown): string | undefined => {
    const part = isNode(w) ? items(w.Parts)[0] : undefined;
    return part && typeof part.Value === 'string' ? goString(part.Value) : undefined;
  };
  walk(file, (n, type) => {
    if (type !== 'Stmt') return true;
    for (const r of items(n.Redirs)) {
      if (!isNode(r.Hdoc)) continue;
      const cmd = isNode(n.Cmd) ? n.Cmd : undefined;
      const args = cmd && nodeType(cmd) === 'CallExpr' ? items(cmd.Args) : [];
      const name = firstText(args[0]);
      const isShell =
        !cmd ||
        (name !== undefined &&
          /^(\/bin\/|\/usr\/bin\/)?(sh|bash|ash|dash)$/.test(name) &&
          !args.some((a) => /^-\w*c/.test(firstText(a) ?? '')));
      if (!isShell) continue;
      const s = r.Hdoc.Pos().Offset();
      // The body word may run through the closing delimiter line; cut it off.
      const delimiter = (firstText(r.Word) ?? '').replace(/^['"]|['"]$/g, '');
      let body = script.slice(s, r.Hdoc.End().Offset());
      const lines = body.split('\n');
      if (delimiter && lines[lines.length - 1].trim() === delimiter) body = lines.slice(0, -1).join('\n');
      out.push({ text: body, offset: s });
    }
    return true;
  });
  return out;
}

/** Windows base images: cmd/PowerShell instead of a POSIX shell, and no /etc/passwd. */
export function isWindowsStage(stage: Stage): boolean {
  return /windows|nanoserver|servercore/i.test(stage.root.image?.text ?? '');
}

/**
 * A stage's own instructions, without ONBUILD triggers: what builds this image (its USER, SHELL, HEALTHCHECK, CMD,
 * packages). Content rules read `stage.instructions`, triggers included.
 */
export function ownInstructions(model: Pick<DockerfileModel, 'triggers'>, stage: Stage): Instruction[] {
  return model.triggers.size ? stage.instructions.filter((i) => !model.triggers.has(i)) : stage.instructions;
}
