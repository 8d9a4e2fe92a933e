import { effectiveCommand, cacheMountTargets, removesPath, shippedStages } from '../../models/runScript';
import { defineDockerfileRule } from '../rule';

/** Where yarn 1 keeps its package cache: `yarn cache dir` as root, or one the RUN sets with YARN_CACHE_FOLDER. */
const YARN_CACHE = /(?:^|\/)(?:\.cache\/yarn|\.yarn-cache|yarn-cache)(?:\/|$)|^\/usr\/local\/share\/\.cache\/yarn/;
/** The yarn subcommands that fill the cache. */
const INSTALLS = new Set(['install', 'add', 'global', 'upgrade']);

export default defineDockerfileRule({
  meta: {
    id: 'yarn-cache-clean',
    target: 'dockerfile',
    title: 'Clean the yarn cache in the RUN that installs',
    practice: 'no-unnecessary-packages',
    severity: 'info',
    fix: 'suggestion',
    peers: { hadolint: ['DL3060'] },
    messages: {
      noClean:
        '"yarn {{sub}}" keeps a copy of every downloaded package in the yarn cache, in this layer; end the RUN with "yarn cache clean"',
      addClean: 'Append "&& yarn cache clean" to this RUN',
    },
    docs: {
      rationale:
        'Yarn 1 stores every package it downloads in its cache (`/usr/local/share/.cache/yarn` as root), often as large as `node_modules` itself; the cache is only useful to the next install on the same machine, and in an image it is dead weight in the layer. Accepted: `yarn cache clean` later in the same RUN, removing the cache directory, `YARN_CACHE_FOLDER` pointed at a directory the RUN removes, and a BuildKit cache or tmpfs mount on the cache directory (the fast way: the cache survives between builds and never reaches the image). Only stages that ship are checked. Yarn 2+ (Berry) keeps its cache in the project on purpose (`.yarn/cache`, zero-installs) and has no `yarn install` cache to clean this way; this rule cannot tell the versions apart and reports both, as hadolint DL3060 does.',
      references: ['https://github.com/hadolint/hadolint/wiki/DL3060', 'https://classic.yarnpkg.com/en/docs/cli/cache'],
    },
  },
  check(ctx) {
    const model = ctx.dockerfile;
    for (const stage of shippedStages(model)) {
      for (const run of stage.instructions) {
        if (run.getKeyword() !== 'RUN') continue;
        // Any cache or tmpfs mount naming yarn (every YARN_CACHE path does) keeps the cache out of the layer.
        if (cacheMountTargets(run).some((t) => /yarn/.test(t))) continue;
        const commands = model.shell(run).commands;
        for (const cmd of commands) {
          const { name, args } = effectiveCommand(cmd);
          if (name !== 'yarn') continue;
          // Bare `yarn` is `yarn install`; `yarn --version` or `--help` is not.
          if (args.some((a) => /^(?:--version|-v|--help|-h)$/.test(a.value ?? ''))) continue;
          const sub = args.find((a) => !(a.value ?? '').startsWith('-'))?.value ?? 'install';
          if (!INSTALLS.has(sub)) continue;
          const cleaned =
            commands.some((c) => {
              if (c.start < cmd.end) return false;
              const e = effectiveCommand(c);
              return e.name === 'yarn' && e.args[0]?.value === 'cache' && e.args[1]?.value === 'clean';
            }) || removesPath(model, run, cmd.end, (p) => YARN_CACHE.test(`${p}/`));
          if (cleaned) continue;
          const end = model.offsets(run.getRange()).end;
          const tail = model.text.slice(cmd.start, end);
          // Appending is only plain when the yarn command ends the RUN's single line of shell.
          const simple = !/[\n;|]|<<|\\\s*$/.test(tail) && commands[commands.length - 1] === cmd;
          ctx.report({
            start: cmd.start,
            end: cmd.end,
            messageId: 'noClean',
            data: { sub },
            suggest: simple ? [{ messageId: 'addClean', edits: [ctx.replace(end, end, ' && yarn cache clean')] }] : [],
          });
        }
      }
    }
  },
});
