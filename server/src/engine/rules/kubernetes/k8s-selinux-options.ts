import { getIn } from '../../models/kubernetes';
import { ownerName, pssPods, securityContexts } from '../../facts/pss';
import { asFix } from '../../edit/fixEdits';
import { isUnset, stringValue } from '../../models/yamlValues';
import { defineKubernetesRule } from '../rule';

const TYPES = ['container_t', 'container_init_t', 'container_kvm_t'];
/** container_engine_t (nested container engines) is allowed from v1.31. */
const allowedTypes = (minor: number) => (minor >= 31 ? [...TYPES, 'container_engine_t'] : TYPES);

type Messages = 'forbiddenType' | 'forbiddenField' | 'removeField';

export default defineKubernetesRule<Messages>({
  meta: {
    id: 'k8s-selinux-options',
    target: 'kubernetes',
    title: 'Pods must not set a custom SELinux type, user or role',
    practice: 'least-privilege',
    severity: 'warning',
    fix: 'suggestion',
    peers: { pss: ['seLinuxOptions'], trivy: ['KSV-0025'] },
    messages: {
      forbiddenType:
        'seLinuxOptions: {{owner}} sets the forbidden SELinux type "{{type}}"; remove it or use {{allowed}}',
      forbiddenField:
        'seLinuxOptions: {{owner}} sets seLinuxOptions.{{field}}; user and role may not be set, remove it',
      removeField: 'Remove seLinuxOptions.{{field}}',
    },
    docs: {
      rationale:
        "On SELinux nodes the container type (container_t) is what keeps a process from the host's files and other containers; a type like spc_t or unconfined_t, or a custom user or role, lifts that confinement. The baseline profile allows only an empty type, container_t, container_init_t and container_kvm_t (and container_engine_t from v1.31), and no user or role, on the pod and on every container. Removing the option is a suggestion, since the workload may depend on it.",
      references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline'],
    },
  },
  check(ctx) {
    for (const pod of pssPods(ctx, 'baseline')) {
      const allowed = allowedTypes(pod.policy.minor);
      for (const ref of securityContexts(pod)) {
        const options = [...ref.path, 'seLinuxOptions'];
        if (isUnset(getIn(pod.obj.node, options))) continue;
        for (const field of ['type', 'user', 'role'] as const) {
          const path = [...options, field];
          const value = stringValue(getIn(pod.obj.node, path)) ?? '';
          if (value === '' || (field === 'type' && allowed.includes(value))) continue;
          const at = ctx.at(pod.obj, path);
          const edits = asFix(ctx.remove(pod.obj, path));
          ctx.report({
            start: at.start,
            end: at.end,
            messageId: field === 'type' ? 'forbiddenType' : 'forbiddenField',
            data: { owner: ownerName(ref), type: value, field, allowed: allowed.join(', ') },
            suggest: edits ? [{ messageId: 'removeField', data: { field }, edits }] : undefined,
          });
        }
      }
    }
  },
});
