import type { Stage } from '../../models/dockerfile';
import { defineDockerfileRule } from '../rule';

export default defineDockerfileRule({
  meta: {
    id: 'duplicate-stage-name',
    target: 'dockerfile',
    title: 'Stage names must be unique',
    practice: 'multi-stage-builds',
    severity: 'error',
    fix: 'none',
    peers: { hadolint: ['DL3024'], buildkit: ['DuplicateStageName'] },
    messages: {
      duplicate: 'Stage name {{name}} is already used on line {{line}}; give every stage its own name',
    },
    docs: {
      rationale:
        'BuildKit refuses a Dockerfile in which two stages share a name, and with the classic builder `COPY --from` and `FROM <stage>` silently pick one of them. Names are compared case-insensitively, as BuildKit does. Every repeat after the first is reported; renaming is left to the author, since the references after it may mean either stage.',
      references: [
        'https://github.com/hadolint/hadolint/wiki/DL3024',
        'https://docs.docker.com/reference/build-checks/duplicate-stage-name/',
      ],
    },
  },
  check(ctx) {
    const first = new Map<string, Stage>();
    for (const stage of ctx.dockerfile.stages) {
      const name = stage.name;
      if (!name) continue;
      const earlier = first.get(name.value);
      if (!earlier) {
        first.set(name.value, stage);
        continue;
      }
      const line = ctx.index.positionAt(earlier.name!.start).line + 1;
      ctx.report({
        start: name.start,
        end: name.end,
        messageId: 'duplicate',
        data: { name: ctx.text.slice(name.start, name.end), line },
      });
    }
  },
});
