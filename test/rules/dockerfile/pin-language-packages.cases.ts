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
        RUN npm ci && npm install && npm install ./vendor/pkg.tgz file:../lib ./lib-1.2.3.tgz vendor/lib/pkg
        RUN pip install -r requirements.txt . -e ./src ./dist/app-1.0-py3-none-any.whl -e git+https://github.com/x/y.git#egg=y
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
      name: 'VCS installs at a tag or commit, archives of a release, local tarballs',
      code: df`
        FROM node:22
        RUN pip install git+https://github.com/org/tool.git@v2.1.0#egg=tool "tool2 @ git+https://github.com/org/tool2.git@3f2a9c1" \\
            https://files.example.com/app-1.4.0.zip https://github.com/org/tool/archive/refs/tags/v1.2.0.tar.gz
        RUN npm install git+ssh://git@github.com:org/lib.git#v3.2.1 git://github.com/org/lib.git#semver:^3.2 \\
            github:org/lib#9c1e2f4 https://example.com/lib-1.2.3.tgz`,
    },
    {
      name: 'a constraints file may pin every package; --root-user-action takes a value',
      code: df`
        FROM python:3.12
        RUN pip install -c constraints.txt flask && pip install --constraint=https://example.com/c.txt django
        RUN python -m pip install -cconstraints.txt celery
        RUN pip install --root-user-action ignore flask==3.0.3 && pip install --root-user-action=ignore django==5.1`,
    },
    {
      name: 'gem versions by -v, --version= or name:version; build options after --',
      code: df`
        FROM ruby:3.3
        RUN gem install nokogiri:1.16.7 -- --use-system-libraries \\
            && gem install pg -v 1.5.9 -- --with-pg-config=/usr/bin/pg_config \\
            && gem i bundler --version=2.5.22 \\
            && gem install rake:13.2.1 --no-document --use-system-libraries true --document rdoc`,
    },
    {
      name: 'pipx pinned like pip; pipenv is not pip',
      code: df`
        FROM python:3.12
        RUN pipx install "poetry==1.8.5" && python3 -m pipx install --python python3.12 black==24.10.0
        RUN pipenv install flask`,
    },
    {
      name: 'versions spelt through variables',
      code: df`
        FROM node:22
        ARG FLASK_VERSION=3.0.3
        ENV TS_VERSION=5.6.2
        RUN pip install "flask==\${FLASK_VERSION}" && npm install -g typescript@$TS_VERSION`,
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
      name: 'VCS installs without a tag or commit follow the default branch',
      code: df`
        FROM node:22
        RUN pip install ⟦git+https://github.com/org/tool.git#egg=tool⟧ ⟦git+ssh://git@github.com/org/cli.git⟧
        RUN npm install ⟦git+ssh://git@github.com:org/lib.git⟧ ⟦git://github.com/org/lib2.git⟧ ⟦github:org/lib3⟧ ⟦org/lib4⟧`,
      errors: [
        {
          messageId: 'vcs',
          data: {
            tool: 'pip install',
            name: 'tool',
            version: '',
            example: 'git+https://github.com/org/tool.git@<tag or commit>',
          },
        },
        {
          messageId: 'vcs',
          data: {
            tool: 'pip install',
            name: 'cli',
            version: '',
            example: 'git+ssh://git@github.com/org/cli.git@<tag or commit>',
          },
        },
        {
          messageId: 'vcs',
          data: {
            tool: 'npm install',
            name: 'lib',
            version: '',
            example: 'git+ssh://git@github.com:org/lib.git#<tag or commit>',
          },
        },
        { messageId: 'vcs' },
        {
          messageId: 'vcs',
          data: { tool: 'npm install', name: 'lib3', version: '', example: 'github:org/lib3#<tag or commit>' },
        },
        {
          messageId: 'vcs',
          data: { tool: 'npm install', name: 'lib4', version: '', example: 'org/lib4#<tag or commit>' },
        },
      ],
    },
    {
      name: 'a moving VCS ref and archives of a branch',
      code: df`
        FROM python:3.12
        RUN pip install ⟦git+https://github.com/org/tool.git@main⟧ ⟦https://github.com/org/app/archive/main.zip⟧ \\
            ⟦https://github.com/org/web/archive/refs/heads/master.tar.gz⟧
        RUN npm install ⟦git+https://github.com/org/lib.git#master⟧`,
      errors: [
        {
          messageId: 'floating',
          data: {
            tool: 'pip install',
            name: 'tool',
            version: 'main',
            example: 'git+https://github.com/org/tool.git@<tag or commit>',
          },
        },
        {
          messageId: 'archive',
          data: { tool: 'pip install', name: 'app', version: 'main', example: 'app==<version>' },
        },
        {
          messageId: 'archive',
          data: { tool: 'pip install', name: 'web', version: 'master', example: 'web==<version>' },
        },
        {
          messageId: 'floating',
          data: {
            tool: 'npm install',
            name: 'lib',
            version: 'master',
            example: 'git+https://github.com/org/lib.git#<tag or commit>',
          },
        },
      ],
    },
    {
      name: 'pipx install is read like pip',
      code: df`
        FROM python:3.12
        RUN pipx install ⟦poetry⟧ && python3 -m pipx install --python python3.12 ⟦black⟧`,
      errors: [
        {
          messageId: 'unpinned',
          data: { tool: 'pipx install', name: 'poetry', version: '', example: 'poetry==<version>' },
        },
        {
          messageId: 'unpinned',
          data: { tool: 'python3 -m pipx install', name: 'black', version: '', example: 'black==<version>' },
        },
      ],
    },
    {
      name: 'the gem before --, a package named next to -r, and the package after --root-user-action ignore',
      code: df`
        FROM ruby:3.3
        RUN gem install ⟦nokogiri⟧ -- --use-system-libraries
        RUN pip install -r requirements.txt ⟦gunicorn⟧ && pip install --root-user-action ignore ⟦flask⟧`,
      errors: [
        {
          messageId: 'unpinned',
          data: { tool: 'gem install', name: 'nokogiri', version: '', example: 'nokogiri:<version> (or -v <version>)' },
        },
        {
          messageId: 'unpinned',
          data: { tool: 'pip install', name: 'gunicorn', version: '', example: 'gunicorn==<version>' },
        },
        {
          messageId: 'unpinned',
          data: { tool: 'pip install', name: 'flask', version: '', example: 'flask==<version>' },
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
