import rule from '../../../server/src/engine/rules/dockerfile/secret-in-arg-or-env';
import { cases, df } from '../../support/cases';

export default cases(rule, {
  valid: [
    {
      name: 'secret mount instead of a build argument',
      docs: 'good',
      code: df`
        # syntax=docker/dockerfile:1
        FROM node:22-slim
        RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci`,
    },
    {
      name: 'public key ids, digests, versions and file paths (official-image style)',
      code: df`
        FROM python:3.12-slim
        ENV GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D
        ENV NODE_GPG_KEYS="4ED778F539E3634C779C87C6D7062848A1AB005C"
        ENV PYTHON_SHA256=143b1dddefaec3bd2e21e3b839b34a2b7fb9842272883c576420d605e9f30c63 KEY_SHA512=e7fa8303923d9b95db37a77ad46c68fd4755ff935d0a534d26eba83de193c76166c68bfe7f65471bf8881004ef4aa6df3e34689c305662750c0172fca5d8552a
        ENV POSTGRES_PASSWORD_FILE=/run/secrets/db_password TOKEN_URL=https://auth.example.com/token
        ENV GOOGLE_APPLICATION_CREDENTIALS=/var/secrets/google/key.json`,
    },
    {
      name: 'switches that name a password',
      code: df`
        FROM mysql:8
        ENV MYSQL_ALLOW_EMPTY_PASSWORD=yes MYSQL_RANDOM_ROOT_PASSWORD=1 PASSWORD_AUTH=false`,
    },
    {
      name: 'empty value',
      code: df`
        FROM postgres:16
        ENV POSTGRES_PASSWORD=""`,
    },
    {
      name: 'names that only contain the letters',
      code: df`
        FROM debian:12
        ARG TOKENIZERS_PARALLELISM=false
        ENV PASS_MAX_DAYS=90 KEYBOARD=us PWD_DIR=/app`,
    },
  ],
  invalid: [
    {
      name: 'a snippet without FROM: its ARG is reported once',
      code: df`
        ARG ⟦DB_PASSWORD⟧
        RUN echo hi`,
      errors: [{ messageId: 'secretName', data: { keyword: 'ARG', name: 'DB_PASSWORD', id: 'db_password' } }],
      output: null,
    },
    {
      name: 'secret build argument and environment variable',
      docs: 'bad',
      code: df`
        FROM node:22-slim
        ARG ⟦NPM_TOKEN⟧
        ENV ⟦DB_PASSWORD⟧=hunter2
        RUN npm ci`,
      errors: [
        { messageId: 'secretName', data: { keyword: 'ARG', name: 'NPM_TOKEN', id: 'npm_token' } },
        { messageId: 'secretName', data: { keyword: 'ENV', name: 'DB_PASSWORD', id: 'db_password' } },
      ],
      output: null,
    },
    {
      name: 'global ARG, legacy ENV form, several pairs and camelCase',
      code: df`
        ARG ⟦GITHUB_TOKEN⟧
        FROM alpine:3.20
        ENV ⟦AWS_SECRET_ACCESS_KEY⟧ abc/def
        ENV APP_ENV=prod ⟦apiKey⟧=$API_KEY ⟦AWS_ACCESS_KEY_ID⟧=$KEY_ID \\
            ⟦DJANGO_SECRET_KEY⟧="x y"`,
      errors: [
        { messageId: 'secretName', data: { keyword: 'ARG', name: 'GITHUB_TOKEN', id: 'github_token' } },
        {
          messageId: 'secretName',
          data: { keyword: 'ENV', name: 'AWS_SECRET_ACCESS_KEY', id: 'aws_secret_access_key' },
        },
        { messageId: 'secretName', data: { keyword: 'ENV', name: 'apiKey', id: 'apikey' } },
        { messageId: 'secretName' },
        { messageId: 'secretName' },
      ],
    },
    {
      name: 'secret values under harmless names, in a builder stage',
      code: df`
        FROM golang:1.23 AS build
        ENV ⟦GOPROXY⟧=https://ci:s3cr3tpass@proxy.corp.example
        ARG ⟦GH⟧=ghp_abcdefghijklmnopqrstuvwxyz0123456789
        FROM scratch`,
      errors: [
        { messageId: 'secretValue', data: { keyword: 'ENV', name: 'GOPROXY', id: 'goproxy' } },
        { messageId: 'secretValue', data: { keyword: 'ARG', name: 'GH', id: 'gh' } },
      ],
    },
    {
      name: 'a GPG passphrase is secret even though GPG key ids are not',
      code: df`
        FROM debian:12
        ENV GPG_KEYS=4ED778F539E3634C779C87C6D7062848A1AB005C
        ARG ⟦GPG_PASSPHRASE⟧`,
      errors: [{ messageId: 'secretName', data: { keyword: 'ARG', name: 'GPG_PASSPHRASE', id: 'gpg_passphrase' } }],
    },
    {
      name: 'escape directive',
      code: df`
        # escape=\`
        FROM mcr.microsoft.com/windows/servercore:ltsc2022
        ENV ⟦SA_PASSWORD⟧=Passw0rd! \`
            ACCEPT_EULA=Y`,
      errors: [{ messageId: 'secretName' }],
    },
  ],
});
