import type { Instruction } from 'dockerfile-ast';
import type { DockerfileModel } from '../../models/dockerfile';
import { APT_MANAGERS, commandLabel, type PackageCommand, packageCommands } from '../../facts/packages';
import {
  cacheMountTargets,
  removesPath,
  runAppendOffset,
  shippedStages,
  stageAndDescendants,
} from '../../models/runScript';
import { defineDockerfileRule } from '../rule';

const LISTS = new Set(['/var/lib/apt/lists', '/var/lib/apt']);
const NEEDS_LISTS = new Set([
  'install',
  'build-dep',
  'source',
  'upgrade',
  'dist-upgrade',
  'full-upgrade',
  'satisfy',
  'download',
  'reinstall',
]);

const isApt = (pc: PackageCommand) => APT_MANAGERS.has(pc.manager);
const refreshes = (pc: PackageCommand) =>
  isApt(pc) && (pc.action === 'update' || (pc.action === 'install' && pc.args.some((w) => w.value === '--update')));

/** A later RUN (here or in a stage built on this one) installs with apt without refreshing first: it needs the lists. */
function laterRunsNeedLists(model: DockerfileModel, run: Instruction, pc: PackageCommand): boolean {
  const after = model.offsets(run.getRange()).end;
  const byRun = new Map<Instruction, PackageCommand[]>();
  for (const o of packageCommands(model, stageAndDescendants(model, pc.stage))) {
    if (isApt(o) && model.offsets(o.run.getRange()).start >= after) byRun.set(o.run, [...(byRun.get(o.run) ?? []), o]);
  }
  return [...byRun.values()].some((pcs) => {
    const first = pcs.find((o) => refreshes(o) || NEEDS_LISTS.has(o.action));
    return !!first && !refreshes(first);
  });
}

export default defineDockerfileRule({
  meta: {
    id: 'apt-lists-cleanup',
    target: 'dockerfile',
    title: 'Remove the apt package lists in the RUN that downloads them',
    practice: 'no-unnecessary-packages',
    severity: 'info',
    fix: 'safe',
    peers: { hadolint: ['DL3009'] },
    messages: {
      keepsLists:
        '"{{command}}" leaves the package lists (tens of MB) in this layer; end the RUN with "rm -rf /var/lib/apt/lists/*"',
    },
    docs: {
      rationale:
        "`apt-get update` downloads the package lists to `/var/lib/apt/lists`; unless the same RUN deletes them they are stored in the layer for good, enlarging every pull, and they describe packages as of the build day, which misleads scanners and anyone who installs from them later. Deleting them in a later RUN does not shrink the image. Accepted: `rm -rf /var/lib/apt/lists/*` (or `/var/lib/apt`) after the last update of the RUN, `apt-get dist-clean`, and a BuildKit cache or tmpfs mount on `/var/lib/apt` or `/var/lib/apt/lists` (a mount on `/var/cache/apt` keeps downloaded packages, not the lists). `aptitude update` counts like `apt-get update`. hadolint also wants `/var/cache/apt` mounted when the mount is on `/var/lib/apt`; we don't because that mount alone keeps the lists out of the layer. Only stages that ship are checked, the final stage and the stages it is built `FROM`: hadolint checks every stage, but a builder stage's lists never reach the image. The fix appends `&& rm -rf /var/lib/apt/lists/*` after the last command of the RUN; it is not offered when a later RUN installs without its own `apt-get update` (it would then fail), nor for exec-form or heredoc RUNs.",
      references: [
        'https://github.com/hadolint/hadolint/wiki/DL3009',
        'https://docs.docker.com/build/building/best-practices/#apt-get',
      ],
    },
  },
  check(ctx) {
    const model = ctx.dockerfile;
    const byRun = new Map<Instruction, PackageCommand[]>();
    for (const pc of packageCommands(model, shippedStages(model)))
      if (isApt(pc)) byRun.set(pc.run, [...(byRun.get(pc.run) ?? []), pc]);
    for (const [run, pcs] of byRun) {
      const updates = pcs.filter(refreshes);
      if (updates.length === 0 || cacheMountTargets(run).some((t) => LISTS.has(t))) continue;
      const last = updates[updates.length - 1];
      const cleaned =
        removesPath(model, run, last.cmd.end, (p) => LISTS.has(p)) ||
        pcs.some((o) => o.action === 'dist-clean' && o.cmd.start > last.cmd.start);
      if (cleaned) continue;
      const first = updates[0];
      const at = runAppendOffset(model, run);
      const fix =
        at !== undefined && !laterRunsNeedLists(model, run, first)
          ? [ctx.replace(at, at, ' && rm -rf /var/lib/apt/lists/*')]
          : undefined;
      const end = (first.sub ?? first.tool).end;
      ctx.report({
        start: first.tool.start,
        end,
        messageId: 'keepsLists',
        data: { command: commandLabel(first) },
        fix,
      });
    }
  },
});
