import rule from '../../../server/src/engine/rules/dockerfile/system-path-volume-or-workdir';
import { cases, df } from '../../support/cases';

export default cases(rule, {
  valid: [
    {
      name: 'application data volume and working directory',
      docs: 'good',
      code: df`
        FROM postgres:17
        VOLUME /var/lib/postgresql/data
        WORKDIR /app`,
    },
    {
      name: 'system WORKDIR during the build only, WORKDIR /, subdirectories of /etc and /usr',
      code: df`
        FROM debian:12
        WORKDIR /usr
        RUN make install
        WORKDIR /
        VOLUME /etc/myapp /usr/local/share/data`,
    },
    {
      name: 'builder stage, variables and relative paths',
      code: df`
        FROM debian:12 AS build
        VOLUME /etc
        WORKDIR /proc
        FROM debian:12-slim
        VOLUME $DATA_DIR
        WORKDIR app`,
    },
  ],
  invalid: [
    {
      name: 'volume on /etc and the docker socket',
      docs: 'bad',
      code: df`
        FROM alpine:3.20
        VOLUME ⟦/etc⟧ /data ⟦/var/run/docker.sock⟧`,
      errors: [
        { messageId: 'volume', data: { path: '/etc' } },
        { messageId: 'socket', data: { path: '/var/run/docker.sock' } },
      ],
      output: null,
    },
    {
      name: 'final WORKDIR on a system directory',
      docs: 'bad',
      code: df`
        FROM alpine:3.20
        WORKDIR /app
        WORKDIR ⟦/usr/bin⟧
        CMD ["./tool"]`,
      errors: [{ messageId: 'workdir', data: { path: '/usr/bin' } }],
    },
    {
      name: 'JSON form, trailing slash, dot segments, pseudo filesystems and a parent stage',
      code: df`
        FROM debian:12 AS base
        VOLUME [⟦"/usr/"⟧, "/data", ⟦"/proc/sys"⟧]
        FROM base
        VOLUME ⟦/srv/../boot/⟧ \\
            ⟦/⟧
        WORKDIR ⟦/dev/shm⟧`,
      errors: [
        { messageId: 'volume', data: { path: '/usr' } },
        { messageId: 'volume', data: { path: '/proc/sys' } },
        { messageId: 'volume', data: { path: '/boot' } },
        { messageId: 'volume', data: { path: '/' } },
        { messageId: 'workdir', data: { path: '/dev/shm' } },
      ],
    },
    {
      name: 'CRLF and escape directive',
      code: '# escape=`\r\nFROM debian:12\r\nVOLUME ⟦/run/containerd/containerd.sock⟧\r\n',
      errors: [{ messageId: 'socket' }],
    },
  ],
});
