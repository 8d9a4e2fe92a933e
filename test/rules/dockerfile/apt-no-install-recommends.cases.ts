import rule from '../../../server/src/engine/rules/dockerfile/apt-no-install-recommends';
import { cases, df } from '../../support/cases';

export default cases(rule, {
  valid: [
    {
      name: 'install with --no-install-recommends',
      docs: 'good',
      code: df`
        FROM debian:12-slim
        RUN apt-get update \\
            && apt-get install -y --no-install-recommends ca-certificates curl \\
            && rm -rf /var/lib/apt/lists/*`,
    },
    {
      name: 'flag after the packages, and the -o form',
      code: df`
        FROM debian:12
        RUN apt-get install -y curl --no-install-recommends && apt-get install -o APT::Install-Recommends=false -y wget && apt-get -oAPT::Install-Recommends=0 install -y jq`,
    },
    {
      name: 'configured by an earlier RUN',
      code: df`
        FROM ubuntu:24.04
        RUN echo 'APT::Install-Recommends "0";' > /etc/apt/apt.conf.d/01norecommends
        RUN apt-get update && apt-get install -y curl`,
    },
    {
      name: 'builder stages do not ship',
      code: df`
        FROM debian:12 AS build
        RUN apt-get update && apt-get install -y build-essential
        FROM gcr.io/distroless/base-debian12
        COPY --from=build /out /app`,
    },
    {
      name: 'simulated install and install without packages',
      code: df`
        FROM debian:12
        RUN apt-get install -s curl && apt-get install -f -y`,
    },
    {
      name: 'aptitude spells it --without-recommends or -R',
      code: df`
        FROM debian:12
        RUN aptitude install -y --without-recommends curl && aptitude -yR install jq`,
    },
  ],
  invalid: [
    {
      name: 'install without the flag',
      docs: 'bad',
      code: df`
        FROM debian:12-slim
        RUN apt-get update && apt-get ⟦install⟧ -y curl && rm -rf /var/lib/apt/lists/*`,
      errors: [
        {
          messageId: 'recommends',
          data: { command: 'apt-get install', flag: '--no-install-recommends' },
          suggestions: [
            {
              messageId: 'addFlag',
              output: df`
            FROM debian:12-slim
            RUN apt-get update && apt-get install --no-install-recommends -y curl && rm -rf /var/lib/apt/lists/*`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'parent stage of the final stage ships; apt, heredoc and sh -c',
      code: df`
        FROM ubuntu:24.04 AS base
        RUN <<EOF
        apt update
        apt ⟦install⟧ -y python3
        EOF
        FROM base
        RUN sh -c 'apt-get -y ⟦install⟧ git'`,
      errors: [
        { messageId: 'recommends', data: { command: 'apt install', flag: '--no-install-recommends' } },
        {
          messageId: 'recommends',
          data: { command: 'apt-get install', flag: '--no-install-recommends' },
          suggestions: [
            {
              messageId: 'addFlag',
              output: df`
            FROM ubuntu:24.04 AS base
            RUN <<EOF
            apt update
            apt install -y python3
            EOF
            FROM base
            RUN sh -c 'apt-get -y install --no-install-recommends git'`,
            },
          ],
        },
      ],
    },
    {
      name: 'continuation with a comment line, CRLF and escape directive',
      code: '# escape=`\r\nFROM debian:12\r\nRUN apt-get update `\r\n    # packages\r\n    && apt-get ⟦install⟧ -y curl\r\n',
      errors: [
        {
          messageId: 'recommends',
          suggestions: [
            {
              messageId: 'addFlag',
              output:
                '# escape=`\r\nFROM debian:12\r\nRUN apt-get update `\r\n    # packages\r\n    && apt-get install --no-install-recommends -y curl\r\n',
            },
          ],
        },
      ],
    },
    {
      name: 'a config written later does not count',
      code: df`
        FROM debian:12
        RUN apt-get ⟦install⟧ -y curl && echo 'APT::Install-Recommends "0";' > /etc/apt/apt.conf.d/01norecommends`,
      errors: [{ messageId: 'recommends' }],
    },
    {
      name: 'aptitude install without --without-recommends',
      code: df`
        FROM debian:12
        RUN aptitude ⟦install⟧ -y vim`,
      errors: [
        {
          messageId: 'recommends',
          data: { command: 'aptitude install', flag: '--without-recommends' },
          suggestions: [
            {
              messageId: 'addFlag',
              output: df`
                FROM debian:12
                RUN aptitude install --without-recommends -y vim`,
            },
          ],
        },
      ],
    },
  ],
});
