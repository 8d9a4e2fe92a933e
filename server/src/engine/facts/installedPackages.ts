import { ownInstructions, type DockerfileModel, type Stage } from '../models/dockerfile';
import { effectiveCommand } from '../models/runScript';
import { APT_MANAGERS, OS_MANAGERS, packageCommand, type PackageCommand, type PackageSpec } from './packages';
/** The OS packages a stage's image still holds after its RUNs (installs minus removals, across FROM chains). */

export interface InstalledPackage {
  pc: PackageCommand;
  pkg: PackageSpec;
}

/**
 * OS packages installed by the stage chain ending at `stage` and not removed again by its end. Understands
 * `apt-get purge`/`apk del`/`dnf remove` by name, `apk del <--virtual group>`, and the docker-library idiom
 * `apt-mark auto …` followed by `apt-get purge --auto-remove` (which drops what that RUN installed before it,
 * except names marked manual again).
 */
export function remainingOsPackages(
  model: DockerfileModel,
  stage: Stage | undefined = model.finalStage,
): InstalledPackage[] {
  const chain = stage?.chain ?? [];
  let installed: InstalledPackage[] = [];
  const groups = new Map<string, string[]>();
  for (const s of chain) {
    for (const run of ownInstructions(model, s)) {
      if (run.getKeyword() !== 'RUN') continue;
      let autoMarkAt: number | undefined;
      const keep = new Set<string>();
      for (const cmd of model.shell(run).commands) {
        const { name, args } = effectiveCommand(cmd);
        if (name === 'apt-mark') {
          const sub = args[0]?.value;
          if (sub === 'auto' || sub === 'markauto') autoMarkAt ??= cmd.start;
          else if (sub === 'manual' && autoMarkAt !== undefined)
            args.slice(1).forEach((w) => w.value && keep.add(w.value));
          continue;
        }
        const pc = packageCommand(s, run, cmd);
        if (!pc || !OS_MANAGERS.has(pc.manager)) continue;
        // A version spelt through a variable (`gcc=$GCC_VERSION`) leaves the name known.
        const named = pc.packages.filter((p) => p.name !== '');
        if ((pc.action === 'install' || pc.action === 'add') && !pc.simulated) {
          installed.push(...named.map((pkg) => ({ pc, pkg })));
          if (pc.group)
            groups.set(
              pc.group,
              named.map((p) => p.name),
            );
        } else if (['remove', 'purge', 'del', 'autoremove'].includes(pc.action)) {
          const gone = new Set(named.flatMap((p) => [p.name, ...(groups.get(p.name) ?? [])]));
          const autoRemove =
            pc.action === 'autoremove' ||
            pc.args.some((w) => w.value === '--auto-remove' || w.value === '--autoremove');
          installed = installed.filter(({ pc: by, pkg }) => {
            if (gone.has(pkg.name)) return false;
            const autoMarked =
              autoMarkAt !== undefined && by.run === run && by.cmd.start < autoMarkAt && !keep.has(pkg.name);
            return !(autoRemove && autoMarked && APT_MANAGERS.has(by.manager));
          });
        }
      }
    }
  }
  return installed;
}
