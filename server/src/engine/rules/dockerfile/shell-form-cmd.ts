import type { Instruction, JSONInstruction } from 'dockerfile-ast';
import { dockerToShell, ownInstructions, type DockerfileModel, type Stage } from '../../models/dockerfile';
import { shippedStages } from '../../models/runScript';
import { parseShell } from '../../models/shell';
import { defineDockerfileRule } from '../rule';

/** Words whose meaning needs a shell: builtins and keywords have no executable to run directly. */
const SHELL_ONLY = new Set(
  'cd export set source . eval ulimit umask trap alias unset readonly shift wait read exit return local declare typeset builtin type hash let : if for while until case function { ( !'.split(
    ' ',
  ),
);
const CONTINUATION = /^(?:\s|\\\r?\n)*$/;

/** The exec-form array equivalent to a shell-form command, or undefined when the text uses any shell feature. */
function toExecForm(model: DockerfileModel, ins: Instruction): string | undefined {
  const range = ins.getArgumentsRange();
  if (!range) return undefined;
  const { start, end } = model.offsets(range);
  const raw = model.text.slice(start, end);
  if (/\n[ \t]*#/.test(raw)) return undefined; // a comment line would be dropped
  const script = dockerToShell(raw, model.escape);
  const parsed = parseShell(script, (o) => start + o);
  const [cmd, ...rest] = parsed.commands;
  if (parsed.error || !cmd || cmd.assigns.length || rest.some((c) => c.start < cmd.start || c.end > cmd.end))
    return undefined;
  let pos = 0;
  for (const w of cmd.words) {
    if (w.value === undefined || /[*?[\]{}~$`]/.test(w.raw) || !CONTINUATION.test(script.slice(pos, w.start - start)))
      return undefined;
    pos = w.end - start;
  }
  if (!CONTINUATION.test(script.slice(pos))) return undefined;
  let values = cmd.words.map((w) => w.value!);
  if (values[0] === 'exec' && values.length > 1) values = values.slice(1);
  if (SHELL_ONLY.has(values[0])) return undefined;
  return `[${values.map((v) => JSON.stringify(v)).join(', ')}]`;
}

const isWindows = (model: DockerfileModel, chain: Stage[]) =>
  model.escape === '`' || chain.some((s) => /windows|servercore|nanoserver/i.test(s.image?.text ?? ''));

export default defineDockerfileRule({
  meta: {
    id: 'shell-form-cmd',
    target: 'dockerfile',
    title: 'Write CMD and ENTRYPOINT in exec (JSON) form',
    practice: 'health-checks',
    severity: 'warning',
    fix: 'safe',
    peers: { hadolint: ['DL3025'], buildkit: ['JSONArgsRecommended'] },
    messages: {
      shellForm:
        'Shell-form {{keyword}} runs under "/bin/sh -c", so the application may not be PID 1 and may miss SIGTERM on shutdown; use the JSON form {{keyword}} ["executable", "arg"]',
      useExecForm: 'Rewrite as {{keyword}} {{json}}',
    },
    docs: {
      rationale:
        'In shell form (`CMD node server.js`) Docker starts `/bin/sh -c "node server.js"`. Unless the shell happens to exec the command, the shell is PID 1: it does not forward SIGTERM, so `docker stop` and Kubernetes wait out the grace period and then SIGKILL the application, which never gets to finish requests or flush data. A shell-form ENTRYPOINT also ignores CMD and the arguments of `docker run`. The exec form (`CMD ["node", "server.js"]`) runs the program directly. Only the CMD and ENTRYPOINT that take effect (the last ones of the final stage and the stages it builds on) are checked. The fix rewrites the instruction as JSON when it is a single plain command (quotes and a leading `exec` are fine; variables, globs, `&&`, pipes, redirects and builtins need a shell, so those get no fix: wrap them as `["sh", "-c", "…"]` after adding `exec` yourself, or move them into a script). It is applied automatically for CMD when there is no ENTRYPOINT in the Dockerfile; for ENTRYPOINT, or a CMD that feeds an ENTRYPOINT, it is a quick fix, because the arguments the entrypoint receives change. Files for Windows containers (a backtick escape directive or a Windows base image) or with a SHELL instruction get no fix.',
      references: [
        'https://docs.docker.com/reference/dockerfile/#shell-and-exec-form',
        'https://github.com/hadolint/hadolint/wiki/DL3025',
      ],
    },
  },
  check(ctx) {
    const model = ctx.dockerfile;
    const chain = shippedStages(model);
    const all = chain.flatMap((s) => ownInstructions(model, s));
    const last = (kw: string) => all.filter((i) => i.getKeyword() === kw).pop();
    const entrypoint = last('ENTRYPOINT');
    const convertible = !isWindows(model, chain) && !all.some((i) => i.getKeyword() === 'SHELL');
    for (const ins of [entrypoint, last('CMD')]) {
      if (!ins || (ins as JSONInstruction).getJSONStrings().length > 0) continue;
      const range = ins.getArgumentsRange();
      if (!range || (ins.getArgumentsContent() ?? '').trim().startsWith('[')) continue;
      const { start, end } = model.offsets(range);
      const keyword = ins.getKeyword();
      const json = convertible ? toExecForm(model, ins) : undefined;
      const edits = json ? [ctx.replace(start, end, json)] : undefined;
      const safe = edits && keyword === 'CMD' && !entrypoint;
      ctx.report({
        start,
        end,
        messageId: 'shellForm',
        data: { keyword },
        fix: safe ? edits : undefined,
        suggest: edits && !safe ? [{ messageId: 'useExecForm', data: { keyword, json: json! }, edits }] : undefined,
      });
    }
  },
});
