import rule from '../../../server/src/engine/rules/dockerfile/pip-no-cache-dir';
import { cases, df } from '../../support/cases';

export default cases(rule, {
  valid: [
    {
      name: 'pip install --no-cache-dir',
      docs: 'good',
      code: df`
        FROM python:3.12-slim
        COPY requirements.txt .
        RUN pip install --no-cache-dir -r requirements.txt`,
    },
    {
      name: 'a BuildKit cache mount keeps the cache out of the layer',
      docs: 'good',
      code: df`
        # syntax=docker/dockerfile:1
        FROM python:3.12-slim
        RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt`,
    },
    {
      name: 'PIP_NO_CACHE_DIR from ENV in a parent stage, ARG, or on the command',
      code: df`
        FROM python:3.12 AS base
        ENV PIP_NO_CACHE_DIR=1
        FROM base
        RUN pip install flask
        FROM python:3.12
        ARG PIP_NO_CACHE_DIR=1
        RUN pip install flask
        RUN PIP_NO_CACHE_DIR=1 pip install django && env PIP_NO_CACHE_DIR=off pip3 install celery
        RUN export PIP_NO_CACHE_DIR=1 && python -m pip install redis`,
    },
    {
      name: 'cache purged or removed later in the RUN',
      code: df`
        FROM python:3.12
        RUN pip install flask && pip cache purge
        RUN pip install django && rm -rf /root/.cache/pip
        RUN pip install celery; rm -rf ~/.cache`,
    },
    {
      name: 'builder stage with a virtualenv copied out',
      code: df`
        FROM python:3.12 AS build
        RUN python -m venv /venv && /venv/bin/pip install -r requirements.txt
        FROM python:3.12-slim
        COPY --from=build /venv /venv`,
    },
    {
      name: 'pip commands other than install',
      code: df`
        FROM python:3.12
        RUN pip --version && pip freeze && pip uninstall -y setuptools`,
    },
    {
      name: 'any value pip parses as a boolean disables the cache, false ones included',
      code: df`
        FROM python:3.12 AS base
        ENV PIP_NO_CACHE_DIR=false
        RUN pip install flask
        FROM base
        RUN PIP_NO_CACHE_DIR=0 pip install django && PIP_NO_CACHE_DIR=True pip install celery
        RUN export PIP_NO_CACHE_DIR=off && pip install redis
        RUN export PIP_NO_CACHE_DIR="$NO_CACHE" && pip install gunicorn`,
    },
    {
      name: 'pipx and pipenv are not pip',
      code: df`
        FROM python:3.12
        RUN pipx install black==24.10.0 && pipenv install flask && python -m pipx install poetry`,
    },
  ],
  invalid: [
    {
      name: 'pip install without --no-cache-dir',
      docs: 'bad',
      code: df`
        FROM python:3.12-slim
        RUN ⟦pip install⟧ -r requirements.txt`,
      errors: [{ messageId: 'keepsCache' }],
      output: df`
        FROM python:3.12-slim
        RUN pip install --no-cache-dir -r requirements.txt`,
    },
    {
      name: 'pip3, python -m pip, ENV set after the RUN, continuation with a comment',
      code: df`
        FROM python:3.12
        RUN ⟦pip3 install⟧ --upgrade pip \\
            # the app
            && ⟦python3 -m pip install⟧ flask
        ENV PIP_NO_CACHE_DIR=1`,
      errors: [{ messageId: 'keepsCache' }, { messageId: 'keepsCache' }],
      output: df`
        FROM python:3.12
        RUN pip3 install --no-cache-dir --upgrade pip \\
            # the app
            && python3 -m pip install --no-cache-dir flask
        ENV PIP_NO_CACHE_DIR=1`,
    },
    {
      name: 'heredoc, sh -c body, CRLF and an unrelated cache mount',
      code: "FROM python:3.12\r\nRUN --mount=type=cache,target=/var/cache/apt <<EOF\r\n⟦pip install⟧ flask\r\nEOF\r\nRUN sh -c '⟦pip install⟧ gunicorn'\r\n",
      errors: [{ messageId: 'keepsCache' }, { messageId: 'keepsCache' }],
      output:
        "FROM python:3.12\r\nRUN --mount=type=cache,target=/var/cache/apt <<EOF\r\npip install --no-cache-dir flask\r\nEOF\r\nRUN sh -c 'pip install --no-cache-dir gunicorn'\r\n",
    },
    {
      name: 'exec form is reported without a fix; escape directive',
      code: '# escape=`\nFROM python:3.12\nRUN [⟦"pip", "install"⟧, "flask"]\nRUN ⟦pip install⟧ `\n    django\n',
      errors: [{ messageId: 'keepsCache' }, { messageId: 'keepsCache' }],
      output:
        '# escape=`\nFROM python:3.12\nRUN ["pip", "install", "flask"]\nRUN pip install --no-cache-dir `\n    django\n',
    },
    {
      name: 'an empty PIP_NO_CACHE_DIR is ignored by pip',
      code: df`
        FROM python:3.12
        ENV PIP_NO_CACHE_DIR=""
        RUN ⟦pip install⟧ flask
        RUN PIP_NO_CACHE_DIR= ⟦pip install⟧ django && export PIP_NO_CACHE_DIR= && ⟦pip install⟧ celery`,
      errors: [{ messageId: 'keepsCache' }, { messageId: 'keepsCache' }, { messageId: 'keepsCache' }],
      output: df`
        FROM python:3.12
        ENV PIP_NO_CACHE_DIR=""
        RUN pip install --no-cache-dir flask
        RUN PIP_NO_CACHE_DIR= pip install --no-cache-dir django && export PIP_NO_CACHE_DIR= && pip install --no-cache-dir celery`,
    },
  ],
});
