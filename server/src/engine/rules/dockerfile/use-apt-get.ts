import { packageCommands } from '../../facts/packages';
import { isShellForm } from '../../models/runScript';
import { defineDockerfileRule } from '../rule';
import type { TextEdit } from '../../base/types';

/** Subcommands apt-get runs exactly as apt does (apt's `upgrade` also installs new dependencies). */
const SAME = new Set([
  'install',
  'remove',
  'purge',
  'update',
  'autoremove',
  'autopurge',
  'clean',
  'autoclean',
  'build-dep',
  'source',
  'download',
  'check',
  'satisfy',
  'dist-upgrade',
  'changelog',
  'reinstall',
]);
const TO_APT_CACHE = new Set(['search', 'show', 'policy', 'depends', 'rdepends', 'showsrc']);

export default defineDockerfileRule({
  meta: {
    id: 'use-apt-get',
    target: 'dockerfile',
    title: 'Use apt-get or apt-cache instead of apt in scripts',
    practice: 'no-unnecessary-packages',
    severity: 'warning',
    fix: 'safe',
    peers: { hadolint: ['DL3027'], checkov: ['CKV_DOCKER_9'] },
    messages: {
      useAptGet:
        '"apt" is an interactive front end without a stable command-line interface; use "{{instead}}" in a Dockerfile',
      useAptCache: 'Use "apt-cache {{sub}}"',
    },
    docs: {
      rationale:
        '`apt` is meant for people at a terminal: its output and behaviour may change between releases and it warns that it "does not have a stable CLI interface" when scripted. `apt-get` and `apt-cache` are the stable interfaces for scripts. The fix renames the command when apt-get does the same thing: every subcommand apt-get shares, `full-upgrade` becoming `apt-get dist-upgrade` and `upgrade` becoming `apt-get upgrade --with-new-pkgs` (what `apt upgrade` does). For `search`, `show` and `policy` a quick fix offers `apt-cache`, whose output differs slightly; `apt list` has no direct equivalent and gets no fix. One difference remains: `apt` deletes downloaded `.deb` files after installing and `apt-get` keeps them, which the official Debian and Ubuntu images already prevent with their `docker-clean` apt configuration.',
      references: ['https://github.com/hadolint/hadolint/wiki/DL3027'],
    },
  },
  check(ctx) {
    for (const pc of packageCommands(ctx.dockerfile)) {
      if (pc.manager !== 'apt' || !pc.sub) continue;
      const sub = pc.sub?.value ?? '';
      // Keep a directory prefix (`/usr/bin/apt`): only the basename changes.
      const base = pc.tool.end - 'apt'.length;
      const edits: TextEdit[] = [ctx.replace(base, pc.tool.end, 'apt-get')];
      if (sub === 'full-upgrade') edits.push(ctx.replace(pc.sub.start, pc.sub.end, 'dist-upgrade'));
      if (sub === 'upgrade') edits.push(ctx.replace(pc.sub.end, pc.sub.end, ' --with-new-pkgs'));
      const editable = isShellForm(pc.run) && pc.tool.raw === pc.tool.value;
      const safe = editable && (SAME.has(sub) || sub === 'full-upgrade' || sub === 'upgrade');
      const cache = editable && TO_APT_CACHE.has(sub);
      ctx.report({
        start: pc.tool.start,
        end: pc.tool.end,
        messageId: 'useAptGet',
        data: { instead: cache ? 'apt-cache' : 'apt-get' },
        fix: safe ? edits : undefined,
        suggest: cache
          ? [{ messageId: 'useAptCache', data: { sub }, edits: [ctx.replace(base, pc.tool.end, 'apt-cache')] }]
          : undefined,
      });
    }
  },
});
