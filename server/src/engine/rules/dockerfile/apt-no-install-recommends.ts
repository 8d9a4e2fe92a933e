import { runCommands } from '../../models/commands';
import { APT_MANAGERS, commandLabel, type PackageCommand, packageCommands } from '../../facts/packages';
import { isShellForm, shippedStages } from '../../models/runScript';
import { defineDockerfileRule } from '../rule';

const OFF = /Install-Recommends[="\s]*(false|0|no|off)/i;

/** `--no-install-recommends`, or `-o APT::Install-Recommends=false` (as one word or two). */
function disablesRecommends(pc: PackageCommand): boolean {
  return pc.args.some((w, i) => {
    const v = w.value ?? '';
    if (v === '--no-install-recommends' || OFF.test(v)) return true;
    if (pc.manager === 'aptitude' && (v === '--without-recommends' || /^-[a-zA-Z]*R[a-zA-Z]*$/.test(v))) return true;
    return (v === '-o' || v === '--option') && OFF.test(pc.args[i + 1]?.value ?? '');
  });
}

export default defineDockerfileRule({
  meta: {
    id: 'apt-no-install-recommends',
    target: 'dockerfile',
    title: 'Install apt packages without recommended extras',
    practice: 'no-unnecessary-packages',
    severity: 'warning',
    fix: 'suggestion',
    peers: { hadolint: ['DL3015'], trivy: ['DS-0029'] },
    messages: {
      recommends:
        '"{{command}}" also installs every recommended package, which the image rarely needs; add {{flag}} and list what you need',
      addFlag: 'Add {{flag}}',
    },
    docs: {
      rationale:
        'By default apt installs each package\'s "Recommends" too: often tens of megabytes of extra programs and libraries that enlarge the image and its vulnerability count without being used. `--no-install-recommends` installs only what you asked for and its hard dependencies. Only stages that ship are checked (the final stage and the stages it is built `FROM`); a builder stage\'s extras are thrown away. `aptitude install` is checked too, where the flag is `--without-recommends` (`-R`). An `APT::Install-Recommends "false"` setting written by an earlier RUN, or passed with `-o`, counts as the flag. The quick fix adds the flag but is not applied automatically, because a recommended package can be needed at run time (curl, for example, only recommends `ca-certificates`, without which HTTPS downloads fail); add such packages by name.',
      references: [
        'https://github.com/hadolint/hadolint/wiki/DL3015',
        'https://docs.docker.com/build/building/best-practices/#apt-get',
      ],
    },
  },
  check(ctx) {
    const model = ctx.dockerfile;
    const stages = shippedStages(model);
    // An apt.conf snippet written earlier (`echo 'APT::Install-Recommends "0";' > …`) applies to later installs.
    const configuredAt =
      [...runCommands(model)].find(
        ({ stage, cmd }) => stages.includes(stage) && cmd.words.some((w) => OFF.test(w.value ?? w.raw)),
      )?.cmd.end ?? Infinity;
    for (const pc of packageCommands(model, stages)) {
      if (
        !APT_MANAGERS.has(pc.manager) ||
        pc.action !== 'install' ||
        !pc.sub ||
        pc.simulated ||
        pc.packages.length === 0
      )
        continue;
      if (disablesRecommends(pc) || configuredAt <= pc.cmd.start) continue;
      // aptitude spells it --without-recommends.
      const flag = pc.manager === 'aptitude' ? '--without-recommends' : '--no-install-recommends';
      const suggest = isShellForm(pc.run)
        ? [{ messageId: 'addFlag' as const, data: { flag }, edits: [ctx.replace(pc.sub.end, pc.sub.end, ` ${flag}`)] }]
        : undefined;
      ctx.report({
        start: pc.sub.start,
        end: pc.sub.end,
        messageId: 'recommends',
        data: { command: commandLabel(pc), flag },
        suggest,
      });
    }
  },
});
