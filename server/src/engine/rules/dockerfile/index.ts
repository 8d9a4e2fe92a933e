import type { Rule } from '../../rule';
import noRootUser from './no-root-user';

/** Dockerfile rules. Add one import and one entry per rule (keep the list sorted by id). */
export const dockerfileRules: Rule[] = [
  noRootUser,
];
