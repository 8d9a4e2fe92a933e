import { builtins } from '../../server/src/engine/helm/builtins';
import type { FuncMap } from '../../server/src/engine/helm/exec';
import { helmFuncs } from '../../server/src/engine/helm/helmFuncs';
import { seeded, sprig } from '../../server/src/engine/helm/sprig';
import { TemplateSet } from '../../server/src/engine/helm/template';

/** A fixed clock (2024-01-02T03:04:05Z) and seeded randomness, so Sprig's outputs are stable. */
export const NOW = Date.UTC(2024, 0, 2, 3, 4, 5);

export function funcs(kind: 'go' | 'sprig' | 'helm'): FuncMap {
  const m = builtins();
  if (kind !== 'go') for (const [k, v] of sprig({ now: () => NOW, random: seeded(42) })) m.set(k, v);
  if (kind === 'helm') for (const [k, v] of helmFuncs()) m.set(k, v);
  return m;
}

/** Renders one template named `tpl` with `data` as dot; 'helm' as Helm runs it (missingkey=zero, <no value> removed). */
export function render(
  text: string,
  data: unknown = {},
  kind: 'go' | 'sprig' | 'helm' = 'go',
  limits?: { maxSteps?: number; maxOutput?: number },
): string {
  const set = new TemplateSet(funcs(kind));
  set.parse('tpl', text);
  return set.execute('tpl', data, {
    removeNoValue: kind === 'helm',
    missingKey: kind === 'helm' ? 'zero' : 'default',
    limits,
  }).text;
}

/** The error message a template gives (parse or execution), or 'no error'. */
export function errorOf(
  text: string,
  data: unknown = {},
  kind: 'go' | 'sprig' | 'helm' = 'go',
  limits?: { maxSteps?: number; maxOutput?: number },
): string {
  try {
    render(text, data, kind, limits);
    return 'no error';
  } catch (e) {
    return (e as Error).message;
  }
}
