import {
  basename,
  downloadOf,
  isVerificationMaterial,
  staticText,
  storedFromPipe,
  verifiedNearby,
} from '../../facts/downloads';
import { unwrap } from '../../models/commands';
import type { ShellCommand } from '../../models/shell';
import { defineDockerfileRule } from '../rule';

const RUNNERS = /^(?:sh|bash|dash|ash|zsh|ksh|busybox|python[\d.]*|perl|ruby|node|php|pwsh)$/;

/** Whether a command after `after` runs the file at `path`: `sh x.sh`, `python3 get-pip.py`, `./install.sh`. */
function runsFile(commands: readonly ShellCommand[], after: number, path: string): boolean {
  const file = basename(path);
  const same = (w: string | undefined) => !!w && basename(w) === file;
  return commands.some((c) => {
    if (c.start < after) return false;
    const { name, args } = unwrap(c);
    if (RUNNERS.test(name)) return same(args.find((a) => !(a.value ?? '').startsWith('-'))?.value);
    const first = c.words.find((w) => !/^\w+=/.test(w.value ?? ''));
    return !!first && /\//.test(first.value ?? '') && same(first.value);
  });
}

export default defineDockerfileRule({
  meta: {
    id: 'unverified-download',
    target: 'dockerfile',
    title: 'Verify downloaded files with a checksum or signature',
    practice: 'integrity',
    severity: 'warning',
    fix: 'none',
    peers: {},
    messages: {
      unverified:
        '{{tool}} downloads {{url}} and nothing in this RUN or the next checks it; compare it with a pinned SHA-256 (`echo "<sha256>  file" | sha256sum -c -`) or verify its signature',
      executed:
        '{{tool}} downloads {{url}} and this RUN runs it right away, unchecked: whoever controls that URL runs code in the build; compare it with a pinned SHA-256 first (`echo "<sha256>  file" | sha256sum -c -`)',
    },
    docs: {
      rationale:
        "A file fetched with curl or wget is whatever the server sent: HTTPS protects the transport, not against a re-published release, a compromised mirror or a hijacked project account. Pinning the SHA-256 in the Dockerfile (or checking a signature with `gpg --verify`, `cosign verify-blob`, `minisign -V`) makes the build fail instead of shipping a different file, and the official images do this for every download. Reported: curl/wget downloads saved to a file (`-o`, `-O`, `> file`, wget's default) or piped into tar and other unpackers, in a RUN where neither that RUN nor the next one of the stage runs a digest or signature tool. Not reported: signature, checksum and key files (`.asc`, `.sig`, `.sha256`, `SHA256SUMS`, `.gpg`, `.pem`), output to stdout used otherwise (API calls, `| gpg --import`), local URLs, and package managers, which verify their own signatures. This is a heuristic: any verification command in the RUN counts, whichever file it checks; ADD of a URL is left to `add-url-without-checksum`. A download that the same RUN then runs (`sh x.sh`, `python3 get-pip.py`, `./install.sh`) is a warning, since whoever controls the URL runs code in the build; one that is only stored is reported at info, since it may be checked in a way this rule cannot see.",
      references: ['https://docs.docker.com/build/building/best-practices/#add-or-copy'],
    },
  },
  check(ctx) {
    const model = ctx.dockerfile;
    for (const stage of model.stages) {
      for (const run of stage.instructions) {
        if (run.getKeyword() !== 'RUN') continue;
        const found = [];
        const script = model.shell(run);
        for (const cmd of script.commands) {
          const d = downloadOf(cmd, model.text);
          if (!d || isVerificationMaterial(staticText(d.url))) continue;
          const stored =
            d.output.kind === 'file' ? !isVerificationMaterial(d.output.path) : storedFromPipe(d) !== undefined;
          if (stored) found.push(d);
        }
        if (found.length === 0 || verifiedNearby(model, stage, run, true)) continue;
        for (const d of found) {
          const executed = d.output.kind === 'file' && runsFile(script.commands, d.cmd.end, d.output.path);
          ctx.report({
            start: d.url.start,
            end: d.url.end,
            messageId: executed ? 'executed' : 'unverified',
            data: { tool: d.tool, url: staticText(d.url) },
            // Stored and perhaps checked elsewhere: a doubt. Run right away: the warning this rule is about.
            ...(executed ? {} : { severity: 'info' as const }),
          });
        }
      }
    }
  },
});
