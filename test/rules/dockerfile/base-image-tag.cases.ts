import rule from '../../../server/src/engine/rules/dockerfile/base-image-tag';
import { cases, df } from '../../support/cases';

// Release data as of settings.today = 2026-11-28 (the harness default).
export default cases(rule, {
  valid: [
    {
      name: 'a stage named through a build argument default is a stage, not an image',
      code: df`
        FROM alpine:3.24 AS debug
        FROM gcr.io/distroless/static-debian12:nonroot AS release
        ARG BASE
        FROM \${BASE:-debug}`,
    },
    {
      name: 'version tag',
      docs: 'good',
      code: df`
        FROM node:22-slim
        CMD ["node", "server.js"]`,
    },
    {
      name: 'digest without tag pins the image',
      code: df`
        FROM node@sha256:0f3b8c7a9e2d4f6b1a3c5e7d9f0b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6b`,
    },
    {
      name: 'scratch',
      code: df`
        FROM scratch
        COPY app /app`,
    },
    {
      name: 'earlier stage as base is not an image',
      code: df`
        FROM golang:1.26 AS build
        RUN go build -o /app .
        FROM build AS test
        RUN go test ./...`,
    },
    {
      name: 'unresolved build argument is not judged',
      code: df`
        ARG BASE
        FROM \${BASE}
        FROM node:\${NODE_VERSION}`,
    },
    {
      name: 'tag from a build argument default',
      code: df`
        ARG V=3.12
        FROM python:\${V}-slim`,
    },
    {
      name: 'release codenames pin a release',
      code: df`
        FROM debian:bookworm-slim
        FROM node:iron-alpine
        FROM buildpack-deps:trixie-scm`,
    },
    {
      name: 'other images: only latest or no tag is judged',
      code: df`
        FROM myorg/app:stable
        FROM localhost:5000/app:1
        FROM mcr.microsoft.com/windows/servercore:ltsc2022`,
    },
    {
      name: 'platform flag and lowercase instruction',
      code: df`
        from --platform=$BUILDPLATFORM golang:1.26-alpine as build`,
    },
    {
      name: 'hadolint pragma with the peer id suppresses it',
      code: df`
        # hadolint ignore=DL3007
        FROM node:latest`,
    },
    {
      name: 'escape directive',
      code: df`
        # escape=\`
        FROM alpine:3.24
        RUN echo one \`
            two`,
    },
  ],
  invalid: [
    {
      name: 'latest-<arch> moves like latest, for any image',
      code: df`
        FROM myorg/app:⟦latest-amd64⟧`,
      errors: [{ messageId: 'latest' }],
    },
    {
      name: 'the range of a tag inside a build argument default covers the tag only',
      code: df`
        ARG X
        FROM \${X:-debian:⟦stable-slim⟧}`,
      errors: [{ messageId: 'floating' }],
    },
    {
      name: 'untagged official image',
      docs: 'bad',
      code: df`
        FROM ⟦node⟧
        CMD ["node", "server.js"]`,
      errors: [
        {
          messageId: 'untagged',
          data: { image: 'node' },
          suggestions: [
            {
              messageId: 'useTag',
              output: df`
                FROM node:26
                CMD ["node", "server.js"]`,
            },
            {
              messageId: 'useTag',
              output: df`
                FROM node:24
                CMD ["node", "server.js"]`,
            },
            {
              messageId: 'useTag',
              output: df`
                FROM node:22
                CMD ["node", "server.js"]`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'latest tag',
      docs: 'bad',
      code: df`
        FROM python:⟦latest⟧ AS app`,
      errors: [
        {
          messageId: 'latest',
          data: { image: 'python:latest' },
          suggestions: [
            { messageId: 'useTag', output: 'FROM python:3.14 AS app\n' },
            { messageId: 'useTag', output: 'FROM python:3.13 AS app\n' },
            { messageId: 'useTag', output: 'FROM python:3.12 AS app\n' },
          ],
        },
      ],
    },
    {
      name: 'channel tag with a variant keeps the variant',
      code: df`
        FROM node:⟦lts-alpine⟧`,
      errors: [
        {
          messageId: 'floating',
          data: { image: 'node:lts-alpine', tag: 'lts-alpine' },
          suggestions: [
            { messageId: 'useTag', output: 'FROM node:26-alpine\n' },
            { messageId: 'useTag', output: 'FROM node:24-alpine\n' },
            { messageId: 'useTag', output: 'FROM node:22-alpine\n' },
          ],
        },
      ],
    },
    {
      name: 'variant-only tag gets a version in front',
      code: df`
        FROM python:⟦slim⟧`,
      errors: [
        {
          messageId: 'floating',
          suggestions: [
            { messageId: 'useTag', output: 'FROM python:3.14-slim\n' },
            { messageId: 'useTag', output: 'FROM python:3.13-slim\n' },
            { messageId: 'useTag', output: 'FROM python:3.12-slim\n' },
          ],
        },
      ],
    },
    {
      name: 'another distribution codename does not pin the image version',
      code: df`
        FROM node:⟦bookworm-slim⟧`,
      errors: [
        {
          messageId: 'floating',
          suggestions: [
            { messageId: 'useTag', output: 'FROM node:26-bookworm-slim\n' },
            { messageId: 'useTag', output: 'FROM node:24-bookworm-slim\n' },
            { messageId: 'useTag', output: 'FROM node:22-bookworm-slim\n' },
          ],
        },
      ],
    },
    {
      name: 'debian stable channel',
      code: df`
        FROM debian:⟦stable-slim⟧`,
      errors: [
        {
          messageId: 'floating',
          suggestions: [
            { messageId: 'useTag', output: 'FROM debian:13-slim\n' },
            { messageId: 'useTag', output: 'FROM debian:12-slim\n' },
          ],
        },
      ],
    },
    {
      name: 'Alpine release in a floating tag: no suggestion that may not exist',
      code: df`
        FROM python:⟦alpine3.20⟧`,
      errors: [{ messageId: 'floating', suggestions: [] }],
    },
    {
      name: '.NET tags are major.minor',
      code: df`
        FROM mcr.microsoft.com/dotnet/aspnet:⟦latest⟧`,
      errors: [
        {
          messageId: 'latest',
          suggestions: [{ messageId: 'useTag', output: 'FROM mcr.microsoft.com/dotnet/aspnet:10.0\n' }],
        },
      ],
    },
    {
      name: 'latest from a build argument: the argument is underlined, not rewritten',
      code: df`
        ARG TAG=latest
        FROM node:⟦\${TAG}⟧`,
      errors: [{ messageId: 'latest', data: { image: 'node:latest' }, suggestions: [] }],
    },
    {
      name: 'image from a build argument',
      code: df`
        ARG IMAGE=alpine
        FROM ⟦\${IMAGE}⟧`,
      errors: [{ messageId: 'untagged', data: { image: 'alpine' }, suggestions: [] }],
    },
    {
      name: 'multi-stage: each image once, stage references skipped',
      code: df`
        FROM ⟦golang⟧ AS build
        RUN go build -o /app .
        FROM build AS test
        FROM gcr.io/distroless/static:⟦latest⟧
        COPY --from=build /app /app`,
      errors: [{ messageId: 'untagged' }, { messageId: 'latest', suggestions: [] }],
    },
    {
      name: 'non-official image with release data: tag scheme unknown, no suggestion',
      code: df`
        FROM bitnami/node:⟦latest⟧`,
      errors: [{ messageId: 'latest', suggestions: [] }],
    },
    {
      name: 'registry with a port',
      code: df`
        FROM ⟦localhost:5000/app⟧
        FROM localhost:5000/tools:⟦latest⟧`,
      errors: [
        { messageId: 'untagged', data: { image: 'localhost:5000/app' }, suggestions: [] },
        { messageId: 'latest', data: { image: 'localhost:5000/tools:latest' }, suggestions: [] },
      ],
    },
    {
      name: 'fully qualified Docker Hub name keeps its spelling',
      code: df`
        FROM docker.io/library/alpine:⟦latest⟧`,
      errors: [
        {
          messageId: 'latest',
          suggestions: [
            { messageId: 'useTag', output: 'FROM docker.io/library/alpine:3.24\n' },
            { messageId: 'useTag', output: 'FROM docker.io/library/alpine:3.23\n' },
            { messageId: 'useTag', output: 'FROM docker.io/library/alpine:3.22\n' },
          ],
        },
      ],
    },
    {
      name: 'escape directive, lowercase instruction and platform flag',
      code: df`
        # escape=\`
        from --platform=linux/amd64 ⟦ubuntu⟧ as base
        RUN echo one \`
            two`,
      errors: [
        {
          messageId: 'untagged',
          suggestions: [
            {
              messageId: 'useTag',
              output: df`
            # escape=\`
            from --platform=linux/amd64 ubuntu:26.04 as base
            RUN echo one \`
                two`,
            },
            {
              messageId: 'useTag',
              output: df`
            # escape=\`
            from --platform=linux/amd64 ubuntu:24.04 as base
            RUN echo one \`
                two`,
            },
            {
              messageId: 'useTag',
              output: df`
            # escape=\`
            from --platform=linux/amd64 ubuntu:22.04 as base
            RUN echo one \`
                two`,
            },
          ],
        },
      ],
    },
    {
      name: 'hadolint pragma for another rule does not hide it',
      code: df`
        # hadolint ignore=DL3008
        FROM ⟦redis⟧`,
      errors: [{ messageId: 'untagged' }],
    },
  ],
});
