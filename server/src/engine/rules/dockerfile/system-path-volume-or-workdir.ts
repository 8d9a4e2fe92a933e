import type { Instruction, JSONInstruction } from 'dockerfile-ast';
import { normalizePath, shippedStages } from '../../models/runScript';
import { defineDockerfileRule } from '../rule';

const SYSTEM = new Set([
  '/',
  '/bin',
  '/boot',
  '/dev',
  '/etc',
  '/lib',
  '/lib32',
  '/lib64',
  '/libx32',
  '/proc',
  '/sbin',
  '/sys',
  '/usr',
  '/usr/bin',
  '/usr/sbin',
  '/usr/lib',
  '/usr/lib64',
  '/usr/local/bin',
  '/usr/local/sbin',
  '/var/lib/docker',
]);
const PSEUDO = /^\/(proc|sys|dev|boot|initrd|lost\+found)(\/|$)/;
const SOCKET = /^\/(var\/)?run\/(docker|containerd\/containerd|crio\/crio|podman\/podman)\.sock$/;

/** `/a/./b/../c` → `/a/c`; undefined for relative or variable paths. */
function resolve(p: string): string | undefined {
  const path = p.replace(/^["']|["']$/g, '');
  if (!path.startsWith('/') || path.includes('$')) return undefined;
  const out: string[] = [];
  for (const part of normalizePath(path).split('/')) {
    if (part === '..') out.pop();
    else if (part && part !== '.') out.push(part);
  }
  return '/' + out.join('/');
}

function classify(path: string): 'socket' | 'system' | undefined {
  if (SOCKET.test(path)) return 'socket';
  return SYSTEM.has(path) || PSEUDO.test(path) ? 'system' : undefined;
}

export default defineDockerfileRule({
  meta: {
    id: 'system-path-volume-or-workdir',
    target: 'dockerfile',
    title: 'Do not put volumes or the working directory on system paths',
    practice: 'read-only-filesystem',
    severity: 'warning',
    fix: 'none',
    peers: { trivy: ['DS-0030'] },
    messages: {
      volume:
        'VOLUME {{path}} makes a system directory writable and persistent, hiding later image updates to it; declare volumes only for application data such as /data',
      socket:
        'VOLUME {{path}} expects the container runtime socket, which gives whoever holds it root on the host; do not mount runtime sockets into containers',
      workdir:
        'The final WORKDIR {{path}} is a system directory, so the application reads and writes next to system files; use a dedicated directory such as /app',
    },
    docs: {
      rationale:
        'A hardened container runs with a read-only root filesystem (Kubernetes `readOnlyRootFilesystem: true`) and only the paths the application writes to mounted as volumes (an `emptyDir` for `/tmp`, a persistent volume for data). Declaring a VOLUME on `/`, `/etc`, `/usr`, `/bin`, `/lib` and similar makes system files writable and persistent: the copy in the volume shadows the files of every later image version, and a compromised process can change binaries and configuration for good. `/proc`, `/sys`, `/dev` and `/boot` are kernel and device interfaces the runtime mounts itself (Trivy DS-0030 reports WORKDIR there). A VOLUME on `/var/run/docker.sock` announces that the image expects the Docker socket, which is root on the host. For WORKDIR only the last one of the final stage matters (earlier ones only affect the build): an application whose working directory is `/usr` or `/etc` writes relative files among system files, which a read-only root filesystem then forbids. `WORKDIR /` is not reported. Paths with variables are not resolved.',
      references: [
        'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
        'https://docs.docker.com/reference/dockerfile/#volume',
      ],
    },
  },
  check(ctx) {
    const model = ctx.dockerfile;
    let workdir: Instruction | undefined;
    for (const stage of shippedStages(model)) {
      for (const ins of stage.instructions) {
        if (ins.getKeyword() === 'WORKDIR') workdir = ins;
        if (ins.getKeyword() !== 'VOLUME') continue;
        const json = (ins as JSONInstruction).getJSONStrings();
        const args = json.length
          ? json.map((j) => ({ value: j.getJSONValue(), range: j.getRange() }))
          : ins.getArguments().map((a) => ({ value: a.getValue(), range: a.getRange() }));
        for (const arg of args) {
          const path = resolve(arg.value);
          const kind = path && classify(path);
          if (!kind) continue;
          const r = model.offsets(arg.range);
          ctx.report({
            start: r.start,
            end: r.end,
            messageId: kind === 'socket' ? 'socket' : 'volume',
            data: { path },
          });
        }
      }
    }
    const arg = workdir?.getArguments()[0];
    const path = arg && resolve(arg.getValue());
    if (arg && path && path !== '/' && classify(path) === 'system' && workdir!.getArguments().length === 1) {
      const r = model.offsets(arg.getRange());
      ctx.report({ start: r.start, end: r.end, messageId: 'workdir', data: { path } });
    }
  },
});
