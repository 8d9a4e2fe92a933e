import { applyFindings, parseKubernetes, TextIndex, type Finding, type LintInput, type Settings } from '../engine';

/** As many passes as the engine's `fixAll` allows (MAX_FIX_PASSES, not part of its public API). */
const MAX_PASSES = 10;

export interface Workload {
  /** Index in the parsed model's `objects`, stable while only fixes inside objects are applied. */
  index: number;
  kind: string;
  name?: string;
  start: number;
  end: number;
}

/** The objects with a pod spec, with the offsets of their text. */
export function workloads(text: string): Workload[] {
  const model = parseKubernetes(text, { sourceTokens: false }); // offsets only: no edit is made from this model
  const out: Workload[] = [];
  model.objects.forEach((o, index) => {
    if (!o.podSpec) return;
    // A document's own object extends to the end of its document (trailing comments, the next `---`).
    const doc = model.docs[o.docIndex];
    const [start, , end] = doc.contents === o.node ? doc.range : (o.node.range ?? [0, 0, 0]);
    out.push({ index, kind: o.kind, name: o.name, start, end });
  });
  return out;
}

export function restrictedSettings(settings: Settings): Settings {
  return { ...settings, pss: { ...settings.pss, level: 'restricted' } };
}

/** Safe fixes all of whose edits lie inside [start, end]. */
export function fixesInside(text: string, findings: readonly Finding[], w: Pick<Workload, 'start' | 'end'>): Finding[] {
  const index = new TextIndex(text);
  return findings.filter((f) =>
    f.fix?.every((e) => index.offsetAt(e.range.start) >= w.start && index.offsetAt(e.range.end) <= w.end),
  );
}

/**
 * The text with every safe fix for the restricted profile applied inside one workload, re-linting until
 * stable as `fixAll` does; a pass that adds YAML errors is dropped. Undefined when nothing changes.
 */
export function hardenWorkload(
  input: LintInput,
  objectIndex: number,
  lintAt: (text: string, w: Workload) => Finding[],
): string | undefined {
  const errors = (t: string) => parseKubernetes(t).docs.reduce((n, d) => n + d.errors.length, 0);
  let text = input.text;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const w = workloads(text).find((x) => x.index === objectIndex);
    if (!w) break;
    const { text: next, count } = applyFindings(text, fixesInside(text, lintAt(text, w), w));
    if (count === 0 || next === text || errors(next) > errors(text)) break;
    text = next;
  }
  return text === input.text ? undefined : text;
}
