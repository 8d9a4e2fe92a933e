import type { Instruction } from 'dockerfile-ast';
import { commandLabel, type PackageCommand, packageCommands, RPM_MANAGERS } from '../../facts/packages';
import { cacheMountTargets, removesPath, runAppendOffset, shippedStages } from '../../models/runScript';
import { defineDockerfileRule } from '../rule';

const CACHE = /^\/var\/cache\/(yum|dnf|libdnf5|zypp)$|^\/var\/cache$/;
const INSTALLS = new Set([
  'install',
  'upgrade',
  'reinstall',
  'downgrade',
  'distro-sync',
  'group',
  'module',
  'dist-upgrade',
  'patch',
]);

const family = (pc: PackageCommand) =>
  RPM_MANAGERS.has(pc.manager) ? 'rpm' : pc.manager === 'zypper' ? 'zypper' : undefined;
const cleans = (pc: PackageCommand) =>
  pc.action === 'clean' && (pc.manager === 'zypper' || pc.args.some((w) => w.value === 'all'));
const basename = (pc: PackageCommand) =>
  (pc.tool.value ?? pc.manager).slice((pc.tool.value ?? '').lastIndexOf('/') + 1);

export default defineDockerfileRule({
  meta: {
    id: 'rpm-cache-cleanup',
    target: 'dockerfile',
    title: 'Clean the yum, dnf or zypper cache in the RUN that installs',
    practice: 'no-unnecessary-packages',
    severity: 'info',
    fix: 'safe',
    peers: { hadolint: ['DL3032', 'DL3040', 'DL3036'], trivy: ['DS-0015', 'DS-0019', 'DS-0020', 'DS-0027'] },
    messages: {
      keepsCache:
        '"{{command}}" leaves repository metadata and packages in /var/cache in this layer; end the RUN with "{{clean}}"',
    },
    docs: {
      rationale:
        'yum, dnf, microdnf and zypper keep repository metadata (often 100 MB or more) and sometimes downloaded packages under `/var/cache`; unless the RUN that installs also cleans, they stay in the layer for good. Accepted after the last install of the RUN: `yum`/`dnf`/`microdnf clean all` (any of the three), `zypper clean` or `zypper cc`, `rm -rf /var/cache/yum` (or `dnf`, `libdnf5`, `zypp`), and a BuildKit cache or tmpfs mount on those directories. Only stages that ship are checked, the final stage and the stages it is built `FROM`. The fix appends `&& <tool> clean all` (`zypper clean --all`) after the last command of the RUN; later installs download the metadata again, so nothing else changes. Exec-form and heredoc RUNs get no fix.',
      references: [
        'https://github.com/hadolint/hadolint/wiki/DL3032',
        'https://github.com/hadolint/hadolint/wiki/DL3040',
        'https://github.com/hadolint/hadolint/wiki/DL3036',
      ],
    },
  },
  check(ctx) {
    const model = ctx.dockerfile;
    const byRun = new Map<Instruction, PackageCommand[]>();
    for (const pc of packageCommands(model, shippedStages(model)))
      if (family(pc)) byRun.set(pc.run, [...(byRun.get(pc.run) ?? []), pc]);
    for (const [run, pcs] of byRun) {
      if (cacheMountTargets(run).some((t) => CACHE.test(t))) continue;
      for (const fam of ['rpm', 'zypper']) {
        const installs = pcs.filter((pc) => family(pc) === fam && INSTALLS.has(pc.action));
        if (installs.length === 0) continue;
        const last = installs[installs.length - 1];
        if (pcs.some((o) => family(o) === fam && cleans(o) && o.cmd.start > last.cmd.start)) continue;
        if (removesPath(model, run, last.cmd.end, (p) => CACHE.test(p))) continue;
        const clean = fam === 'zypper' ? 'zypper clean --all' : `${basename(last)} clean all`;
        const at = runAppendOffset(model, run);
        const first = installs[0];
        ctx.report({
          start: first.tool.start,
          end: (first.sub ?? first.tool).end,
          messageId: 'keepsCache',
          data: { command: commandLabel(first), clean },
          fix: at === undefined ? undefined : [ctx.replace(at, at, ` && ${clean}`)],
        });
      }
    }
  },
});
