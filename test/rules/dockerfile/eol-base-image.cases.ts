import rule from '../../../server/src/engine/rules/dockerfile/eol-base-image';
import { cases, df } from '../../support/cases';

const today = '2026-11-28';

export default cases(rule, {
  valid: [
    {
      name: 'supported releases',
      docs: 'good',
      settings: { today },
      code: df`
        FROM python:3.13-slim-trixie AS build
        FROM node:24-alpine3.23
        FROM debian:bookworm-slim`,
    },
    {
      name: 'before the end-of-life date',
      settings: { today: '2023-01-01' },
      code: df`
        FROM python:3.7-slim`,
    },
    {
      name: 'floating and unknown tags are not judged',
      settings: { today },
      code: df`
        FROM node:lts-alpine
        FROM alpine:20240329
        FROM node:99
        FROM myorg/python:3.7`,
    },
    {
      name: 'untagged image whose newest release is supported',
      settings: { today },
      code: df`
        FROM ubuntu`,
    },
    {
      name: 'unresolved build argument',
      settings: { today },
      code: df`
        ARG PY
        FROM python:\${PY}`,
    },
    {
      name: 'builder stage reference and scratch',
      settings: { today },
      code: df`
        FROM golang:1.26 AS build
        FROM build
        FROM scratch`,
    },
    {
      name: 'registry with a port is not an official image',
      settings: { today },
      code: df`
        FROM localhost:5000/python:3.7`,
    },
  ],
  invalid: [
    {
      name: 'end-of-life language runtime keeps its variant',
      docs: 'bad',
      settings: { today },
      code: df`
        FROM python:⟦3.7⟧-slim
        CMD ["python", "app.py"]`,
      errors: [
        {
          messageId: 'eol',
          data: { release: 'Python 3.7', date: '2023-06-27' },
          suggestions: [
            {
              messageId: 'upgrade',
              output: df`
                FROM python:3.11-slim
                CMD ["python", "app.py"]`,
            },
            {
              messageId: 'upgrade',
              output: df`
                FROM python:3.14-slim
                CMD ["python", "app.py"]`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'runtime and operating system both ended, each underlined',
      docs: 'bad',
      settings: { today },
      code: df`
        FROM python:⟦3.9⟧-slim-⟦bullseye⟧`,
      errors: [
        {
          messageId: 'eol',
          data: { release: 'Python 3.9', date: '2025-10-31' },
          suggestions: [
            { messageId: 'upgrade', output: 'FROM python:3.11-slim-trixie\n' },
            { messageId: 'upgrade', output: 'FROM python:3.14-slim-trixie\n' },
          ],
        },
        { messageId: 'eol', data: { release: 'Debian 11 (bullseye)', date: '2026-08-31' } },
      ],
    },
    {
      name: 'Debian codename becomes the nearest supported codename',
      settings: { today },
      code: df`
        FROM debian:⟦buster⟧-slim AS base`,
      errors: [
        {
          messageId: 'eol',
          data: { release: 'Debian 10 (buster)', date: '2024-06-30' },
          suggestions: [
            { messageId: 'upgrade', output: 'FROM debian:bookworm-slim AS base\n' },
            { messageId: 'upgrade', output: 'FROM debian:trixie-slim AS base\n' },
          ],
        },
      ],
    },
    {
      name: 'Ubuntu moves to the next LTS, and a digest pinning the old image is dropped',
      settings: { today },
      code: df`
        FROM ubuntu:⟦18.04⟧@sha256:7a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f809`,
      errors: [
        {
          messageId: 'eol',
          data: { release: 'Ubuntu 18.04 (bionic)', date: '2023-05-31' },
          suggestions: [
            { messageId: 'upgrade', output: 'FROM ubuntu:22.04\n' },
            { messageId: 'upgrade', output: 'FROM ubuntu:26.04\n' },
          ],
        },
      ],
    },
    {
      name: 'Alpine release inside a tag moves to the newest Alpine',
      settings: { today },
      code: df`
        FROM --platform=$BUILDPLATFORM golang:⟦1.19⟧-alpine⟦3.16⟧ AS build
        FROM alpine:⟦3.15⟧`,
      errors: [
        {
          messageId: 'eol',
          data: { release: 'Go 1.19', date: '2023-09-06' },
          suggestions: [
            {
              messageId: 'upgrade',
              output: 'FROM --platform=$BUILDPLATFORM golang:1.26-alpine3.24 AS build\nFROM alpine:3.15\n',
            },
            {
              messageId: 'upgrade',
              output: 'FROM --platform=$BUILDPLATFORM golang:1.27-alpine3.24 AS build\nFROM alpine:3.15\n',
            },
          ],
        },
        { messageId: 'eol', data: { release: 'Alpine Linux 3.16', date: '2024-05-23' } },
        {
          messageId: 'eol',
          data: { release: 'Alpine Linux 3.15', date: '2023-11-01' },
          suggestions: [
            {
              messageId: 'upgrade',
              output: 'FROM --platform=$BUILDPLATFORM golang:1.19-alpine3.16 AS build\nFROM alpine:3.22\n',
            },
            {
              messageId: 'upgrade',
              output: 'FROM --platform=$BUILDPLATFORM golang:1.19-alpine3.16 AS build\nFROM alpine:3.24\n',
            },
          ],
        },
      ],
    },
    {
      name: 'version from a build argument: the argument is underlined, no rewrite',
      settings: { today },
      code: df`
        ARG V=3.7
        FROM python:⟦\${V}-slim⟧`,
      errors: [{ messageId: 'eol', data: { release: 'Python 3.7', date: '2023-06-27' }, suggestions: [] }],
    },
    {
      name: 'quoted build argument as the tag',
      settings: { today },
      code: df`
        ARG ALPINE_TAG=3.18.4
        FROM alpine:⟦"\${ALPINE_TAG}"⟧ AS tools`,
      errors: [{ messageId: 'eol', data: { release: 'Alpine Linux 3.18', date: '2025-05-09' } }],
    },
    {
      name: 'Node.js codename and full version',
      settings: { today },
      code: df`
        FROM node:⟦gallium⟧-alpine
        from node:⟦14.17.0⟧-⟦bullseye⟧-slim`,
      errors: [
        {
          messageId: 'eol',
          data: { release: 'Node.js 16', date: '2023-09-11' },
          suggestions: [
            { messageId: 'upgrade', output: 'FROM node:22-alpine\nfrom node:14.17.0-bullseye-slim\n' },
            { messageId: 'upgrade', output: 'FROM node:26-alpine\nfrom node:14.17.0-bullseye-slim\n' },
          ],
        },
        {
          messageId: 'eol',
          data: { release: 'Node.js 14', date: '2023-04-30' },
          suggestions: [
            { messageId: 'upgrade', output: 'FROM node:gallium-alpine\nfrom node:22-trixie-slim\n' },
            { messageId: 'upgrade', output: 'FROM node:gallium-alpine\nfrom node:26-trixie-slim\n' },
          ],
        },
        { messageId: 'eol', data: { release: 'Debian 11 (bullseye)', date: '2026-08-31' } },
      ],
    },
    {
      name: 'CentOS has no supported release: suggest AlmaLinux',
      settings: { today },
      code: df`
        FROM centos:⟦7⟧
        FROM ⟦centos⟧`,
      errors: [
        {
          messageId: 'eol',
          data: { release: 'CentOS 7', date: '2024-06-30' },
          suggestions: [{ messageId: 'upgrade', output: 'FROM almalinux:8\nFROM centos\n' }],
        },
        {
          messageId: 'eol',
          data: { release: 'CentOS 8', date: '2021-12-31' },
          suggestions: [{ messageId: 'upgrade', output: 'FROM centos:7\nFROM almalinux:8\n' }],
        },
      ],
    },
    {
      name: 'release ended without a recorded date',
      settings: { today },
      code: df`
        FROM node:⟦3⟧`,
      errors: [{ messageId: 'eolUndated', data: { release: 'Node.js 3' } }],
    },
    {
      name: 'deprecated openjdk image',
      settings: { today },
      code: df`
        FROM ⟦openjdk⟧:11-jre-slim`,
      errors: [
        { messageId: 'deprecated', suggestions: [{ messageId: 'upgrade', output: 'FROM eclipse-temurin:11-jre\n' }] },
      ],
    },
    {
      name: '.NET keeps its major.minor tag form',
      settings: { today },
      code: df`
        FROM mcr.microsoft.com/dotnet/aspnet:⟦6.0⟧-jammy`,
      errors: [
        {
          messageId: 'eol',
          data: { release: 'Microsoft .NET 6', date: '2024-11-12' },
          suggestions: [{ messageId: 'upgrade', output: 'FROM mcr.microsoft.com/dotnet/aspnet:10.0-jammy\n' }],
        },
      ],
    },
    {
      name: 'a date stamp of the old release is dropped',
      settings: { today },
      code: df`
        FROM ubuntu:⟦focal⟧-20240101
        FROM debian:⟦bullseye⟧-20240110-slim`,
      errors: [
        {
          messageId: 'eol',
          suggestions: [
            { messageId: 'upgrade', output: 'FROM ubuntu:jammy\nFROM debian:bullseye-20240110-slim\n' },
            { messageId: 'upgrade', output: 'FROM ubuntu:resolute\nFROM debian:bullseye-20240110-slim\n' },
          ],
        },
        {
          messageId: 'eol',
          suggestions: [
            { messageId: 'upgrade', output: 'FROM ubuntu:focal-20240101\nFROM debian:bookworm-slim\n' },
            { messageId: 'upgrade', output: 'FROM ubuntu:focal-20240101\nFROM debian:trixie-slim\n' },
          ],
        },
      ],
    },
    {
      name: 'moved .NET repository gets its current name',
      settings: { today },
      code: df`
        FROM mcr.microsoft.com/dotnet/core/aspnet:⟦3.1⟧`,
      errors: [
        {
          messageId: 'eol',
          data: { release: 'Microsoft .NET 3.1', date: '2022-12-13' },
          suggestions: [{ messageId: 'upgrade', output: 'FROM mcr.microsoft.com/dotnet/aspnet:10.0\n' }],
        },
      ],
    },
    {
      name: 'non-official images with release data: reported, tag scheme unknown so no rewrite',
      settings: { today },
      code: df`
        FROM bitnami/python:⟦3.8.16⟧-debian-⟦11⟧-r0
        FROM cimg/node:⟦14.17⟧`,
      errors: [
        { messageId: 'eol', data: { release: 'Python 3.8', date: '2024-10-07' }, suggestions: [] },
        { messageId: 'eol', data: { release: 'Debian 11 (bullseye)', date: '2026-08-31' }, suggestions: [] },
        { messageId: 'eol', data: { release: 'Node.js 14', date: '2023-04-30' }, suggestions: [] },
      ],
    },
    {
      name: 'escape directive and registry-qualified official image',
      settings: { today },
      code: df`
        # escape=\`
        FROM docker.io/library/ruby:⟦2.7⟧ AS gems
        RUN gem install rake \`
            --no-document`,
      errors: [{ messageId: 'eol', data: { release: 'Ruby 2.7', date: '2023-03-31' } }],
    },
  ],
});
