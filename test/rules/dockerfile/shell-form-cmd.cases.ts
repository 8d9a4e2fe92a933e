import rule from '../../../server/src/engine/rules/dockerfile/shell-form-cmd';
import { cases, df } from '../../support/cases';

export default cases(rule, {
  valid: [
    {
      name: 'exec form',
      docs: 'good',
      code: df`
        FROM node:22-slim
        ENTRYPOINT ["docker-entrypoint.sh"]
        CMD ["node", "server.js"]`,
    },
    {
      name: 'overridden shell-form CMD and a builder stage are not what runs',
      code: df`
        FROM golang:1.23 AS build
        CMD go run .
        FROM alpine:3.20
        CMD echo old
        CMD ["/app"]`,
    },
    {
      name: 'an explicit shell in exec form',
      code: df`
        FROM alpine:3.20
        CMD ["sh", "-c", "exec /app --port \${PORT}"]`,
    },
  ],
  invalid: [
    {
      name: 'plain shell-form CMD is rewritten',
      docs: 'bad',
      code: df`
        FROM node:22-slim
        COPY . /app
        CMD ⟦node /app/server.js --port 8080⟧`,
      errors: [{ messageId: 'shellForm', data: { keyword: 'CMD' } }],
      output: df`
        FROM node:22-slim
        COPY . /app
        CMD ["node", "/app/server.js", "--port", "8080"]`,
    },
    {
      name: 'quotes, a leading exec and a continuation are carried over; CRLF',
      code: 'FROM python:3.12-slim\r\nCMD ⟦exec gunicorn "app:create_app()" \\\r\n    --bind \'0.0.0.0:8000\'⟧\r\n',
      errors: [{ messageId: 'shellForm' }],
      output: 'FROM python:3.12-slim\r\nCMD ["gunicorn", "app:create_app()", "--bind", "0.0.0.0:8000"]\r\n',
    },
    ...[
      ['a variable', '/app --port $PORT'],
      ['&&', 'migrate && serve'],
      ['redirects', '/app > /var/log/app.log 2>&1'],
      ['a pipe and a glob', 'cat /etc/*.conf | grep x'],
      ['a semicolon', 'cd /srv; ./run'],
      ['a builtin', 'ulimit -c 0'],
      ['an assignment', 'ENV=prod /app'],
      ['a comment line inside the continuation', '/app \\\n    # verbose\n    -v'],
    ].map(([what, cmd]) => ({
      name: `shell syntax gets no fix: ${what}`,
      code: `FROM alpine:3.20\nCMD ⟦${cmd}⟧\n`,
      errors: [{ messageId: 'shellForm', suggestions: [] }],
      output: null,
    })),
    {
      name: 'ENTRYPOINT and a CMD feeding it get suggestions, not fixes',
      code: df`
        FROM alpine:3.20
        ENTRYPOINT ⟦/usr/local/bin/app serve⟧
        CMD ⟦--verbose⟧`,
      errors: [
        {
          messageId: 'shellForm',
          data: { keyword: 'ENTRYPOINT' },
          suggestions: [
            {
              messageId: 'useExecForm',
              output: df`
            FROM alpine:3.20
            ENTRYPOINT ["/usr/local/bin/app", "serve"]
            CMD --verbose`,
            },
          ],
        },
        {
          messageId: 'shellForm',
          data: { keyword: 'CMD' },
          suggestions: [
            {
              messageId: 'useExecForm',
              output: df`
            FROM alpine:3.20
            ENTRYPOINT /usr/local/bin/app serve
            CMD ["--verbose"]`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'inherited from a parent stage; Windows escape directive gets no fix',
      code: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022 AS base\nCMD ⟦c:\\app\\app.exe⟧\nFROM base\n',
      errors: [{ messageId: 'shellForm', suggestions: [] }],
      output: null,
    },
    {
      name: 'a SHELL instruction blocks the fix',
      code: df`
        FROM alpine:3.20
        SHELL ["/bin/ash", "-eo", "pipefail", "-c"]
        CMD ⟦/app⟧`,
      errors: [{ messageId: 'shellForm', suggestions: [] }],
      output: null,
    },
  ],
});
