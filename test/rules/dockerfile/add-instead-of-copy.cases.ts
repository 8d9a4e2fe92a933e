import rule from '../../../server/src/engine/rules/dockerfile/add-instead-of-copy';
import { cases, df } from '../../support/cases';

export default cases(rule, {
  valid: [
    {
      name: 'COPY for local files',
      docs: 'good',
      code: df`
        FROM python:3.12-slim
        COPY requirements.txt /app/
        COPY --chown=app:app src/ /app/src/`,
    },
    {
      name: 'local tar archive is unpacked on purpose',
      code: df`
        FROM scratch
        ADD rootfs.tar.xz /`,
    },
    {
      name: 'compressed single file may be a tar',
      code: df`
        FROM alpine:3.20
        ADD vendor.tgz /opt/`,
    },
    {
      name: 'URL source',
      code: df`
        FROM alpine:3.20
        ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/tool.bin /usr/local/bin/tool`,
    },
    {
      name: 'git source',
      code: df`
        FROM alpine:3.20
        ADD git@github.com:moby/buildkit.git#v0.14.0 /src`,
    },
    {
      name: 'https git source with keep-git-dir',
      code: df`
        FROM alpine:3.20
        ADD --keep-git-dir=true https://github.com/moby/buildkit.git#v0.14.0 /src`,
    },
    {
      name: 'source from a build argument is not judged',
      code: df`
        FROM alpine:3.20
        ARG SRC=app.tar.gz
        ADD \${SRC} /app/`,
    },
    {
      name: 'ADD-only flag keeps ADD',
      code: df`
        FROM alpine:3.20
        ADD --unpack=true app.zip /app/`,
    },
    {
      name: 'wildcard that may match an archive',
      code: df`
        FROM alpine:3.20
        ADD dist/* /srv/`,
    },
    {
      name: 'mixed local and remote sources',
      code: df`
        FROM alpine:3.20
        ADD app.py https://example.com/config.json /app/`,
    },
  ],
  invalid: [
    {
      name: 'inside ONBUILD, fixed inside the ONBUILD line',
      code: df`
        FROM alpine:3.24
        ONBUILD ⟦ADD⟧ app.py /app/`,
      errors: [{ messageId: 'useCopy' }],
      output: df`
        FROM alpine:3.24
        ONBUILD COPY app.py /app/`,
    },
    {
      name: 'ADD of a local file',
      docs: 'bad',
      code: df`
        FROM python:3.12-slim
        ⟦ADD⟧ requirements.txt /app/
        ⟦ADD⟧ --chown=app:app src/ /app/src/`,
      errors: [{ messageId: 'useCopy' }, { messageId: 'useCopy' }],
      output: df`
        FROM python:3.12-slim
        COPY requirements.txt /app/
        COPY --chown=app:app src/ /app/src/`,
    },
    {
      name: 'keyword case is kept',
      code: df`
        from alpine:3.20
        ⟦add⟧ app /app
        ⟦Add⟧ conf /etc/app`,
      errors: [{ messageId: 'useCopy' }, { messageId: 'useCopy' }],
      output: df`
        from alpine:3.20
        copy app /app
        Copy conf /etc/app`,
    },
    {
      name: 'zip files are not unpacked by ADD, nor what *.conf matches',
      code: df`
        FROM alpine:3.20
        ⟦ADD⟧ --chmod=644 --link site.zip conf/*.conf /srv/`,
      errors: [{ messageId: 'useCopy' }],
      output: df`
        FROM alpine:3.20
        COPY --chmod=644 --link site.zip conf/*.conf /srv/`,
    },
    {
      name: 'exec form with a blank in the name, in a builder stage, with a continuation and comments kept',
      code: df`
        FROM node:22 AS build
        # sources
        ⟦ADD⟧ ["my app", \\
             "/src/"]
        FROM node:22-slim
        COPY --from=build /src /app`,
      errors: [{ messageId: 'useCopy' }],
      output: df`
        FROM node:22 AS build
        # sources
        COPY ["my app", \\
             "/src/"]
        FROM node:22-slim
        COPY --from=build /src /app`,
    },
    {
      name: 'escape directive',
      code: df`
        # escape=\`
        FROM mcr.microsoft.com/windows/servercore:ltsc2022
        ⟦ADD⟧ app \`
            C:/app`,
      errors: [{ messageId: 'useCopy' }],
      output: df`
        # escape=\`
        FROM mcr.microsoft.com/windows/servercore:ltsc2022
        COPY app \`
            C:/app`,
    },
  ],
});
