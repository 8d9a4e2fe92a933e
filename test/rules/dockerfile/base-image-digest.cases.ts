import rule from '../../../server/src/engine/rules/dockerfile/base-image-digest';
import { cases, df } from '../../support/cases';

export default cases(rule, {
  valid: [
    {
      name: 'tag and digest',
      docs: 'good',
      code: df`
        FROM node:22-slim@sha256:4e5f60718293a4b5c6d7e8f9001b2c3d4e5f60718293a4b5c6d7e8f9001b2c3d
        CMD ["node", "server.js"]`,
    },
    {
      name: 'scratch and earlier stages',
      code: df`
        FROM alpine@sha256:5f60718293a4b5c6d7e8f9001b2c3d4e5f60718293a4b5c6d7e8f9001b2c3d4e AS base
        FROM base
        FROM scratch`,
    },
    {
      name: 'unresolved build argument',
      code: df`
        ARG IMAGE
        FROM \${IMAGE}
        FROM python:\${PY}`,
    },
    {
      name: 'digest from a build argument default',
      code: df`
        ARG DIGEST=sha256:60718293a4b5c6d7e8f9001b2c3d4e5f60718293a4b5c6d7e8f9001b2c3d4e5f
        FROM alpine:3.24@\${DIGEST}`,
    },
  ],
  invalid: [
    {
      name: 'tag only',
      docs: 'bad',
      code: df`
        FROM ⟦node:22-slim⟧
        CMD ["node", "server.js"]`,
      errors: [{ messageId: 'noDigest', data: { image: 'node:22-slim' } }],
      output: null,
    },
    {
      name: 'every stage image, registry with a port, lowercase and platform flag',
      code: df`
        from --platform=$BUILDPLATFORM ⟦golang:1.26⟧ as build
        FROM ⟦localhost:5000/base:1⟧
        COPY --from=build /app /app`,
      errors: [
        { messageId: 'noDigest', data: { image: 'golang:1.26' } },
        { messageId: 'noDigest', data: { image: 'localhost:5000/base:1' } },
      ],
    },
    {
      name: 'resolved build argument is named in the message',
      code: df`
        # escape=\`
        ARG V=3.13
        FROM ⟦python:\${V}-slim⟧`,
      errors: [{ messageId: 'noDigest', data: { image: 'python:3.13-slim' } }],
    },
  ],
});
