import rule from '../../../server/src/engine/rules/dockerfile/multiple-healthchecks';
import { cases, df } from '../../support/cases';

export default cases(rule, {
  valid: [
    {
      name: 'one HEALTHCHECK',
      docs: 'good',
      code: df`
        FROM nginx:1.27-alpine
        HEALTHCHECK --interval=30s CMD wget -qO- http://127.0.0.1/ || exit 1`,
    },
    {
      name: 'one per stage, and a child stage overriding its parent',
      code: df`
        FROM alpine:3.20 AS base
        HEALTHCHECK CMD ["/bin/true"]
        FROM base
        HEALTHCHECK NONE`,
    },
  ],
  invalid: [
    {
      name: 'two HEALTHCHECKs in one stage',
      docs: 'bad',
      code: df`
        FROM nginx:1.27-alpine
        ⟦HEALTHCHECK⟧ CMD curl -f http://localhost/ || exit 1
        # the real probe
        HEALTHCHECK --interval=30s CMD wget -qO- http://127.0.0.1/ || exit 1`,
      errors: [{ messageId: 'overridden', data: { line: 4 } }],
      output: df`
        FROM nginx:1.27-alpine
        # the real probe
        HEALTHCHECK --interval=30s CMD wget -qO- http://127.0.0.1/ || exit 1`,
    },
    {
      name: 'three in a stage, one spanning continuation lines; CRLF',
      code: 'FROM alpine:3.20\r\n⟦HEALTHCHECK⟧ NONE\r\n⟦healthcheck⟧ --interval=5s \\\r\n    CMD true\r\nHEALTHCHECK CMD ["/probe"]\r\n',
      errors: [
        { messageId: 'overridden', data: { line: 5 } },
        { messageId: 'overridden', data: { line: 5 } },
      ],
      output: 'FROM alpine:3.20\r\nHEALTHCHECK CMD ["/probe"]\r\n',
    },
    {
      name: 'a comment inside the continuation blocks the fix; escape directive',
      code: '# escape=`\nFROM alpine:3.20\n⟦HEALTHCHECK⟧ `\n    # old probe\n    CMD true\nHEALTHCHECK NONE\n',
      errors: [{ messageId: 'overridden', data: { line: 6 } }],
      output: null,
    },
  ],
});
