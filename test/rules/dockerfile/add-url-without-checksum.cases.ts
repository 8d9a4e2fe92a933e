import rule from '../../../server/src/engine/rules/dockerfile/add-url-without-checksum';
import { cases, df } from '../../support/cases';

export default cases(rule, {
  valid: [
    {
      name: 'pinned with --checksum',
      docs: 'good',
      code: df`
        # syntax=docker/dockerfile:1
        FROM alpine:3.20
        ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d \\
            https://github.com/tianon/gosu/releases/download/1.17/gosu-amd64 /usr/local/bin/gosu`,
    },
    {
      name: 'local file',
      code: df`
        FROM alpine:3.20
        ADD app.tar.gz /app/`,
    },
    {
      name: 'git source is pinned by commit, not by checksum',
      code: df`
        FROM alpine:3.20
        ADD https://github.com/moby/buildkit.git#v0.14.0 /src`,
    },
    {
      name: 'signature file',
      code: df`
        FROM alpine:3.20
        ADD https://example.com/tool.tar.gz.asc /tmp/`,
    },
    {
      name: 'verified by the next RUN with sha256sum -c in a pipe',
      code: df`
        FROM debian:12
        ADD https://example.com/tool.tar.gz /tmp/tool.tar.gz
        RUN echo "24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d  /tmp/tool.tar.gz" | sha256sum -c - \\
         && tar -xzf /tmp/tool.tar.gz -C /opt`,
    },
    {
      name: 'verified by gpg in the next RUN, a heredoc',
      code: df`
        FROM debian:12
        ADD https://example.com/tool.tar.gz https://example.com/tool.tar.gz.asc /tmp/
        RUN <<EOF
        set -e
        gpg --batch --verify /tmp/tool.tar.gz.asc /tmp/tool.tar.gz
        EOF`,
    },
  ],
  invalid: [
    {
      name: 'URL without checksum',
      docs: 'bad',
      code: df`
        FROM alpine:3.20
        ADD ⟦https://github.com/tianon/gosu/releases/download/1.17/gosu-amd64⟧ /usr/local/bin/gosu`,
      errors: [
        {
          messageId: 'noChecksum',
          data: { url: 'https://github.com/tianon/gosu/releases/download/1.17/gosu-amd64' },
          suggestions: [
            {
              messageId: 'addChecksum',
              output: df`
                FROM alpine:3.20
                ADD --checksum=sha256:<TODO> https://github.com/tianon/gosu/releases/download/1.17/gosu-amd64 /usr/local/bin/gosu`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'lowercase keyword, flags and a continuation, in a builder stage',
      code: df`
        FROM alpine:3.20 AS fetch
        add --chmod=755 \\
            ⟦http://example.com/tool⟧ /tool
        FROM scratch
        COPY --from=fetch /tool /tool`,
      errors: [
        {
          messageId: 'noChecksum',
          suggestions: [
            {
              messageId: 'addChecksum',
              output: df`
                FROM alpine:3.20 AS fetch
                add --checksum=sha256:<TODO> --chmod=755 \\
                    http://example.com/tool /tool
                FROM scratch
                COPY --from=fetch /tool /tool`,
            },
          ],
        },
      ],
    },
    {
      name: 'two URLs get no edit (one --checksum per source)',
      code: df`
        FROM alpine:3.20
        ADD ⟦https://example.com/a.bin⟧ ⟦https://example.com/b.bin⟧ /opt/`,
      errors: [
        { messageId: 'noChecksum', suggestions: [] },
        { messageId: 'noChecksum', suggestions: [] },
      ],
    },
    {
      name: 'exec form, and the next RUN does not verify',
      code: df`
        FROM alpine:3.20
        ADD [⟦"https://example.com/tool.tar.gz"⟧, "/tmp/"]
        RUN tar -xzf /tmp/tool.tar.gz -C /opt`,
      errors: [{ messageId: 'noChecksum', data: { url: 'https://example.com/tool.tar.gz' } }],
    },
    {
      name: 'a verification two RUNs later does not count',
      code: df`
        FROM debian:12
        ADD ⟦https://example.com/tool.tar.gz⟧ /tmp/tool.tar.gz
        RUN tar -xzf /tmp/tool.tar.gz -C /opt
        RUN sha256sum /opt/tool`,
      errors: [{ messageId: 'noChecksum' }],
    },
  ],
});
