import rule from '../../../server/src/engine/rules/dockerfile/instruction-before-from';
import { cases, df } from '../../support/cases';

export default cases(rule, {
  valid: [
    {
      name: 'ARG before FROM, used by it',
      docs: 'good',
      code: df`
        # syntax=docker/dockerfile:1
        ARG DEBIAN=12
        FROM debian:\${DEBIAN}-slim
        RUN echo ok`,
    },
    { name: 'an empty file', code: '' },
    { name: 'a file of comments only', code: '# nothing yet\n' },
    { name: 'only ARGs and no FROM yet', code: 'ARG V=1\n' },
    {
      name: 'ONBUILD is not an instruction before FROM',
      code: df`
        FROM alpine:3.24
        ONBUILD RUN echo child`,
    },
  ],
  invalid: [
    {
      name: 'RUN before the first FROM',
      docs: 'bad',
      code: df`
        ARG V=1
        ⟦RUN⟧ echo too early
        FROM alpine:3.24`,
      errors: [{ messageId: 'beforeFrom', data: { keyword: 'RUN' } }],
      output: null,
    },
    {
      name: 'each instruction before FROM, lower case too',
      code: df`
        ⟦env⟧ A=1
        ⟦LABEL⟧ x=y
        FROM alpine:3.24`,
      errors: [
        { messageId: 'beforeFrom', data: { keyword: 'ENV' } },
        { messageId: 'beforeFrom', data: { keyword: 'LABEL' } },
      ],
      output: null,
    },
    {
      name: 'a snippet without FROM: once, on its first instruction that is not ARG',
      code: df`
        ARG V=1
        ⟦RUN⟧ apt-get update
        RUN echo more`,
      errors: [{ messageId: 'noFrom' }],
      output: null,
    },
  ],
});
