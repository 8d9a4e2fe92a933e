import { isVerificationMaterial, verifiedNearby } from '../../facts/downloads';
import { flagOf, isGitSource, transferOf } from '../../facts/transfers';
import { defineDockerfileRule } from '../rule';

const HTTP = /^https?:\/\//i;

export default defineDockerfileRule({
  meta: {
    id: 'add-url-without-checksum',
    target: 'dockerfile',
    title: 'ADD of a URL must pin the file with --checksum',
    practice: 'integrity',
    severity: 'warning',
    fix: 'suggestion',
    // Checkov's CKV_DOCKER_4 reports every ADD; for a URL it is this rule's finding (add-instead-of-copy keeps ADD of URLs).
    peers: { checkov: ['CKV_DOCKER_4'] },
    messages: {
      noChecksum:
        'ADD downloads {{url}} without --checksum, so a changed or tampered file goes into the image unnoticed; add --checksum=sha256:<digest>',
      addChecksum: "Add --checksum=sha256:<TODO> (fill in the file's SHA-256)",
    },
    docs: {
      rationale:
        "A URL can serve different bytes tomorrow: a re-tagged release, a compromised mirror or a man in the middle. `ADD --checksum=sha256:…` (Dockerfile syntax 1.6 and later) makes the build fail unless the download matches the digest, which is what the official images do by hand with `sha256sum -c`. Not reported: ADD with `--checksum`, git sources (pin those by commit instead), signature and checksum files themselves (`.asc`, `.sig`, `SHA256SUMS`), and downloads that the next RUN of the stage verifies with a digest or signature tool. The quick fix inserts a placeholder digest that must be filled in, so it is a suggestion; `curl`/`wget` downloads in RUN are the `unverified-download` rule's.",
      references: ['https://docs.docker.com/reference/dockerfile/#add---checksum'],
    },
  },
  check(ctx) {
    const model = ctx.dockerfile;
    for (const stage of model.stages) {
      for (const ins of stage.instructions) {
        if (ins.getKeyword() !== 'ADD') continue;
        const t = transferOf(model, ins);
        if (flagOf(t, 'checksum')) continue;
        const urls = t.sources.filter(
          (s) => HTTP.test(s.value) && !isGitSource(s.value) && !isVerificationMaterial(s.value),
        );
        if (urls.length === 0 || verifiedNearby(model, stage, ins, false)) continue;
        const kw = model.offsets(ins.getInstructionRange());
        // --checksum takes one digest, so it only fits an ADD with a single source.
        const suggest =
          t.sources.length === 1
            ? [{ messageId: 'addChecksum' as const, edits: [ctx.replace(kw.end, kw.end, ' --checksum=sha256:<TODO>')] }]
            : [];
        for (const u of urls)
          ctx.report({ start: u.start, end: u.end, messageId: 'noChecksum', data: { url: u.value }, suggest });
      }
    }
  },
});
