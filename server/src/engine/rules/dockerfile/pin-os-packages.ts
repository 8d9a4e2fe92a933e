import { commandLabel, OS_MANAGERS, type PackageCommand, packageCommands, RPM_MANAGERS } from '../../facts/packages';
import { defineDockerfileRule } from '../rule';

function example(pc: PackageCommand, name: string): string {
  if (pc.action === 'module') return `${name}:<stream>`;
  if (RPM_MANAGERS.has(pc.manager)) return `${name}-<version>`;
  return `${name}=<version>`;
}

export default defineDockerfileRule({
  meta: {
    id: 'pin-os-packages',
    target: 'dockerfile',
    title: 'Pin the versions of OS packages',
    practice: 'pinned-dependencies',
    severity: 'hint',
    fix: 'none',
    peers: { hadolint: ['DL3008', 'DL3018', 'DL3033', 'DL3041', 'DL3037'] },
    messages: {
      unpinned: '{{tool}} installs {{name}} at whatever version the repository has today; pin it as {{example}}',
    },
    docs: {
      rationale:
        "An unpinned `apt-get install`, `apk add`, `yum`/`dnf`/`microdnf install` or `zypper install` resolves to the newest version in the repository at build time, so two builds of the same Dockerfile can ship different software, and a compromised or broken update lands unnoticed. Pinning (`curl=7.88.1-10+deb12u5`, `curl=8.5.0-r0`, `curl-7.76.1`) makes builds reproducible and changes reviewable. Teams disagree here: distribution repositories drop old versions, so pins break builds until bumped, and many (the Docker official images among them) rely on the base image tag to fix the release instead. The rule is therefore a hint by default; raise it to `warning` where you pin and let a bot (Renovate, Dependabot) bump pins. Any version or range operator counts as pinned, as in hadolint, and so do epochs (`openssl-1:1.1.1k`), module streams (`dnf module install nodejs:18`) and versions spelt through a variable (`git-core-${GIT_VERSION}`, `curl=$CURL_VERSION`); `aptitude install` is read like apt-get, and the dnf command aliases (`in`, `rei`, `up-min`…) like their commands. Words whose name expands at build time (`$PKG`), paths, package files and groups (`dnf group install`) are not judged. hadolint also counts any dash in a yum package (`java-17-openjdk`) and a release suffix in apt (`nginx/bookworm-backports`) as a version; we don't because neither fixes which version is installed.",
      references: [
        'https://github.com/hadolint/hadolint/wiki/DL3008',
        'https://github.com/hadolint/hadolint/wiki/DL3018',
      ],
    },
  },
  check(ctx) {
    for (const pc of packageCommands(ctx.dockerfile)) {
      const installs = pc.action === 'install' || pc.action === 'add' || pc.subAction === 'install';
      if (!OS_MANAGERS.has(pc.manager) || pc.simulated || !installs) continue;
      for (const pkg of pc.packages) {
        if (pkg.pinned || pkg.local || pkg.dynamic || pkg.name.startsWith('.') || pkg.name.startsWith('@')) continue;
        ctx.report({
          start: pkg.word.start,
          end: pkg.word.end,
          messageId: 'unpinned',
          data: { tool: commandLabel(pc), name: pkg.name, example: example(pc, pkg.name) },
        });
      }
    }
  },
});
