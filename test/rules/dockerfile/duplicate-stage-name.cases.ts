import rule from '../../../server/src/engine/rules/dockerfile/duplicate-stage-name';
import { cases, df } from '../../support/cases';

export default cases(rule, {
  valid: [
    {
      name: 'unique stage names',
      docs: 'good',
      code: df`
        FROM golang:1.26 AS build
        FROM build AS test
        FROM gcr.io/distroless/static-debian12 AS runtime`,
    },
    {
      name: 'build argument image, registry with a port, digest',
      code: df`
        ARG V=3.7
        FROM python:\${V} AS deps
        FROM localhost:5000/base@sha256:93a4b5c6d7e8f9001b2c3d4e5f60718293a4b5c6d7e8f9001b2c3d4e5f607182 AS base`,
    },
    {
      name: 'unnamed stages',
      code: df`
        FROM alpine:3.24
        FROM alpine:3.24`,
    },
  ],
  invalid: [
    {
      name: 'reserved stage names',
      code: df`
        FROM golang:1.26 AS ⟦scratch⟧
        FROM alpine:3.24 AS ⟦Context⟧`,
      errors: [
        { messageId: 'reserved', data: { name: 'scratch' } },
        { messageId: 'reserved', data: { name: 'context' } },
      ],
      output: null,
    },
    {
      name: 'two stages with one name',
      docs: 'bad',
      code: df`
        FROM golang:1.26 AS build
        RUN go build ./...
        FROM node:22 AS ⟦build⟧
        RUN npm run build`,
      errors: [{ messageId: 'duplicate', data: { name: 'build', line: 1 } }],
      output: null,
    },
    {
      name: 'case-insensitive, every repeat reported, lowercase keywords',
      code: df`
        from alpine:3.24 as Base
        from alpine:3.24 as ⟦BASE⟧
        from alpine:3.24 as ⟦base⟧`,
      errors: [
        { messageId: 'duplicate', data: { name: 'BASE', line: 1 } },
        { messageId: 'duplicate', data: { name: 'base', line: 1 } },
      ],
    },
    {
      name: 'escape directive and platform flag',
      code: df`
        # escape=\`
        FROM --platform=$BUILDPLATFORM golang:1.26 AS build
        RUN echo \`
            one
        FROM --platform=$TARGETPLATFORM alpine:3.24 AS ⟦build⟧`,
      errors: [{ messageId: 'duplicate', data: { name: 'build', line: 2 } }],
    },
  ],
});
