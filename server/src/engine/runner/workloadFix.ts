import type { LintInput, Settings } from '../base/types';
import { parseKubernetes } from '../models/kubernetes';
import { fixAll } from './fixer';
export { fixesInside, linesOf } from './fixer';
import type { LintOptions } from './runner';

/** "Harden this workload to the restricted profile": every safe fix of that profile inside one object. */

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

/**
 * The text with every safe fix for the restricted profile applied inside one workload: `fixAll` (its passes, its
 * pass limit, its parse check) confined to the object, found again after every pass. Undefined when nothing changes.
 */
export function hardenWorkload(
  input: LintInput,
  objectIndex: number,
  settings: Settings,
  options: LintOptions = {},
): string | undefined {
  const result = fixAll(input, restrictedSettings(settings), {
    ...options,
    region: (text) => workloads(text).find((x) => x.index === objectIndex),
  });
  return result.text === input.text ? undefined : result.text;
}
