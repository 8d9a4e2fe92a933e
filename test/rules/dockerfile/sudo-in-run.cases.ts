import rule from '../../../server/src/engine/rules/dockerfile/sudo-in-run';
import { cases, df } from '../../support/cases';

export default cases(rule, {
  valid: [
    {
      name: 'NOPASSWD only read, or written elsewhere than the sudoers files',
      code: df`
        FROM debian:12-slim
        RUN grep -r NOPASSWD /etc/sudoers.d || true
        RUN echo "NOPASSWD is not allowed here" > /tmp/policy.txt`,
    },
    {
      name: 'switch USER for the root steps',
      docs: 'good',
      code: df`
        FROM node:22-slim
        USER root
        RUN apt-get update && apt-get install -y --no-install-recommends git
        USER node`,
    },
    {
      name: 'a package named sudo is not the command',
      code: df`
        FROM debian:12
        RUN apt-get install -y sudo && echo sudo`,
    },
    {
      name: 'a sudoers edit that keeps the password prompt is not sudo use',
      code: df`
        FROM debian:12
        RUN echo 'app ALL=(ALL) ALL' > /etc/sudoers.d/app && visudo -c`,
    },
  ],
  invalid: [
    {
      name: 'a passwordless sudoers rule written by the build',
      code: df`
        FROM debian:12-slim
        RUN echo "app ALL=(ALL) ⟦NOPASSWD⟧:ALL" >> /etc/sudoers
        RUN echo 'deploy ALL=(root) ⟦NOPASSWD⟧: /usr/bin/apt-get' | tee /etc/sudoers.d/deploy`,
      errors: [{ messageId: 'passwordless' }, { messageId: 'passwordless' }],
      output: null,
    },
    {
      name: 'inside ONBUILD',
      code: df`
        FROM debian:12-slim
        ONBUILD RUN ⟦sudo⟧ apt-get update`,
      errors: [{ messageId: 'sudo' }],
      output: null,
    },
    {
      name: 'sudo before a command',
      docs: 'bad',
      code: df`
        FROM ubuntu:24.04
        USER app
        RUN ⟦sudo⟧ apt-get update && ⟦sudo⟧ apt-get install -y git`,
      errors: [
        {
          messageId: 'sudo',
          suggestions: [
            {
              messageId: 'removeSudo',
              output: df`
                FROM ubuntu:24.04
                USER app
                RUN apt-get update && sudo apt-get install -y git`,
            },
          ],
        },
        {
          messageId: 'sudo',
          suggestions: [
            {
              messageId: 'removeSudo',
              output: df`
                FROM ubuntu:24.04
                USER app
                RUN sudo apt-get update && apt-get install -y git`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'pipe into sudo bash with -E, over a continuation',
      code: df`
        FROM ubuntu:24.04
        RUN curl -fsSL https://deb.nodesource.com/setup_22.x \\
            | ⟦sudo⟧ -E bash -`,
      errors: [
        {
          messageId: 'sudo',
          suggestions: [
            {
              messageId: 'removeSudo',
              output: df`
                FROM ubuntu:24.04
                RUN curl -fsSL https://deb.nodesource.com/setup_22.x \\
                    | bash -`,
            },
          ],
        },
      ],
    },
    {
      name: 'sudo -u changes the user on purpose: no edit',
      code: df`
        FROM postgres:16
        RUN ⟦sudo⟧ -u postgres initdb`,
      errors: [{ messageId: 'sudo', suggestions: [] }],
    },
    {
      name: 'sh -c body, heredoc, exec form and a full path',
      code: df`
        FROM debian:12
        RUN sh -c '⟦sudo⟧ make install'
        RUN <<EOF
        ⟦/usr/bin/sudo⟧ chown -R app /app
        EOF
        RUN [⟦"sudo"⟧, "make", "install"]`,
      errors: [{ messageId: 'sudo' }, { messageId: 'sudo' }, { messageId: 'sudo', suggestions: [] }],
    },
    {
      name: 'escape directive, in a builder stage',
      code: df`
        # escape=\`
        FROM debian:12 AS build
        RUN ⟦sudo⟧ make \`
            install
        FROM debian:12-slim`,
      errors: [{ messageId: 'sudo' }],
    },
  ],
});
