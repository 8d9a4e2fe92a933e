import { unwrap } from '../../models/commands';
import { flagOf, transferOf } from '../../facts/transfers';
import type { ShellCommand, ShellWord } from '../../models/shell';
import { defineDockerfileRule } from '../rule';

/**
 * The mode with write for others taken out, when `mode` grants it: `777` → `775`, `a+rwx` → `a+rwx,o-w`.
 * Undefined when it does not, or when the sticky bit is set too (`1777`, `a+rwxt`: shared tmp directories).
 */
function withoutWorldWrite(mode: string): string | undefined {
  if (/^[0-7]{1,4}$/.test(mode)) {
    const digits = mode.padStart(4, '0');
    const others = Number(digits[3]);
    if ((others & 2) === 0 || (Number(digits[0]) & 1) === 1) return undefined;
    return mode.slice(0, -1) + String(others & ~2);
  }
  const clauses = mode.split(',');
  if (!clauses.every((c) => /^[ugoa]*(?:[-+=][rwxXstugo]*)+$/.test(c))) return undefined;
  let world = false;
  let sticky = false;
  for (const c of clauses) {
    const who = /^[ugoa]*/.exec(c)![0];
    for (const [, op, perms] of c.slice(who.length).matchAll(/([-+=])([rwxXstugo]*)/g)) {
      if (op !== '-' && perms.includes('t')) sticky = true;
      // No `who` means "all, minus the umask", which normally keeps others from writing.
      if (op !== '-' && /[oa]/.test(who) && perms.includes('w')) world = true;
    }
  }
  return world && !sticky ? `${mode},o-w` : undefined;
}

/** The value inside a plain or quoted word, for replacing just the mode. */
function innerSpan(w: ShellWord, offset = 0): { start: number; end: number; value: string } | undefined {
  if (w.value === undefined) return undefined;
  const value = w.value.slice(offset);
  if (w.raw === w.value) return { start: w.start + offset, end: w.end, value };
  if (offset === 0 && (w.raw === `"${w.value}"` || w.raw === `'${w.value}'`))
    return { start: w.start + 1, end: w.end - 1, value };
  return undefined;
}

/** The mode argument of `chmod`, `mkdir -m`, `install -m`. */
function modeOf(name: string, args: readonly ShellWord[]) {
  if (name === 'chmod') {
    if (args.some((a) => a.value?.startsWith('--reference'))) return undefined;
    const mode = args.find((a) => !(a.value ?? '').startsWith('-'));
    return mode && innerSpan(mode);
  }
  if (name !== 'mkdir' && name !== 'install') return undefined;
  for (let i = 0; i < args.length; i++) {
    const v = args[i].value ?? '';
    if (/^-[^-]*m$/.test(v) || v === '--mode') return args[i + 1] && innerSpan(args[i + 1]);
    if (v.startsWith('--mode=')) return innerSpan(args[i], '--mode='.length);
    if (/^-[^-]*m./.test(v)) return innerSpan(args[i], v.indexOf('m') + 1);
  }
  return undefined;
}

/** A scratch directory that the same RUN deletes again (`chmod 777 "$tempDir" … rm -rf "$tempDir"`) never reaches the image. */
function removedLater(cmd: ShellCommand, mode: { end: number }, commands: readonly ShellCommand[]): boolean {
  const targets = cmd.words.filter((w) => w.start >= mode.end).map((w) => w.raw);
  const removed = new Set(
    commands.filter((c) => c.start > cmd.end && unwrap(c).name === 'rm').flatMap((c) => c.words.map((w) => w.raw)),
  );
  return targets.length > 0 && targets.every((t) => removed.has(t));
}

export default defineDockerfileRule({
  meta: {
    id: 'world-writable-permissions',
    target: 'dockerfile',
    title: 'Do not make files world-writable',
    practice: 'least-privilege',
    severity: 'warning',
    fix: 'suggestion',
    peers: {},
    messages: {
      worldWritable:
        'Mode {{mode}} lets any user in the container change these files, so one compromised process can alter the app; grant write to the owner or group only',
      restrict: 'Use mode {{mode}}',
    },
    docs: {
      rationale:
        "A world-writable file or directory can be changed by every UID in the container: a compromised low-privilege process, or another user of a shared volume, can replace binaries, configuration or scripts that a more privileged process runs later. Owner or group write (`755`, `775`, `g+w` with a shared group, as OpenShift's arbitrary-UID pattern does with group 0) covers the legitimate cases. Reported: `chmod` with a numeric mode whose last digit includes write (`777`, `0666`, `-R 777`) or a symbolic mode that gives `o` or `a` write (`a+w`, `o+rw`, `ugo=rwx`), `mkdir -m`/`install -m` with such modes, and `COPY`/`ADD --chmod`. Not reported: scratch directories that the same RUN deletes again, modes with the sticky bit (`1777`, `a+rwxt`), the standard for shared temporary directories, and `+w` without a who, which follows the umask. The suggestion removes only the world-write bit, so it may need a group change to keep working.",
      references: ['https://docs.docker.com/reference/dockerfile/#copy---chmod'],
    },
  },
  check(ctx) {
    const model = ctx.dockerfile;
    const report = (span: { start: number; end: number; value: string }) => {
      const safer = withoutWorldWrite(span.value);
      if (!safer) return;
      ctx.report({
        start: span.start,
        end: span.end,
        messageId: 'worldWritable',
        data: { mode: span.value },
        suggest: [{ messageId: 'restrict', data: { mode: safer }, edits: [ctx.replace(span.start, span.end, safer)] }],
      });
    };
    for (const stage of model.stages) {
      for (const ins of stage.instructions) {
        const kw = ins.getKeyword();
        if (kw === 'COPY' || kw === 'ADD') {
          const flag = flagOf(transferOf(model, ins), 'chmod');
          const range = flag?.getValueRange();
          if (flag && range) report({ ...model.offsets(range), value: flag.getValue() ?? '' });
        } else if (kw === 'RUN') {
          const commands = model.shell(ins).commands;
          for (const cmd of commands) {
            const { name, args } = unwrap(cmd);
            const mode = modeOf(name, args);
            if (mode && !removedLater(cmd, mode, commands)) report(mode);
          }
        }
      }
    }
  },
});
