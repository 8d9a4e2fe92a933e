import rule from '../../../server/src/engine/rules/dockerfile/debug-tools-in-final-stage';
import { cases, df } from '../../support/cases';

export default cases(rule, {
  valid: [
    {
      name: 'only runtime packages in the final stage',
      docs: 'good',
      code: df`
        FROM debian:12-slim
        RUN apt-get update \\
            && apt-get install -y --no-install-recommends ca-certificates curl tzdata \\
            && rm -rf /var/lib/apt/lists/*`,
    },
    {
      name: 'debug tools in a builder stage',
      code: df`
        FROM debian:12 AS build
        RUN apt-get update && apt-get install -y gdb strace
        FROM debian:12-slim
        COPY --from=build /out /app`,
    },
    {
      name: 'purged later in the same RUN or a later RUN',
      code: df`
        FROM debian:12-slim
        RUN apt-get update && apt-get install -y vim && do-things && apt-get purge -y vim
        RUN apt-get update && apt-get install -y netcat-openbsd
        RUN apt-get remove -y netcat-openbsd`,
    },
    {
      name: 'apk virtual group deleted later',
      code: df`
        FROM alpine:3.20
        RUN apk add --no-cache --virtual .debug strace gdb && ./selftest && apk del .debug`,
    },
    {
      name: 'apt-mark auto followed by purge --auto-remove (official-image idiom)',
      code: df`
        FROM debian:12-slim
        RUN set -eux; \\
            savedAptMark="$(apt-mark showmanual)"; \\
            apt-get update; \\
            apt-get install -y --no-install-recommends sudo wget; \\
            wget -O /usr/local/bin/gosu https://example.com/gosu; \\
            apt-mark auto '.*' > /dev/null; \\
            [ -z "$savedAptMark" ] || apt-mark manual $savedAptMark; \\
            apt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false; \\
            rm -rf /var/lib/apt/lists/*`,
    },
  ],
  invalid: [
    {
      name: 'network and debugging tools left in the final stage',
      docs: 'bad',
      code: df`
        FROM debian:12-slim
        RUN apt-get update \\
            && apt-get install -y --no-install-recommends ca-certificates ⟦netcat-openbsd⟧ ⟦strace⟧ \\
            && rm -rf /var/lib/apt/lists/*`,
      errors: [
        {
          messageId: 'tool',
          data: { name: 'netcat-openbsd', what: 'a network tool attackers use to probe and pivot' },
          suggestions: [
            {
              messageId: 'remove',
              output: df`
            FROM debian:12-slim
            RUN apt-get update \\
                && apt-get install -y --no-install-recommends ca-certificates strace \\
                && rm -rf /var/lib/apt/lists/*`,
            },
          ],
        },
        { messageId: 'tool', data: { name: 'strace', what: 'a debugger that can read and alter other processes' } },
      ],
      output: null,
    },
    {
      name: 'one package per line with a comment line; the whole line is removed',
      code: df`
        FROM debian:12-slim
        RUN apt-get update && apt-get install -y \\
            ca-certificates \\
            # editors for support
            ⟦vim⟧ \\
            tzdata \\
            && rm -rf /var/lib/apt/lists/*`,
      errors: [
        {
          messageId: 'tool',
          data: { name: 'vim', what: 'an interactive editor' },
          suggestions: [
            {
              messageId: 'remove',
              output: df`
            FROM debian:12-slim
            RUN apt-get update && apt-get install -y \\
                ca-certificates \\
                # editors for support
                tzdata \\
                && rm -rf /var/lib/apt/lists/*`,
            },
          ],
        },
      ],
    },
    {
      name: 'last package of the RUN on its own line takes the continuation with it',
      code: df`
        FROM alpine:3.20
        RUN apk add --no-cache curl \\
            ⟦sudo⟧
        USER app`,
      errors: [
        {
          messageId: 'tool',
          data: { name: 'sudo', what: 'a privilege-escalation tool' },
          suggestions: [
            {
              messageId: 'remove',
              output: df`
            FROM alpine:3.20
            RUN apk add --no-cache curl
            USER app`,
            },
          ],
        },
      ],
    },
    {
      name: 'installed in a parent stage, removed from another group only; only package of the command has no suggestion',
      code: df`
        FROM alpine:3.20 AS base
        RUN apk add --no-cache --virtual .tools ⟦tcpdump⟧
        FROM base
        RUN apk add --no-cache --virtual .other socat && apk del .other
        RUN sh -c 'apk add --no-cache ⟦nano⟧'`,
      errors: [
        { messageId: 'tool', suggestions: [] },
        { messageId: 'tool', suggestions: [] },
      ],
    },
    {
      name: 'heredoc, dnf and CRLF',
      code: 'FROM fedora:40\r\nRUN <<EOF\r\ndnf install -y ⟦gdb⟧ git\r\nEOF\r\n',
      errors: [
        {
          messageId: 'tool',
          suggestions: [
            { messageId: 'remove', output: 'FROM fedora:40\r\nRUN <<EOF\r\ndnf install -y git\r\nEOF\r\n' },
          ],
        },
      ],
    },
    {
      name: 'escape directive: the backtick continuation',
      code: '# escape=`\nFROM debian:12\nRUN apt-get install -y curl `\n    ⟦telnet⟧ `\n    wget\n',
      errors: [
        {
          messageId: 'tool',
          suggestions: [
            { messageId: 'remove', output: '# escape=`\nFROM debian:12\nRUN apt-get install -y curl `\n    wget\n' },
          ],
        },
      ],
    },
  ],
});
