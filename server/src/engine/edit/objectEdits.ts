import { isMap, isSeq } from 'yaml';
import { getIn, type K8sObject, type YamlPath } from '../parse/kubernetes';
import type { TextEdit } from '../types';
import type { TextIndex } from '../text';
import type { YAMLMap, YAMLSeq } from 'yaml';

// TEMPORARY until edit/yamlEdit.ts lands: no edit is offered (undefined = "cannot be done safely").
type YamlSource = { text: string; index: TextIndex };
const ensurePath = (_s: YamlSource, _r: YAMLMap, _p: (string | number)[], _v: unknown): TextEdit[] | undefined => undefined;
const removeKey = (_s: YamlSource, _m: YAMLMap, _k: string): TextEdit[] | undefined => undefined;
const removeItem = (_s: YamlSource, _q: YAMLSeq, _i: number): TextEdit[] | undefined => undefined;

/** The `ensure`/`remove` half of a Kubernetes rule context: object-relative paths onto the YAML edit helper. */
export function yamlEditor(src: YamlSource) {
  return {
    ensure(obj: K8sObject, path: YamlPath, value: unknown): TextEdit[] | undefined {
      return ensurePath(src, obj.node, [...path], value);
    },
    remove(obj: K8sObject, path: YamlPath): TextEdit[] | undefined {
      if (path.length === 0) return undefined;
      const parent = getIn(obj.node, path.slice(0, -1)) ?? (path.length === 1 ? obj.node : undefined);
      const last = path[path.length - 1];
      if (isMap(parent)) return removeKey(src, parent, String(last));
      if (isSeq(parent) && typeof last === 'number') return removeItem(src, parent, last);
      return undefined;
    },
  };
}
