import { packageRemovalSpan } from '../../facts/packages';
import { remainingOsPackages } from '../../facts/installedPackages';
import { defineDockerfileRule } from '../rule';

type Kind = 'network' | 'debugger' | 'editor' | 'privilege';
const TOOLS: Record<string, Kind> = {};
const add = (kind: Kind, names: string) => names.split(' ').forEach((n) => (TOOLS[n] = kind));
add(
  'network',
  'netcat netcat-openbsd netcat-traditional nc ncat nmap-ncat socat telnet telnetd inetutils-telnet busybox-extras nmap tcpdump',
);
add('debugger', 'strace ltrace gdb gdbserver valgrind');
add('editor', 'vim vim-tiny vim-nox vim-minimal vim-enhanced neovim nano emacs emacs-nox');
add('privilege', 'sudo doas');

const WHAT: Record<Kind, string> = {
  network: 'a network tool attackers use to probe and pivot',
  debugger: 'a debugger that can read and alter other processes',
  editor: 'an interactive editor',
  privilege: 'a privilege-escalation tool',
};

export default defineDockerfileRule({
  meta: {
    id: 'debug-tools-in-final-stage',
    target: 'dockerfile',
    title: 'Keep debugging and remote-access tools out of the final image',
    practice: 'no-unnecessary-packages',
    severity: 'warning',
    fix: 'suggestion',
    peers: {},
    messages: {
      tool: '{{name}} is {{what}} and stays in the final image; remove it and debug with an ephemeral container instead',
      remove: 'Remove {{name}} from the install',
    },
    docs: {
      rationale:
        "Every tool in the runtime image is available to whoever gets code execution in the container: `nc`, `socat`, `telnet`, `nmap` and `tcpdump` turn it into a scanner and relay, `gdb` and `strace` read other processes' memory, `sudo` is a privilege-escalation path, and editors mostly invite changing a running container by hand. Debug with `kubectl debug` or `docker debug` (an ephemeral container sharing the process namespace) instead of baking tools in. Only packages still installed at the end of the final stage count: a package removed later (`apt-get purge`, `apk del` of its `--virtual` group, the `apt-mark auto` + `purge --auto-remove` idiom of the official images) is not reported, and builder stages are never reported. `curl` and `wget` are not in the list: images often need them at run time (health checks, entrypoints), and the shell that runs them is the larger gift to an attacker; prefer a distroless base to remove both. SSH servers are covered by `no-ssh-server`. hadolint DL3001 also reports running such commands (vim, ps, top, kill, mount…) in a RUN, and DL4001 a Dockerfile that uses both curl and wget; we don't: running them during a build, or using both downloaders in a builder stage, leaves nothing behind; what reaches the image is what this rule checks.",
      references: ['https://kubernetes.io/docs/tasks/debug/debug-application/debug-running-pod/#ephemeral-container'],
    },
  },
  check(ctx) {
    for (const { pc, pkg } of remainingOsPackages(ctx.dockerfile)) {
      const kind = TOOLS[pkg.name];
      if (!kind) continue;
      const span = packageRemovalSpan(ctx.dockerfile, pc, pkg);
      const suggest = span
        ? [{ messageId: 'remove' as const, data: { name: pkg.name }, edits: [ctx.replace(span.start, span.end, '')] }]
        : undefined;
      ctx.report({
        start: pkg.word.start,
        end: pkg.word.end,
        messageId: 'tool',
        data: { name: pkg.name, what: WHAT[kind] },
        suggest,
      });
    }
  },
});
