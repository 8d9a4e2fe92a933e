import type { Instruction, Run } from 'dockerfile-ast';
import { baseFamily } from '../../facts/baseFamily';
import { unwrap } from '../../models/commands';
import { insertLines } from '../../edit/dockerEdits';
import type { Stage } from '../../models/dockerfile';
import { basename } from '../../facts/downloads';
import { execForm } from '../../facts/transfers';
import { isWindowsStage } from '../../models/dockerfile';
import type { ShellCommand, ShellScript } from '../../models/shell';
import { defineDockerfileRule, type SuggestionReport } from '../rule';

const PIPEFAIL_SHELLS = new Set(['bash', 'zsh', 'ash', 'ksh', 'mksh']);
const SHELLS = new Set([...PIPEFAIL_SHELLS, 'sh', 'dash']);
/** Commands that cannot fail in a way pipefail would catch, so `echo "$SHA  f" | sha256sum -c -` needs nothing. */
const CANNOT_FAIL = new Set(['echo', 'printf', 'yes', 'true', ':']);
const BASH_SHELL = 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]';
const ASH_SHELL = 'SHELL ["/bin/ash", "-o", "pipefail", "-c"]';

/** `-o pipefail`, `-eo pipefail`, `-euxo pipefail` in an argument list. */
function setsPipefail(args: readonly (string | undefined)[]): boolean {
  return args.some((a, i) => a === 'pipefail' && i > 0 && /^-[A-Za-z]*o$/.test(args[i - 1] ?? ''));
}

/** The SHELL in effect at `ins`: the last one before it in the stage or in the stages it builds on. */
function shellAt(
  stage: Stage,
  ins: Instruction,
  execForm: (i: Instruction) => string[] | undefined,
): string[] | undefined {
  let before = stage.instructions.indexOf(ins);
  for (let s: Stage | undefined = stage; s; s = s.parent, before = s?.instructions.length ?? 0) {
    const shell = s.instructions
      .slice(0, before)
      .reverse()
      .find((i) => i.getKeyword() === 'SHELL');
    if (shell) return execForm(shell);
  }
  return undefined;
}

/** The `|` of the first pipeline a failure could hide in, unless pipefail is set before it or it runs in a nested `sh -c`. */
/**
 * `curl … | grep -q ready || exit 1`, `if ps | head -1; then`: the last command may stop reading early (grep -q,
 * head), which kills the writer with SIGPIPE, and the pipe's status is tested anyway. pipefail there would turn a
 * match into a failure, so such pipes are left alone.
 */
function endsEarlyAndIsTested(p: ShellCommand[], text: string): boolean {
  const last = unwrap(p[p.length - 1]);
  const quiet =
    last.name === 'head' ||
    (['grep', 'egrep', 'fgrep'].includes(last.name) &&
      last.args.some((a) => /^--(?:quiet|silent)$|^-[A-Za-z]*q/.test(a.value ?? '')));
  if (!quiet) return false;
  const flat = (t: string) => t.replace(/\\\r?\n/g, ' ');
  const after = flat(text.slice(p[p.length - 1].end, p[p.length - 1].end + 80)).trimStart();
  if (after.startsWith('||') || after.startsWith('&&')) return true;
  const before = flat(text.slice(Math.max(0, p[0].start - 80), p[0].start)).trimEnd();
  return /(?:^|[\s;&|({])(?:if|while|until|!)$/.test(before);
}

function unsafePipe(script: ShellScript, text: string): number | undefined {
  const nested = script.commands.filter(
    (c) => SHELLS.has(unwrap(c).name) && unwrap(c).args.some((a) => /^-[A-Za-z]*c[A-Za-z]*$/.test(a.value ?? '')),
  );
  const sets = script.commands.filter((c) => c.name === 'set' && setsPipefail(c.words.map((w) => w.value)));
  for (const p of script.pipelines) {
    const first = p[0];
    if (p.slice(0, -1).every((c: ShellCommand) => CANNOT_FAIL.has(unwrap(c).name))) continue;
    if (nested.some((n) => n !== first && first.start >= n.words[1].start && first.end <= n.end)) continue;
    if (sets.some((s) => s.start < first.start)) continue;
    if (endsEarlyAndIsTested(p, text)) continue;
    const bar = text.indexOf('|', first.end);
    if (bar >= 0 && bar < p[1].start) return bar;
  }
  return undefined;
}

export default defineDockerfileRule({
  meta: {
    id: 'missing-pipefail',
    target: 'dockerfile',
    title: 'Set pipefail before RUN commands with pipes',
    practice: 'integrity',
    severity: 'warning',
    fix: 'suggestion',
    peers: { hadolint: ['DL4006'], trivy: ['DS-0032'] },
    messages: {
      noPipefail:
        'Only the last command of this pipe decides whether the RUN fails, so a failed download or build step passes silently; set -o pipefail',
      bashShell: 'Insert SHELL ["/bin/bash", "-o", "pipefail", "-c"] before this RUN',
      ashShell: 'Insert SHELL ["/bin/ash", "-o", "pipefail", "-c"] before this RUN',
      setPipefail: 'Start this RUN with set -o pipefail',
    },
    docs: {
      rationale:
        'A shell pipeline returns the status of its last command: in `curl -fsSL $URL | tar -xz` a failed download leaves an empty or partial tree and the build goes on. `set -o pipefail` (in the RUN, or through `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` for the rest of the stage) makes any failing stage fail the RUN. Not reported: pipes whose earlier stages are `echo`, `printf` or `yes` (nothing to catch; this keeps the usual `echo "$SHA  file" | sha256sum -c -` quiet, unlike hadolint), pipes inside a nested `sh -c`, exec-form RUN, and stages whose SHELL is PowerShell or cmd or whose base is Windows. The remedies are suggestions rather than fixes: pipefail deliberately turns pipelines such as `grep … | wc -l` or `yes | …` into failures, and switching /bin/sh (dash) to bash changes details such as `echo` escapes. Debian, Ubuntu and RHEL bases get the bash SHELL (their /bin/sh does not know pipefail); Alpine/BusyBox gets `set -o pipefail` in the RUN or an ash SHELL.',
      references: [
        'https://docs.docker.com/build/building/best-practices/#using-pipes',
        'https://github.com/hadolint/hadolint/wiki/DL4006',
      ],
    },
  },
  check(ctx) {
    const model = ctx.dockerfile;
    const exec = (i: Instruction) => execForm(model, i);
    for (const stage of model.stages) {
      let firstInStage: Instruction | undefined;
      for (const run of stage.instructions) {
        if (run.getKeyword() !== 'RUN' || exec(run)) continue;
        const shell = shellAt(stage, run, exec);
        const shellName = shell ? basename(shell[0] ?? '') : 'sh';
        if (
          shell &&
          (/^(?:pwsh|powershell|cmd)(?:\.exe)?$/i.test(shellName) ||
            (PIPEFAIL_SHELLS.has(shellName) && setsPipefail(shell)))
        )
          continue;
        if (!shell && isWindowsStage(stage)) continue;
        const script = model.shell(run);
        const bar = unsafePipe(script, model.text);
        if (bar === undefined) continue;
        firstInStage ??= run;
        const family = baseFamily(stage);
        const suggest: SuggestionReport<'bashShell' | 'ashShell' | 'setPipefail'>[] = [];
        const insert = (line: string) => {
          const { at, text } = insertLines(model, stage, [line], firstInStage);
          return [ctx.replace(at, at, text)];
        };
        const prefix = (): SuggestionReport<'setPipefail'>[] => {
          const first = script.commands[0];
          const flagsEnd = Math.max(
            model.offsets(run.getArgumentsRange()!).start,
            ...(run as Run).getFlags().map((f) => model.offsets(f.getRange()).end),
          );
          if (!first || model.text.slice(flagsEnd, first.start).trim() !== '') return [];
          if (first.name === 'set' && first.words.slice(1).every((w) => /^[-+][A-Za-z]+$/.test(w.value ?? ''))) {
            return [{ messageId: 'setPipefail', edits: [ctx.replace(first.end, first.end, ' -o pipefail')] }];
          }
          return [{ messageId: 'setPipefail', edits: [ctx.replace(first.start, first.start, 'set -o pipefail && ')] }];
        };
        // Debian's and RHEL's /bin/sh (dash) rejects `set -o pipefail`; BusyBox ash accepts it and has no bash.
        const defaultSh = !shell || shellName === 'sh';
        if (shellName === 'bash' || shellName === 'dash' || (defaultSh && family !== 'alpine'))
          suggest.push({ messageId: 'bashShell', edits: insert(BASH_SHELL) });
        if (PIPEFAIL_SHELLS.has(shellName) || (defaultSh && family !== 'debian' && family !== 'rhel'))
          suggest.push(...prefix());
        if (defaultSh && family === 'alpine') suggest.push({ messageId: 'ashShell', edits: insert(ASH_SHELL) });
        ctx.report({ start: bar, end: bar + 1, messageId: 'noPipefail', suggest });
      }
    }
  },
});
