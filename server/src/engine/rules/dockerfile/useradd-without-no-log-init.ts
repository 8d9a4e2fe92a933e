import { unwrap } from '../../models/commands';
import { parseOptions } from '../../facts/downloads';
import { execForm } from '../../facts/transfers';
import { defineDockerfileRule } from '../rule';

/** useradd options that take a value (so `-u 100000` and `-g grp` are not read as flags or operands). */
const SHORT_WITH_VALUE = 'bcdefgGkKpRPsuZ';
const LONG_WITH_VALUE = new Set([
  'base-dir',
  'comment',
  'home-dir',
  'expiredate',
  'inactive',
  'gid',
  'groups',
  'skel',
  'key',
  'password',
  'root',
  'prefix',
  'shell',
  'uid',
  'selinux-user',
  'selinux-range',
  'btrfs-subvolume-home',
]);
/** hadolint DL3046's threshold: more than five digits. lastlog alone grows by 292 bytes per UID below it. */
const HIGH_UID = 100000;

export default defineDockerfileRule({
  meta: {
    id: 'useradd-without-no-log-init',
    target: 'dockerfile',
    title: 'Use useradd --no-log-init with high UIDs',
    practice: 'least-privilege',
    severity: 'warning',
    fix: 'safe',
    peers: { hadolint: ['DL3046'] },
    messages: {
      noLogInit:
        'useradd with UID {{uid}} writes a sparse /var/log/lastlog and faillog that the image layer stores in full ({{size}}); add --no-log-init',
    },
    docs: {
      rationale:
        'useradd records every user in /var/log/lastlog and /var/log/faillog at an offset proportional to the UID. On disk those files are sparse, but image layers store them in full, so a high UID silently adds tens of megabytes or more (and huge UIDs have exhausted disks during builds). `--no-log-init` (`-l`) skips those records, which nobody reads in a container, so adding it changes nothing else and is a safe fix. As hadolint DL3046, only UIDs of 100000 and above are reported; a UID that comes from a variable is not judged.',
      references: [
        'https://docs.docker.com/build/building/best-practices/#user',
        'https://github.com/hadolint/hadolint/wiki/DL3046',
      ],
    },
  },
  check(ctx) {
    const model = ctx.dockerfile;
    for (const stage of model.stages) {
      for (const run of stage.instructions) {
        if (run.getKeyword() !== 'RUN') continue;
        const script = model.shell(run);
        // Exec form: the flag goes in as one more JSON string.
        const json = execForm(model, run) !== undefined;
        for (const cmd of script.commands) {
          const { name, args } = unwrap(cmd);
          if (name !== 'useradd') continue;
          const { flags } = parseOptions(args, SHORT_WITH_VALUE, LONG_WITH_VALUE);
          if (flags.some((f) => f.name === 'l' || f.name === 'no-log-init')) continue;
          const uidFlag = flags.find((f) => f.name === 'u' || f.name === 'uid');
          const uid = Number(uidFlag?.value);
          if (!uidFlag || !/^\d+$/.test(uidFlag.value ?? '') || uid < HIGH_UID) continue;
          const useradd = cmd.words[cmd.words.length - args.length - 1];
          const size = `${Math.round(((uid + 1) * 292) / 1e6)} MB or more`;
          ctx.report({
            start: useradd.start,
            end: useradd.end,
            messageId: 'noLogInit',
            data: { uid, size },
            fix: [
              ctx.replace(
                useradd.end,
                useradd.end,
                json && cmd === script.commands[0] ? ', "--no-log-init"' : ' --no-log-init',
              ),
            ],
          });
        }
      }
    }
  },
});
