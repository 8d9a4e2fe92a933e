import rule from '../../../server/src/engine/rules/dockerfile/rpm-cache-cleanup';
import { cases, df } from '../../support/cases';

export default cases(rule, {
  valid: [
    {
      name: 'install and clean all in one RUN',
      docs: 'good',
      code: df`
        FROM rockylinux:9
        RUN dnf install -y nginx-1.20.1 \\
            && dnf clean all`,
    },
    {
      name: 'yum, microdnf, zypper and rm of the cache directory',
      code: df`
        FROM centos:7
        RUN yum install -y httpd && yum clean all
        FROM oraclelinux:9-slim
        RUN set -eux; microdnf install -y tar; microdnf clean all
        FROM opensuse/leap:15.6
        RUN zypper -n in nginx && zypper cc -a
        FROM fedora:40
        RUN dnf install -y git && rm -rf /var/cache/dnf`,
    },
    {
      name: 'cache mount and builder stage',
      code: df`
        FROM fedora:40 AS build
        RUN dnf install -y gcc
        FROM fedora:40
        RUN --mount=type=cache,target=/var/cache/dnf dnf install -y nginx`,
    },
  ],
  invalid: [
    {
      name: 'dnf install without clean',
      docs: 'bad',
      code: df`
        FROM fedora:40
        RUN ⟦dnf install⟧ -y nginx`,
      errors: [{ messageId: 'keepsCache', data: { command: 'dnf install', clean: 'dnf clean all' } }],
      output: df`
        FROM fedora:40
        RUN dnf install -y nginx && dnf clean all`,
    },
    {
      name: 'clean before the last install does not count; continuation with a comment; trailing semicolon',
      code: df`
        FROM centos:7
        RUN ⟦yum install⟧ -y epel-release && yum clean all && \\
            # the web server
            yum install -y nginx;`,
      errors: [{ messageId: 'keepsCache', data: { command: 'yum install', clean: 'yum clean all' } }],
      output: df`
        FROM centos:7
        RUN yum install -y epel-release && yum clean all && \\
            # the web server
            yum install -y nginx && yum clean all;`,
    },
    {
      name: 'zypper in a parent stage, microdnf in a sh -c body, CRLF',
      code: "FROM opensuse/leap:15.6 AS base\r\nRUN ⟦zypper in⟧ -y nginx\r\nFROM base\r\nRUN sh -c '⟦microdnf install⟧ -y tar'\r\n",
      errors: [
        { messageId: 'keepsCache', data: { command: 'zypper in', clean: 'zypper clean --all' } },
        { messageId: 'keepsCache', data: { command: 'microdnf install', clean: 'microdnf clean all' } },
      ],
      output:
        "FROM opensuse/leap:15.6 AS base\r\nRUN zypper in -y nginx && zypper clean --all\r\nFROM base\r\nRUN sh -c 'microdnf install -y tar' && microdnf clean all\r\n",
    },
    {
      name: 'heredoc has no fix; escape directive',
      code: '# escape=`\nFROM fedora:40\nRUN <<EOF\n⟦dnf install⟧ -y nginx\nEOF\nRUN ⟦dnf upgrade⟧ -y `\n    && echo ok\n',
      errors: [{ messageId: 'keepsCache' }, { messageId: 'keepsCache' }],
      output:
        '# escape=`\nFROM fedora:40\nRUN <<EOF\ndnf install -y nginx\nEOF\nRUN dnf upgrade -y `\n    && echo ok && dnf clean all\n',
    },
  ],
});
