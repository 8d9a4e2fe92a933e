import type { Instruction, PropertyInstruction } from 'dockerfile-ast';
import type { DockerfileModel } from '../../models/dockerfile';
import { type PackageCommand, packageCommands } from '../../facts/packages';
import { cacheMountTargets, effectiveCommand, isShellForm, removesPath, shippedStages } from '../../models/runScript';
import { defineDockerfileRule } from '../rule';

const VAR = 'PIP_NO_CACHE_DIR';
const PIP_CACHE = /(^|\/)\.cache(\/pip)?$/;

/** `ENV`/`ARG PIP_NO_CACHE_DIR=…` in a shipped stage before the RUN. */
function setByInstruction(model: DockerfileModel, run: Instruction): boolean {
  const at = model.offsets(run.getRange()).start;
  return shippedStages(model).some((s) =>
    s.instructions.some(
      (i) =>
        (i.getKeyword() === 'ENV' || i.getKeyword() === 'ARG') &&
        model.offsets(i.getRange()).end <= at &&
        (i as PropertyInstruction).getProperties().some((p) => p.getName() === VAR),
    ),
  );
}

/** `PIP_NO_CACHE_DIR=1 pip install`, `env PIP_NO_CACHE_DIR=1 pip …`, or an earlier `export PIP_NO_CACHE_DIR=…` in the RUN. */
function setInShell(model: DockerfileModel, pc: PackageCommand): boolean {
  if (
    pc.cmd.assigns.some((a) => a.name === VAR) ||
    pc.cmd.words.some((w) => w.start < pc.tool.start && w.value?.startsWith(`${VAR}=`))
  )
    return true;
  return model
    .shell(pc.run)
    .commands.some(
      (c) => c.start < pc.cmd.start && c.name === 'export' && c.words.some((w) => w.value?.startsWith(`${VAR}=`)),
    );
}

function purged(model: DockerfileModel, pc: PackageCommand): boolean {
  if (removesPath(model, pc.run, pc.cmd.end, (p) => PIP_CACHE.test(p))) return true;
  return model.shell(pc.run).commands.some((c) => {
    if (c.start < pc.cmd.end) return false;
    const { name, args } = effectiveCommand(c);
    return /^pip[\d.]*$/.test(name) && args[0]?.value === 'cache' && args[1]?.value === 'purge';
  });
}

export default defineDockerfileRule({
  meta: {
    id: 'pip-no-cache-dir',
    target: 'dockerfile',
    title: 'Use pip install --no-cache-dir',
    practice: 'no-unnecessary-packages',
    severity: 'info',
    fix: 'safe',
    peers: { hadolint: ['DL3042'] },
    messages: {
      keepsCache:
        '"pip install" keeps a copy of every downloaded wheel in ~/.cache/pip in this layer; add --no-cache-dir',
    },
    docs: {
      rationale:
        "pip caches every package it downloads or builds in `~/.cache/pip`; in an image build that cache is never reused but is stored in the layer, often doubling the size of the installed packages. Accepted: `--no-cache-dir`, `PIP_NO_CACHE_DIR` set by ENV or ARG earlier in a shipped stage or on the command, a BuildKit cache mount on `~/.cache/pip` or `~/.cache` (the better choice for fast rebuilds), and removing the cache or running `pip cache purge` later in the same RUN. Only stages that ship are checked, the final stage and the stages it is built `FROM`; a builder stage's cache is thrown away. The fix inserts `--no-cache-dir` after `install`, which changes nothing but the disk use.",
      references: ['https://github.com/hadolint/hadolint/wiki/DL3042', 'https://pip.pypa.io/en/stable/topics/caching/'],
    },
  },
  check(ctx) {
    const model = ctx.dockerfile;
    for (const pc of packageCommands(model, shippedStages(model))) {
      if (pc.manager !== 'pip' || pc.action !== 'install' || !pc.sub) continue;
      if (pc.args.some((w) => w.value === '--no-cache-dir')) continue;
      if (
        cacheMountTargets(pc.run).some((t) => PIP_CACHE.test(t)) ||
        setByInstruction(model, pc.run) ||
        setInShell(model, pc) ||
        purged(model, pc)
      )
        continue;
      const fix = isShellForm(pc.run) ? [ctx.replace(pc.sub.end, pc.sub.end, ' --no-cache-dir')] : undefined;
      ctx.report({ start: pc.tool.start, end: pc.sub.end, messageId: 'keepsCache', fix });
    }
  },
});
