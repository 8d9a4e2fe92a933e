import { commandLabel, type PackageCommand, packageCommands } from '../../facts/packages';
import { defineDockerfileRule } from '../rule';

const EXAMPLE: Record<string, (name: string) => string> = {
  pip: (n) => `${n}==<version>`,
  npm: (n) => `${n}@<version>`,
  gem: (n) => `${n}:<version> (or -v <version>)`,
  go: (n) => `${n}@v<version>`,
};

/** Installs that name registry packages: not `npm ci`, not `npm install` of the lock file, not `-r requirements.txt`. */
function judged(pc: PackageCommand): boolean {
  if (pc.manager === 'pip' || pc.manager === 'npm' || pc.manager === 'gem') return pc.action === 'install';
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
    },
    docs: {
      rationale:
        'A package named without a version (`pip install flask`, `npm install -g typescript`, `gem install bundler`, `go install example.com/tool@latest`) resolves to whatever the registry serves at build time: builds stop being reproducible and a hijacked or broken release ships without review. Pin a version (`flask==3.0.3`, `typescript@5.6.2`, `bundler:2.5.22`, `@v1.2.3`) or, better, install from a lock file (`pip install -r requirements.txt` with hashes, `npm ci`), which this rule never reports. Any version operator counts as pinned (as in hadolint), except moving tags such as `latest`, `next`, `main` and Go queries like `@upgrade`. Local paths, URLs, archives and words that expand at build time are not judged. It is a hint by default because teams that pin through constraint files or tool images get no value from it.',
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
        const data = {
          tool: commandLabel(pc),
          name: pkg.name,
          version: pkg.version ?? '',
          example: EXAMPLE[pc.manager](pkg.name),
        };
        ctx.report({
          start: pkg.word.start,
          end: pkg.word.end,
          messageId: pkg.version ? 'floating' : 'unpinned',
          data,
        });
      }
    }
  },
});
