import rule from '../../../server/src/engine/rules/dockerfile/world-writable-permissions';
import { cases, df } from '../../support/cases';

export default cases(rule, {
  valid: [
    {
      name: 'owner and group write only',
      docs: 'good',
      code: df`
        FROM node:22-slim
        COPY --chmod=755 entrypoint.sh /usr/local/bin/
        RUN mkdir -p /app/data && chgrp -R 0 /app && chmod -R g=u /app && chmod 775 /app/data`,
    },
    {
      name: 'sticky bit for shared tmp directories',
      code: df`
        FROM php:8.3-apache
        RUN mkdir -p /var/www/html && chmod 1777 /var/www/html && chmod -R a+rwxt /tmp/shared`,
    },
    {
      name: '+w without who follows the umask',
      code: df`
        FROM debian:12
        RUN chmod +w /app/config && chmod -R u+rwX,go-w /app`,
    },
    {
      name: 'scratch directory deleted in the same RUN',
      code: df`
        FROM debian:12
        RUN tempDir="$(mktemp -d)" && chmod 777 "$tempDir" && make -C "$tempDir" && rm -rf "$tempDir"`,
    },
    {
      name: 'mode from a reference file or a variable',
      code: df`
        FROM debian:12
        RUN chmod --reference=/etc/passwd /app/x && chmod "$MODE" /app/y`,
    },
  ],
  invalid: [
    {
      name: 'chmod 777',
      docs: 'bad',
      code: df`
        FROM debian:12
        RUN chmod -R ⟦777⟧ /app`,
      errors: [
        {
          messageId: 'worldWritable',
          data: { mode: '777' },
          suggestions: [
            {
              messageId: 'restrict',
              output: df`
            FROM debian:12
            RUN chmod -R 775 /app`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'symbolic modes, quoted and in an && chain over continuations',
      code: df`
        FROM debian:12
        RUN chmod ⟦a+rwx⟧ /app/run.sh \\
         && chmod -R "⟦o+w⟧" /app/data \\
         && chmod ⟦u+x,ugo=rw⟧ /app/log`,
      errors: [
        {
          messageId: 'worldWritable',
          data: { mode: 'a+rwx' },
          suggestions: [
            {
              messageId: 'restrict',
              output: df`
          FROM debian:12
          RUN chmod a+rwx,o-w /app/run.sh \\
           && chmod -R "o+w" /app/data \\
           && chmod u+x,ugo=rw /app/log`,
            },
          ],
        },
        {
          messageId: 'worldWritable',
          data: { mode: 'o+w' },
          suggestions: [
            {
              messageId: 'restrict',
              output: df`
          FROM debian:12
          RUN chmod a+rwx /app/run.sh \\
           && chmod -R "o+w,o-w" /app/data \\
           && chmod u+x,ugo=rw /app/log`,
            },
          ],
        },
        { messageId: 'worldWritable', data: { mode: 'u+x,ugo=rw' } },
      ],
    },
    {
      name: 'COPY and ADD --chmod, mkdir -m and install -m',
      code: df`
        FROM alpine:3.20
        COPY --chmod=⟦0777⟧ app /app
        ADD --chmod=⟦666⟧ conf.tar.gz /etc/app/
        RUN mkdir -m ⟦777⟧ /data && install -m⟦0666⟧ app.conf /etc/app.conf && mkdir --mode=⟦a+w⟧ /cache`,
      errors: [
        {
          messageId: 'worldWritable',
          suggestions: [
            {
              messageId: 'restrict',
              output: df`
          FROM alpine:3.20
          COPY --chmod=0775 app /app
          ADD --chmod=666 conf.tar.gz /etc/app/
          RUN mkdir -m 777 /data && install -m0666 app.conf /etc/app.conf && mkdir --mode=a+w /cache`,
            },
          ],
        },
        { messageId: 'worldWritable', data: { mode: '666' } },
        { messageId: 'worldWritable', data: { mode: '777' } },
        {
          messageId: 'worldWritable',
          data: { mode: '0666' },
          suggestions: [
            {
              messageId: 'restrict',
              output: df`
          FROM alpine:3.20
          COPY --chmod=0777 app /app
          ADD --chmod=666 conf.tar.gz /etc/app/
          RUN mkdir -m 777 /data && install -m0664 app.conf /etc/app.conf && mkdir --mode=a+w /cache`,
            },
          ],
        },
        { messageId: 'worldWritable', data: { mode: 'a+w' } },
      ],
    },
    {
      name: 'sh -c, heredoc, exec form and sudo',
      code: df`
        FROM debian:12
        RUN sh -c 'chmod ⟦777⟧ /srv'
        RUN <<EOF
        sudo chmod ⟦o+w⟧ /srv/upload
        EOF
        RUN ["chmod", "⟦666⟧", "/srv/file"]`,
      errors: [
        { messageId: 'worldWritable' },
        { messageId: 'worldWritable' },
        {
          messageId: 'worldWritable',
          suggestions: [
            {
              messageId: 'restrict',
              output: df`
          FROM debian:12
          RUN sh -c 'chmod 777 /srv'
          RUN <<EOF
          sudo chmod o+w /srv/upload
          EOF
          RUN ["chmod", "664", "/srv/file"]`,
            },
          ],
        },
      ],
    },
    {
      name: 'escape directive in a builder stage',
      code: df`
        # escape=\`
        FROM debian:12 AS build
        RUN chmod \`
            ⟦777⟧ /out
        FROM debian:12-slim
        COPY --from=build /out /out`,
      errors: [{ messageId: 'worldWritable' }],
    },
  ],
});
