import { commandLabel, type PackageCommand, packageCommands, RPM_MANAGERS } from '../../facts/packages';
import { isShellForm } from '../../models/runScript';
import { defineDockerfileRule } from '../rule';

const APT_PROMPTS = new Set([
  'install',
  'upgrade',
  'dist-upgrade',
  'full-upgrade',
  'remove',
  'purge',
  'autoremove',
  'build-dep',
  'reinstall',
  'satisfy',
]);
const RPM_PROMPTS = new Set([
  'install',
  'upgrade',
  'reinstall',
  'downgrade',
  'remove',
  'autoremove',
  'distro-sync',
  'group',
  'module',
  'swap',
]);
const APTITUDE_PROMPTS = new Set([
  'install',
  'remove',
  'purge',
  'reinstall',
  'upgrade',
  'safe-upgrade',
  'full-upgrade',
  'dist-upgrade',
  'build-dep',
]);
const ZYPPER_PROMPTS = new Set(['install', 'remove', 'upgrade', 'dist-upgrade', 'patch', 'source-install']);

/** apt's quiet level: `-q` and `--quiet` add one each (`-qq` two), `-q=2` and `--quiet=2` set it; level 2 implies -y. */
function quietLevel(words: readonly string[]): number {
  let level = 0;
  for (const v of words) {
    if (v === '--') break;
    const set = /^(?:-q|--quiet)=(\d+)$/.exec(v);
    if (set) level = Number(set[1]);
    else if (v === '--quiet') level++;
    else if (/^-[a-zA-Z]+$/.test(v)) level += (v.match(/q/g) ?? []).length;
  }
  return level;
}

function answersYes(pc: PackageCommand): boolean {
  const words = pc.args.map((w) => w.value ?? '');
  const short = (letters: RegExp) => words.some((v) => /^-[a-zA-Z]+$/.test(v) && letters.test(v.slice(1)));
  // `yes | apt-get install …`
  const piped =
    pc.cmd.pipeline && pc.cmd.pipeline.index > 0 && pc.cmd.pipeline.commands[pc.cmd.pipeline.index - 1].name === 'yes';
  if (piped) return true;
  if (pc.manager === 'aptitude')
    return short(/y/) || words.some((v) => v === '--assume-yes' || /Assume-Yes[="\s]*(true|1|yes)/i.test(v));
  if (pc.manager === 'apt-get' || pc.manager === 'apt') {
    return (
      short(/y/) ||
      quietLevel(words) >= 2 ||
      words.some(
        (v, i) =>
          /^--(yes|assume-yes|force-yes)$/.test(v) ||
          /Assume-Yes[="\s]*(true|1|yes)/i.test(v) ||
          (v === '-o' && /Assume-Yes[="\s]*(true|1|yes)/i.test(words[i + 1] ?? '')),
      )
    );
  }
  if (RPM_MANAGERS.has(pc.manager))
    return short(/y/) || words.some((v) => v === '--assumeyes' || /^--setopt=assumeyes=(1|true|yes)$/i.test(v));
  return short(/n|y/) || words.some((v) => v === '--non-interactive' || v === '--no-confirm');
}

function prompts(pc: PackageCommand): boolean {
  if (pc.manager === 'apt-get' || pc.manager === 'apt') return APT_PROMPTS.has(pc.action);
  if (pc.manager === 'aptitude') return APTITUDE_PROMPTS.has(pc.action);
  if (RPM_MANAGERS.has(pc.manager)) {
    // `dnf module list`, `dnf group info …` only print.
    const grouped = pc.action === 'module' || pc.action === 'group';
    const prints = grouped && (!pc.subAction || /^(list|info|provides|summary|repoquery)$/.test(pc.subAction));
    return RPM_PROMPTS.has(pc.action) && !prints;
  }
  return pc.manager === 'zypper' && ZYPPER_PROMPTS.has(pc.action);
}

export default defineDockerfileRule({
  meta: {
    id: 'package-install-yes',
    target: 'dockerfile',
    title: 'Answer package-manager prompts non-interactively',
    practice: 'no-unnecessary-packages',
    severity: 'warning',
    fix: 'safe',
    peers: { hadolint: ['DL3014', 'DL3030', 'DL3038', 'DL3034'], trivy: ['DS-0021'] },
    messages: {
      prompt: '"{{command}}" asks for confirmation, which a build cannot give, so it aborts; add {{flag}}',
    },
    docs: {
      rationale:
        'A build has no terminal: when `apt-get install`, `yum`/`dnf`/`microdnf install` or `zypper install` asks "Do you want to continue?", it reads end-of-input and aborts, so the build fails the first time the package set changes, or, on some tools, waits until a timeout. `-y` (`--yes`, `--assume-yes`, apt\'s quiet level 2: `-qq`, `-q -q`, `-q=2`, `--quiet --quiet`, `-o APT::Get::Assume-Yes=true`, `--assumeyes`) for apt, aptitude and the rpm tools, `-n`/`--non-interactive` or the subcommand\'s `-y`/`--no-confirm` for zypper, and piping from `yes` all count. The fix inserts `-y` after the subcommand (`zypper -n` after the tool), which only turns a would-be failure into the intended install.',
      references: [
        'https://github.com/hadolint/hadolint/wiki/DL3014',
        'https://github.com/hadolint/hadolint/wiki/DL3034',
      ],
    },
  },
  check(ctx) {
    for (const pc of packageCommands(ctx.dockerfile)) {
      if (!pc.sub || pc.simulated || !prompts(pc) || answersYes(pc)) continue;
      const zypper = pc.manager === 'zypper';
      const at = zypper ? pc.tool.end : pc.sub.end;
      const flag = zypper ? '-n' : '-y';
      const fix = isShellForm(pc.run) ? [ctx.replace(at, at, ` ${flag}`)] : undefined;
      ctx.report({
        start: pc.tool.start,
        end: pc.sub.end,
        messageId: 'prompt',
        data: { command: commandLabel(pc), flag },
        fix,
      });
    }
  },
});
