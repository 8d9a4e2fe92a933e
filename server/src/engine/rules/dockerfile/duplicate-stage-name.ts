import type { Stage } from '../../models/dockerfile';
import { defineDockerfileRule } from '../rule';

/** Names BuildKit gives a meaning of its own (its ReservedStageName check). */
const RESERVED = new Set(['scratch', 'context']);

export default defineDockerfileRule({
  meta: {
    id: 'duplicate-stage-name',
    target: 'dockerfile',
    title: 'Stage names must be unique',
    practice: 'multi-stage-builds',
    severity: 'error',
    fix: 'none',
    peers: { hadolint: ['DL3024', 'DL3063'], buildkit: ['DuplicateStageName', 'ReservedStageName'] },
    messages: {
      duplicate: 'Stage name {{name}} is already used on line {{line}}; give every stage its own name',
      reserved:
        'Stage name {{name}} is reserved by BuildKit (`{{name}}` already means something in FROM and COPY --from); choose another name',
    },
    docs: {
      rationale:
        'BuildKit refuses a Dockerfile in which two stages share a name, and with the classic builder `COPY --from` and `FROM <stage>` silently pick one of them. Names are compared case-insensitively, as BuildKit does. Every repeat after the first is reported; renaming is left to the author, since the references after it may mean either stage. The reserved names `scratch` and `context` are reported too: `FROM scratch` and the build context already answer to them.',
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
      if (RESERVED.has(name.value)) {
        ctx.report({ start: name.start, end: name.end, messageId: 'reserved', data: { name: name.value } });
        continue;
      }
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
