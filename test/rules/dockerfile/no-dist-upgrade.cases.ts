import rule from '../../../server/src/engine/rules/dockerfile/no-dist-upgrade';
import { cases, df } from '../../support/cases';

export default cases(rule, {
  valid: [
    {
      name: 'plain upgrade for security fixes',
      docs: 'good',
      code: df`
        FROM debian:12-slim
        RUN apt-get update && apt-get upgrade -y && rm -rf /var/lib/apt/lists/*`,
    },
    {
      name: 'apk upgrade and dnf upgrade',
      code: df`
        FROM alpine:3.20
        RUN apk upgrade --no-cache
        FROM fedora:40
        RUN dnf upgrade -y && dnf clean all`,
    },
    {
      name: 'the word in an echo is not a command',
      code: df`
        FROM debian:12
        RUN echo apt-get dist-upgrade`,
    },
  ],
  invalid: [
    {
      name: 'apt-get dist-upgrade',
      docs: 'bad',
      code: df`
        FROM debian:12-slim
        RUN apt-get update && ⟦apt-get -y dist-upgrade⟧ && rm -rf /var/lib/apt/lists/*`,
      errors: [
        {
          messageId: 'distUpgrade',
          data: { command: 'apt-get dist-upgrade', instead: 'apt-get upgrade' },
          suggestions: [
            {
              messageId: 'useUpgrade',
              output: df`
            FROM debian:12-slim
            RUN apt-get update && apt-get -y upgrade && rm -rf /var/lib/apt/lists/*`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'apt full-upgrade, zypper dup and dnf distro-sync across a continuation with a comment',
      code: df`
        FROM ubuntu:24.04
        RUN apt-get update \\
            # move everything
            && ⟦apt full-upgrade⟧ -y
        FROM opensuse/leap:15.6
        RUN ⟦zypper dup⟧ -y
        FROM fedora:40
        RUN ⟦dnf distro-sync⟧ -y`,
      errors: [
        { messageId: 'distUpgrade', data: { command: 'apt full-upgrade', instead: 'apt upgrade' } },
        {
          messageId: 'distUpgrade',
          data: { command: 'zypper dup', instead: 'zypper update' },
          suggestions: [
            {
              messageId: 'useUpgrade',
              output: df`
            FROM ubuntu:24.04
            RUN apt-get update \\
                # move everything
                && apt full-upgrade -y
            FROM opensuse/leap:15.6
            RUN zypper update -y
            FROM fedora:40
            RUN dnf distro-sync -y`,
            },
          ],
        },
        { messageId: 'distUpgrade', data: { command: 'dnf distro-sync', instead: 'dnf upgrade' } },
      ],
    },
    {
      name: 'exec form gets no edit',
      code: df`
        FROM debian:12
        RUN [⟦"apt-get", "dist-upgrade"⟧, "-y"]`,
      errors: [{ messageId: 'distUpgrade', suggestions: [] }],
    },
  ],
});
