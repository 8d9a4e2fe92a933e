import rule from '../../../server/src/engine/rules/dockerfile/pin-os-packages';
import { cases, df } from '../../support/cases';

export default cases(rule, {
  valid: [
    {
      name: 'apt, apk, dnf and zypper pins',
      docs: 'good',
      code: df`
        FROM debian:12-slim
        RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 ca-certificates=20230311 \\
            && rm -rf /var/lib/apt/lists/*
        FROM alpine:3.20
        RUN apk add --no-cache curl=8.9.1-r0 jq~1.7
        FROM fedora:40
        RUN dnf install -y nginx-1.26.1 && dnf clean all
        FROM opensuse/leap:15.6
        RUN zypper -n install nginx=1.21.5 && zypper clean --all`,
    },
    {
      name: 'variables, local packages and virtual groups are not judged',
      code: df`
        FROM debian:12
        RUN apt-get install -y "$PACKAGES" ./local.deb /tmp/other.deb "postgresql-$PG_MAJOR=$PG_VERSION"
        FROM alpine:3.20
        RUN apk add --no-cache --virtual .build-deps $BUILD_DEPS && apk del .build-deps`,
    },
    {
      name: 'removing packages is not installing',
      code: df`
        FROM debian:12
        RUN apt-get purge -y curl && apk del wget && dnf remove -y vim`,
    },
    {
      name: 'a ranged constraint counts as pinned',
      code: df`
        FROM alpine:3.20
        RUN apk add --no-cache "python3>=3.12"`,
    },
    {
      name: 'simulated install',
      code: df`
        FROM debian:12
        RUN apt-get install -s curl`,
    },
    {
      name: 'epochs, module streams and versions spelt through ARG or ENV',
      code: df`
        FROM rockylinux:9
        ARG GIT_VERSION=2.43.5
        ENV CURL_VERSION=7.76.1-29.el9
        RUN yum install -y openssl-1:3.0.7-27.el9 git-core-\${GIT_VERSION} curl-$CURL_VERSION && yum clean all
        RUN dnf module install -y nodejs:18 && microdnf module install -y postgresql:15/server && yum module install -y php:8.1
        FROM debian:12
        ARG JQ_VERSION=1.6-2.1
        RUN apt-get install -y openssl=3.0.15-1~deb12u1 jq=\${JQ_VERSION} && aptitude install -y curl=7.88.1-10+deb12u8`,
    },
    {
      name: 'groups are not packages; other module subcommands install nothing',
      code: df`
        FROM fedora:40
        RUN dnf group install -y "Development Tools" && yum groupinstall -y "Development Tools"
        RUN dnf module enable -y nodejs:20 && dnf module reset -y nodejs && dnf module list`,
    },
  ],
  invalid: [
    {
      name: 'unpinned apt-get install: one finding per package',
      docs: 'bad',
      code: df`
        FROM debian:12-slim
        RUN apt-get update && apt-get install -y --no-install-recommends ⟦curl⟧ ⟦ca-certificates⟧ \\
            && rm -rf /var/lib/apt/lists/*`,
      errors: [
        { messageId: 'unpinned', data: { tool: 'apt-get install', name: 'curl', example: 'curl=<version>' } },
        {
          messageId: 'unpinned',
          data: { tool: 'apt-get install', name: 'ca-certificates', example: 'ca-certificates=<version>' },
        },
      ],
      output: null,
    },
    {
      name: 'apk add with a repository tag, continuation with a comment line, and flags taking values',
      code: df`
        FROM alpine:3.20
        RUN apk add --no-cache -X https://dl-cdn.alpinelinux.org/alpine/edge/testing \\
            # the tools
            ⟦jq⟧ \\
            ⟦yq@testing⟧`,
      errors: [
        { messageId: 'unpinned', data: { tool: 'apk add', name: 'jq', example: 'jq=<version>' } },
        { messageId: 'unpinned', data: { tool: 'apk add', name: 'yq', example: 'yq=<version>' } },
      ],
    },
    {
      name: 'yum, dnf and microdnf want name-version',
      code: df`
        FROM rockylinux:9
        RUN yum install -y ⟦httpd⟧ && dnf -y install ⟦java-17-openjdk⟧ && microdnf install -y ⟦tar⟧ && yum clean all`,
      errors: [
        { messageId: 'unpinned', data: { tool: 'yum install', name: 'httpd', example: 'httpd-<version>' } },
        {
          messageId: 'unpinned',
          data: { tool: 'dnf install', name: 'java-17-openjdk', example: 'java-17-openjdk-<version>' },
        },
        { messageId: 'unpinned', data: { tool: 'microdnf install', name: 'tar', example: 'tar-<version>' } },
      ],
    },
    {
      name: 'zypper in, sudo, sh -c body and a heredoc',
      code: df`
        FROM opensuse/leap:15.6
        RUN sudo zypper -n in ⟦nginx⟧ && zypper clean
        RUN sh -c 'apt-get install -y ⟦curl⟧'
        RUN <<EOF
        apk add --no-cache ⟦git⟧
        EOF`,
      errors: [
        { messageId: 'unpinned', data: { tool: 'zypper in', name: 'nginx', example: 'nginx=<version>' } },
        { messageId: 'unpinned', data: { tool: 'apt-get install', name: 'curl', example: 'curl=<version>' } },
        { messageId: 'unpinned', data: { tool: 'apk add', name: 'git', example: 'git=<version>' } },
      ],
    },
    {
      name: 'builder stages count too, escape directive and CRLF',
      code: '# escape=`\r\nFROM debian:12 AS build\r\nRUN apt-get update `\r\n && apt-get install -y ⟦gcc⟧\r\nFROM debian:12-slim\r\n',
      errors: [{ messageId: 'unpinned', data: { tool: 'apt-get install', name: 'gcc', example: 'gcc=<version>' } }],
    },
    {
      name: 'apt with architecture qualifier and target release',
      code: df`
        FROM debian:12
        RUN apt-get install -y ⟦libc6:i386⟧ ⟦nginx/bookworm-backports⟧`,
      errors: [
        { messageId: 'unpinned', data: { tool: 'apt-get install', name: 'libc6', example: 'libc6=<version>' } },
        { messageId: 'unpinned', data: { tool: 'apt-get install', name: 'nginx', example: 'nginx=<version>' } },
      ],
    },
    {
      name: 'a module without a stream, dnf aliases and aptitude',
      code: df`
        FROM fedora:40
        RUN dnf module install -y ⟦nodejs⟧ && yum module install -y ⟦php⟧ && dnf in -y ⟦tar⟧
        FROM debian:12
        RUN aptitude install -y ⟦vim⟧`,
      errors: [
        { messageId: 'unpinned', data: { tool: 'dnf module install', name: 'nodejs', example: 'nodejs:<stream>' } },
        { messageId: 'unpinned', data: { tool: 'yum module install', name: 'php', example: 'php:<stream>' } },
        { messageId: 'unpinned', data: { tool: 'dnf in', name: 'tar', example: 'tar-<version>' } },
        { messageId: 'unpinned', data: { tool: 'aptitude install', name: 'vim', example: 'vim=<version>' } },
      ],
    },
  ],
});
