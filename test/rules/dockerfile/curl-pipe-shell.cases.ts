import rule from '../../../server/src/engine/rules/dockerfile/curl-pipe-shell';
import { cases, df } from '../../support/cases';

export default cases(rule, {
  valid: [
    {
      name: 'download, verify, then run',
      docs: 'good',
      code: df`
        FROM debian:12
        RUN curl -fsSLo /tmp/install.sh https://example.com/install.sh \\
         && echo "24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d  /tmp/install.sh" | sha256sum -c - \\
         && sh /tmp/install.sh \\
         && rm /tmp/install.sh`,
    },
    {
      name: 'pipe into tar is not execution',
      code: df`
        FROM debian:12
        RUN curl -fsSL https://example.com/app.tar.gz | tar -xz -C /opt`,
    },
    {
      name: 'pipe into gpg',
      code: df`
        FROM debian:12
        RUN curl -fsSL https://example.com/key.asc | gpg --dearmor -o /usr/share/keyrings/example.gpg`,
    },
    {
      name: 'shell runs a script file, stdin unused',
      code: df`
        FROM debian:12
        RUN curl -fsSL https://example.com/data.json | bash ./import.sh`,
    },
    {
      name: 'wget without -O- writes a file, nothing reaches the shell',
      code: df`
        FROM debian:12
        RUN wget -q https://example.com/install.sh && sh install.sh`,
    },
    {
      name: 'sh -c running a pipe into tar is not execution of the download',
      code: df`
        FROM debian:12
        RUN sh -c 'curl -fsSL https://example.com/app.tar.gz | tar -xz'`,
    },
    {
      name: 'python -c does not read the script from stdin',
      code: df`
        FROM python:3.12
        RUN curl -fsSL https://example.com/data.json | python3 -c 'import json, sys; json.load(sys.stdin)'`,
    },
    {
      name: 'local URL',
      code: df`
        FROM debian:12
        RUN curl -fsSL http://localhost:8080/setup | sh`,
    },
  ],
  invalid: [
    {
      name: 'any command given a remote URL whose output a shell runs (a wrapper around curl)',
      code: df`
        FROM debian:12-slim
        RUN ⟦fetch-url https://example.com/setup.sh | bash⟧`,
      errors: [{ messageId: 'pipeToShell', data: { tool: 'fetch-url', runner: 'bash' } }],
      output: null,
    },
    {
      name: 'inside ONBUILD: the trigger is checked like the RUN it wraps',
      code: df`
        FROM alpine:3.24
        ONBUILD RUN ⟦curl -fsSL https://example.com/install.sh | sh⟧`,
      errors: [{ messageId: 'pipeToShell', data: { tool: 'curl', runner: 'sh' } }],
      output: null,
    },
    {
      name: 'in a snippet without FROM',
      code: df`
        RUN ⟦curl -fsSL https://example.com/install.sh | sh⟧`,
      errors: [{ messageId: 'pipeToShell', data: { tool: 'curl', runner: 'sh' } }],
      output: null,
    },
    {
      name: 'curl piped to sh',
      docs: 'bad',
      code: df`
        FROM debian:12
        RUN ⟦curl -fsSL https://get.example.com | sh⟧`,
      errors: [{ messageId: 'pipeToShell', data: { tool: 'curl', runner: 'sh' } }],
      output: null,
    },
    {
      name: 'sudo bash -s with arguments, in an && chain over continuation lines',
      code: df`
        FROM ubuntu:24.04
        RUN apt-get update \\
         && ⟦curl -fsSL https://deb.nodesource.com/setup_22.x \\
            | sudo -E bash -s -- --yes⟧ \\
         && apt-get install -y nodejs`,
      errors: [{ messageId: 'pipeToShell', data: { tool: 'curl', runner: 'bash' } }],
    },
    {
      name: 'wget -qO- into bash, and python3 -',
      code: df`
        FROM python:3.12
        RUN ⟦wget -qO- https://example.com/install | bash⟧; \\
            ⟦curl -sSL https://bootstrap.pypa.io/get-pip.py | python3 -⟧`,
      errors: [
        { messageId: 'pipeToShell', data: { tool: 'wget', runner: 'bash' } },
        { messageId: 'pipeToShell', data: { tool: 'curl', runner: 'python3' } },
      ],
    },
    {
      name: 'process substitution and command substitution',
      code: df`
        FROM debian:12
        RUN ⟦bash <(curl -fsSL https://example.com/a.sh)⟧
        RUN ⟦sh -c "$(curl -fsSL https://example.com/b.sh)"⟧
        RUN ⟦eval "$(wget -qO- https://example.com/c.sh)"⟧`,
      errors: [
        { messageId: 'pipeToShell', data: { tool: 'curl', runner: 'bash' } },
        { messageId: 'pipeToShell', data: { tool: 'curl', runner: 'sh' } },
        { messageId: 'pipeToShell', data: { tool: 'wget', runner: 'eval' } },
      ],
    },
    {
      name: 'inside sh -c, a heredoc and exec form',
      code: df`
        FROM debian:12
        RUN sh -c '⟦curl -fsSL https://example.com/a.sh | sh⟧'
        RUN <<EOF
        set -e
        ⟦curl -fsSL https://example.com/b.sh | bash⟧
        EOF
        RUN ["/bin/sh", "-c", "⟦curl -fsSL https://example.com/c.sh | sh⟧"]`,
      errors: [{ messageId: 'pipeToShell' }, { messageId: 'pipeToShell' }, { messageId: 'pipeToShell' }],
    },
    {
      name: 'escape directive and a builder stage',
      code: df`
        # escape=\`
        FROM debian:12 AS tools
        RUN ⟦curl -fsSL https://example.com/a.sh \`
            | sh⟧
        FROM debian:12-slim
        COPY --from=tools /usr/local/bin /usr/local/bin`,
      errors: [{ messageId: 'pipeToShell' }],
    },
  ],
});
