import rule from '../../../server/src/engine/rules/dockerfile/missing-pipefail';
import { cases, df } from '../../support/cases';

export default cases(rule, {
  valid: [
    {
      name: 'a tested pipe ending in grep -q: pipefail would make a match fail (SIGPIPE)',
      code: df`
        FROM debian:12
        RUN curl -fsS http://localhost:8080/health | grep -q ok || { echo "not ready"; exit 1; }`,
    },
    {
      name: 'if … | grep -q, and a pipe into head whose status is tested',
      code: df`
        FROM debian:12
        RUN if dpkg -l | grep -qw openssl; then echo present; fi
        RUN ls /usr/lib | head -n 1 && echo listed`,
    },
    {
      name: 'SHELL with pipefail',
      docs: 'good',
      code: df`
        FROM debian:12
        SHELL ["/bin/bash", "-o", "pipefail", "-c"]
        RUN curl -fsSL https://example.com/app.tar.gz | tar -xz -C /opt`,
    },
    {
      name: 'set -o pipefail variants before the pipe',
      code: df`
        FROM alpine:3.20
        RUN set -o pipefail && wget -qO- https://example.com/a.tgz | tar -xz
        RUN set -euxo pipefail; wget -qO- https://example.com/b.tgz | tar -xz
        RUN set -e -o pipefail; \\
            wget -qO- https://example.com/c.tgz | tar -xz
        RUN set -Eeuo pipefail && wget -qO- https://example.com/d.tgz | tar -xz`,
    },
    {
      name: 'echo into sha256sum has nothing to hide',
      code: df`
        FROM debian:12
        RUN echo "24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d  /tmp/a" | sha256sum -c - \\
         && printf '%s\\n' a b | sort`,
    },
    {
      name: 'no pipe, only || and &&',
      code: df`
        FROM debian:12
        RUN make || true && make install`,
    },
    {
      name: 'exec form runs no shell',
      code: df`
        FROM debian:12
        RUN ["/bin/bash", "-o", "pipefail", "-c", "curl -fsSL https://example.com/a | tar -xz"]`,
    },
    {
      name: 'pipe inside a nested sh -c',
      code: df`
        FROM debian:12
        RUN su app -s /bin/bash -c 'set -o pipefail; curl -fsSL https://example.com/a | tar -xz'`,
    },
    {
      name: 'PowerShell SHELL',
      code: df`
        FROM mcr.microsoft.com/windows/servercore:ltsc2022
        SHELL ["powershell", "-Command"]
        RUN Get-ChildItem | Select-Object Name`,
    },
    {
      name: 'Windows base with the default cmd shell',
      code: df`
        FROM mcr.microsoft.com/windows/nanoserver:ltsc2022
        RUN dir | findstr app`,
    },
    {
      name: 'SHELL inherited from the stage it builds on',
      code: df`
        FROM debian:12 AS base
        SHELL ["/bin/bash", "-o", "pipefail", "-c"]
        FROM base
        RUN curl -fsSL https://example.com/a | tar -xz`,
    },
    {
      name: 'ash with pipefail',
      code: df`
        FROM alpine:3.20
        SHELL ["/bin/ash", "-eo", "pipefail", "-c"]
        RUN wget -qO- https://example.com/a.tgz | tar -xz`,
    },
  ],
  invalid: [
    {
      name: 'grep -q at the end of a pipe whose status nobody tests is still a silent failure',
      code: df`
        FROM alpine:3.24
        RUN wget -qO- https://example.com/list ⟦|⟧ grep -q name
        USER 10001`,
      errors: [{ messageId: 'noPipefail' }],
    },
    {
      name: 'Debian: pipe under /bin/sh',
      docs: 'bad',
      code: df`
        FROM debian:12
        RUN curl -fsSL https://example.com/app.tar.gz ⟦|⟧ tar -xz -C /opt`,
      errors: [
        {
          messageId: 'noPipefail',
          suggestions: [
            {
              messageId: 'bashShell',
              output: df`
                FROM debian:12
                SHELL ["/bin/bash", "-o", "pipefail", "-c"]
                RUN curl -fsSL https://example.com/app.tar.gz | tar -xz -C /opt`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'Alpine: set -o pipefail in the RUN or an ash SHELL; RUN flags are skipped',
      code: df`
        FROM alpine:3.20
        RUN --mount=type=cache,target=/var/cache/apk \\
            apk add curl && curl -fsSL https://example.com/a.tgz ⟦|⟧ tar -xz`,
      errors: [
        {
          messageId: 'noPipefail',
          suggestions: [
            {
              messageId: 'setPipefail',
              output: df`
                FROM alpine:3.20
                RUN --mount=type=cache,target=/var/cache/apk \\
                    set -o pipefail && apk add curl && curl -fsSL https://example.com/a.tgz | tar -xz`,
            },
            {
              messageId: 'ashShell',
              output: df`
                FROM alpine:3.20
                SHELL ["/bin/ash", "-o", "pipefail", "-c"]
                RUN --mount=type=cache,target=/var/cache/apk \\
                    apk add curl && curl -fsSL https://example.com/a.tgz | tar -xz`,
            },
          ],
        },
      ],
    },
    {
      name: 'Alpine: a leading set gets -o pipefail; set after the pipe is too late',
      code: df`
        FROM alpine:3.20
        RUN set -eux; \\
            wget -qO- https://example.com/a.tgz ⟦|⟧ tar -xz; \\
            set -o pipefail`,
      errors: [
        {
          messageId: 'noPipefail',
          suggestions: [
            {
              messageId: 'setPipefail',
              output: df`
                FROM alpine:3.20
                RUN set -eux -o pipefail; \\
                    wget -qO- https://example.com/a.tgz | tar -xz; \\
                    set -o pipefail`,
            },
            {
              messageId: 'ashShell',
              output: df`
                FROM alpine:3.20
                SHELL ["/bin/ash", "-o", "pipefail", "-c"]
                RUN set -eux; \\
                    wget -qO- https://example.com/a.tgz | tar -xz; \\
                    set -o pipefail`,
            },
          ],
        },
      ],
    },
    {
      name: 'unknown base gets both remedies',
      code: df`
        FROM registry.example.com/team/base:1
        RUN grep -v '^#' /etc/hosts ⟦|⟧ wc -l`,
      errors: [
        {
          messageId: 'noPipefail',
          suggestions: [
            {
              messageId: 'bashShell',
              output: df`
          FROM registry.example.com/team/base:1
          SHELL ["/bin/bash", "-o", "pipefail", "-c"]
          RUN grep -v '^#' /etc/hosts | wc -l`,
            },
            {
              messageId: 'setPipefail',
              output: df`
          FROM registry.example.com/team/base:1
          RUN set -o pipefail && grep -v '^#' /etc/hosts | wc -l`,
            },
          ],
        },
      ],
    },
    {
      name: 'bash SHELL without pipefail',
      code: df`
        FROM ubuntu:24.04
        SHELL ["/bin/bash", "-c"]
        RUN ls /opt ⟦|⟧ xargs -n1 echo`,
      errors: [
        {
          messageId: 'noPipefail',
          suggestions: [
            {
              messageId: 'bashShell',
              output: df`
          FROM ubuntu:24.04
          SHELL ["/bin/bash", "-c"]
          SHELL ["/bin/bash", "-o", "pipefail", "-c"]
          RUN ls /opt | xargs -n1 echo`,
            },
            {
              messageId: 'setPipefail',
              output: df`
          FROM ubuntu:24.04
          SHELL ["/bin/bash", "-c"]
          RUN set -o pipefail && ls /opt | xargs -n1 echo`,
            },
          ],
        },
      ],
    },
    {
      name: 'two RUNs in a stage share one SHELL before the first; a builder SHELL does not reach the final stage',
      code: df`
        FROM debian:12 AS build
        SHELL ["/bin/bash", "-o", "pipefail", "-c"]
        RUN curl -fsSL https://example.com/a | tar -xz
        FROM debian:12-slim
        # runtime
        RUN dpkg -l ⟦|⟧ grep libc
        RUN apt-mark showmanual \\
            ⟦|⟧ xargs apt-mark auto`,
      errors: [
        {
          messageId: 'noPipefail',
          suggestions: [
            {
              messageId: 'bashShell',
              output: df`
          FROM debian:12 AS build
          SHELL ["/bin/bash", "-o", "pipefail", "-c"]
          RUN curl -fsSL https://example.com/a | tar -xz
          FROM debian:12-slim
          # runtime
          SHELL ["/bin/bash", "-o", "pipefail", "-c"]
          RUN dpkg -l | grep libc
          RUN apt-mark showmanual \\
              | xargs apt-mark auto`,
            },
          ],
        },
        {
          messageId: 'noPipefail',
          suggestions: [
            {
              messageId: 'bashShell',
              output: df`
          FROM debian:12 AS build
          SHELL ["/bin/bash", "-o", "pipefail", "-c"]
          RUN curl -fsSL https://example.com/a | tar -xz
          FROM debian:12-slim
          # runtime
          SHELL ["/bin/bash", "-o", "pipefail", "-c"]
          RUN dpkg -l | grep libc
          RUN apt-mark showmanual \\
              | xargs apt-mark auto`,
            },
          ],
        },
      ],
    },
    {
      name: 'heredoc body and command substitution',
      code: df`
        FROM python:3.12-alpine
        RUN <<EOF
        set -e
        arch="$(uname -m ⟦|⟧ sed s/x86_64/amd64/)"
        EOF`,
      errors: [
        {
          messageId: 'noPipefail',
          suggestions: [
            {
              messageId: 'ashShell',
              output: df`
        FROM python:3.12-alpine
        SHELL ["/bin/ash", "-o", "pipefail", "-c"]
        RUN <<EOF
        set -e
        arch="$(uname -m | sed s/x86_64/amd64/)"
        EOF`,
            },
          ],
        },
      ],
    },
    {
      name: 'escape directive',
      code: df`
        # escape=\`
        FROM debian:12
        RUN curl -fsSL https://example.com/a \`
            ⟦|⟧ tar -xz`,
      errors: [{ messageId: 'noPipefail' }],
    },
  ],
});
