import rule from '../../../server/src/engine/rules/dockerfile/non-numeric-user';
import { cases, df } from '../../support/cases';

export default cases(rule, {
  valid: [
    {
      name: 'numeric UID and GID',
      docs: 'good',
      code: df`
        FROM debian:12-slim
        RUN groupadd --gid 10001 app && useradd --no-log-init --uid 10001 --gid app app
        USER 10001:10001`,
    },
    {
      name: 'numeric UID with a group name',
      code: df`
        FROM node:22-slim
        USER 1000:node`,
    },
    {
      name: 'names in builder stages do not matter',
      code: df`
        FROM node:22 AS build
        USER node
        FROM gcr.io/distroless/nodejs22-debian12
        USER 65532`,
    },
    {
      name: 'root is left to no-root-user',
      code: df`
        FROM debian:12
        USER root`,
    },
    {
      name: 'variable without a default is not judged',
      code: df`
        FROM debian:12
        ARG APP_USER
        USER \${APP_USER}`,
    },
    {
      name: 'build argument resolving to a number',
      code: df`
        ARG UID=10001
        FROM debian:12
        ARG UID
        USER \${UID}`,
    },
  ],
  invalid: [
    {
      name: 'user created in this Dockerfile with an explicit UID',
      docs: 'bad',
      code: df`
        FROM debian:12-slim
        RUN groupadd --gid 10001 app && useradd --no-log-init --uid 10001 --gid app app
        USER ⟦app⟧
        CMD ["/app/run"]`,
      errors: [
        {
          messageId: 'userName',
          data: { user: 'app' },
          suggestions: [
            {
              messageId: 'useUid',
              output: df`
                FROM debian:12-slim
                RUN groupadd --gid 10001 app && useradd --no-log-init --uid 10001 --gid app app
                USER 10001:10001
                CMD ["/app/run"]`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'user from the base image: UID unknown, no suggestion',
      code: df`
        FROM node:22-slim
        USER ⟦node⟧`,
      errors: [{ messageId: 'userName', suggestions: [] }],
    },
    {
      name: 'BusyBox adduser with addgroup -g, and a group in USER',
      code: df`
        FROM alpine:3.20
        RUN addgroup -g 1000 node \\
            && adduser -u 1000 -G node -s /bin/sh -D node
        USER ⟦node⟧:node`,
      errors: [
        {
          messageId: 'userName',
          suggestions: [
            {
              messageId: 'useUid',
              output: df`
                FROM alpine:3.20
                RUN addgroup -g 1000 node \\
                    && adduser -u 1000 -G node -s /bin/sh -D node
                USER 1000:1000`,
            },
          ],
        },
      ],
    },
    {
      name: 'build arguments: the name is resolved, the ids stay arguments (Jenkins style)',
      code: df`
        FROM debian:12
        ARG user=jenkins
        ARG uid=1000
        ARG gid=1000
        RUN groupadd -g \${gid} jenkins \\
          && useradd -d /var/jenkins_home -u \${uid} -g \${gid} -l -m -s /bin/bash \${user}
        USER ⟦\${user}⟧`,
      errors: [
        {
          messageId: 'userName',
          data: { user: 'jenkins' },
          suggestions: [
            {
              messageId: 'useUid',
              output: df`
                FROM debian:12
                ARG user=jenkins
                ARG uid=1000
                ARG gid=1000
                RUN groupadd -g \${gid} jenkins \\
                  && useradd -d /var/jenkins_home -u \${uid} -g \${gid} -l -m -s /bin/bash \${user}
                USER \${uid}:\${gid}`,
            },
          ],
        },
      ],
    },
    {
      name: 'user created in the stage the final one builds on, in a heredoc',
      code: df`
        FROM debian:12 AS base
        RUN <<EOF
        useradd --uid 10001 app
        EOF
        FROM base
        USER ⟦app⟧`,
      errors: [
        {
          messageId: 'userName',
          suggestions: [
            {
              messageId: 'useUid',
              output: df`
        FROM debian:12 AS base
        RUN <<EOF
        useradd --uid 10001 app
        EOF
        FROM base
        USER 10001`,
            },
          ],
        },
      ],
    },
  ],
});
