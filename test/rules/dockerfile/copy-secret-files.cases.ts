import rule from '../../../server/src/engine/rules/dockerfile/copy-secret-files';
import { cases, df } from '../../support/cases';

export default cases(rule, {
  valid: [
    {
      name: 'secret mounted for one step only',
      docs: 'good',
      code: df`
        # syntax=docker/dockerfile:1
        FROM node:22-slim
        COPY package.json package-lock.json ./
        RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci
        COPY . .`,
    },
    {
      name: 'public keys, certificates and examples',
      code: df`
        FROM debian:12
        COPY id_ed25519.pub /home/app/.ssh/authorized_keys
        COPY ca.pem corp-root.crt fullchain.pem /usr/local/share/ca-certificates/
        COPY .env.example /app/.env.example
        COPY .ssh/known_hosts /root/.ssh/known_hosts`,
    },
    {
      name: 'signing key copied to a public-key path',
      code: df`
        FROM debian:12
        COPY jenkins.io-2026.key /war/jenkins-key.pub
        COPY nginx_signing.key /usr/share/keyrings/nginx.gpg`,
    },
    {
      name: 'copies from another stage are not judged',
      code: df`
        FROM alpine:3.20 AS certs
        RUN apk add openssl && openssl req -x509 -nodes -newkey rsa:2048 -keyout /tls.key -out /tls.crt -subj /CN=test
        FROM alpine:3.20
        COPY --from=certs /tls.key /etc/tls/tls.key`,
    },
  ],
  invalid: [
    {
      name: 'private key and .env into the image',
      docs: 'bad',
      code: df`
        FROM python:3.12-slim
        COPY ⟦id_rsa⟧ /root/.ssh/id_rsa
        COPY ⟦.env⟧ ⟦config/tls.key⟧ /app/`,
      errors: [
        { messageId: 'secretInImage', data: { keyword: 'COPY', source: 'id_rsa' } },
        { messageId: 'secretInImage', data: { keyword: 'COPY', source: '.env' } },
        { messageId: 'secretInImage', data: { keyword: 'COPY', source: 'config/tls.key' } },
      ],
      output: null,
    },
    {
      name: 'credentials files and directories, ADD, exec form and continuation',
      code: df`
        FROM debian:12
        ADD ⟦.npmrc⟧ ⟦.pypirc⟧ /root/
        COPY [⟦"home/.aws/credentials"⟧, ⟦".docker/config.json"⟧, "/root/"]
        COPY ⟦.ssh⟧ \\
             /root/.ssh
        COPY ⟦server-key.pem⟧ ⟦keystore.p12⟧ ⟦.env.production⟧ /app/`,
      errors: [
        { messageId: 'secretInImage', data: { keyword: 'ADD', source: '.npmrc' } },
        { messageId: 'secretInImage' },
        { messageId: 'secretInImage', data: { keyword: 'COPY', source: 'home/.aws/credentials' } },
        { messageId: 'secretInImage' },
        { messageId: 'secretInImage' },
        { messageId: 'secretInImage' },
        { messageId: 'secretInImage' },
        { messageId: 'secretInImage' },
      ],
    },
    {
      name: 'builder stage keeps it in the build cache; a base stage of the final one is in the image',
      code: df`
        FROM node:22 AS deps
        COPY ⟦.npmrc⟧ package.json ./
        RUN npm ci && rm .npmrc
        FROM node:22-slim AS base
        COPY ⟦.env⟧ /app/
        FROM base
        COPY --from=deps /node_modules /app/node_modules`,
      errors: [
        { messageId: 'secretInBuilder', data: { keyword: 'COPY', source: '.npmrc', stage: 'deps' } },
        { messageId: 'secretInImage', data: { keyword: 'COPY', source: '.env' } },
      ],
    },
    {
      name: 'escape directive',
      code: df`
        # escape=\`
        FROM mcr.microsoft.com/windows/servercore:ltsc2022
        COPY ⟦certs/client.pfx⟧ \`
             C:/certs/`,
      errors: [{ messageId: 'secretInImage' }],
    },
  ],
});
