import rule from '../../../server/src/engine/rules/dockerfile/invalid-expose';
import { cases, df } from '../../support/cases';

export default cases(rule, {
  valid: [
    {
      name: 'ports, protocols and ranges',
      docs: 'good',
      code: df`
        FROM nginx:1.27
        EXPOSE 80 443/tcp 443/udp 8000-8010/tcp 0 65535 9000/SCTP`,
    },
    {
      name: 'variables are not checked',
      code: df`
        FROM debian:12
        ARG PORT=8080
        EXPOSE $PORT \${METRICS_PORT}/tcp`,
    },
  ],
  invalid: [
    {
      name: 'port out of range and a host mapping',
      docs: 'bad',
      code: df`
        FROM node:22-slim
        EXPOSE ⟦70000⟧ ⟦8080:3000⟧`,
      errors: [
        { messageId: 'outOfRange', data: { spec: '70000', port: '70000' } },
        {
          messageId: 'hostPort',
          data: { spec: '8080:3000' },
          suggestions: [
            {
              messageId: 'containerOnly',
              output: df`
            FROM node:22-slim
            EXPOSE 70000 3000`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'reversed range, unknown protocol, malformed, in a builder stage with a continuation',
      code: df`
        FROM debian:12 AS build
        EXPOSE ⟦9000-8000⟧ \\
            ⟦80/http⟧ ⟦abc⟧ ⟦8080-70000/udp⟧
        FROM scratch`,
      errors: [
        { messageId: 'reversed', data: { spec: '9000-8000' } },
        { messageId: 'protocol', data: { spec: '80/http', protocol: 'http' } },
        { messageId: 'malformed', data: { spec: 'abc' } },
        { messageId: 'outOfRange', data: { spec: '8080-70000/udp', port: '70000' } },
      ],
    },
    {
      name: 'ip:host:container with CRLF and escape directive',
      code: '# escape=`\r\nFROM debian:12\r\nEXPOSE ⟦127.0.0.1:80:8080/tcp⟧\r\n',
      errors: [
        {
          messageId: 'hostPort',
          suggestions: [{ messageId: 'containerOnly', output: '# escape=`\r\nFROM debian:12\r\nEXPOSE 8080/tcp\r\n' }],
        },
      ],
    },
  ],
});
