import rule from '../../../server/src/engine/rules/dockerfile/use-apt-get';
import { cases, df } from '../../support/cases';

export default cases(rule, {
  valid: [
    {
      name: 'apt-get and apt-cache',
      docs: 'good',
      code: df`
        FROM debian:12-slim
        RUN apt-get update && apt-cache policy curl && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*`,
    },
    {
      name: 'apt-key, apt-mark and words that only contain apt',
      code: df`
        FROM debian:12
        RUN apt-mark hold curl && echo apt install && cp apt /tmp/apt
        RUN if command -v apt > /dev/null; then apt-get update; fi && apt --version`,
    },
  ],
  invalid: [
    {
      name: 'apt install and apt update',
      docs: 'bad',
      code: df`
        FROM ubuntu:24.04
        RUN ⟦apt⟧ update && ⟦apt⟧ install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*`,
      errors: [
        { messageId: 'useAptGet', data: { instead: 'apt-get' } },
        { messageId: 'useAptGet', data: { instead: 'apt-get' } },
      ],
      output: df`
        FROM ubuntu:24.04
        RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*`,
    },
    {
      name: 'upgrade and full-upgrade keep their meaning; continuation with a comment; sudo and a path',
      code: df`
        FROM ubuntu:24.04
        RUN sudo ⟦apt⟧ update \\
            # upgrade everything
            && ⟦/usr/bin/apt⟧ upgrade -y \\
            && DEBIAN_FRONTEND=noninteractive ⟦apt⟧ full-upgrade -y`,
      errors: [{ messageId: 'useAptGet' }, { messageId: 'useAptGet' }, { messageId: 'useAptGet' }],
      output: df`
        FROM ubuntu:24.04
        RUN sudo apt-get update \\
            # upgrade everything
            && /usr/bin/apt-get upgrade --with-new-pkgs -y \\
            && DEBIAN_FRONTEND=noninteractive apt-get dist-upgrade -y`,
    },
    {
      name: 'apt search gets an apt-cache suggestion, apt list no fix',
      code: df`
        FROM debian:12
        RUN ⟦apt⟧ search curl; ⟦apt⟧ list --installed`,
      errors: [
        {
          messageId: 'useAptGet',
          data: { instead: 'apt-cache' },
          suggestions: [
            {
              messageId: 'useAptCache',
              output: df`
            FROM debian:12
            RUN apt-cache search curl; apt list --installed`,
            },
          ],
        },
        { messageId: 'useAptGet', data: { instead: 'apt-get' }, suggestions: [] },
      ],
      output: null,
    },
    {
      name: 'heredoc, sh -c body and CRLF are fixed in place',
      code: "FROM debian:12\r\nRUN <<EOF\r\n⟦apt⟧ install -y curl\r\nEOF\r\nRUN sh -c '⟦apt⟧ remove -y curl'\r\n",
      errors: [{ messageId: 'useAptGet' }, { messageId: 'useAptGet' }],
      output: "FROM debian:12\r\nRUN <<EOF\r\napt-get install -y curl\r\nEOF\r\nRUN sh -c 'apt-get remove -y curl'\r\n",
    },
    {
      name: 'exec form is reported without a fix',
      code: df`
        FROM debian:12
        RUN [⟦"apt"⟧, "install", "-y", "curl"]`,
      errors: [{ messageId: 'useAptGet' }],
      output: null,
    },
  ],
});
