import rule from '../../../server/src/engine/rules/dockerfile/copy-from-own-stage';
import { cases, df } from '../../support/cases';

export default cases(rule, {
  valid: [
    {
      name: 'copy from an earlier stage',
      docs: 'good',
      code: df`
        FROM node:22 AS build
        RUN npm run build
        FROM nginx:1.31-alpine AS web
        COPY --from=build /app/dist /usr/share/nginx/html`,
    },
    {
      name: 'copy from an image named like no stage',
      code: df`
        FROM alpine:3.24 AS tools
        COPY --from=alpine:3.24 /etc/os-release /tmp/`,
    },
    {
      name: 'build argument image, registry with a port, digest',
      code: df`
        ARG V=3.7
        FROM python:\${V} AS deps
        FROM localhost:5000/base@sha256:8293a4b5c6d7e8f9001b2c3d4e5f60718293a4b5c6d7e8f9001b2c3d4e5f6071 AS base
        COPY --from=deps /a /b`,
    },
    {
      name: 'unnamed stages',
      code: df`
        FROM alpine:3.24
        FROM alpine:3.24
        COPY --from=0 /a /b`,
    },
  ],
  invalid: [
    {
      name: 'copy from its own stage by name',
      docs: 'bad',
      code: df`
        FROM node:22 AS build
        RUN npm run build
        COPY --from=⟦build⟧ /app/dist /dist`,
      errors: [{ messageId: 'ownStage', data: { flag: '--from=build' } }],
      output: null,
    },
    {
      name: 'by index and with different case',
      code: df`
        FROM alpine:3.24 AS base
        FROM alpine:3.24 AS Final
        COPY --from=⟦1⟧ /a /b
        COPY --from=⟦FINAL⟧ /a /b`,
      errors: [
        { messageId: 'ownStage', data: { flag: '--from=1' } },
        { messageId: 'ownStage', data: { flag: '--from=FINAL' } },
      ],
    },
    {
      name: 'RUN mount from its own stage, lowercase instructions',
      code: df`
        from alpine:3.24 as cache
        run --mount=type=bind,from=⟦cache⟧,target=/c ls /c`,
      errors: [{ messageId: 'ownStage', data: { flag: 'from=cache' } }],
    },
    {
      name: 'escape directive and platform flag',
      code: df`
        # escape=\`
        FROM --platform=$BUILDPLATFORM golang:1.26 AS build
        COPY --from=⟦build⟧ \`
            /a /b`,
      errors: [{ messageId: 'ownStage' }],
    },
  ],
});
