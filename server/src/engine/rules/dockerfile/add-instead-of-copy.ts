import { isArchiveName, isRemoteSource, transferOf } from '../../facts/transfers';
import { defineDockerfileRule } from '../rule';

/** Flags COPY accepts too; anything else (`--checksum`, `--keep-git-dir`, `--unpack`, unknown) keeps ADD. */
const COPY_FLAGS = new Set(['chown', 'chmod', 'link', 'exclude', 'parents']);

/** A wildcard that could pick up an archive ADD would unpack (`dist*`, `src/*`); `*.txt` cannot. */
function mayMatchArchive(src: string): boolean {
  return /[*?[]/.test(src) && !/\.[A-Za-z0-9]+$/.test(src);
}

/** `ADD` → `COPY`, `add` → `copy`, `Add` → `Copy`. */
function copyKeyword(add: string): string {
  if (add === add.toUpperCase()) return 'COPY';
  if (add === add.toLowerCase()) return 'copy';
  return 'Copy';
}

export default defineDockerfileRule({
  meta: {
    id: 'add-instead-of-copy',
    target: 'dockerfile',
    title: 'Use COPY instead of ADD for local files',
    practice: 'integrity',
    severity: 'warning',
    fix: 'safe',
    peers: { hadolint: ['DL3020'], trivy: ['DS-0005'], checkov: ['CKV_DOCKER_4'] },
    messages: {
      useCopy:
        'ADD of local files does nothing COPY cannot and may unpack archives or fetch URLs unexpectedly; use COPY',
    },
    docs: {
      rationale:
        'ADD has two hidden behaviours on top of COPY: it downloads URLs and it unpacks local tar archives, so a file that turns into an archive (or a source that turns into a URL) changes what lands in the image without anyone noticing. For plain local files and directories COPY does the same thing and says what it does. ADD is kept where it is needed, and not reported: remote sources (URLs, git repositories), sources whose name says tar or compressed archive (ADD detects archives by content, so a compressed single file may hold one) and wildcards that could match one (`dist*`, but not `*.txt`), sources that depend on a build argument, and ADD-only flags such as `--checksum`, `--keep-git-dir` or `--unpack`. The fix only renames the keyword, keeping its case, so flags such as `--chown`, `--chmod` and `--link` carry over. hadolint DL3010 also asks for ADD where a local archive is copied and then unpacked with tar; we do not, because the explicit COPY + tar (or a `RUN --mount` bind of the archive, which keeps it out of every layer) says what happens, while the unpacking of ADD depends on the content of the file.',
      references: [
        'https://docs.docker.com/build/building/best-practices/#add-or-copy',
        'https://github.com/hadolint/hadolint/wiki/DL3020',
      ],
    },
  },
  check(ctx) {
    const model = ctx.dockerfile;
    for (const stage of model.stages) {
      for (const ins of stage.instructions) {
        if (ins.getKeyword() !== 'ADD') continue;
        const t = transferOf(model, ins);
        if (t.heredoc || t.sources.length === 0) continue;
        if (t.flags.some((f) => !COPY_FLAGS.has(f.getName().toLowerCase()))) continue;
        if (
          t.sources.some(
            (s) =>
              s.value.includes('$') || isRemoteSource(s.value) || isArchiveName(s.value) || mayMatchArchive(s.value),
          )
        )
          continue;
        const kw = model.offsets(ins.getInstructionRange());
        const keyword = model.text.slice(kw.start, kw.end);
        ctx.report({
          start: kw.start,
          end: kw.end,
          messageId: 'useCopy',
          fix: [ctx.replace(kw.start, kw.end, copyKeyword(keyword))],
        });
      }
    }
  },
});
