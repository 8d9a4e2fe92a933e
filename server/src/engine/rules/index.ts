import type { Rule } from './rule';
import { dockerfileRules } from './dockerfile';
import { kubernetesRules } from './kubernetes';

/** Every rule; a meta-test keeps these lists equal to the rule files and their case tables. */
export const rules: readonly Rule[] = [...dockerfileRules, ...kubernetesRules];

export const rulesById: ReadonlyMap<string, Rule> = new Map(rules.map((r) => [r.meta.id, r]));

/** Our rule ids that a peer tool's id (DL3002, CKV_K8S_16, privileged-container…) stands for. */
export function rulesForPeer(peerId: string): string[] {
  return rules
    .filter((r) =>
      (Object.values(r.meta.peers) as (readonly string[] | undefined)[]).some((ids) => ids?.includes(peerId)),
    )
    .map((r) => r.meta.id);
}
