import type { Rule } from '../rule';
import noRootUser from './dockerfile/no-root-user';
import k8sPrivilegedContainer from './kubernetes/k8s-privileged-container';

/** Every rule, Dockerfile rules first; a meta-test keeps this list equal to the files in this folder. */
export const rules: readonly Rule[] = [noRootUser, k8sPrivilegedContainer];

export const rulesById: ReadonlyMap<string, Rule> = new Map(rules.map((r) => [r.meta.id, r]));

/** Our rule ids that a peer tool's id (DL3002, CKV_K8S_16, privileged-container…) stands for. */
export function rulesForPeer(peerId: string): string[] {
  return rules.filter((r) => Object.values(r.meta.peers).some((ids) => ids?.includes(peerId))).map((r) => r.meta.id);
}
