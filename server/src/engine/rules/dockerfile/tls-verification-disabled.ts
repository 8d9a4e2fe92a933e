import type { Instruction, Property } from 'dockerfile-ast';
import { unwrap } from '../../models/commands';
import type { DockerfileModel } from '../../models/dockerfile';
import { httpClientOptions } from '../../facts/downloads';
import { execForm } from '../../facts/transfers';
import type { ShellCommand, ShellWord } from '../../models/shell';
import { defineDockerfileRule } from '../rule';
import type { TextIndex } from '../../base/text';

type Span = { start: number; end: number };

/** What a finding underlines, what it says and the text to delete (none when deleting is not a clean edit). */
interface Hit extends Span {
  what: string;
  check: string;
  remove?: Span[];
}

const TLS = 'TLS certificate verification';
const SIG = 'package signature verification';

/** Variables that switch checks off: the check and the values that do it (undefined = any non-empty value). */
const VARIABLES: Record<string, { check: string; off?: RegExp }> = {
  NODE_TLS_REJECT_UNAUTHORIZED: { check: TLS, off: /^0$/ },
  PYTHONHTTPSVERIFY: { check: TLS, off: /^0$/ },
  NPM_CONFIG_STRICT_SSL: { check: TLS, off: /^false$/i },
  GIT_SSL_NO_VERIFY: { check: TLS },
  PIP_TRUSTED_HOST: { check: TLS },
  GOINSECURE: { check: TLS },
  GOSUMDB: { check: 'Go module checksum verification', off: /^off$/ },
};

function variableHit(name: string, value: string | undefined): { what: string; check: string } | undefined {
  const v = VARIABLES[name.toUpperCase() === 'NPM_CONFIG_STRICT_SSL' ? 'NPM_CONFIG_STRICT_SSL' : name];
  if (!v || value === undefined || value === '' || (v.off && !v.off.test(value))) return undefined;
  return { what: `${name}=${value}`, check: v.check };
}

/** Deletes a word: its whole line when it stands alone on a continued line, else with the blank before it. */
function wordRemoval(index: TextIndex, w: Span): Span {
  const text = index.text;
  const line = index.positionAt(w.start).line;
  const lineStart = index.lineStarts[line];
  const after = text.slice(w.end, index.lineEnd(line));
  if (text.slice(lineStart, w.start).trim() === '' && /^\s*[\\`]$/.test(after))
    return { start: lineStart, end: index.lineStarts[line + 1] ?? text.length };
  let start = w.start;
  while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  // At the start of a line, keep the indentation and take the blanks after the word instead.
  if (start < w.start && start > lineStart) return { start, end: w.end };
  let end = w.end;
  while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
  return { start: w.start, end };
}

/** `-k` alone, or just the letter in a cluster like `-kfsSL`. */
function letterRemoval(index: TextIndex, w: ShellWord, letter: number): Span[] | undefined {
  if (w.value === undefined || w.raw !== w.value) return undefined;
  return w.value.length === 2 ? [wordRemoval(index, w)] : [{ start: w.start + letter, end: w.start + letter + 1 }];
}

const APT_OPTIONS =
  /^(?:Acquire::AllowInsecureRepositories|APT::Get::AllowUnauthenticated|Acquire::AllowDowngradeToInsecureRepositories)=(?:1|true|yes)$|^Acquire::https?(?:::[^=]+)?::Verify-(?:Peer|Host)=(?:0|false|no)$/i;
const SSLVERIFY_OFF = /(?:^|[.=])(?:sslverify|gpgcheck|repo_gpgcheck)=(?:0|false|no)$/i;

/** `execForm`: the words are JSON strings, which cannot be deleted like shell words. */
function commandHits(cmd: ShellCommand, index: TextIndex, execForm: boolean): Hit[] {
  const hits: Hit[] = [];
  const { name, args } = unwrap(cmd);
  const v = args.map((a) => a.value ?? '');
  const flag = (w: ShellWord, what: string, check: string, remove: Span[] | null = [wordRemoval(index, w)]) =>
    hits.push({ start: w.start, end: w.end, what, check, remove: remove ?? undefined });
  const withValue = (i: number, what: string, check: string) => {
    const value = args[i + 1];
    if (v[i].includes('=') || !value) flag(args[i], what, check);
    else
      hits.push({
        start: args[i].start,
        end: value.end,
        what,
        check,
        remove: [wordRemoval(index, { start: args[i].start, end: value.end })],
      });
  };
  if (name === 'curl' || name === 'wget') {
    for (const f of httpClientOptions(name, args).flags) {
      if (name === 'curl' && f.name === 'k')
        flag(f.word, 'curl -k', TLS, letterRemoval(index, f.word, f.letter!) ?? null);
      else if (name === 'curl' && f.name === 'insecure') flag(f.word, 'curl --insecure', TLS);
      else if (
        name === 'wget' &&
        (f.name === 'no-check-certificate' ||
          (f.name === 'check-certificate' && /^(?:off|quiet|no)$/i.test(f.value ?? '')))
      )
        flag(f.word, `wget --${f.name}`, TLS);
    }
  } else if (
    /^pip[\d.]*$/.test(name) ||
    (/^python[\d.]*$/.test(name) && v[0] === '-m' && v[1] === 'pip') ||
    (name === 'uv' && v[0] === 'pip')
  ) {
    v.forEach(
      (a, i) =>
        /^--(?:trusted-host|allow-insecure-host)(?:=|$)/.test(a) && withValue(i, `${name} ${a.split('=')[0]}`, TLS),
    );
  } else if (name === 'apk') {
    v.forEach((a, i) => a === '--allow-untrusted' && flag(args[i], 'apk --allow-untrusted', SIG));
  } else if (name === 'apt-get' || name === 'apt' || name === 'aptitude') {
    v.forEach((a, i) => {
      if (/^--(?:allow-unauthenticated|force-yes|allow-insecure-repositories)$/.test(a))
        flag(args[i], `${name} ${a}`, SIG);
      else if (a === '-o' && APT_OPTIONS.test(v[i + 1] ?? ''))
        withValue(i, `${name} -o ${v[i + 1]}`, /Verify/.test(v[i + 1]) ? TLS : SIG);
      else if (/^-o./.test(a) && APT_OPTIONS.test(a.slice(2)))
        flag(args[i], `${name} ${a}`, /Verify/.test(a) ? TLS : SIG);
    });
  } else if (/^(?:yum|dnf|microdnf|tdnf|zypper|yum-config-manager)$/.test(name)) {
    v.forEach((a, i) => {
      if (a === '--nogpgcheck' || a === '--no-gpg-checks') flag(args[i], `${name} ${a}`, SIG);
      else if (a.startsWith('--setopt=') && SSLVERIFY_OFF.test(a))
        flag(args[i], `${name} ${a}`, /ssl/i.test(a) ? TLS : SIG);
      else if (a === '--setopt' && SSLVERIFY_OFF.test(v[i + 1] ?? ''))
        withValue(i, `${name} --setopt ${v[i + 1]}`, /ssl/i.test(v[i + 1]) ? TLS : SIG);
    });
  } else if (name === 'rpm') {
    v.forEach((a, i) => /^--no(?:signature|digest|filedigest)$/.test(a) && flag(args[i], `rpm ${a}`, SIG));
  } else if (name === 'npm' || name === 'yarn' || name === 'pnpm') {
    const set = v.indexOf('set');
    const key = (v[set + 1] ?? '').toLowerCase();
    if (
      set >= 0 &&
      set <= 1 &&
      /^(?:strict-ssl|enablestrictssl)(?:=false)?$/.test(key) &&
      (key.endsWith('=false') || /^false$/i.test(v[set + 2] ?? ''))
    ) {
      hits.push({ start: cmd.start, end: cmd.end, what: `${name} config set strict-ssl false`, check: TLS });
    }
    v.forEach((a, i) => /^--(?:strict-ssl=false|no-strict-ssl)$/.test(a) && flag(args[i], `${name} ${a}`, TLS));
  } else if (name === 'git') {
    v.forEach((a, i) => {
      if (a === '-c' && /^http\.(?:[^=]+\.)?sslverify=(?:false|0|no|off)$/i.test(v[i + 1] ?? ''))
        withValue(i, `git -c ${v[i + 1]}`, TLS);
    });
    const c = v.indexOf('config');
    const at = v.findIndex((a, i) => i > c && /^http\.(?:.+\.)?sslverify$/i.test(a));
    if (c >= 0 && at > c && /^(?:false|0|no|off)$/i.test(v[at + 1] ?? ''))
      hits.push({ start: cmd.start, end: cmd.end, what: `git config ${v[at]} ${v[at + 1]}`, check: TLS });
  }
  // `NODE_TLS_REJECT_UNAUTHORIZED=0 npm ci` and `env GIT_SSL_NO_VERIFY=1 git clone …`.
  for (const a of cmd.assigns) {
    const hit = variableHit(a.name, a.value);
    if (!hit) continue;
    const next = cmd.words[0];
    hits.push({ ...a, ...hit, remove: next ? [{ start: a.start, end: next.start }] : undefined });
  }
  if (cmd.name === 'env') {
    for (const w of cmd.words.slice(1)) {
      const m = /^(\w+)=(.*)$/s.exec(w.value ?? '');
      if (!m) break;
      const hit = variableHit(m[1], m[2]);
      if (hit) flag(w, hit.what, hit.check);
    }
  }
  return execForm ? hits.map((h) => ({ ...h, remove: undefined })) : hits;
}

/** ENV/ARG: delete the whole instruction when the variable is its only one, else just the pair. */
function propertyHits(model: DockerfileModel, ins: Instruction): Hit[] {
  const props: Property[] = (ins as unknown as { getProperties(): Property[] }).getProperties();
  const hits: Hit[] = [];
  for (const p of props) {
    const hit = variableHit(p.getName(), p.getValue() ?? undefined);
    if (!hit) continue;
    const span = model.offsets(p.getRange());
    let remove: Span[] | undefined;
    if (props.length > 1) remove = [wordRemoval(model.index, span)];
    else {
      const r = model.offsets(ins.getRange());
      const first = model.index.positionAt(r.start).line;
      const last = model.index.positionAt(r.end).line;
      const lines = model.text.slice(model.index.lineStarts[first], model.index.lineEnd(last));
      // A comment inside a continued instruction would go with it.
      if (!/\n\s*#/.test(lines))
        remove = [{ start: model.index.lineStarts[first], end: model.index.lineStarts[last + 1] ?? model.text.length }];
    }
    hits.push({ ...span, ...hit, remove });
  }
  return hits;
}

export default defineDockerfileRule({
  meta: {
    id: 'tls-verification-disabled',
    target: 'dockerfile',
    title: 'Do not turn off TLS or signature verification',
    practice: 'integrity',
    severity: 'warning',
    fix: 'suggestion',
    peers: {
      checkov: [
        'CKV2_DOCKER_2',
        'CKV2_DOCKER_3',
        'CKV2_DOCKER_4',
        'CKV2_DOCKER_5',
        'CKV2_DOCKER_6',
        'CKV2_DOCKER_7',
        'CKV2_DOCKER_8',
        'CKV2_DOCKER_9',
        'CKV2_DOCKER_10',
        'CKV2_DOCKER_11',
        'CKV2_DOCKER_12',
        'CKV2_DOCKER_13',
        'CKV2_DOCKER_14',
        'CKV2_DOCKER_15',
        'CKV2_DOCKER_16',
        'CKV2_DOCKER_18',
      ],
    },
    messages: {
      disabled:
        '{{what}} turns off {{check}}, so a man in the middle can swap what the build installs; remove it and trust the right CA or key instead',
      remove: 'Remove {{what}}',
    },
    docs: {
      rationale:
        'Certificate and signature checks are what stop a proxy, mirror or attacker on the network from replacing the packages, scripts and modules a build installs. Reported: `curl -k`/`--insecure` (also inside clusters such as `-kfsSL`), `wget --no-check-certificate`, `pip --trusted-host`, `apk --allow-untrusted`, `apt-get --allow-unauthenticated`/`--force-yes`/insecure `-o` options, `yum`/`dnf`/`zypper --nogpgcheck` and `--setopt=sslverify=0`, `rpm --nosignature`/`--nodigest`, `npm`/`yarn config set strict-ssl false`, `git -c http.sslVerify=false` and `git config http.sslVerify false`, and the variables `NODE_TLS_REJECT_UNAUTHORIZED=0`, `PYTHONHTTPSVERIFY=0`, `NPM_CONFIG_STRICT_SSL=false`, `GIT_SSL_NO_VERIFY`, `PIP_TRUSTED_HOST`, `GOINSECURE` and `GOSUMDB=off` in ENV, ARG, `env` or a command prefix (an `export` is not seen). The remedy behind a TLS-intercepting proxy is to add its CA to the trust store; for a local unsigned package, to sign it or check its digest. Removing the flag or variable is offered as a suggestion, not applied on save: these switches are usually there because something failed without them, and removing one can break the build until the trust problem is solved.',
      references: ['https://www.checkov.io/5.Policy%20Index/dockerfile.html'],
    },
  },
  check(ctx) {
    const model = ctx.dockerfile;
    for (const stage of model.stages) {
      for (const ins of stage.instructions) {
        const kw = ins.getKeyword();
        let hits: Hit[] = [];
        if (kw === 'ENV' || kw === 'ARG') hits = propertyHits(model, ins);
        else if (kw === 'RUN') {
          const script = model.shell(ins);
          const exec = execForm(model, ins) !== undefined;
          hits = script.commands.flatMap((c) => commandHits(c, model.index, exec && c === script.commands[0]));
        }
        for (const h of hits) {
          const suggest = h.remove
            ? [
                {
                  messageId: 'remove' as const,
                  data: { what: h.what },
                  edits: h.remove.map((r) => ctx.replace(r.start, r.end, '')),
                },
              ]
            : [];
          ctx.report({
            start: h.start,
            end: h.end,
            messageId: 'disabled',
            data: { what: h.what, check: h.check },
            suggest,
          });
        }
      }
    }
  },
});
