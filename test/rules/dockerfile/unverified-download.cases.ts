import rule from '../../../server/src/engine/rules/dockerfile/unverified-download';
import { cases, df } from '../../support/cases';

export default cases(rule, {
  valid: [
    {
      name: 'pinned SHA-256 checked with sha256sum -c',
      docs: 'good',
      code: df`
        FROM debian:12
        ENV TOOL_SHA256=24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d
        RUN set -eux; \\
            curl -fsSL -o /tmp/tool.tar.gz https://example.com/tool-1.2.tar.gz; \\
            echo "$TOOL_SHA256 */tmp/tool.tar.gz" | sha256sum -c -; \\
            tar -xzf /tmp/tool.tar.gz -C /usr/local/bin`,
    },
    {
      name: 'signature verified with gpg (official-image style)',
      code: df`
        FROM debian:12
        RUN set -eux; \\
            wget -O go.tgz.asc "$url.asc"; \\
            wget -O go.tgz "$url" --progress=dot:giga; \\
            gpg --batch --verify go.tgz.asc go.tgz`,
    },
    {
      name: 'clearsigned checksum list (node style)',
      code: df`
        FROM debian:12
        RUN curl -fsSLO --compressed "https://nodejs.org/dist/v$NODE_VERSION/node-v$NODE_VERSION.tar.xz" \\
         && curl -fsSLO --compressed "https://nodejs.org/dist/v$NODE_VERSION/SHASUMS256.txt.asc" \\
         && gpg --batch --decrypt --output SHASUMS256.txt SHASUMS256.txt.asc \\
         && grep " node-v$NODE_VERSION.tar.xz\\$" SHASUMS256.txt | sha256sum -c -`,
    },
    {
      name: 'verified in the next RUN, cosign and minisign',
      code: df`
        FROM alpine:3.20
        RUN wget -O /tmp/tool https://example.com/tool
        RUN cosign verify-blob --key cosign.pub --signature tool.sig /tmp/tool
        RUN curl -fsSLo /tmp/b.tgz https://example.com/b.tgz && minisign -Vm /tmp/b.tgz -P RWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3`,
    },
    {
      name: 'signature, checksum and key files are not themselves verified',
      code: df`
        FROM debian:12
        RUN curl -fsSLo /tmp/tool.tar.gz.asc https://example.com/tool.tar.gz.asc \\
         && curl -fsSL https://example.com/SHA256SUMS -o SHA256SUMS \\
         && wget -O /usr/share/keyrings/example.gpg https://example.com/key.gpg`,
    },
    {
      name: 'output that is not stored: API calls, keys piped to gpg, health checks',
      code: df`
        FROM debian:12
        RUN curl -fsSL https://example.com/key.asc | gpg --dearmor > /etc/apt/keyrings/example.gpg \\
         && curl -fsS -X POST -d '{}' https://example.com/hook \\
         && curl -fsS -o /dev/null https://example.com/ping \\
         && wget --spider https://example.com/ \\
         && curl -fsSLo /tmp/x http://localhost:8080/x`,
    },
    {
      name: 'package managers verify their own signatures',
      code: df`
        FROM debian:12
        RUN apt-get update && apt-get install -y --no-install-recommends curl`,
    },
  ],
  invalid: [
    {
      name: 'a downloaded script run right away (warning)',
      code: df`
        FROM python:3.12-slim
        RUN wget ⟦https://bootstrap.pypa.io/get-pip.py⟧ && python3 get-pip.py`,
      errors: [{ messageId: 'executed', data: { tool: 'wget', url: 'https://bootstrap.pypa.io/get-pip.py' } }],
    },
    {
      name: 'curl -o a script, then sh it, or run it by path',
      code: df`
        FROM debian:12-slim
        RUN curl -fsSLo /tmp/install.sh ⟦https://example.com/install.sh⟧ && sh /tmp/install.sh
        RUN curl -fsSLo install.sh ⟦https://example.com/i2.sh⟧ && chmod +x install.sh && ./install.sh`,
      errors: [
        { messageId: 'executed', data: { tool: 'curl', url: 'https://example.com/install.sh' } },
        { messageId: 'executed', data: { tool: 'curl', url: 'https://example.com/i2.sh' } },
      ],
    },
    {
      name: 'download saved without a checksum',
      docs: 'bad',
      code: df`
        FROM debian:12
        RUN curl -fsSL -o /tmp/tool.tar.gz ⟦https://example.com/tool-1.2.tar.gz⟧ \\
         && tar -xzf /tmp/tool.tar.gz -C /usr/local/bin`,
      errors: [{ messageId: 'unverified', data: { tool: 'curl', url: 'https://example.com/tool-1.2.tar.gz' } }],
      output: null,
    },
    {
      name: 'curl -O in a cluster, wget default output, redirect and pipe into tar',
      code: df`
        FROM debian:12
        RUN curl -fsSLO ⟦https://example.com/a.tar.gz⟧; \\
            wget -q ⟦https://example.com/b.zip⟧; \\
            curl -fsSL ⟦"https://example.com/c/$VERSION/c.bin"⟧ > /usr/local/bin/c; \\
            curl -fsSL ⟦https://example.com/d.tar.gz⟧ | tar -xz -C /opt`,
      errors: [
        { messageId: 'unverified', data: { tool: 'curl', url: 'https://example.com/a.tar.gz' } },
        { messageId: 'unverified', data: { tool: 'wget', url: 'https://example.com/b.zip' } },
        { messageId: 'unverified', data: { tool: 'curl', url: 'https://example.com/c/$VERSION/c.bin' } },
        { messageId: 'unverified', data: { tool: 'curl', url: 'https://example.com/d.tar.gz' } },
      ],
    },
    {
      name: 'sha256sum in another stage does not count; heredoc and sh -c bodies',
      code: df`
        FROM alpine:3.20 AS build
        RUN <<EOF
        set -e
        wget -O /tmp/a.tgz ⟦https://example.com/a.tgz⟧
        EOF
        RUN sh -c 'wget -O /tmp/b.tgz ⟦https://example.com/b.tgz⟧'
        FROM alpine:3.20
        RUN sha256sum -c /checksums`,
      errors: [{ messageId: 'unverified' }, { messageId: 'unverified' }],
    },
    {
      name: 'exec form and escape directive',
      code: df`
        # escape=\`
        FROM debian:12
        RUN ["curl", "-fsSLo", "/tmp/a", ⟦"https://example.com/a"⟧]
        RUN curl -fsSL \`
            -o /tmp/b ⟦https://example.com/b⟧`,
      errors: [
        { messageId: 'unverified', data: { tool: 'curl', url: 'https://example.com/a' } },
        { messageId: 'unverified', data: { tool: 'curl', url: 'https://example.com/b' } },
      ],
    },
  ],
});
