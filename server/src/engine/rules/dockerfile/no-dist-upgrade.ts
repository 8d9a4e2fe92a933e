import { commandLabel, packageCommands, RPM_MANAGERS } from '../../facts/packages';
import { isShellForm } from '../../models/runScript';
import { defineDockerfileRule } from '../rule';

export default defineDockerfileRule({
  meta: {
    id: 'no-dist-upgrade',
    target: 'dockerfile',
    title: 'Do not dist-upgrade inside an image build',
    practice: 'pinned-dependencies',
    severity: 'warning',
    fix: 'suggestion',
    peers: { hadolint: ['DL3005', 'DL3035'], trivy: ['DS-0024'] },
    messages: {
      distUpgrade:
        '"{{command}}" may replace or remove base-image packages and move to another release; use a newer base image, or a plain "{{instead}}" for security updates',
      useUpgrade: 'Replace "{{from}}" with "{{instead}}"',
    },
    docs: {
      rationale:
        '`apt-get dist-upgrade` (and `apt full-upgrade`, `zypper dist-upgrade`, `dnf distro-sync`) is allowed to install new packages, remove packages and downgrade, so the image no longer matches the base it names, its result depends on the day of the build, and an unprivileged build can break essential packages. A plain `upgrade` to pick up security fixes between base-image releases is fine and is not reported: Docker and OWASP dropped their advice against it and hadolint reduced DL3005 to `dist-upgrade` for that reason. The quick fix replaces the subcommand with the plain upgrade; it is a suggestion because a plain upgrade keeps held-back packages back.',
      references: [
        'https://github.com/hadolint/hadolint/wiki/DL3005',
        'https://github.com/hadolint/hadolint/issues/562',
      ],
    },
  },
  check(ctx) {
    for (const pc of packageCommands(ctx.dockerfile)) {
      const dist =
        (pc.manager.startsWith('apt') && (pc.action === 'dist-upgrade' || pc.action === 'full-upgrade')) ||
        (pc.manager === 'zypper' && pc.action === 'dist-upgrade') ||
        (RPM_MANAGERS.has(pc.manager) && pc.action === 'distro-sync');
      if (!dist || !pc.sub) continue;
      const instead = pc.manager === 'zypper' ? 'update' : 'upgrade';
      const command = commandLabel(pc);
      ctx.report({
        start: pc.tool.start,
        end: pc.sub.end,
        messageId: 'distUpgrade',
        data: { command, instead: `${command.slice(0, -pc.sub.value!.length)}${instead}` },
        suggest: isShellForm(pc.run)
          ? [
              {
                messageId: 'useUpgrade',
                data: { from: pc.sub.value!, instead },
                edits: [ctx.replace(pc.sub.start, pc.sub.end, instead)],
              },
            ]
          : undefined,
      });
    }
  },
});
