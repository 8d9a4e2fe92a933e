import rule from '../../../server/src/engine/rules/dockerfile/apt-lists-cleanup';
import { cases, df } from '../../support/cases';

export default cases(rule, {
  valid: [
    {
      name: 'lists removed in the same RUN',
      docs: 'good',
      code: df`
        FROM debian:12-slim
        RUN apt-get update \\
            && apt-get install -y --no-install-recommends curl \\
            && rm -rf /var/lib/apt/lists/*`,
    },
    {
      name: 'apt-get dist-clean, rm of /var/lib/apt, and the official-image style',
      code: df`
        FROM debian:trixie-slim
        RUN set -eux; apt-get update; apt-get install -y --no-install-recommends tzdata; apt-get dist-clean
        RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt`,
    },
    {
      name: 'cache mount on the lists',
      code: df`
        # syntax=docker/dockerfile:1
        FROM debian:12
        RUN --mount=type=cache,target=/var/lib/apt,sharing=locked --mount=type=cache,target=/var/cache/apt \\
            apt-get update && apt-get install -y curl`,
    },
    {
      name: 'builder stage lists never ship',
      code: df`
        FROM debian:12 AS build
        RUN apt-get update && apt-get install -y gcc
        FROM debian:12-slim
        COPY --from=build /out /out`,
    },
    {
      name: 'install without update leaves nothing new',
      code: df`
        FROM debian:12
        RUN apt-get install -y ./local.deb`,
    },
    {
      name: 'a cache mount on /var/lib/apt/lists alone; aptitude update cleaned',
      code: df`
        FROM debian:12
        RUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y curl
        RUN aptitude update && aptitude install -y jq && rm -rf /var/lib/apt/lists/*`,
    },
  ],
  invalid: [
    {
      name: 'update and install without cleanup',
      docs: 'bad',
      code: df`
        FROM debian:12-slim
        RUN ⟦apt-get update⟧ && apt-get install -y --no-install-recommends curl`,
      errors: [{ messageId: 'keepsLists', data: { command: 'apt-get update' } }],
      output: df`
        FROM debian:12-slim
        RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*`,
    },
    {
      name: 'continuation lines with a comment line and a trailing semicolon',
      code: df`
        FROM debian:12-slim
        RUN set -eux; \\
            ⟦apt-get update⟧; \\
            # curl for the health check
            apt-get install -y --no-install-recommends curl;
        CMD ["app"]`,
      errors: [{ messageId: 'keepsLists' }],
      output: df`
        FROM debian:12-slim
        RUN set -eux; \\
            apt-get update; \\
            # curl for the health check
            apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*;
        CMD ["app"]`,
    },
    {
      name: 'clean only removes archives; cleanup before the update does not count; shell comment at the end',
      code: df`
        FROM ubuntu:24.04
        RUN rm -rf /var/lib/apt/lists/* && ⟦apt-get update⟧ && apt-get install -y curl && apt-get clean # tidy`,
      errors: [{ messageId: 'keepsLists' }],
      output: df`
        FROM ubuntu:24.04
        RUN rm -rf /var/lib/apt/lists/* && apt-get update && apt-get install -y curl && apt-get clean && rm -rf /var/lib/apt/lists/* # tidy`,
    },
    {
      name: 'a later RUN installs without updating: no fix',
      code: df`
        FROM debian:12
        RUN ⟦apt-get update⟧ && apt-get install -y curl
        RUN apt-get install -y jq`,
      errors: [{ messageId: 'keepsLists' }],
      output: null,
    },
    {
      name: 'heredoc and exec form are reported without a fix; install --update counts as update',
      code: df`
        FROM debian:12
        RUN <<EOF
        ⟦apt-get update⟧
        apt-get install -y curl
        EOF
        RUN [⟦"apt-get", "update"⟧]
        RUN ⟦apt-get install⟧ --update -y wget`,
      errors: [
        { messageId: 'keepsLists' },
        { messageId: 'keepsLists' },
        { messageId: 'keepsLists', data: { command: 'apt-get install' } },
      ],
      output: df`
        FROM debian:12
        RUN <<EOF
        apt-get update
        apt-get install -y curl
        EOF
        RUN ["apt-get", "update"]
        RUN apt-get install --update -y wget && rm -rf /var/lib/apt/lists/*`,
    },
    {
      name: 'sh -c body, a cache mount on /var/cache/apt only, CRLF and escape directive',
      code: "# escape=`\r\nFROM debian:12\r\nRUN --mount=type=cache,target=/var/cache/apt sh -c '⟦apt-get update⟧ && apt-get install -y curl' `\r\n    && echo ok\r\n",
      errors: [{ messageId: 'keepsLists' }],
      output:
        "# escape=`\r\nFROM debian:12\r\nRUN --mount=type=cache,target=/var/cache/apt sh -c 'apt-get update && apt-get install -y curl' `\r\n    && echo ok && rm -rf /var/lib/apt/lists/*\r\n",
    },
    {
      name: 'aptitude update counts like apt-get update',
      code: df`
        FROM debian:12
        RUN ⟦aptitude update⟧ && aptitude install -y curl`,
      errors: [{ messageId: 'keepsLists', data: { command: 'aptitude update' } }],
      output: df`
        FROM debian:12
        RUN aptitude update && aptitude install -y curl && rm -rf /var/lib/apt/lists/*`,
    },
  ],
});
