import rule from '../../../server/src/engine/rules/dockerfile/missing-healthcheck';
import { cases, df } from '../../support/cases';

export default cases(rule, {
  valid: [
    {
      name: 'a snippet without FROM is not an image yet',
      code: 'EXPOSE 8080\nCMD ["server"]\n',
    },
    {
      name: 'service with a HEALTHCHECK',
      docs: 'good',
      code: df`
        FROM nginx:1.27-alpine
        EXPOSE 80
        HEALTHCHECK --interval=30s --timeout=3s CMD wget -qO- http://127.0.0.1/ || exit 1`,
    },
    {
      name: 'HEALTHCHECK NONE records that the orchestrator probes it',
      docs: 'good',
      code: df`
        FROM gcr.io/distroless/static-debian12
        COPY app /app
        EXPOSE 8080
        # Kubernetes liveness and readiness probes check /healthz
        HEALTHCHECK NONE
        ENTRYPOINT ["/app"]`,
    },
    {
      name: 'inherited from an earlier stage',
      code: df`
        FROM alpine:3.20 AS base
        HEALTHCHECK CMD ["/bin/true"]
        FROM base
        EXPOSE 80`,
    },
    {
      name: 'images that expose nothing are not services',
      code: df`
        FROM python:3.12-slim
        CMD ["python3"]`,
    },
    {
      name: 'EXPOSE only in a builder stage',
      code: df`
        FROM golang:1.23 AS build
        EXPOSE 8080
        FROM scratch
        COPY --from=build /app /app`,
    },
  ],
  invalid: [
    {
      name: 'exposed port without a HEALTHCHECK',
      docs: 'bad',
      code: df`
        FROM ⟦node:22-slim⟧
        COPY . /app
        EXPOSE 3000
        CMD ["node", "/app/server.js"]`,
      errors: [{ messageId: 'missing' }],
      output: null,
    },
    {
      name: 'final stage built on an earlier stage; the check in another branch does not count',
      code: df`
        FROM debian:12 AS base
        EXPOSE 80
        FROM base AS test
        HEALTHCHECK CMD true
        FROM ⟦base⟧`,
      errors: [{ messageId: 'missing' }],
    },
    {
      name: 'CRLF and escape directive',
      code: '# escape=`\r\nFROM ⟦mcr.microsoft.com/windows/servercore:ltsc2022⟧\r\nEXPOSE 8080\r\n',
      errors: [{ messageId: 'missing' }],
    },
  ],
});
