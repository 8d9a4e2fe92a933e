import rule from '../../../server/src/engine/rules/dockerfile/package-install-yes';
import { cases, df } from '../../support/cases';

export default cases(rule, {
  valid: [
    {
      name: 'non-interactive installs',
      docs: 'good',
      code: df`
        FROM debian:12-slim
        RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*`,
    },
    {
      name: 'every accepted spelling',
      code: df`
        FROM debian:12
        RUN apt-get -qq install curl && apt-get install --yes jq && apt-get --assume-yes purge vim && apt-get -qy upgrade
        RUN apt-get -o APT::Get::Assume-Yes=true install wget && yes | apt-get install git
        FROM fedora:40
        RUN dnf install --assumeyes nginx && yum -y install httpd && microdnf install -y tar
        FROM opensuse/leap:15.6
        RUN zypper -n install nginx && zypper --non-interactive rm vim && zypper in -y git && zypper install --no-confirm jq`,
    },
    {
      name: 'commands that never prompt',
      code: df`
        FROM debian:12
        RUN apt-get update && apt-get clean && apt-get install -s curl && apk add --no-cache curl && dnf clean all && zypper refresh`,
    },
    {
      name: 'apt quiet level 2 implies -y, however it is spelt',
      code: df`
        FROM debian:12
        RUN apt-get -q -q install curl && apt-get install -q=2 git && apt-get --quiet --quiet install jq
        RUN apt-get install --quiet=2 vim && apt-get -qq -o Dpkg::Use-Pty=0 install wget && apt-get -yq install less`,
    },
    {
      name: 'aptitude -y and dnf aliases with -y',
      code: df`
        FROM debian:12
        RUN aptitude install -y curl && aptitude -y purge vim && aptitude --assume-yes install jq && aptitude update
        FROM fedora:40
        RUN dnf rei -y vim && dnf -y up-min && dnf in -y tar && dnf -y upgrade-minimal && dnf mc
        RUN dnf module list && dnf group info "Development Tools" && yum grouplist && dnf module enable -y nodejs:20`,
    },
  ],
  invalid: [
    {
      name: 'apt-get install without -y',
      docs: 'bad',
      code: df`
        FROM debian:12-slim
        RUN apt-get update && ⟦apt-get install⟧ --no-install-recommends curl && rm -rf /var/lib/apt/lists/*`,
      errors: [{ messageId: 'prompt', data: { command: 'apt-get install', flag: '-y' } }],
      output: df`
        FROM debian:12-slim
        RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*`,
    },
    {
      name: 'yum, dnf and zypper; zypper gets -n after the tool',
      code: df`
        FROM centos:7
        RUN ⟦yum install⟧ httpd && ⟦dnf remove⟧ vim && ⟦zypper install⟧ nginx`,
      errors: [
        { messageId: 'prompt', data: { command: 'yum install', flag: '-y' } },
        { messageId: 'prompt', data: { command: 'dnf remove', flag: '-y' } },
        { messageId: 'prompt', data: { command: 'zypper install', flag: '-n' } },
      ],
      output: df`
        FROM centos:7
        RUN yum install -y httpd && dnf remove -y vim && zypper -n install nginx`,
    },
    {
      name: 'builder stage, continuation with a comment, sh -c, heredoc and CRLF',
      code: "FROM debian:12 AS build\r\nRUN apt-get update \\\r\n    # build deps\r\n    && ⟦apt-get install⟧ gcc\r\nRUN sh -c '⟦apt-get purge⟧ gcc'\r\nRUN <<EOF\r\n⟦apt-get autoremove⟧\r\nEOF\r\nFROM scratch\r\n",
      errors: [{ messageId: 'prompt' }, { messageId: 'prompt' }, { messageId: 'prompt' }],
      output:
        "FROM debian:12 AS build\r\nRUN apt-get update \\\r\n    # build deps\r\n    && apt-get install -y gcc\r\nRUN sh -c 'apt-get purge -y gcc'\r\nRUN <<EOF\r\napt-get autoremove -y\r\nEOF\r\nFROM scratch\r\n",
    },
    {
      name: 'exec form has no fix; escape directive',
      code: '# escape=`\nFROM debian:12\nRUN [⟦"apt-get", "install"⟧, "curl"]\nRUN ⟦apt-get install⟧ `\n    curl\n',
      errors: [{ messageId: 'prompt' }, { messageId: 'prompt' }],
      output: '# escape=`\nFROM debian:12\nRUN ["apt-get", "install", "curl"]\nRUN apt-get install -y `\n    curl\n',
    },
    {
      name: 'one -q is not quiet level 2; aptitude and dnf aliases prompt too',
      code: df`
        FROM debian:12
        RUN ⟦apt-get install⟧ -q curl && ⟦apt-get --quiet install⟧ jq && ⟦aptitude install⟧ vim
        FROM fedora:40
        RUN ⟦dnf upgrade-minimal⟧ && ⟦dnf rei⟧ vim && ⟦dnf in⟧ tar && ⟦yum module⟧ install nodejs:18`,
      errors: [
        { messageId: 'prompt', data: { command: 'apt-get install', flag: '-y' } },
        { messageId: 'prompt', data: { command: 'apt-get install', flag: '-y' } },
        { messageId: 'prompt', data: { command: 'aptitude install', flag: '-y' } },
        { messageId: 'prompt', data: { command: 'dnf upgrade-minimal', flag: '-y' } },
        { messageId: 'prompt', data: { command: 'dnf rei', flag: '-y' } },
        { messageId: 'prompt', data: { command: 'dnf in', flag: '-y' } },
        { messageId: 'prompt', data: { command: 'yum module install', flag: '-y' } },
      ],
      output: df`
        FROM debian:12
        RUN apt-get install -y -q curl && apt-get --quiet install -y jq && aptitude install -y vim
        FROM fedora:40
        RUN dnf upgrade-minimal -y && dnf rei -y vim && dnf in -y tar && yum module -y install nodejs:18`,
    },
  ],
});
