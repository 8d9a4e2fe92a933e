import type { Instruction, PropertyInstruction } from 'dockerfile-ast';
import type { DockerfileModel } from '../../models/dockerfile';
import type { ShellWord } from '../../models/shell';
import { type PackageCommand, packageCommands } from '../../facts/packages';
import { cacheMountTargets, effectiveCommand, isShellForm, removesPath, shippedStages } from '../../models/runScript';
import { defineDockerfileRule } from '../rule';

const VAR = 'PIP_NO_CACHE_DIR';
/**
 * pip parses the variable with strtobool and then disables the cache for any valid value, false ones included
 * (kept for backwards compatibility, see `_handle_no_cache_dir` in pip's cmdoptions.py); an empty value is ignored
 * and any other value is an error. A value that expands at build time is given the benefit of the doubt.
 */
const disablesCache = (value: string | undefined) =>
  value !== undefined && (/^(y|yes|t|true|on|1|n|no|f|false|off|0)$/i.test(value) || value.includes('$'));
const PIP_CACHE = /(^|\/)\.cache(\/pip)?$/;

/** `ENV`/`ARG PIP_NO_CACHE_DIR=…` in a shipped stage before the RUN. */
function setByInstruction(model: DockerfileModel, run: Instruction): boolean {
  const at = model.offsets(run.getRange()).start;
  return shippedStages(model).some((s) =>
    s.instructions.some(
      (i) =>
        (i.getKeyword() === 'ENV' || i.getKeyword() === 'ARG') &&
        model.offsets(i.getRange()).end <= at &&
        (i as PropertyInstruction)
          .getProperties()
          .some((p) => p.getName() === VAR && disablesCache(p.getValue() ?? undefined)),
    ),
  );
}

/** `PIP_NO_CACHE_DIR=1 pip install`, `env PIP_NO_CACHE_DIR=1 pip …`, or an earlier `export PIP_NO_CACHE_DIR=…` in the RUN. */
function setInShell(model: DockerfileModel, pc: PackageCommand): boolean {
  // Values are unquoted; undefined when they expand at build time.
  const valueSets = (value: string | undefined) => value === undefined || disablesCache(value);
  const prefixWord = (w: ShellWord) =>
    w.start < pc.tool.start && w.raw.startsWith(`${VAR}=`) && valueSets(w.value?.slice(VAR.length + 1));
  if (pc.cmd.assigns.some((a) => a.name === VAR && valueSets(a.value)) || pc.cmd.words.some(prefixWord)) return true;
  return model
    .shell(pc.run)
    .commands.some(
      (c) =>
        c.start < pc.cmd.start && c.name === 'export' && c.assigns.some((a) => a.name === VAR && valueSets(a.value)),
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
        "pip caches every package it downloads or builds in `~/.cache/pip`; in an image build that cache is never reused but is stored in the layer, often doubling the size of the installed packages. Accepted: `--no-cache-dir`, `PIP_NO_CACHE_DIR` set by ENV or ARG earlier in a shipped stage, as a prefix of the command (`PIP_NO_CACHE_DIR=1 pip install …`) or by an earlier `export` in the RUN, a BuildKit cache mount on `~/.cache/pip` or `~/.cache` (the better choice for fast rebuilds), and removing the cache or running `pip cache purge` later in the same RUN. Only stages that ship are checked, the final stage and the stages it is built `FROM`; a builder stage's cache is thrown away. The fix inserts `--no-cache-dir` after `install`, which changes nothing but the disk use. `pipx` and `pipenv` are not pip and are not checked. hadolint also reports `PIP_NO_CACHE_DIR=0` (or `false`, `no`, `off`); we don't because pip disables the cache for any valid boolean value, false ones included (it keeps that for backwards compatibility), and ignores only an empty one.",
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
