import type { Instruction, Run } from 'dockerfile-ast';
import type { DockerfileModel } from '../../models/dockerfile';
import { commandLabel, type Manager, packageCommand, type PackageCommand, packageCommands } from '../../facts/packages';
import { isShellForm, runAppendOffset } from '../../models/runScript';
import { defineDockerfileRule } from '../rule';

type Family = 'apt' | 'apk' | 'rpm' | 'zypper';
const FAMILY: Partial<Record<Manager, Family>> = {
  'apt-get': 'apt',
  apt: 'apt',
  aptitude: 'apt',
  apk: 'apk',
  yum: 'rpm',
  dnf: 'rpm',
  microdnf: 'rpm',
  zypper: 'zypper',
};
const REFRESH: Record<Family, string> = { apt: 'update', apk: 'update', rpm: 'makecache', zypper: 'refresh' };
const USES_INDEX: Record<Family, string[]> = {
  apt: ['install', 'upgrade', 'dist-upgrade', 'full-upgrade', 'build-dep', 'source', 'satisfy', 'reinstall'],
  apk: ['add', 'upgrade', 'fix'],
  rpm: ['install', 'upgrade', 'reinstall', 'downgrade', 'distro-sync', 'group', 'module'],
  zypper: ['install', 'upgrade', 'dist-upgrade', 'patch'],
};

const familyOf = (pc: PackageCommand) => FAMILY[pc.manager];
const isRefresh = (pc: PackageCommand) => !!familyOf(pc) && pc.action === REFRESH[familyOf(pc)!];
const usesIndex = (pc: PackageCommand, family: Family) =>
  familyOf(pc) === family && USES_INDEX[family].includes(pc.action);

/** Edits that join `run` with the RUN right after it (`RUN a` + `RUN b` → `RUN a \ && b`), when that is plainly possible. */
function mergeWithNext(
  model: DockerfileModel,
  run: Instruction,
  family: Family,
): { start: number; end: number; text: string } | undefined {
  const stage = model.stages.find((s) => s.instructions.includes(run))!;
  const next = stage.instructions[stage.instructions.indexOf(run) + 1];
  if (!next || next.getKeyword() !== 'RUN' || !isShellForm(next) || (next as Run).getHeredocs().length)
    return undefined;
  if ((run as Run).getFlags().length || (next as Run).getFlags().length) return undefined;
  const shell = model.shell(next);
  if (
    !shell.commands.some((c) => {
      const pc = packageCommand(stage, next, c);
      return !!pc && usesIndex(pc, family);
    })
  )
    return undefined;
  const at = runAppendOffset(model, run);
  const nextArgs = next.getArgumentsRange();
  if (at === undefined || !nextArgs) return undefined;
  const argsStart = model.offsets(nextArgs).start;
  const gap = /^[ \t;]*(\r?\n)[ \t]*RUN[ \t]+$/i.exec(model.text.slice(at, argsStart));
  if (!gap || model.text.slice(argsStart, model.offsets(next.getRange()).end).includes('||')) return undefined;
  return { start: at, end: argsStart, text: ` ${model.escape}${gap[1]}    && ` };
}

export default defineDockerfileRule({
  meta: {
    id: 'update-without-install',
    target: 'dockerfile',
    title: 'Refresh the package index in the same RUN that installs',
    practice: 'vulnerable-images',
    severity: 'warning',
    fix: 'suggestion',
    peers: { trivy: ['DS-0017'], checkov: ['CKV_DOCKER_5'] },
    messages: {
      alone:
        '"{{command}}" is in a RUN that installs nothing, so its cached layer can feed stale package lists to later installs; refresh and install in the same RUN',
      merge: 'Merge with the next RUN',
    },
    docs: {
      rationale:
        'Docker caches each RUN by its text. When `apt-get update` (or `aptitude update`, `apk update`, `dnf makecache`, `zypper refresh`) is a RUN of its own, its layer is reused for months while the install RUN below it is rebuilt, so the install reads an old index: it may fail on versions that left the mirror, or silently install packages without the security fixes published since. Refreshing and installing in the same RUN ties the index to the install. The rule reports a refresh that no install of the same package manager follows in its RUN (as Trivy DS-0017 and Checkov CKV_DOCKER_5 do); `yum update`/`dnf upgrade` upgrade packages rather than refresh an index and are not reported. When the next RUN installs with the same tool and nothing but whitespace separates the two, a quick fix merges them with `&&`.',
      references: ['https://docs.docker.com/build/building/best-practices/#apt-get'],
    },
  },
  check(ctx) {
    const byRun = new Map<Instruction, PackageCommand[]>();
    for (const pc of packageCommands(ctx.dockerfile)) byRun.set(pc.run, [...(byRun.get(pc.run) ?? []), pc]);
    for (const [run, pcs] of byRun) {
      for (const pc of pcs) {
        if (!isRefresh(pc)) continue;
        const family = familyOf(pc)!;
        if (pcs.some((o) => o.cmd.start > pc.cmd.start && usesIndex(o, family))) continue;
        const merge = mergeWithNext(ctx.dockerfile, run, family);
        const suggest = merge
          ? [{ messageId: 'merge' as const, edits: [ctx.replace(merge.start, merge.end, merge.text)] }]
          : undefined;
        const command = commandLabel(pc);
        ctx.report({ start: pc.tool.start, end: pc.cmd.end, messageId: 'alone', data: { command }, suggest });
      }
    }
  },
});
