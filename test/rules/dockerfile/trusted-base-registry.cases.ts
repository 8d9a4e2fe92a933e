import rule from '../../../server/src/engine/rules/dockerfile/trusted-base-registry';
import { cases, df } from '../../support/cases';

const trusted = { trustedRegistries: ['docker.io', 'registry.acme.example', 'gcr.io/distroless'] };

export default cases(rule, {
  valid: [
    {
      name: 'images from trusted registries',
      docs: 'good',
      settings: trusted,
      code: df`
        FROM registry.acme.example/build/golang:1.26 AS build
        FROM gcr.io/distroless/static-debian12
        COPY --from=build /app /app`,
    },
    {
      name: 'no trusted registries configured: nothing is checked',
      code: df`
        FROM quay.io/evil/image:1`,
    },
    {
      name: 'Docker Hub images without a registry match docker.io',
      settings: trusted,
      code: df`
        FROM node:22-slim
        FROM docker.io/library/alpine:3.24
        FROM bitnami/redis:8.2`,
    },
    {
      name: 'hub.docker.com stands for Docker Hub too',
      settings: { trustedRegistries: ['hub.docker.com'] },
      code: df`
        FROM alpine:3.24`,
    },
    {
      name: 'scratch, stages, and an unresolved registry',
      settings: trusted,
      code: df`
        ARG REGISTRY
        FROM scratch AS empty
        FROM \${REGISTRY}/app:1 AS app
        FROM app
        COPY --from=empty / /
        COPY --from=0 / /`,
    },
    {
      name: 'registry with a port',
      settings: { trustedRegistries: ['localhost:5000'] },
      code: df`
        FROM localhost:5000/app:1`,
    },
    {
      name: 'wildcard host label',
      settings: { trustedRegistries: ['*.azurecr.io'] },
      code: df`
        FROM acme.azurecr.io/base/app:2`,
    },
    {
      name: 'digest-pinned reference from a trusted registry',
      settings: trusted,
      code: df`
        FROM registry.acme.example/base@sha256:2c3d4e5f60718293a4b5c6d7e8f9001b2c3d4e5f60718293a4b5c6d7e8f9001b`,
    },
  ],
  invalid: [
    {
      name: 'base image from an untrusted registry',
      docs: 'bad',
      settings: trusted,
      code: df`
        FROM ⟦quay.io⟧/acme/app:1.2`,
      errors: [
        {
          messageId: 'untrusted',
          data: {
            image: 'quay.io/acme/app:1.2',
            registry: 'quay.io',
            trusted: 'docker.io, registry.acme.example, gcr.io/distroless',
          },
        },
      ],
      output: null,
    },
    {
      name: 'Docker Hub image when only a private registry is trusted',
      docs: 'bad',
      settings: { trustedRegistries: ['registry.acme.example'] },
      code: df`
        FROM ⟦node:22-slim⟧`,
      errors: [
        {
          messageId: 'untrusted',
          data: { image: 'node:22-slim', registry: 'docker.io', trusted: 'registry.acme.example' },
        },
      ],
    },
    {
      name: 'path prefix: only official images are trusted',
      settings: { trustedRegistries: ['docker.io/library'] },
      code: df`
        FROM alpine:3.24
        FROM ⟦bitnami/redis:8.2⟧`,
      errors: [
        {
          messageId: 'untrusted',
          data: { image: 'bitnami/redis:8.2', registry: 'docker.io', trusted: 'docker.io/library' },
        },
      ],
    },
    {
      name: 'path prefix matches whole path segments',
      settings: trusted,
      code: df`
        FROM ⟦gcr.io⟧/distroless2/base`,
      errors: [{ messageId: 'untrusted' }],
    },
    {
      name: 'port is part of the host',
      settings: { trustedRegistries: ['localhost'] },
      code: df`
        FROM ⟦localhost:5000⟧/app:1`,
      errors: [
        {
          messageId: 'untrusted',
          data: { image: 'localhost:5000/app:1', registry: 'localhost:5000', trusted: 'localhost' },
        },
      ],
    },
    {
      name: 'COPY --from and RUN --mount from images',
      settings: trusted,
      code: df`
        FROM registry.acme.example/base:1 AS build
        COPY --from=⟦ghcr.io/acme/tools:2⟧ /bin/tool /usr/local/bin/
        RUN --mount=type=bind,from=⟦quay.io/acme/certs:1⟧,target=/certs cp /certs/* /etc/ssl/
        COPY --from=build /a /b
        COPY --from=busybox:1.36 /bin/busybox /bin/`,
      errors: [
        {
          messageId: 'untrusted',
          data: {
            image: 'ghcr.io/acme/tools:2',
            registry: 'ghcr.io',
            trusted: 'docker.io, registry.acme.example, gcr.io/distroless',
          },
        },
        {
          messageId: 'untrusted',
          data: {
            image: 'quay.io/acme/certs:1',
            registry: 'quay.io',
            trusted: 'docker.io, registry.acme.example, gcr.io/distroless',
          },
        },
      ],
    },
    {
      name: 'registry from a build argument default',
      settings: trusted,
      code: df`
        ARG REGISTRY=quay.io/acme
        FROM ⟦\${REGISTRY}/app:1⟧`,
      errors: [
        {
          messageId: 'untrusted',
          data: {
            image: 'quay.io/acme/app:1',
            registry: 'quay.io',
            trusted: 'docker.io, registry.acme.example, gcr.io/distroless',
          },
        },
      ],
    },
    {
      name: 'lowercase instruction, platform flag, escape directive',
      settings: trusted,
      code: df`
        # escape=\`
        from --platform=linux/amd64 ⟦public.ecr.aws⟧/docker/library/node:22 as build
        RUN echo \`
            done`,
      errors: [{ messageId: 'untrusted' }],
    },
  ],
});
