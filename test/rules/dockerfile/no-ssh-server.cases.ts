import rule from '../../../server/src/engine/rules/dockerfile/no-ssh-server';
import { cases, df } from '../../support/cases';

export default cases(rule, {
  valid: [
    {
      name: 'application port only, SSH client for git',
      docs: 'good',
      code: df`
        FROM debian:12-slim
        RUN apt-get update && apt-get install -y --no-install-recommends openssh-client git && rm -rf /var/lib/apt/lists/*
        EXPOSE 8080`,
    },
    {
      name: 'port 22 only in a builder stage, ports with variables, ranges not covering 22, udp 22',
      code: df`
        FROM debian:12 AS build
        EXPOSE 22
        FROM debian:12-slim
        ARG SSH_PORT=22
        EXPOSE $SSH_PORT 2222 1000-2000 23-30/tcp 22/udp`,
    },
    {
      name: 'openssh-server installed and purged again',
      code: df`
        FROM alpine:3.20
        RUN apk add --no-cache --virtual .keygen openssh && ssh-keygen -A && apk del .keygen`,
    },
  ],
  invalid: [
    {
      name: 'sshd installed and port 22 exposed',
      docs: 'bad',
      code: df`
        FROM ubuntu:24.04
        RUN apt-get update && apt-get install -y --no-install-recommends curl ⟦openssh-server⟧ && rm -rf /var/lib/apt/lists/*
        EXPOSE ⟦22⟧
        CMD ["/usr/sbin/sshd", "-D"]`,
      errors: [
        {
          messageId: 'installsServer',
          data: { name: 'openssh-server' },
          suggestions: [
            {
              messageId: 'removePackage',
              output: df`
            FROM ubuntu:24.04
            RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
            EXPOSE 22
            CMD ["/usr/sbin/sshd", "-D"]`,
            },
          ],
        },
        {
          messageId: 'exposes22',
          suggestions: [
            {
              messageId: 'removeExpose',
              output: df`
            FROM ubuntu:24.04
            RUN apt-get update && apt-get install -y --no-install-recommends curl openssh-server && rm -rf /var/lib/apt/lists/*
            CMD ["/usr/sbin/sshd", "-D"]`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'port among others, tcp suffix and a range; parent stage ships',
      code: df`
        FROM debian:12 AS base
        EXPOSE 80 ⟦22/tcp⟧
        FROM base
        EXPOSE ⟦20-25⟧ 443`,
      errors: [
        {
          messageId: 'exposes22',
          suggestions: [
            {
              messageId: 'removePort',
              output: df`
            FROM debian:12 AS base
            EXPOSE 80
            FROM base
            EXPOSE 20-25 443`,
            },
          ],
        },
        {
          messageId: 'exposes22',
          suggestions: [
            {
              messageId: 'removePort',
              output: df`
            FROM debian:12 AS base
            EXPOSE 80 22/tcp
            FROM base
            EXPOSE 443`,
            },
          ],
        },
      ],
    },
    {
      name: 'alpine openssh and dropbear, heredoc, continuation with a comment, CRLF',
      code: 'FROM alpine:3.20\r\nRUN apk add --no-cache \\\r\n    # remote access\r\n    ⟦openssh⟧\r\nRUN <<EOF\r\napk add --no-cache ⟦dropbear⟧\r\nEOF\r\n',
      errors: [
        { messageId: 'installsServer', suggestions: [] },
        { messageId: 'installsServer', suggestions: [] },
      ],
    },
    {
      name: 'escape directive, lowercase instruction',
      code: '# escape=`\nFROM debian:12\nexpose ⟦22⟧\n',
      errors: [
        {
          messageId: 'exposes22',
          suggestions: [{ messageId: 'removeExpose', output: '# escape=`\nFROM debian:12\n' }],
        },
      ],
    },
  ],
});
