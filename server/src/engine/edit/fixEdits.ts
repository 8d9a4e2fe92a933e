import type { TextEdit } from '../base/types';
import { getIn, type K8sObject, type YamlPath } from '../models/kubernetes';
import { jsOf } from './yamlLayout';

/** What ensureChanged needs of a rule context: the YAML ensure edit and whether edits are wanted at all. */
export interface EnsureHost {
  ensure(obj: K8sObject, path: YamlPath, value: unknown): TextEdit[] | undefined;
  fixes: boolean;
}

/** Edits from ctx.ensure/ctx.remove as a fix: undefined when the edit is unsafe or there is nothing to do. */
export function asFix(edits: TextEdit[] | undefined): TextEdit[] | undefined {
  return edits && edits.length > 0 ? edits : undefined;
}

/**
 * Edits that make the value at `path` what `change` makes of a copy of its current plain value ({} when missing).
 * One ensure call for several additions, so that they never collide at the same insertion point; undefined when
 * the value holds aliases or the edit helper refuses.
 */
export function ensureChanged(
  ctx: EnsureHost,
  obj: K8sObject,
  path: YamlPath,
  change: (value: Record<string, unknown>) => void,
): TextEdit[] | undefined {
  // Findings only: the copy below serves the edit alone, and ensure returns a placeholder.
  if (!ctx.fixes) return ctx.ensure(obj, path, undefined);
  const current = jsOf(getIn(obj.node, path) ?? null) ?? {};
  if (!isPlainData(current) || typeof current !== 'object' || Array.isArray(current)) return undefined;
  const copy = JSON.parse(JSON.stringify(current)) as Record<string, unknown>;
  change(copy);
  const edits = ctx.ensure(obj, path, copy);
  return edits && edits.length > 0 ? edits : undefined;
}

/** JSON-like data only: an alias (a symbol from jsOf) or a non-finite number must not be silently dropped by a copy. */
function isPlainData(v: unknown, depth = 0): boolean {
  if (depth > 100) return false;
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  if (Array.isArray(v)) return v.every((x) => isPlainData(x, depth + 1));
  if (typeof v === 'object') return Object.values(v).every((x) => isPlainData(x, depth + 1));
  return false;
}

/** The mapping at `key` of `o`, created when missing (for building values in `ensureChanged`). */
export function child(o: Record<string, unknown>, key: string): Record<string, unknown> {
  const v = o[key];
  if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  const created: Record<string, unknown> = {};
  o[key] = created;
  return created;
}
