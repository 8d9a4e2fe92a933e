import rule from '../../../server/src/engine/rules/dockerfile/useradd-without-no-log-init';
import { cases, df } from '../../support/cases';

export default cases(rule, {
  valid: [
    {
      name: 'high UID with --no-log-init',
      docs: 'good',
      code: df`
        FROM debian:12
        RUN groupadd --gid 100001 app && useradd --no-log-init --uid 100001 --gid app app`,
    },
    {
      name: '-l in a cluster',
      code: df`
        FROM debian:12
        RUN useradd -lm -u 200000 app`,
    },
    {
      name: 'UID below the threshold',
      code: df`
        FROM debian:12
        RUN useradd -u 10001 app && useradd --uid=99999 other`,
    },
    {
      name: 'UID from a variable is not judged',
      code: df`
        FROM debian:12
        ARG UID=100000
        RUN useradd -u "$UID" app`,
    },
    {
      name: 'BusyBox adduser has no lastlog',
      code: df`
        FROM alpine:3.20
        RUN adduser -D -u 100000 app`,
    },
  ],
  invalid: [
    {
      name: 'useradd with a high UID',
      docs: 'bad',
      code: df`
        FROM debian:12
        RUN groupadd -g 123456 app && ⟦useradd⟧ -u 123456 -g app -m app`,
      errors: [{ messageId: 'noLogInit', data: { uid: 123456, size: '36 MB or more' } }],
      output: df`
        FROM debian:12
        RUN groupadd -g 123456 app && useradd --no-log-init -u 123456 -g app -m app`,
    },
    {
      name: 'long and attached forms, sudo, continuation lines, builder and final stage',
      code: df`
        FROM ubuntu:24.04 AS build
        RUN sudo ⟦useradd⟧ \\
              --uid=1000000 builder
        FROM ubuntu:24.04
        RUN ⟦/usr/sbin/useradd⟧ -u1000000 -s /bin/false app`,
      errors: [{ messageId: 'noLogInit' }, { messageId: 'noLogInit', data: { uid: 1000000, size: '292 MB or more' } }],
      output: df`
        FROM ubuntu:24.04 AS build
        RUN sudo useradd --no-log-init \\
              --uid=1000000 builder
        FROM ubuntu:24.04
        RUN /usr/sbin/useradd --no-log-init -u1000000 -s /bin/false app`,
    },
    {
      name: 'heredoc and sh -c body',
      code: df`
        FROM debian:12
        RUN <<EOF
        set -e
        ⟦useradd⟧ -u 100000 a
        EOF
        RUN sh -c '⟦useradd⟧ -u 100001 b'`,
      errors: [{ messageId: 'noLogInit' }, { messageId: 'noLogInit' }],
      output: df`
        FROM debian:12
        RUN <<EOF
        set -e
        useradd --no-log-init -u 100000 a
        EOF
        RUN sh -c 'useradd --no-log-init -u 100001 b'`,
    },
    {
      name: 'exec form gets one more JSON string',
      code: df`
        FROM debian:12
        RUN [⟦"useradd"⟧, "-u", "100000", "app"]
        RUN ["/bin/sh", "-c", "⟦useradd⟧ -u 100001 b"]`,
      errors: [{ messageId: 'noLogInit' }, { messageId: 'noLogInit' }],
      output: df`
        FROM debian:12
        RUN ["useradd", "--no-log-init", "-u", "100000", "app"]
        RUN ["/bin/sh", "-c", "useradd --no-log-init -u 100001 b"]`,
    },
    {
      name: 'escape directive',
      code: df`
        # escape=\`
        FROM debian:12
        RUN ⟦useradd⟧ \`
            -u 100000 app`,
      errors: [{ messageId: 'noLogInit' }],
      output: df`
        # escape=\`
        FROM debian:12
        RUN useradd --no-log-init \`
            -u 100000 app`,
    },
  ],
});
