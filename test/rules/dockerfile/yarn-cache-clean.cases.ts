import rule from '../../../server/src/engine/rules/dockerfile/yarn-cache-clean';
import { cases, df } from '../../support/cases';

export default cases(rule, {
  valid: [
    {
      name: 'cache cleaned in the same RUN',
      docs: 'good',
      code: df`
        FROM node:22-slim
        RUN yarn install --frozen-lockfile && yarn cache clean`,
    },
    {
      name: 'a BuildKit cache mount on the yarn cache',
      code: df`
        FROM node:22-slim
        RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install --frozen-lockfile`,
    },
    {
      name: 'the cache directory removed',
      code: df`
        FROM node:22-slim
        RUN yarn global add pm2 && rm -rf /usr/local/share/.cache/yarn`,
    },
    {
      name: 'a builder stage that does not ship, and yarn commands that do not download',
      code: df`
        FROM node:22 AS build
        RUN yarn install
        FROM node:22-slim
        COPY --from=build /app /app
        RUN yarn --version && yarn run build`,
    },
  ],
  invalid: [
    {
      name: 'yarn install without cleaning the cache',
      docs: 'bad',
      code: df`
        FROM node:22-slim
        RUN ⟦yarn install --frozen-lockfile⟧`,
      errors: [
        {
          messageId: 'noClean',
          data: { sub: 'install' },
          suggestions: [
            {
              messageId: 'addClean',
              output: df`
                FROM node:22-slim
                RUN yarn install --frozen-lockfile && yarn cache clean`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'bare yarn, yarn add and ONBUILD; no suggestion where appending is not plain',
      code: df`
        FROM node:22-slim
        RUN ⟦yarn⟧ && echo done
        ONBUILD RUN ⟦yarn add left-pad⟧`,
      errors: [
        { messageId: 'noClean', data: { sub: 'install' }, suggestions: [] },
        { messageId: 'noClean', data: { sub: 'add' } },
      ],
      output: null,
    },
  ],
});
