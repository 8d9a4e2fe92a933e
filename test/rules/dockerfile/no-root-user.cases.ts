import rule from '../../../server/src/engine/rules/dockerfile/no-root-user';
import { cases, df } from '../../support/cases';

export default cases(rule, {
  valid: [
    {
      name: 'base images whose config already sets a non-root USER',
      code: df`
        FROM bitnami/nginx:1.27
        COPY site /app`,
    },
    {
      name: 'nginx-unprivileged and a Prometheus image, by canonical name',
      code: df`
        FROM docker.io/nginxinc/nginx-unprivileged:1.27-alpine
        FROM quay.io/prometheus/node-exporter:v1.8.2`,
    },
    {
      name: 'a team base image named in nonRootBaseImages',
      settings: { nonRootBaseImages: ['registry.example.com/base/*:*'] },
      code: df`
        FROM registry.example.com/base/python:3.12`,
    },
    {
      name: 'ONBUILD USER root runs in the child build, not this image',
      code: df`
        FROM debian:12-slim
        USER 10001
        ONBUILD USER root`,
    },
    {
      name: 'a snippet without FROM and without USER says nothing about the user',
      code: 'RUN echo hi\n',
    },
    {
      name: 'numeric non-root user',
      docs: 'good',
      code: df`
        FROM alpine:3.20
        RUN apk add --no-cache ca-certificates
        USER 10001:10001
        ENTRYPOINT ["/app"]`,
    },
    {
      name: 'root only in a builder stage',
      code: df`
        FROM golang:1.23 AS build
        USER root
        RUN go build -o /app .
        FROM gcr.io/distroless/static-debian12
        COPY --from=build /app /app
        USER 65532:65532`,
    },
    {
      name: 'distroless nonroot tag runs as non-root by default',
      code: df`
        FROM gcr.io/distroless/static-debian12:nonroot
        COPY app /app`,
    },
    {
      name: 'chainguard images run as non-root by default',
      code: df`
        FROM cgr.dev/chainguard/python:latest
        COPY app /app`,
    },
    {
      name: 'user inherited from an earlier stage',
      code: df`
        FROM debian:12 AS base
        USER app
        FROM base
        CMD ["app"]`,
    },
    {
      name: 'user from a build argument is not judged',
      code: df`
        FROM debian:12
        ARG UID=0
        USER \${UID}`,
    },
    {
      name: 'named user',
      code: df`
        FROM node:22-slim
        USER node`,
    },
    {
      name: 'lowercase instruction',
      code: df`
        from node:22-slim
        user node`,
    },
  ],
  invalid: [
    {
      name: 'a base image that is only a build argument: the user cannot be known (info)',
      code: df`
        ARG BASE
        FROM ⟦\${BASE}⟧
        COPY app /app`,
      errors: [{ messageId: 'unknownBase' }],
      output: null,
    },
    {
      name: 'Chainguard -dev variants keep root',
      code: df`
        FROM ⟦cgr.dev/chainguard/python:latest-dev⟧`,
      errors: [{ messageId: 'noUser' }],
      output: null,
    },
    {
      name: 'a snippet without FROM whose last USER is root',
      code: df`
        RUN echo hi
        USER ⟦root⟧`,
      errors: [{ messageId: 'rootUser', data: { user: 'root' } }],
      output: null,
    },
    {
      name: 'explicit root user',
      docs: 'bad',
      code: df`
        FROM alpine:3.20
        USER ⟦root⟧
        ENTRYPOINT ["/app"]`,
      errors: [
        {
          messageId: 'rootUser',
          data: { user: 'root' },
          suggestions: [
            {
              messageId: 'createUser',
              output: df`
                FROM alpine:3.20
                USER root
                RUN addgroup -S -g 10001 app && adduser -S -D -H -u 10001 -G app app
                USER 10001:10001
                ENTRYPOINT ["/app"]`,
            },
            {
              messageId: 'addNumericUser',
              output: df`
                FROM alpine:3.20
                USER root
                USER 10001:10001
                ENTRYPOINT ["/app"]`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'no USER at all: underline the base image',
      docs: 'bad',
      code: df`
        FROM ⟦python:3.12-slim⟧
        COPY . /app
        CMD ["python", "/app/main.py"]`,
      errors: [
        {
          messageId: 'noUser',
          suggestions: [
            {
              messageId: 'createUser',
              output: df`
                FROM python:3.12-slim
                COPY . /app
                RUN groupadd --system --gid 10001 app && useradd --system --no-log-init --uid 10001 --gid app app
                USER 10001:10001
                CMD ["python", "/app/main.py"]`,
            },
            {
              messageId: 'addNumericUser',
              output: df`
                FROM python:3.12-slim
                COPY . /app
                USER 10001:10001
                CMD ["python", "/app/main.py"]`,
            },
          ],
        },
      ],
    },
    {
      name: 'final stage built FROM an earlier stage: underline the stage name on the final FROM',
      code: df`
        FROM debian:12 AS base
        RUN true
        FROM ⟦base⟧
        CMD ["app"]`,
      errors: [{ messageId: 'noUser' }],
    },
    {
      name: 'uid 0 with group',
      code: df`
        FROM debian:12
        USER ⟦0:0⟧`,
      errors: [{ messageId: 'rootUser', data: { user: '0:0' } }],
    },
    {
      name: 'root:root',
      code: df`
        FROM debian:12
        USER nobody
        USER ⟦root:root⟧`,
      errors: [{ messageId: 'rootUser' }],
    },
    {
      name: 'non-root in builder, none in the final stage',
      code: df`
        FROM golang:1.23 AS build
        USER 10001
        FROM ⟦debian:12-slim⟧
        COPY --from=build /app /app`,
      errors: [{ messageId: 'noUser' }],
    },
    {
      name: 'distroless without nonroot tag gets the distroless suggestion first',
      code: df`
        FROM ⟦gcr.io/distroless/static-debian12⟧
        COPY app /app
        ENTRYPOINT ["/app"]`,
      errors: [
        {
          messageId: 'noUser',
          suggestions: [
            {
              messageId: 'distrolessUser',
              output: df`
                FROM gcr.io/distroless/static-debian12
                COPY app /app
                USER 65532:65532
                ENTRYPOINT ["/app"]`,
            },
            {
              messageId: 'addNumericUser',
              output: df`
                FROM gcr.io/distroless/static-debian12
                COPY app /app
                USER 10001:10001
                ENTRYPOINT ["/app"]`,
            },
          ],
        },
      ],
    },
    {
      name: 'no entrypoint: the user goes at the end of the stage, CRLF kept',
      filename: 'app.Dockerfile',
      code: 'FROM ⟦scratch⟧\r\nCOPY app /app\r\n',
      errors: [
        {
          messageId: 'noUser',
          suggestions: [
            { messageId: 'addNumericUser', output: 'FROM scratch\r\nCOPY app /app\r\nUSER 10001:10001\r\n' },
          ],
        },
      ],
    },
    {
      name: 'line continuation and escape directive',
      code: df`
        # escape=\`
        FROM ⟦mcr.microsoft.com/windows/servercore:ltsc2022⟧
        RUN powershell -Command \`
            Write-Host hi`,
      errors: [{ messageId: 'noUser' }],
    },
    {
      name: 'suppressed by hadolint pragma is still reported when the pragma names another rule',
      code: df`
        FROM debian:12
        # hadolint ignore=DL3008
        USER ⟦root⟧`,
      errors: [{ messageId: 'rootUser' }],
    },
  ],
});
