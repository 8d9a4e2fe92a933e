import { isMap, isSeq } from 'yaml';
import { getIn, type K8sObject, type YamlPath } from '../models/kubernetes';
import type { TextEdit } from '../base/types';
import { ensurePath, removeItem, removeKey, type YamlSource } from './yamlEdit';

/** The `ensure`/`remove` half of a Kubernetes rule context: object-relative paths onto the YAML edit helper. */
export function yamlEditor(src: YamlSource) {
  return {
    ensure: (obj: K8sObject, path: YamlPath, value: unknown): TextEdit[] | undefined =>
      ensurePath(src, obj.node, [...path], value),
    remove: (obj: K8sObject, path: YamlPath): TextEdit[] | undefined => {
      if (path.length === 0) return undefined;
      const parent = getIn(obj.node, path.slice(0, -1)) ?? (path.length === 1 ? obj.node : undefined);
      const last = path[path.length - 1];
      if (isMap(parent)) return removeKey(src, parent, String(last));
      if (isSeq(parent) && typeof last === 'number') return removeItem(src, parent, last);
      return undefined;
    },
  };
}
