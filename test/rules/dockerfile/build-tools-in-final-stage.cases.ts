import rule from '../../../server/src/engine/rules/dockerfile/build-tools-in-final-stage';
import { cases, df } from '../../support/cases';

export default cases(rule, {
  valid: [
    {
      name: 'only the build result copied from the builder',
      code: df`
        FROM golang:1.26 AS build
        RUN go build -o /out/app ./...
        FROM gcr.io/distroless/static-debian12:nonroot
        COPY --from=build /out/app /app`,
    },
    {
      name: 'multi-stage build: toolchain only in the build stage',
      docs: 'good',
      code: df`
        FROM golang:1.23 AS build
        WORKDIR /src
        COPY . .
        RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app
        FROM gcr.io/distroless/static-debian12
        COPY --from=build /out/app /app
        ENTRYPOINT ["/app"]`,
    },
    {
      name: 'build dependencies purged in the same RUN (official images)',
      docs: 'good',
      code: df`
        FROM alpine:3.20
        RUN set -eux; \\
            apk add --no-cache --virtual .build-deps gcc make musl-dev openssl-dev; \\
            make -C /usr/src/app install; \\
            apk del --no-network .build-deps`,
    },
    {
      name: 'the apt-mark auto idiom and a purge in a later RUN',
      code: df`
        FROM debian:12-slim
        RUN savedAptMark="$(apt-mark showmanual)" \\
            && apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev make \\
            && make install \\
            && apt-mark auto '.*' > /dev/null \\
            && apt-mark manual $savedAptMark \\
            && apt-get purge -y --auto-remove \\
            && rm -rf /var/lib/apt/lists/*
        RUN apt-get update && apt-get install -y cmake && rm -rf /var/lib/apt/lists/*
        RUN apt-get purge -y cmake`,
    },
    {
      name: 'JRE, scm and runtime images; git is allowed',
      code: df`
        FROM eclipse-temurin:21-jre
        RUN apt-get update && apt-get install -y --no-install-recommends git && rm -rf /var/lib/apt/lists/*`,
    },
  ],
  invalid: [
    {
      name: 'the whole filesystem of a builder stage copied into the final image',
      code: df`
        FROM golang:1.26 AS build
        RUN go build -o /out/app ./...
        FROM gcr.io/distroless/static-debian12:nonroot
        COPY --from=build ⟦/⟧ /`,
      errors: [{ messageId: 'wholeFilesystem', data: { from: 'build' } }],
      output: null,
    },
    {
      name: 'compiler left in a single-stage image',
      docs: 'bad',
      code: df`
        FROM debian:12-slim
        RUN apt-get update && apt-get install -y --no-install-recommends ⟦gcc⟧ ⟦libssl-dev⟧ && rm -rf /var/lib/apt/lists/*
        COPY . /src
        RUN make -C /src install
        CMD ["/usr/local/bin/app"]`,
      errors: [
        {
          messageId: 'buildTool',
          data: { name: 'gcc', what: 'a compiler' },
          suggestions: [
            {
              messageId: 'multiStage',
              output: df`
                FROM debian:12-slim AS build
                RUN apt-get update && apt-get install -y --no-install-recommends gcc libssl-dev && rm -rf /var/lib/apt/lists/*
                COPY . /src
                RUN make -C /src install
                CMD ["/usr/local/bin/app"]

                FROM debian:12-slim
                # TODO: copy only what the application needs at run time from the "build" stage
                COPY --from=build /TODO/path/to/artifact /TODO/path/to/artifact
                CMD ["/usr/local/bin/app"]`,
            },
          ],
        },
        { messageId: 'buildTool', data: { name: 'libssl-dev', what: 'a development package' } },
      ],
      output: null,
    },
    {
      name: 'SDK image as the final stage',
      docs: 'bad',
      code: df`
        FROM ⟦golang:1.23⟧
        WORKDIR /src
        COPY . .
        RUN go build -o /app .
        ENTRYPOINT ["/app"]`,
      errors: [
        {
          messageId: 'sdkImage',
          data: { image: 'golang' },
          suggestions: [
            {
              messageId: 'multiStage',
              output: df`
                FROM golang:1.23 AS build
                WORKDIR /src
                COPY . .
                RUN go build -o /app .
                ENTRYPOINT ["/app"]

                FROM gcr.io/distroless/static-debian12
                # TODO: copy only what the application needs at run time from the "build" stage
                COPY --from=build /TODO/path/to/artifact /TODO/path/to/artifact
                WORKDIR /src
                ENTRYPOINT ["/app"]`,
            },
          ],
        },
      ],
    },
    {
      name: 'maven final stage after a named stage; the name build is taken',
      code: df`
        FROM alpine:3.20 AS build
        RUN echo hi
        FROM ⟦maven:3.9-eclipse-temurin-17⟧ AS app
        CMD ["java", "-jar", "/app.jar"]`,
      errors: [
        {
          messageId: 'sdkImage',
          suggestions: [
            {
              messageId: 'multiStage',
              output: df`
                FROM alpine:3.20 AS build
                RUN echo hi
                FROM maven:3.9-eclipse-temurin-17 AS app
                CMD ["java", "-jar", "/app.jar"]

                FROM eclipse-temurin:17-jre
                # TODO: copy only what the application needs at run time from the "app" stage
                COPY --from=app /TODO/path/to/artifact /TODO/path/to/artifact
                CMD ["java", "-jar", "/app.jar"]`,
            },
          ],
        },
      ],
    },
    {
      name: 'final stage built on a stage that installs tools; dotnet sdk; continuation with a comment',
      code: df`
        FROM mcr.microsoft.com/dotnet/sdk:8.0 AS base
        RUN apt-get update && apt-get install -y \\
            # native deps
            ⟦clang⟧ \\
            && rm -rf /var/lib/apt/lists/*
        FROM ⟦base⟧
        ENTRYPOINT ["dotnet", "app.dll"]`,
      errors: [
        { messageId: 'buildTool', data: { name: 'clang', what: 'a compiler' } },
        {
          messageId: 'sdkImage',
          data: { image: 'mcr.microsoft.com/dotnet/sdk' },
          suggestions: [
            {
              messageId: 'multiStage',
              output: df`
                FROM mcr.microsoft.com/dotnet/sdk:8.0 AS base
                RUN apt-get update && apt-get install -y \\
                    # native deps
                    clang \\
                    && rm -rf /var/lib/apt/lists/*
                FROM base AS build
                ENTRYPOINT ["dotnet", "app.dll"]

                FROM mcr.microsoft.com/dotnet/aspnet:8.0
                # TODO: copy only what the application needs at run time from the "build" stage
                COPY --from=build /TODO/path/to/artifact /TODO/path/to/artifact
                ENTRYPOINT ["dotnet", "app.dll"]`,
            },
          ],
        },
      ],
    },
    {
      name: 'CRLF, heredoc, dnf devel packages and build-essential through sh -c',
      code: 'FROM fedora:40\r\nRUN <<EOF\r\ndnf install -y ⟦openssl-devel⟧ ⟦make⟧\r\nEOF\r\n',
      errors: [
        {
          messageId: 'buildTool',
          suggestions: [
            {
              messageId: 'multiStage',
              output:
                'FROM fedora:40 AS build\r\nRUN <<EOF\r\ndnf install -y openssl-devel make\r\nEOF\r\n\r\nFROM fedora:40\r\n# TODO: copy only what the application needs at run time from the "build" stage\r\nCOPY --from=build /TODO/path/to/artifact /TODO/path/to/artifact\r\n',
            },
          ],
        },
        { messageId: 'buildTool' },
      ],
    },
    {
      name: 'escape directive and sh -c',
      code: "# escape=`\nFROM ubuntu:24.04\nRUN sh -c 'apt-get install -y ⟦build-essential⟧' `\n    && echo ok\n",
      errors: [{ messageId: 'buildTool', data: { name: 'build-essential', what: 'a build tool' } }],
    },
    {
      name: 'a version spelt through a variable still names the package; aptitude installs count',
      code: df`
        FROM debian:12-slim
        ARG GCC_VERSION=4:12.2.0-3
        RUN apt-get install -y --no-install-recommends ⟦gcc=\${GCC_VERSION}⟧ && aptitude install -y ⟦make⟧
        CMD ["/app"]`,
      errors: [{ messageId: 'buildTool', data: { name: 'gcc', what: 'a compiler' } }, { messageId: 'buildTool' }],
    },
  ],
});
