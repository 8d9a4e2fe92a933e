import type { Rule } from '../../rule';
import k8sPrivilegedContainer from './k8s-privileged-container';

/** Kubernetes rules. Add one import and one entry per rule (keep the list sorted by id). */
export const kubernetesRules: Rule[] = [
  k8sPrivilegedContainer,
];
