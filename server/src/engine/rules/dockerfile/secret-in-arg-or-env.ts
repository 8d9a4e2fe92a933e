import type { Instruction, Property } from 'dockerfile-ast';
import { holdsSecret, looksLikeSecretValue } from '../../facts/secrets';
import { defineDockerfileRule } from '../rule';

export default defineDockerfileRule({
  meta: {
    id: 'secret-in-arg-or-env',
    target: 'dockerfile',
    title: 'Do not pass secrets in ARG or ENV',
    practice: 'least-privilege',
    severity: 'warning',
    fix: 'none',
    peers: { hadolint: ['DL3064'], trivy: ['DS-0031'], buildkit: ['SecretsUsedInArgOrEnv'] },
    messages: {
      secretName:
        '{{keyword}} {{name}} looks like a secret, and {{keyword}} values stay readable in the image config, history or build provenance; mount it with RUN --mount=type=secret,id={{id}} instead',
      secretValue:
        'The value of {{keyword}} {{name}} looks like a credential and is stored in the image for anyone who pulls it; remove it, rotate it, and mount it with RUN --mount=type=secret,id={{id}}',
    },
    docs: {
      rationale:
        "ENV values are part of the image configuration, and ARG values end up in `docker history` for every RUN that sees them and in BuildKit provenance attestations, so anyone who can pull the image can read them, in every stage that is pushed or cached. Secret mounts (`RUN --mount=type=secret,id=npm_token …` with `docker build --secret id=npm_token,env=NPM_TOKEN`) expose the value to one RUN only. A name counts as secret when it contains a word such as PASSWORD, SECRET, TOKEN, CREDENTIALS or API_KEY/ACCESS_KEY/PRIVATE_KEY; unlike BuildKit's check, public key ids (`GPG_KEY`, `NODE_GPG_KEYS`), switches (`MYSQL_ALLOW_EMPTY_PASSWORD=yes`), and names about a secret rather than holding it (`*_FILE`, `*_PATH`, `*_URL`, `*_VERSION`, `*_SHA256`) are not reported, nor values that are empty, booleans or paths. Values are also checked whatever the name: private keys, well-known token formats (GitHub, AWS, Slack, Stripe, npm…) and URLs with a password. There is no automatic fix: the RUN instructions that use the variable have to change too.",
      references: [
        'https://docs.docker.com/build/building/secrets/',
        'https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/',
      ],
    },
  },
  check(ctx) {
    const model = ctx.dockerfile;
    // A set: in a file without FROM, the leading ARGs are also the implicit stage's instructions.
    const instructions = new Set<Instruction>([
      ...model.ast.getInitialARGs(),
      ...model.stages.flatMap((s) => s.instructions),
    ]);
    for (const ins of instructions) {
      const keyword = ins.getKeyword();
      if (keyword !== 'ENV' && keyword !== 'ARG') continue;
      for (const p of (ins as unknown as { getProperties(): Property[] }).getProperties()) {
        const name = p.getName();
        const value = p.getValue() ?? (keyword === 'ENV' ? '' : undefined);
        if (!holdsSecret(name, value)) continue;
        const { start, end } = model.offsets(p.getNameRange());
        const messageId = value !== undefined && looksLikeSecretValue(value) ? 'secretValue' : 'secretName';
        ctx.report({ start, end, messageId, data: { keyword, name, id: name.toLowerCase() } });
      }
    }
  },
});
