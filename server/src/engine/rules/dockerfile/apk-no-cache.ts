import type { Instruction } from 'dockerfile-ast';
import type { DockerfileModel } from '../../models/dockerfile';
import { type PackageCommand, packageCommands } from '../../facts/packages';
import {
  cacheMountTargets,
  isShellForm,
  removesPath,
  shippedStages,
  stageAndDescendants,
} from '../../models/runScript';
import { defineDockerfileRule } from '../rule';

const CACHE = new Set(['/var/cache/apk', '/etc/apk/cache']);
const has = (pc: PackageCommand, ...flags: string[]) => pc.args.some((w) => flags.includes(w.value ?? ''));
const refreshes = (pc: PackageCommand) =>
  pc.action === 'update' || (pc.action === 'add' && has(pc, '--update', '-U', '--update-cache'));

/** A later `apk add` that neither refreshes nor skips the cache reads the index this command would no longer store. */
function laterAddsNeedIndex(model: DockerfileModel, pc: PackageCommand): boolean {
  const after = model.offsets(pc.run.getRange()).end;
  const byRun = new Map<Instruction, PackageCommand[]>();
  for (const o of packageCommands(model, stageAndDescendants(model, pc.stage))) {
    if (o.manager === 'apk' && model.offsets(o.run.getRange()).start >= after)
      byRun.set(o.run, [...(byRun.get(o.run) ?? []), o]);
  }
  return [...byRun.values()].some((pcs) => {
    const first = pcs.find((o) => o.action === 'add' || o.action === 'update');
    return !!first && first.action === 'add' && !refreshes(first) && !has(first, '--no-cache');
  });
}

export default defineDockerfileRule({
  meta: {
    id: 'apk-no-cache',
    target: 'dockerfile',
    title: 'Use apk add --no-cache',
    practice: 'no-unnecessary-packages',
    severity: 'info',
    fix: 'safe',
    peers: { hadolint: ['DL3019'], trivy: ['DS-0025'] },
    messages: {
      addKeepsCache: '"apk add" without --no-cache can leave the package index in this layer; use "apk add --no-cache"',
      updateKeepsIndex:
        '"apk update" stores the package index in this layer; drop it and use "apk add --no-cache", or remove /var/cache/apk/* in the same RUN',
    },
    docs: {
      rationale:
        '`apk update` and `apk add --update` store the package index (a few MB per repository) in `/var/cache/apk`, where it stays in the layer, enlarges every pull and goes stale. `apk add --no-cache` fetches the index into memory and stores nothing. Accepted: `--no-cache`, `--no-network` (nothing is downloaded), `rm -rf /var/cache/apk/*` later in the same RUN, and a BuildKit cache or tmpfs mount on `/var/cache/apk` or `/etc/apk/cache`. Only stages that ship are checked, the final stage and the stages it is built `FROM`. The fix inserts `--no-cache` after `add`; it is not offered when the command refreshes the index (`--update`) and a later `apk add` without its own refresh depends on it. `apk update` itself is reported without a fix: the remedy is to drop it, which only you can check.',
      references: ['https://github.com/hadolint/hadolint/wiki/DL3019'],
    },
  },
  check(ctx) {
    const model = ctx.dockerfile;
    for (const pc of packageCommands(model, shippedStages(model))) {
      if (pc.manager !== 'apk' || !pc.sub || !(pc.action === 'add' || pc.action === 'update')) continue;
      if (has(pc, '--no-cache', '--no-network') || cacheMountTargets(pc.run).some((t) => CACHE.has(t))) continue;
      if (removesPath(model, pc.run, pc.cmd.end, (p) => CACHE.has(p))) continue;
      if (pc.action === 'update') {
        ctx.report({ start: pc.tool.start, end: pc.sub.end, messageId: 'updateKeepsIndex' });
        continue;
      }
      const safe = isShellForm(pc.run) && !(refreshes(pc) && laterAddsNeedIndex(model, pc));
      ctx.report({
        start: pc.tool.start,
        end: pc.sub.end,
        messageId: 'addKeepsCache',
        fix: safe ? [ctx.replace(pc.sub.end, pc.sub.end, ' --no-cache')] : undefined,
      });
    }
  },
});
