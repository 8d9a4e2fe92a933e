import { commandLabel, type PackageCommand, packageCommands, type PackageSpec } from '../../facts/packages';
import { defineDockerfileRule } from '../rule';

const EXAMPLE: Record<string, (name: string) => string> = {
  pip: (n) => `${n}==<version>`,
  pipx: (n) => `${n}==<version>`,
  npm: (n) => `${n}@<version>`,
  gem: (n) => `${n}:<version> (or -v <version>)`,
  go: (n) => `${n}@v<version>`,
};

/** The ref to add to a VCS install: pip reads it after `@`, npm after `#`. */
function vcsExample(pc: PackageCommand, pkg: PackageSpec): string {
  const url = (pkg.word.value ?? pkg.word.raw).replace(/[#@][^/]*$/, '');
  const short = url.length > 40 ? `…${url.slice(-24)}` : url;
  return `${short}${pc.manager === 'npm' ? '#' : '@'}<tag or commit>`;
}

/** Installs that name registry packages: not `npm ci`, not `npm install` of the lock file, not `-r requirements.txt`. */
function judged(pc: PackageCommand): boolean {
  // A constraints file (`pip install -c constraints.txt …`) may pin every package named.
  if (pc.constrained) return false;
  if (pc.manager === 'pip' || pc.manager === 'pipx' || pc.manager === 'npm' || pc.manager === 'gem')
    return pc.action === 'install';
  return pc.manager === 'go' && (pc.action === 'install' || pc.action === 'get' || pc.action === 'run');
}

export default defineDockerfileRule({
  meta: {
    id: 'pin-language-packages',
    target: 'dockerfile',
    title: 'Pin the versions of pip, npm, gem and Go packages',
    practice: 'pinned-dependencies',
    severity: 'hint',
    fix: 'none',
    peers: { hadolint: ['DL3013', 'DL3016', 'DL3028', 'DL3062'] },
    messages: {
      unpinned: '{{tool}} installs {{name}} at its newest version; pin it as {{example}} or install from a lock file',
      floating:
        '{{tool}} installs {{name}} at the moving version "{{version}}"; pin an exact version such as {{example}}',
      vcs: "{{tool}} installs {{name}} from whatever its repository's default branch holds today; pin a tag or commit as {{example}}",
      archive:
        '{{tool}} installs {{name}} from an archive of the moving branch "{{version}}"; download a tag or commit archive instead',
    },
    docs: {
      rationale:
        "A package named without a version (`pip install flask`, `npm install -g typescript`, `gem install bundler`, `go install example.com/tool@latest`) resolves to whatever the registry serves at build time: builds stop being reproducible and a hijacked or broken release ships without review. Pin a version (`flask==3.0.3`, `typescript@5.6.2`, `bundler:2.5.22`, `@v1.2.3`) or, better, install from a lock file (`pip install -r requirements.txt` with hashes, `npm ci`), which this rule never reports. Any version operator counts as pinned (as in hadolint), except moving tags such as `latest`, `next`, `main` and Go queries like `@upgrade`. A VCS install (`git+https://…`, `git://…`, `github:org/repo`, npm's bare `org/repo`) follows the default branch unless it names a tag or commit (`…/repo.git@v1.2` for pip, `…#v1.2` for npm), and an archive of a branch (`…/archive/main.zip`) moves with that branch: both are reported. `pipx install` is read like pip; gem's `-v 1.2` counts like `x:1.2`, and what follows gem's `--` is build options. Not judged: local paths, other URLs and archives (`./pkg-1.2.3.tgz`, `https://…/app-1.0.whl`), versions spelt through a variable (`flask==$FLASK_VERSION`, often set by the base image), the requirements file of `-r`, and any command with a constraints file (`-c`/`--constraint`), which may pin every package it names. It is a hint by default because teams that pin through constraint files or tool images get no value from it. hadolint also accepts any VCS ref and skips every package of a command that reads `-r` or installs `.`; we don't because `@main` moves and the packages named next to `-r` are not pinned by that file.",
      references: [
        'https://github.com/hadolint/hadolint/wiki/DL3013',
        'https://github.com/hadolint/hadolint/wiki/DL3016',
      ],
    },
  },
  check(ctx) {
    for (const pc of packageCommands(ctx.dockerfile)) {
      if (!judged(pc)) continue;
      for (const pkg of pc.packages) {
        if (pkg.pinned || pkg.local || pkg.dynamic || !pkg.name) continue;
        // Go paths without a dot in the first element (`std`, `./…`, own-module packages) are not downloaded.
        if (pc.manager === 'go' && !/^[^/]*\./.test(pkg.name)) continue;
        const vcs = pkg.source === 'vcs';
        const data = {
          tool: commandLabel(pc),
          name: pkg.name,
          version: pkg.version ?? '',
          example: vcs ? vcsExample(pc, pkg) : EXAMPLE[pc.manager](pkg.name),
        };
        const messageId = pkg.source === 'archive' ? 'archive' : pkg.version ? 'floating' : vcs ? 'vcs' : 'unpinned';
        ctx.report({ start: pkg.word.start, end: pkg.word.end, messageId, data });
      }
    }
  },
});
