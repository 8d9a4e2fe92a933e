import rule from '../../../server/src/engine/rules/dockerfile/pin-language-packages';
import { cases, df } from '../../support/cases';

export default cases(rule, {
  valid: [
    {
      name: 'pinned pip, npm, gem and go packages',
      docs: 'good',
      code: df`
        FROM python:3.12-slim
        RUN pip install --no-cache-dir flask==3.0.3 "requests[socks]>=2.32,<3"
        RUN npm install -g typescript@5.6.2 @angular/cli@18.2.0
        RUN gem install bundler:2.5.22 && gem install rails -v 7.2.1
        RUN go install golang.org/x/tools/cmd/goimports@v0.26.0`,
    },
    {
      name: 'lock files, requirements files and local paths are not judged',
      code: df`
        FROM node:22
        RUN npm ci && npm install && npm install ./vendor/pkg.tgz file:../lib github:user/repo
        RUN pip install -r requirements.txt -c constraints.txt . -e ./src ./dist/app-1.0-py3-none-any.whl git+https://github.com/x/y.git
        RUN python -m pip install --requirement requirements.txt
        RUN go install ./... && go build ./cmd/app && go get -d ./... && go run main.go
        RUN gem install ./my.gem`,
    },
    {
      name: 'variables are not judged',
      code: df`
        FROM python:3.12
        RUN pip install "$PACKAGE" && npm install -g "$TOOL"`,
    },
    {
      name: 'go packages of the own module have no dot in the first element',
      code: df`
        FROM golang:1.23
        RUN go install myapp/cmd/server std`,
    },
  ],
  invalid: [
    {
      name: 'unpinned pip, npm and gem installs',
      docs: 'bad',
      code: df`
        FROM python:3.12-slim
        RUN pip install --no-cache-dir ⟦flask⟧ && pip3 install -U ⟦gunicorn[gevent]⟧
        RUN npm install -g ⟦typescript⟧ && npm i ⟦@scope/pkg⟧
        RUN gem install ⟦bundler⟧`,
      errors: [
        {
          messageId: 'unpinned',
          data: { tool: 'pip install', name: 'flask', version: '', example: 'flask==<version>' },
        },
        {
          messageId: 'unpinned',
          data: { tool: 'pip3 install', name: 'gunicorn', version: '', example: 'gunicorn==<version>' },
        },
        {
          messageId: 'unpinned',
          data: { tool: 'npm install', name: 'typescript', version: '', example: 'typescript@<version>' },
        },
        {
          messageId: 'unpinned',
          data: { tool: 'npm i', name: '@scope/pkg', version: '', example: '@scope/pkg@<version>' },
        },
        {
          messageId: 'unpinned',
          data: { tool: 'gem install', name: 'bundler', version: '', example: 'bundler:<version> (or -v <version>)' },
        },
      ],
      output: null,
    },
    {
      name: 'go install @latest and other moving versions',
      docs: 'bad',
      code: df`
        FROM golang:1.23 AS build
        RUN go install ⟦golang.org/x/tools/cmd/goimports@latest⟧ && go get ⟦example.com/lib⟧ && go run ⟦example.com/gen@main⟧ --out x`,
      errors: [
        {
          messageId: 'floating',
          data: {
            tool: 'go install',
            name: 'golang.org/x/tools/cmd/goimports',
            version: 'latest',
            example: 'golang.org/x/tools/cmd/goimports@v<version>',
          },
        },
        { messageId: 'unpinned' },
        {
          messageId: 'floating',
          data: { tool: 'go run', name: 'example.com/gen', version: 'main', example: 'example.com/gen@v<version>' },
        },
      ],
    },
    {
      name: 'python -m pip, npm latest tag, flags with values, continuation with a comment',
      code: df`
        FROM python:3.12
        RUN python3 -m pip install --index-url https://pypi.example.com/simple \\
            # web framework
            ⟦django⟧ \\
            && npm install --prefix /opt/tools ⟦prettier@latest⟧`,
      errors: [
        { messageId: 'unpinned' },
        {
          messageId: 'floating',
          data: { tool: 'npm install', name: 'prettier', version: 'latest', example: 'prettier@<version>' },
        },
      ],
    },
    {
      name: 'sh -c body, heredoc and CRLF',
      code: "FROM node:22\r\nRUN sh -c 'npm install -g ⟦pnpm⟧'\r\nRUN <<EOF\r\npip install ⟦black⟧\r\nEOF\r\n",
      errors: [{ messageId: 'unpinned' }, { messageId: 'unpinned' }],
    },
  ],
});
