import rule from '../../../server/src/engine/rules/dockerfile/copy-from-unknown-stage';
import { cases, df } from '../../support/cases';

export default cases(rule, {
  valid: [
    {
      name: 'earlier stage by name and by index',
      docs: 'good',
      code: df`
        FROM golang:1.26 AS build
        RUN go build -o /app .
        FROM gcr.io/distroless/static-debian12
        COPY --from=build /app /app
        COPY --from=0 /etc/ssl/certs /etc/ssl/certs`,
    },
    {
      name: 'stage names are case-insensitive',
      code: df`
        FROM alpine:3.24 AS Builder
        FROM alpine:3.24
        COPY --from=BUILDER /a /b`,
    },
    {
      name: 'images with a tag, registry or digest',
      code: df`
        FROM alpine:3.24
        COPY --from=nginx:1.27 /etc/nginx/nginx.conf /etc/nginx/
        COPY --from=ghcr.io/acme/tools /bin/tool /bin/
        COPY --from=localhost:5000/certs /certs /certs
        COPY --from=busybox@sha256:3d4e5f60718293a4b5c6d7e8f9001b2c3d4e5f60718293a4b5c6d7e8f9001b2c /bin/busybox /bin/`,
    },
    {
      name: 'stages from a build argument image, a registry with a port and a digest',
      code: df`
        ARG V=3.7
        FROM python:\${V} AS deps
        FROM localhost:5000/base@sha256:718293a4b5c6d7e8f9001b2c3d4e5f60718293a4b5c6d7e8f9001b2c3d4e5f6 AS base
        FROM base
        COPY --from=deps /a /b
        COPY --from=1 /c /d`,
    },
    {
      name: 'well-known official image by bare name',
      code: df`
        FROM alpine:3.24
        COPY --from=busybox /bin/busybox /bin/busybox`,
    },
    {
      name: 'build argument in the value is not judged',
      code: df`
        FROM alpine:3.24
        COPY --from=\${TOOLS} /a /b`,
    },
    {
      name: 'RUN mount from an earlier stage',
      code: df`
        FROM node:22 AS deps
        FROM node:22-slim
        RUN --mount=type=bind,from=deps,source=/node_modules,target=/node_modules ls`,
    },
  ],
  invalid: [
    {
      name: 'misspelt stage name',
      docs: 'bad',
      code: df`
        FROM golang:1.26 AS build
        RUN go build -o /app .
        FROM gcr.io/distroless/static-debian12
        COPY --from=⟦biuld⟧ /app /app`,
      errors: [
        {
          messageId: 'unknownStage',
          data: { flag: '--from=biuld' },
          suggestions: [
            {
              messageId: 'useStage',
              output: df`
                FROM golang:1.26 AS build
                RUN go build -o /app .
                FROM gcr.io/distroless/static-debian12
                COPY --from=build /app /app`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'stage defined further down',
      docs: 'bad',
      code: df`
        FROM alpine:3.24
        COPY --from=⟦assets⟧ /dist /srv
        FROM node:22 AS assets
        RUN npm run build`,
      errors: [{ messageId: 'laterStage', data: { flag: '--from=assets', name: 'assets' } }],
    },
    {
      name: 'index of a later stage and an index out of range',
      code: df`
        FROM alpine:3.24
        COPY --from=⟦1⟧ /a /b
        COPY --from=⟦7⟧ /a /b
        FROM alpine:3.24 AS second`,
      errors: [
        { messageId: 'laterStage', data: { flag: '--from=1', name: 'second' } },
        { messageId: 'unknownStage', data: { flag: '--from=7' }, suggestions: [] },
      ],
    },
    {
      name: 'unknown name with no close stage gets no suggestion',
      code: df`
        FROM alpine:3.24 AS base
        FROM base
        COPY --from=⟦frontend⟧ /dist /srv`,
      errors: [{ messageId: 'unknownStage', suggestions: [] }],
    },
    {
      name: 'RUN mount from a misspelt stage, lowercase instructions',
      code: df`
        from node:22 as deps
        from node:22-slim
        run --mount=type=cache,from=⟦dep⟧,target=/root/.npm npm ci`,
      errors: [
        {
          messageId: 'unknownStage',
          data: { flag: 'from=dep' },
          suggestions: [
            {
              messageId: 'useStage',
              output: df`
          from node:22 as deps
          from node:22-slim
          run --mount=type=cache,from=deps,target=/root/.npm npm ci`,
            },
          ],
        },
      ],
    },
    {
      name: 'escape directive and platform flag',
      code: df`
        # escape=\`
        FROM --platform=$BUILDPLATFORM golang:1.26 AS builder
        FROM alpine:3.24
        COPY --from=⟦buidler⟧ \`
            /app /app`,
      errors: [
        {
          messageId: 'unknownStage',
          suggestions: [
            {
              messageId: 'useStage',
              output: df`
          # escape=\`
          FROM --platform=$BUILDPLATFORM golang:1.26 AS builder
          FROM alpine:3.24
          COPY --from=builder \`
              /app /app`,
            },
          ],
        },
      ],
    },
  ],
});
