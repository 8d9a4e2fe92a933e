import type { Instruction, Property } from 'dockerfile-ast';
import { unwrap } from '../../models/commands';
import type { DockerfileModel, Stage } from '../../models/dockerfile';
import { parseOptions } from '../../facts/downloads';
import { isWindowsStage, ownInstructions } from '../../models/dockerfile';
import type { ShellWord } from '../../models/shell';
import { defineDockerfileRule } from '../rule';

/** Options with a value of useradd, BusyBox adduser and Debian adduser, and of groupadd/addgroup. */
const USER_SHORT = 'bcdefgGhkKpRPsuZ';
const USER_LONG = new Set([
  'base-dir',
  'comment',
  'home-dir',
  'home',
  'expiredate',
  'inactive',
  'gid',
  'groups',
  'skel',
  'key',
  'password',
  'root',
  'prefix',
  'shell',
  'uid',
  'ingroup',
  'gecos',
  'conf',
  'firstuid',
  'lastuid',
  'firstgid',
  'lastgid',
]);
const GROUP_SHORT = 'gKpR';
const GROUP_LONG = new Set(['gid', 'key', 'password', 'root', 'prefix', 'conf']);

/** The stage and the stages it builds on, nearest first. */
function chain(stage: Stage): Stage[] {
  return [...stage.chain].reverse();
}

/** ARG and ENV values in effect before `at` (global ARG defaults for names the stage re-declares). */
function variables(model: DockerfileModel, stage: Stage, at: number): Map<string, string> {
  const vars = new Map<string, string>();
  for (const s of chain(stage).reverse()) {
    for (const ins of s.instructions) {
      if (model.offsets(ins.getRange()).start >= at) break;
      const kw = ins.getKeyword();
      if (kw !== 'ARG' && kw !== 'ENV') continue;
      for (const p of (ins as unknown as { getProperties(): Property[] }).getProperties()) {
        const v = p.getValue() ?? (kw === 'ARG' ? model.globalArgs.get(p.getName()) : undefined);
        if (v !== undefined) vars.set(p.getName(), v);
      }
    }
  }
  return vars;
}

const VAR = /^\$(?:\{(\w+)\}|(\w+))$/;

function resolve(text: string, vars: Map<string, string>): string | undefined {
  const out = text.replace(/\$(?:\{(\w+)\}|(\w+))/g, (m, a?: string, b?: string) => vars.get((a ?? b)!) ?? m);
  return out.includes('$') ? undefined : out;
}

/** A numeric id as USER may spell it: the literal number, or the ARG reference the RUN used (`${uid}`). */
function numericId(
  value: string | undefined,
  word: ShellWord | undefined,
  vars: Map<string, string>,
): string | undefined {
  if (value !== undefined) return /^\d+$/.test(value) ? value : undefined;
  const raw = word?.raw.replace(/^"(.*)"$/, '$1') ?? '';
  const m = VAR.exec(raw);
  return m && /^\d+$/.test(vars.get(m[1] ?? m[2]) ?? '') ? `\${${m[1] ?? m[2]}}` : undefined;
}

interface Account {
  tool: string;
  uid?: string;
  gid?: string;
  group?: string;
}

/** Users and groups that RUN creates with explicit ids in the stage chain (`useradd -u 10001 app`, `adduser -u 82 -D www-data`). */
function accounts(model: DockerfileModel, stage: Stage, vars: Map<string, string>) {
  const users = new Map<string, Account>();
  const groups = new Map<string, string>();
  for (const s of chain(stage)) {
    for (const run of s.instructions.filter((i: Instruction) => i.getKeyword() === 'RUN')) {
      for (const cmd of model.shell(run).commands) {
        const { name, args } = unwrap(cmd);
        const isGroup = name === 'groupadd' || name === 'addgroup';
        if (!isGroup && name !== 'useradd' && name !== 'adduser') continue;
        const { flags, operands } = isGroup
          ? parseOptions(args, GROUP_SHORT, GROUP_LONG)
          : parseOptions(args, USER_SHORT, USER_LONG);
        const opt = (...n: string[]) => flags.find((f) => n.includes(f.name));
        // useradd takes the login last; adduser (BusyBox and Debian) first, optionally followed by a group.
        const loginWord = name === 'useradd' || name === 'groupadd' ? operands[operands.length - 1] : operands[0];
        const login = loginWord && (loginWord.value ?? resolve(loginWord.raw.replace(/^"(.*)"$/, '$1'), vars));
        if (!login || (isGroup && name === 'addgroup' && operands.length > 1)) continue;
        const id = (f: ReturnType<typeof opt>) => (f ? numericId(f.value, f.valueWord, vars) : undefined);
        if (isGroup) {
          const gid = id(opt('g', 'gid'));
          if (gid && !groups.has(login)) groups.set(login, gid);
          continue;
        }
        const g = opt(...(name === 'useradd' ? ['g', 'gid'] : ['G', 'gid', 'ingroup']));
        const gid = id(g);
        if (!users.has(login))
          users.set(login, {
            tool: name,
            uid: id(opt('u', 'uid')),
            gid,
            group:
              gid || !g
                ? undefined
                : (g.value ?? (g.valueWord && resolve(g.valueWord.raw.replace(/^"(.*)"$/, '$1'), vars))),
          });
      }
    }
  }
  return { users, groups };
}

export default defineDockerfileRule({
  meta: {
    id: 'non-numeric-user',
    target: 'dockerfile',
    title: 'Final USER should be a numeric UID',
    practice: 'least-privilege',
    severity: 'info',
    fix: 'suggestion',
    peers: { hadolint: ['DL3066'] },
    messages: {
      userName:
        'USER {{user}} is a name: Kubernetes runAsNonRoot cannot verify it and the host cannot map it; use the numeric UID',
      useUid: 'Use USER {{id}} (created by {{tool}} in this Dockerfile)',
    },
    docs: {
      rationale:
        "A user name only means something inside the image's /etc/passwd. Kubernetes `runAsNonRoot` refuses to start a container whose image user is not numeric (it cannot tell whether the name maps to UID 0), Pod Security `restricted` therefore needs `runAsUser` set elsewhere, and file ownership on volumes is decided by numbers. A numeric `USER 10001:10001` avoids all of that and behaves the same, since the runtime looks the number up in the same /etc/passwd. Only the final stage's last USER matters (following `FROM <stage>`); build arguments are resolved from their defaults, names that still depend on a variable are not judged, and `root` is left to `no-root-user`. When this Dockerfile creates the user with an explicit UID (`useradd -u`, `adduser -u`), the quick fix substitutes it, with the group's GID when that is known too; otherwise the UID is not known here and nothing is offered.",
      references: [
        'https://github.com/hadolint/hadolint/wiki/DL3066',
        'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
      ],
    },
  },
  check(ctx) {
    const model = ctx.dockerfile;
    const stage = model.finalStage;
    if (!stage || isWindowsStage(stage)) return;
    const user = chain(stage)
      .map((s) =>
        ownInstructions(model, s)
          .filter((i) => i.getKeyword() === 'USER')
          .pop(),
      )
      .find((u) => u !== undefined);
    const range = user?.getArgumentsRange();
    if (!user || !range) return;
    const { start, end } = model.offsets(range);
    const text = model.text.slice(start, end);
    const colon = text.indexOf(':');
    const userText = colon < 0 ? text : text.slice(0, colon);
    const vars = variables(model, stage, start);
    const name = resolve(userText, vars);
    if (name === undefined || /^\d+$/.test(name) || name === 'root' || /\s/.test(text)) return;

    const suggest = [];
    const { users, groups } = accounts(model, stage, vars);
    const account = users.get(name);
    if (account?.uid) {
      const groupText = colon < 0 ? undefined : resolve(text.slice(colon + 1), vars);
      const gid =
        groupText === undefined
          ? (account.gid ?? (account.group ? groups.get(account.group) : undefined))
          : /^\d+$/.test(groupText)
            ? groupText
            : groups.get(groupText);
      const id = gid ? `${account.uid}:${gid}` : colon < 0 ? account.uid : `${account.uid}${text.slice(colon)}`;
      suggest.push({
        messageId: 'useUid' as const,
        data: { id, tool: account.tool },
        edits: [ctx.replace(start, end, id)],
      });
    }
    ctx.report({ start, end: start + userText.length, messageId: 'userName', data: { user: name }, suggest });
  },
});
