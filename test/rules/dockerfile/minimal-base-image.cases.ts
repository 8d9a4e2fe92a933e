import rule from '../../../server/src/engine/rules/dockerfile/minimal-base-image';
import { cases, df } from '../../support/cases';

export default cases(rule, {
  valid: [
    {
      name: 'toolchain in the builder, slim runtime in the final stage',
      docs: 'good',
      code: df`
        FROM golang:1.26 AS build
        RUN CGO_ENABLED=0 go build -o /app .
        FROM gcr.io/distroless/static-debian12:nonroot
        COPY --from=build /app /app
        ENTRYPOINT ["/app"]`,
    },
    {
      name: 'slim and alpine variants',
      code: df`
        FROM python:3.12 AS deps
        FROM python:3.12-slim-bookworm`,
    },
    {
      name: 'node alpine',
      code: df`
        FROM node:22-alpine`,
    },
    {
      name: 'debian slim',
      code: df`
        FROM debian:trixie-slim`,
    },
    {
      name: 'ubuntu and php have no smaller variant of their own',
      code: df`
        FROM php:8.4-apache AS php
        FROM ubuntu:24.04`,
    },
    {
      name: 'JRE and .NET runtime images',
      code: df`
        FROM eclipse-temurin:21-jre-alpine AS jre
        FROM mcr.microsoft.com/dotnet/aspnet:10.0`,
    },
    {
      name: 'scratch and unknown images',
      code: df`
        FROM myorg/base:1
        FROM scratch`,
    },
    {
      name: 'final stage image from an unresolved build argument',
      code: df`
        ARG BASE
        FROM \${BASE}`,
    },
    {
      name: 'Windows images are not judged',
      code: df`
        FROM python:3.12-windowsservercore-ltsc2022`,
    },
  ],
  invalid: [
    {
      name: 'full language image in the final stage',
      docs: 'bad',
      code: df`
        FROM ⟦python:3.12⟧
        COPY . /app
        CMD ["python", "/app/main.py"]`,
      errors: [
        {
          messageId: 'fullImage',
          data: { image: 'python:3.12', instead: 'python:3.12-slim' },
          suggestions: [
            {
              messageId: 'useImage',
              output: df`
                FROM python:3.12-slim
                COPY . /app
                CMD ["python", "/app/main.py"]`,
            },
            {
              messageId: 'useImage',
              output: df`
                FROM python:3.12-alpine
                COPY . /app
                CMD ["python", "/app/main.py"]`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'Go toolchain as the final image',
      docs: 'bad',
      code: df`
        FROM ⟦golang:1.26-alpine⟧
        RUN go build -o /app .
        ENTRYPOINT ["/app"]`,
      errors: [
        {
          messageId: 'toolchainImage',
          data: { image: 'golang:1.26-alpine', instead: 'gcr.io/distroless/static or scratch' },
          suggestions: [],
        },
      ],
    },
    {
      name: 'python codename: slim goes before it, alpine replaces it',
      code: df`
        FROM ⟦python:3.12-bookworm⟧`,
      errors: [
        {
          messageId: 'fullImage',
          suggestions: [
            { messageId: 'useImage', output: 'FROM python:3.12-slim-bookworm\n' },
            { messageId: 'useImage', output: 'FROM python:3.12-alpine\n' },
          ],
        },
      ],
    },
    {
      name: 'node codename: slim goes after it',
      code: df`
        FROM ⟦node:22-bookworm⟧`,
      errors: [
        {
          messageId: 'fullImage',
          suggestions: [
            { messageId: 'useImage', output: 'FROM node:22-bookworm-slim\n' },
            { messageId: 'useImage', output: 'FROM node:22-alpine\n' },
          ],
        },
      ],
    },
    {
      name: 'only the final stage, followed through a stage it builds on',
      code: df`
        FROM golang:1.26 AS build
        FROM ⟦debian:bookworm⟧ AS runtime
        COPY --from=build /app /app
        FROM runtime`,
      errors: [
        {
          messageId: 'fullImage',
          data: { image: 'debian:bookworm', instead: 'debian:bookworm-slim' },
          suggestions: [
            {
              messageId: 'useImage',
              output:
                'FROM golang:1.26 AS build\nFROM debian:bookworm-slim AS runtime\nCOPY --from=build /app /app\nFROM runtime\n',
            },
          ],
        },
      ],
    },
    {
      name: 'JDK to JRE, platform flag and lowercase instruction',
      code: df`
        from --platform=linux/arm64 ⟦eclipse-temurin:21-jdk-noble⟧ as app`,
      errors: [
        {
          messageId: 'toolchainImage',
          suggestions: [
            { messageId: 'useImage', output: 'from --platform=linux/arm64 eclipse-temurin:21-jre-noble as app\n' },
          ],
        },
      ],
    },
    {
      name: 'Maven image: the JRE of the same Java version',
      code: df`
        FROM ⟦maven:3.9-eclipse-temurin-21-alpine⟧`,
      errors: [
        {
          messageId: 'toolchainImage',
          suggestions: [{ messageId: 'useImage', output: 'FROM eclipse-temurin:21-jre-alpine\n' }],
        },
      ],
    },
    {
      name: '.NET SDK to ASP.NET Core or runtime, digest dropped',
      code: df`
        FROM ⟦mcr.microsoft.com/dotnet/sdk:10.0@sha256:1b2c3d4e5f60718293a4b5c6d7e8f9001b2c3d4e5f60718293a4b5c6d7e8f900⟧`,
      errors: [
        {
          messageId: 'toolchainImage',
          suggestions: [
            { messageId: 'useImage', output: 'FROM mcr.microsoft.com/dotnet/aspnet:10.0\n' },
            { messageId: 'useImage', output: 'FROM mcr.microsoft.com/dotnet/runtime:10.0\n' },
          ],
        },
      ],
    },
    {
      name: 'tag from a build argument: reported, variant named, not rewritten',
      code: df`
        ARG NODE=22
        FROM ⟦node:\${NODE}⟧`,
      errors: [{ messageId: 'fullImage', data: { image: 'node:22', instead: 'node:22-slim' }, suggestions: [] }],
    },
    {
      name: 'registry with a port and minimal variants of RHEL clones',
      code: df`
        FROM localhost:5000/python:3.12 AS mirror
        FROM ⟦rockylinux:9⟧`,
      errors: [
        {
          messageId: 'fullImage',
          suggestions: [
            { messageId: 'useImage', output: 'FROM localhost:5000/python:3.12 AS mirror\nFROM rockylinux:9-minimal\n' },
          ],
        },
      ],
    },
    {
      name: 'UBI to ubi-minimal or ubi-micro',
      code: df`
        FROM ⟦registry.access.redhat.com/ubi9/ubi:9.4⟧`,
      errors: [
        {
          messageId: 'fullImage',
          suggestions: [
            { messageId: 'useImage', output: 'FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4\n' },
            { messageId: 'useImage', output: 'FROM registry.access.redhat.com/ubi9/ubi-micro:9.4\n' },
          ],
        },
      ],
    },
    {
      name: 'buildpack-deps to the slim Debian of the same release, escape directive',
      code: df`
        # escape=\`
        FROM ⟦buildpack-deps:trixie-scm⟧
        RUN echo \`
            done`,
      errors: [
        {
          messageId: 'toolchainImage',
          suggestions: [
            {
              messageId: 'useImage',
              output: df`
          # escape=\`
          FROM debian:trixie-slim
          RUN echo \`
              done`,
            },
          ],
        },
      ],
    },
  ],
});
