/**
 * Hostile and odd inputs, shared by the engine, CLI and language-server tests. Each is small to build and
 * cheap to lint once the engine does the right thing; the expensive ones say so.
 */

export const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        privileged: true
`;
/** `true` of `privileged: true` in {@link POD}. */
export const POD_PRIVILEGED = { start: { line: 9, character: 20 }, end: { line: 9, character: 24 } };

/** "Billion laughs": nine levels of nine aliases, 9^9 strings if anything expanded it. */
export function aliasBomb(): string {
  const lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 10; i++)
    lines.push(
      `a${i}: &a${i} [${Array(9)
        .fill(`*a${i - 1}`)
        .join(', ')}]`,
    );
  return lines.join('\n');
}

/** The bomb where each consumer of YAML data reads it: a ConfigMap, a NetworkPolicy spec and a Kustomization (both summarized for other files), a Pod. */
export function aliasBombs(): Record<string, string> {
  const bomb = aliasBomb();
  const indented = bomb.replace(/^/gm, '  ');
  return {
    configMap: `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\ndata:\n${indented}\n  key: *a9\n`,
    networkPolicy: `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: bomb}\nspec:\n  podSelector: {}\n${indented}\n  ingress: *a9\n`,
    kustomization: `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nx-bomb:\n${indented}\npatches: *a9\nresources: *a9\n`,
    pod: `apiVersion: v1\nkind: Pod\nmetadata: {name: bomb}\nx-bomb:\n${indented}\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n      args: *a9\n      env: *a9\n      securityContext: {privileged: true}\n`,
  };
}

/** Deeply nested YAML: flow sequences and maps (closed and not), block indentation, compact `- - -` entries. */
export function deepYaml(): Record<string, string> {
  const head =
    'apiVersion: v1\nkind: Pod\nmetadata: {name: deep}\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n      args: ';
  return {
    flowSeq: `${head}${'['.repeat(20_000)}${']'.repeat(20_000)}\n`,
    flowMap: `${head}${'{a: '.repeat(5_000)}1${'}'.repeat(5_000)}\n`,
    unclosed: `${head}${'['.repeat(2_000)}\n`,
    unclosedTop: `apiVersion: v1\nkind: Pod\n---\n${'['.repeat(2_000)}\n`,
    dashes: `apiVersion: v1\nkind: List\nitems:\n${'- '.repeat(3_000)}x\n`,
    indented: `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata:\n${Array.from({ length: 1_000 }, (_, i) => `${' '.repeat(2 + i)}k${i}:`).join('\n')}\n`,
  };
}

/** Deeply nested shell in RUN: pipelines, `&&` chains, subshells, command substitutions, `if` bodies. */
export function deepShell(): Record<string, string> {
  const run = (script: string) => `FROM alpine:3.20\nRUN ${script}\nUSER 10001\n`;
  return {
    pipes: run(`${'a | '.repeat(25_000)}b`),
    and: run(`${'a && '.repeat(3_000)}b`),
    subshells: run(`${'('.repeat(2_000)}a${')'.repeat(2_000)}`),
    substitutions: run(`echo ${'$('.repeat(1_000)}a${')'.repeat(1_000)}`),
    ifs: run(`${'if a; then '.repeat(1_000)}b; ${'fi; '.repeat(1_000)}`),
    shC: run(`sh -c '${'a | '.repeat(3_000)}b'`),
    heredoc: `# syntax=docker/dockerfile:1\nFROM alpine:3.20\nRUN <<EOF\n${'('.repeat(2_000)}a${')'.repeat(2_000)}\nEOF\nUSER 10001\n`,
  };
}

/** Bytes of a real binary (the node executable) decoded as UTF-8: NULs, replacement characters, no lines. */
export function binaryText(bytes: Buffer, withNul: boolean): string {
  const text = bytes.toString('utf8');
  return withNul ? text : text.replace(/\0/g, '');
}

/** `n` small documents in one stream: ConfigMaps and Services, every hundredth a privileged Pod. */
export function manyDocuments(n: number): string {
  const docs: string[] = [];
  for (let i = 0; i < n; i++) {
    if (i % 100 === 99) docs.push(POD.replace('name: web', `name: web-${i}`));
    else if (i % 2) docs.push(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\ndata:\n  k: v\n`);
    else
      docs.push(
        `apiVersion: v1\nkind: Service\nmetadata:\n  name: s${i}\nspec:\n  selector: {app: a${i}}\n  ports: [{port: 80}]\n`,
      );
  }
  return docs.join('---\n');
}

/** A ConfigMap of about `chars` characters (a generated file under or over the size limit). */
export function bigConfigMap(chars: number): string {
  const head = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n';
  const line = (i: number) => `  key-${String(i).padStart(7, '0')}: "${'x'.repeat(40)}"\n`;
  const count = Math.ceil((chars - head.length) / line(0).length);
  let out = head;
  for (let i = 0; i < count; i++) out += line(i);
  return out;
}

export const LONG_LINE = 100_000;

/** One line of {@link LONG_LINE} characters in each place a line can be long. */
export function longLines(): Record<string, [uri: string, text: string]> {
  const long = 'x'.repeat(LONG_LINE);
  return {
    yamlScalar: ['file:///long/pod.yaml', POD.replace('name: web', `name: web\n  annotations: {note: "${long}"}`)],
    yamlFlow: [
      'file:///long/pod.yaml',
      POD.replace(
        'image: nginx:1.27',
        `image: nginx:1.27\n      args: [${Array.from({ length: LONG_LINE / 50 }, (_, i) => `"${String(i).padStart(46, 'x')}"`).join(', ')}]`,
      ),
    ],
    yamlTemplate: [
      'file:///long/pod.yaml',
      POD.replace('name: web', `name: ${'{{ .Values.x }}'.repeat(LONG_LINE / 15)}`),
    ],
    dockerfileRun: ['file:///long/Dockerfile', `FROM alpine:3.20\nRUN echo ${long}\nUSER 10001\n`],
    // Parsing is per word (mvdan-sh runs at about 50 characters per millisecond on word lists): 2,000 long ones.
    dockerfileWords: [
      'file:///long/Dockerfile',
      `FROM debian:12\nRUN apt-get install -y ${Array.from({ length: LONG_LINE / 50 }, (_, i) => `lib${String(i).padStart(45, 'x')}`).join(' ')}\nUSER 10001\n`,
    ],
    dockerfileEnv: ['file:///long/Dockerfile', `FROM alpine:3.20\nENV A="${long}"\nUSER 10001\n`],
  };
}
