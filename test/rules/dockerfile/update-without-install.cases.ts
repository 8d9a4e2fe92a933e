import rule from '../../../server/src/engine/rules/dockerfile/update-without-install';
import { cases, df } from '../../support/cases';

export default cases(rule, {
  valid: [
    {
      name: 'update and install in one RUN',
      docs: 'good',
      code: df`
        FROM debian:12-slim
        RUN apt-get update \\
            && apt-get install -y --no-install-recommends curl \\
            && rm -rf /var/lib/apt/lists/*`,
    },
    {
      name: 'semicolons, set -eux and an install through xargs',
      code: df`
        FROM debian:12
        RUN set -eux; apt-get update; grep -v '^#' packages.txt | xargs apt-get install -y`,
    },
    {
      name: 'apk update then add, dnf makecache then install, zypper refresh then in',
      code: df`
        FROM alpine:3.20
        RUN apk update && apk add curl
        FROM fedora:40
        RUN dnf makecache && dnf install -y nginx
        FROM opensuse/leap:15.6
        RUN zypper refresh && zypper -n in nginx`,
    },
    {
      name: 'update followed by upgrade',
      code: df`
        FROM ubuntu:24.04
        RUN apt-get update && apt-get upgrade -y`,
    },
    {
      name: 'yum update upgrades packages and is not an index refresh',
      code: df`
        FROM centos:7
        RUN yum update -y`,
    },
    {
      name: 'heredoc with update and install',
      code: df`
        FROM debian:12
        RUN <<EOF
        apt-get update
        apt-get install -y curl
        EOF`,
    },
    {
      name: 'aptitude refreshes and installs in one RUN',
      code: df`
        FROM debian:12
        RUN aptitude update && aptitude install -y curl && rm -rf /var/lib/apt/lists/*`,
    },
  ],
  invalid: [
    {
      name: 'update alone, next RUN installs: merge suggestion',
      docs: 'bad',
      code: df`
        FROM debian:12-slim
        RUN ⟦apt-get update⟧
        RUN apt-get install -y --no-install-recommends curl`,
      errors: [
        {
          messageId: 'alone',
          data: { command: 'apt-get update' },
          suggestions: [
            {
              messageId: 'merge',
              output: df`
                FROM debian:12-slim
                RUN apt-get update \\
                    && apt-get install -y --no-install-recommends curl`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'install before the update does not count; no merge when the next RUN is not an install',
      code: df`
        FROM ubuntu:24.04
        RUN apt-get install -y curl && ⟦apt update -qq⟧
        RUN echo done`,
      errors: [{ messageId: 'alone', data: { command: 'apt update' }, suggestions: [] }],
    },
    {
      name: 'apk and zypper refresh alone, comment between RUNs blocks the merge',
      code: df`
        FROM alpine:3.20
        RUN ⟦apk update⟧
        # tools
        RUN apk add curl
        FROM opensuse/leap:15.6
        RUN ⟦zypper ref⟧; echo refreshed`,
      errors: [
        { messageId: 'alone', data: { command: 'apk update' }, suggestions: [] },
        { messageId: 'alone', data: { command: 'zypper ref' }, suggestions: [] },
      ],
    },
    {
      name: 'trailing semicolon, CRLF and sh -c body',
      code: "FROM debian:12\r\nRUN set -e; ⟦apt-get update⟧;\r\nRUN apt-get install -y curl\r\nRUN sh -c '⟦apt-get update⟧'\r\n",
      errors: [
        {
          messageId: 'alone',
          suggestions: [
            {
              messageId: 'merge',
              output:
                "FROM debian:12\r\nRUN set -e; apt-get update \\\r\n    && apt-get install -y curl\r\nRUN sh -c 'apt-get update'\r\n",
            },
          ],
        },
        { messageId: 'alone', suggestions: [] },
      ],
    },
    {
      name: 'escape directive uses the backtick for the merge',
      code: '# escape=`\nFROM debian:12\nRUN ⟦apt-get update⟧\nRUN apt-get install -y curl\n',
      errors: [
        {
          messageId: 'alone',
          suggestions: [
            {
              messageId: 'merge',
              output: '# escape=`\nFROM debian:12\nRUN apt-get update `\n    && apt-get install -y curl\n',
            },
          ],
        },
      ],
    },
    {
      name: 'cache mount on either RUN blocks the merge; dnf makecache alone',
      code: df`
        FROM fedora:40
        RUN --mount=type=cache,target=/var/cache/dnf ⟦dnf makecache⟧
        RUN dnf install -y nginx`,
      errors: [{ messageId: 'alone', data: { command: 'dnf makecache' }, suggestions: [] }],
    },
    {
      name: 'aptitude update alone',
      code: df`
        FROM debian:12
        RUN ⟦aptitude update⟧
        RUN aptitude install -y curl`,
      errors: [{ messageId: 'alone', data: { command: 'aptitude update' } }],
    },
  ],
});
