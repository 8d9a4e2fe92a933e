import { flagOf, isRemoteSource, transferOf } from '../../facts/transfers';
import { looksLikePublicKeyPath, looksLikeSecretFile } from '../../facts/secrets';
import { defineDockerfileRule } from '../rule';

export default defineDockerfileRule({
  meta: {
    id: 'copy-secret-files',
    target: 'dockerfile',
    title: 'Do not copy keys or credential files into the image',
    practice: 'least-privilege',
    severity: 'warning',
    fix: 'none',
    peers: { trivy: ['DS-0031'] },
    messages: {
      secretInImage:
        '{{keyword}} puts {{source}} into the image, where anyone who can pull it can read it even if a later step deletes it; mount it with RUN --mount=type=secret or supply it at run time',
      secretInBuilder:
        '{{keyword}} puts {{source}} into a layer of build stage {{stage}}, which the build cache keeps; mount it with RUN --mount=type=secret for the steps that need it',
    },
    docs: {
      rationale:
        "Every COPY or ADD creates a layer, and a layer keeps its files even when a later RUN deletes them, so a private key, `.env` file, `.npmrc` with an auth token or cloud credentials copied in can be extracted from the image (or from the build cache of a builder stage). Build-time credentials belong in secret mounts (`RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci`) and SSH mounts; run-time ones in the orchestrator's secrets. Reported sources: SSH keys (`id_rsa`, `id_ed25519`…) and `.ssh`/`.aws`/`.gnupg`/`.kube`/`.docker` directories, `*.key`, `*.p12`, `*.pfx`, `*.jks`, `*.keystore`, `*.pem` whose name says private key (CA bundles are `.pem` too), `.env` and `.env.<stage>` (not `.env.example`), `.npmrc`, `.pypirc`, `.netrc`, `.git-credentials`, `.pgpass`, `credentials.json`, `.aws/credentials`, `.docker/config.json`, `.kube/config`. `COPY . .` is not reported: keep such files out of the context with `.dockerignore`. Copies from another stage (`--from`) are not judged, nor copies to a public-key destination (`*.pub`, `*.asc`, `*.gpg`, keyrings), since signing keys are often named `*.key`.",
      references: [
        'https://docs.docker.com/build/building/secrets/',
        'https://docs.docker.com/build/concepts/context/#dockerignore-files',
      ],
    },
  },
  check(ctx) {
    const model = ctx.dockerfile;
    // Stages the final one builds on (`FROM base`) end up in the image too.
    const inImage = new Set(model.finalStage?.chain);
    for (const stage of model.stages) {
      for (const ins of stage.instructions) {
        const keyword = ins.getKeyword();
        if (keyword !== 'COPY' && keyword !== 'ADD') continue;
        const t = transferOf(model, ins);
        if (flagOf(t, 'from') || (t.dest && looksLikePublicKeyPath(t.dest.value))) continue;
        for (const s of t.sources) {
          if (isRemoteSource(s.value) || !looksLikeSecretFile(s.value)) continue;
          const data = { keyword, source: s.value, stage: stage.name?.value ?? String(stage.index) };
          ctx.report({
            start: s.start,
            end: s.end,
            messageId: inImage.has(stage) ? 'secretInImage' : 'secretInBuilder',
            data,
          });
        }
      }
    }
  },
});
