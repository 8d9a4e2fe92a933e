/** Seeded mutations of real documents, the kinds of damage an editor buffer goes through. */
export function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    // xorshift32: fast, deterministic, good enough to pick edits.
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x100000000;
  };
}

const SNIPPETS = [
  '---\n',
  '{{ .Values.x }}',
  '\t',
  '\u0000',
  '\uFFFD',
  '\\\n',
  '"',
  "'",
  ': ',
  '- ',
  '[',
  '{',
  '&a ',
  '*a',
  '<<EOF\n',
  '# harden-ignore ',
  '\r\n',
  '\uFEFF',
  'privileged: true\n',
  'RUN curl x | sh\n',
  'FROM ',
  '${X}',
  '`',
];

/** Units that nest or chain when repeated. */
const REPEATED = [
  '[',
  '{a: ',
  '- ',
  '  ',
  ' | a',
  ' && a',
  '(',
  '$(',
  '${a:-',
  'if a; then ',
  '\\\n',
  '<<EOF\n',
  '&a [*a, ',
  '---\n',
  'x',
];

export type Mutation = (text: string, r: () => number) => string;

const at = (t: string, r: () => number) => Math.floor(r() * (t.length + 1));

export const MUTATIONS: Record<string, Mutation> = {
  insert: (t, r) => {
    const i = at(t, r);
    return t.slice(0, i) + SNIPPETS[Math.floor(r() * SNIPPETS.length)] + t.slice(i);
  },
  delete: (t, r) => {
    const i = at(t, r);
    return t.slice(0, i) + t.slice(i + 1 + Math.floor(r() * 40));
  },
  truncate: (t, r) => t.slice(0, at(t, r)),
  duplicateLine: (t, r) => {
    const lines = t.split('\n');
    const i = Math.floor(r() * lines.length);
    lines.splice(i, 0, lines[i]);
    return lines.join('\n');
  },
  swapIndent: (t, r) => {
    const lines = t.split('\n');
    const i = Math.floor(r() * lines.length);
    lines[i] = r() < 0.5 ? `  ${lines[i]}` : lines[i].replace(/^ {1,2}/, '');
    return lines.join('\n');
  },
  // Generated and hostile files repeat themselves: nesting, pipelines, long lines, many documents.
  repeat: (t, r) => {
    const i = at(t, r);
    const unit = r() < 0.5 ? SNIPPETS[Math.floor(r() * SNIPPETS.length)] : REPEATED[Math.floor(r() * REPEATED.length)];
    return t.slice(0, i) + unit.repeat(20 + Math.floor(r() * 380)) + t.slice(i);
  },
  invalidUtf8: (t, r) => {
    // What a binary or mis-decoded file looks like once read as UTF-8: replacement characters and lone surrogates.
    const i = at(t, r);
    return t.slice(0, i) + (r() < 0.5 ? '\uD800' : '\uFFFD\uFFFD') + t.slice(i);
  },
};

export function mutate(text: string, r: () => number, steps: number): string {
  const names = Object.keys(MUTATIONS);
  let t = text;
  for (let i = 0; i < steps; i++) t = MUTATIONS[names[Math.floor(r() * names.length)]](t, r);
  return t;
}
