import rule from '../../../server/src/engine/rules/dockerfile/tls-verification-disabled';
import { cases, df } from '../../support/cases';

export default cases(rule, {
  valid: [
    {
      name: 'verification left on, corporate CA added to the trust store',
      docs: 'good',
      code: df`
        FROM debian:12
        COPY corp-root-ca.crt /usr/local/share/ca-certificates/
        RUN update-ca-certificates \\
         && curl -fsSL -o /tmp/tool https://example.com/tool \\
         && pip install --index-url https://pypi.corp.example/simple app`,
    },
    {
      name: 'a k inside the value of -o is not -k',
      code: df`
        FROM debian:12
        RUN curl -fsSLokubectl https://dl.k8s.io/release/v1.30.0/bin/linux/amd64/kubectl`,
    },
    {
      name: 'words that only mention the flags',
      code: df`
        FROM debian:12
        RUN echo "do not use curl -k or --insecure" && apt-get install -y curl`,
    },
    {
      name: 'variables that keep verification on',
      code: df`
        FROM node:22
        ENV NODE_TLS_REJECT_UNAUTHORIZED=1 PYTHONHTTPSVERIFY=1 NPM_CONFIG_STRICT_SSL=true
        ARG GIT_SSL_NO_VERIFY`,
    },
    {
      name: 'proxy TLS option is not server verification',
      code: df`
        FROM debian:12
        RUN curl --proxy-insecure -fsSLo /tmp/a https://example.com/a`,
    },
  ],
  invalid: [
    {
      name: 'curl -k in a cluster and wget --no-check-certificate',
      docs: 'bad',
      code: df`
        FROM debian:12
        RUN curl ⟦-kfsSL⟧ -o /tmp/tool https://example.com/tool \\
         && wget ⟦--no-check-certificate⟧ -q https://example.com/data.zip`,
      errors: [
        {
          messageId: 'disabled',
          data: { what: 'curl -k', check: 'TLS certificate verification' },
          suggestions: [
            {
              messageId: 'remove',
              output: df`
                FROM debian:12
                RUN curl -fsSL -o /tmp/tool https://example.com/tool \\
                 && wget --no-check-certificate -q https://example.com/data.zip`,
            },
          ],
        },
        {
          messageId: 'disabled',
          data: { what: 'wget --no-check-certificate', check: 'TLS certificate verification' },
          suggestions: [
            {
              messageId: 'remove',
              output: df`
                FROM debian:12
                RUN curl -kfsSL -o /tmp/tool https://example.com/tool \\
                 && wget -q https://example.com/data.zip`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'flag alone on a continued line: the line goes',
      code: df`
        FROM debian:12
        RUN curl \\
            ⟦--insecure⟧ \\
            -fsSLo /tmp/a https://example.com/a`,
      errors: [
        {
          messageId: 'disabled',
          suggestions: [
            {
              messageId: 'remove',
              output: df`
                FROM debian:12
                RUN curl \\
                    -fsSLo /tmp/a https://example.com/a`,
            },
          ],
        },
      ],
    },
    {
      name: 'flag first on a continued line keeps the indentation',
      code: df`
        FROM debian:12
        RUN curl \\
            ⟦-k⟧ -fsSLo /tmp/a https://example.com/a`,
      errors: [
        {
          messageId: 'disabled',
          suggestions: [
            {
              messageId: 'remove',
              output: df`
                FROM debian:12
                RUN curl \\
                    -fsSLo /tmp/a https://example.com/a`,
            },
          ],
        },
      ],
    },
    {
      name: 'pip trusted hosts with their values',
      code: df`
        FROM python:3.12
        RUN pip install ⟦--trusted-host pypi.corp⟧ -r requirements.txt \\
         && python3 -m pip install ⟦--trusted-host=files.corp⟧ app`,
      errors: [
        {
          messageId: 'disabled',
          data: { what: 'pip --trusted-host', check: 'TLS certificate verification' },
          suggestions: [
            {
              messageId: 'remove',
              output: df`
                FROM python:3.12
                RUN pip install -r requirements.txt \\
                 && python3 -m pip install --trusted-host=files.corp app`,
            },
          ],
        },
        { messageId: 'disabled', data: { what: 'python3 --trusted-host', check: 'TLS certificate verification' } },
      ],
    },
    {
      name: 'ENV alone is removed with its line, a pair in a list with its blank',
      code: df`
        FROM node:22
        # proxy workaround
        ENV ⟦NODE_TLS_REJECT_UNAUTHORIZED=0⟧
        ENV NODE_ENV=production ⟦PYTHONHTTPSVERIFY=0⟧
        ARG ⟦PIP_TRUSTED_HOST=pypi.corp⟧
        CMD ["node", "server.js"]`,
      errors: [
        {
          messageId: 'disabled',
          data: { what: 'NODE_TLS_REJECT_UNAUTHORIZED=0', check: 'TLS certificate verification' },
          suggestions: [
            {
              messageId: 'remove',
              output: df`
                FROM node:22
                # proxy workaround
                ENV NODE_ENV=production PYTHONHTTPSVERIFY=0
                ARG PIP_TRUSTED_HOST=pypi.corp
                CMD ["node", "server.js"]`,
            },
          ],
        },
        {
          messageId: 'disabled',
          suggestions: [
            {
              messageId: 'remove',
              output: df`
                FROM node:22
                # proxy workaround
                ENV NODE_TLS_REJECT_UNAUTHORIZED=0
                ENV NODE_ENV=production
                ARG PIP_TRUSTED_HOST=pypi.corp
                CMD ["node", "server.js"]`,
            },
          ],
        },
        { messageId: 'disabled', data: { what: 'PIP_TRUSTED_HOST=pypi.corp', check: 'TLS certificate verification' } },
      ],
    },
    {
      name: 'CRLF: the ENV line goes with its line break',
      filename: 'app.Dockerfile',
      code: 'FROM node:22\r\nENV ⟦NODE_TLS_REJECT_UNAUTHORIZED=0⟧\r\nCMD ["node", "app.js"]\r\n',
      errors: [
        {
          messageId: 'disabled',
          suggestions: [{ messageId: 'remove', output: 'FROM node:22\r\nCMD ["node", "app.js"]\r\n' }],
        },
      ],
    },
    {
      name: 'command prefixes and env',
      code: df`
        FROM node:22
        RUN ⟦NODE_TLS_REJECT_UNAUTHORIZED=0⟧ npm ci && env ⟦GIT_SSL_NO_VERIFY=true⟧ git clone https://git.corp/app.git`,
      errors: [
        {
          messageId: 'disabled',
          suggestions: [
            {
              messageId: 'remove',
              output: df`
                FROM node:22
                RUN npm ci && env GIT_SSL_NO_VERIFY=true git clone https://git.corp/app.git`,
            },
          ],
        },
        {
          messageId: 'disabled',
          data: { what: 'GIT_SSL_NO_VERIFY=true', check: 'TLS certificate verification' },
          suggestions: [
            {
              messageId: 'remove',
              output: df`
                FROM node:22
                RUN NODE_TLS_REJECT_UNAUTHORIZED=0 npm ci && env git clone https://git.corp/app.git`,
            },
          ],
        },
      ],
    },
    {
      name: 'package managers that skip signatures',
      code: df`
        FROM alpine:3.20
        RUN apk add ⟦--allow-untrusted⟧ /tmp/app.apk
        FROM debian:12
        RUN apt-get install -y ⟦--allow-unauthenticated⟧ ⟦--force-yes⟧ app \\
         && apt-get update ⟦-o Acquire::https::Verify-Peer=false⟧
        FROM rockylinux:9
        RUN yum install -y ⟦--nogpgcheck⟧ app && rpm -i ⟦--nosignature⟧ /tmp/x.rpm && dnf ⟦--setopt=sslverify=false⟧ install -y y`,
      errors: [
        { messageId: 'disabled', data: { what: 'apk --allow-untrusted', check: 'package signature verification' } },
        {
          messageId: 'disabled',
          data: { what: 'apt-get --allow-unauthenticated', check: 'package signature verification' },
        },
        { messageId: 'disabled', data: { what: 'apt-get --force-yes', check: 'package signature verification' } },
        {
          messageId: 'disabled',
          data: { what: 'apt-get -o Acquire::https::Verify-Peer=false', check: 'TLS certificate verification' },
          suggestions: [
            {
              messageId: 'remove',
              output: df`
                FROM alpine:3.20
                RUN apk add --allow-untrusted /tmp/app.apk
                FROM debian:12
                RUN apt-get install -y --allow-unauthenticated --force-yes app \\
                 && apt-get update
                FROM rockylinux:9
                RUN yum install -y --nogpgcheck app && rpm -i --nosignature /tmp/x.rpm && dnf --setopt=sslverify=false install -y y`,
            },
          ],
        },
        { messageId: 'disabled', data: { what: 'yum --nogpgcheck', check: 'package signature verification' } },
        { messageId: 'disabled', data: { what: 'rpm --nosignature', check: 'package signature verification' } },
        {
          messageId: 'disabled',
          data: { what: 'dnf --setopt=sslverify=false', check: 'TLS certificate verification' },
        },
      ],
    },
    {
      name: 'configuration commands are reported without an edit; git -c can be dropped',
      code: df`
        FROM node:22
        RUN ⟦npm config set strict-ssl false⟧ \\
         && ⟦git config --global http.sslVerify false⟧ \\
         && git ⟦-c http.sslVerify=false⟧ clone https://git.corp/app.git`,
      errors: [
        {
          messageId: 'disabled',
          data: { what: 'npm config set strict-ssl false', check: 'TLS certificate verification' },
          suggestions: [],
        },
        {
          messageId: 'disabled',
          data: { what: 'git config http.sslVerify false', check: 'TLS certificate verification' },
          suggestions: [],
        },
        {
          messageId: 'disabled',
          suggestions: [
            {
              messageId: 'remove',
              output: df`
                FROM node:22
                RUN npm config set strict-ssl false \\
                 && git config --global http.sslVerify false \\
                 && git clone https://git.corp/app.git`,
            },
          ],
        },
      ],
    },
    {
      name: 'sh -c body, heredoc and exec form (no edit inside JSON)',
      code: df`
        FROM debian:12
        RUN sh -c 'curl ⟦-k⟧ -o /tmp/a https://example.com/a'
        RUN <<EOF
        wget ⟦--no-check-certificate⟧ https://example.com/b
        EOF
        RUN ["curl", ⟦"-k"⟧, "-o", "/tmp/c", "https://example.com/c"]`,
      errors: [
        {
          messageId: 'disabled',
          suggestions: [
            {
              messageId: 'remove',
              output: df`
                FROM debian:12
                RUN sh -c 'curl -o /tmp/a https://example.com/a'
                RUN <<EOF
                wget --no-check-certificate https://example.com/b
                EOF
                RUN ["curl", "-k", "-o", "/tmp/c", "https://example.com/c"]`,
            },
          ],
        },
        { messageId: 'disabled', data: { what: 'wget --no-check-certificate', check: 'TLS certificate verification' } },
        { messageId: 'disabled', data: { what: 'curl -k', check: 'TLS certificate verification' }, suggestions: [] },
      ],
    },
    {
      name: 'escape directive: the continued line is removed whole',
      code: df`
        # escape=\`
        FROM debian:12
        RUN wget \`
            ⟦--no-check-certificate⟧ \`
            https://example.com/a`,
      errors: [
        {
          messageId: 'disabled',
          suggestions: [
            {
              messageId: 'remove',
              output: df`
                # escape=\`
                FROM debian:12
                RUN wget \`
                    https://example.com/a`,
            },
          ],
        },
      ],
    },
  ],
});
