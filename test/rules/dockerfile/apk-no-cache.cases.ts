import rule from '../../../server/src/engine/rules/dockerfile/apk-no-cache';
import { cases, df } from '../../support/cases';

export default cases(rule, {
  valid: [
    {
      name: 'apk add --no-cache',
      docs: 'good',
      code: df`
        FROM alpine:3.20
        RUN apk add --no-cache ca-certificates curl`,
    },
    {
      name: 'virtual build group with --no-cache, deleted later, and --no-network from xargs',
      code: df`
        FROM alpine:3.20
        RUN set -eux; \\
            apk add --no-cache --virtual .build-deps gcc make musl-dev; \\
            make; \\
            scanelf --needed --nobanner /usr/local/bin/app | xargs -rt apk add --no-network --virtual .rundeps; \\
            apk del --no-network .build-deps`,
    },
    {
      name: 'cache removed later in the RUN, or a cache mount',
      code: df`
        FROM alpine:3.20
        RUN apk update && apk add curl && rm -rf /var/cache/apk/*
        RUN --mount=type=cache,target=/var/cache/apk apk add --update jq`,
    },
    {
      name: 'builder stages do not ship',
      code: df`
        FROM alpine:3.20 AS build
        RUN apk add --update gcc
        FROM scratch
        COPY --from=build /out /app`,
    },
  ],
  invalid: [
    {
      name: 'apk add without --no-cache',
      docs: 'bad',
      code: df`
        FROM alpine:3.20
        RUN ⟦apk add⟧ --update curl`,
      errors: [{ messageId: 'addKeepsCache' }],
      output: df`
        FROM alpine:3.20
        RUN apk add --no-cache --update curl`,
    },
    {
      name: 'apk update is reported without a fix, the add after it is fixed',
      docs: 'bad',
      code: df`
        FROM alpine:3.20
        RUN ⟦apk update⟧ && ⟦apk add⟧ curl`,
      errors: [{ messageId: 'updateKeepsIndex' }, { messageId: 'addKeepsCache' }],
      output: df`
        FROM alpine:3.20
        RUN apk update && apk add --no-cache curl`,
    },
    {
      name: 'a later add relies on the stored index: only the later one is fixed first',
      code: df`
        FROM alpine:3.20
        RUN ⟦apk add⟧ -U curl
        RUN ⟦apk add⟧ jq`,
      errors: [{ messageId: 'addKeepsCache' }, { messageId: 'addKeepsCache' }],
      output: df`
        FROM alpine:3.20
        RUN apk add --no-cache -U curl
        RUN apk add --no-cache jq`,
    },
    {
      name: 'virtual group, continuation with a comment, heredoc, sh -c and CRLF',
      code: "FROM alpine:3.20\r\nRUN ⟦apk add⟧ --virtual .build-deps \\\r\n    # compilers\r\n    gcc \\\r\n    && apk del .build-deps\r\nRUN <<EOF\r\n⟦apk add⟧ git\r\nEOF\r\nRUN sh -c '⟦apk add⟧ bash'\r\n",
      errors: [{ messageId: 'addKeepsCache' }, { messageId: 'addKeepsCache' }, { messageId: 'addKeepsCache' }],
      output:
        "FROM alpine:3.20\r\nRUN apk add --no-cache --virtual .build-deps \\\r\n    # compilers\r\n    gcc \\\r\n    && apk del .build-deps\r\nRUN <<EOF\r\napk add --no-cache git\r\nEOF\r\nRUN sh -c 'apk add --no-cache bash'\r\n",
    },
    {
      name: 'exec form has no fix; escape directive',
      code: '# escape=`\nFROM alpine:3.20\nRUN [⟦"apk", "add"⟧, "curl"]\nRUN ⟦apk add⟧ `\n    jq\n',
      errors: [{ messageId: 'addKeepsCache' }, { messageId: 'addKeepsCache' }],
      output: '# escape=`\nFROM alpine:3.20\nRUN ["apk", "add", "curl"]\nRUN apk add --no-cache `\n    jq\n',
    },
  ],
});
