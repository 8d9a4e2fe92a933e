import { getIn } from '../../models/kubernetes';
import { containerName, isBaselineOnly, pssPods, relaxedForUserNamespace } from '../../facts/pss';
import { asFix } from '../../edit/fixEdits';
import { isUnset, stringValue } from '../../models/yamlValues';
import { defineKubernetesRule } from '../rule';

export default defineKubernetesRule({
  meta: {
    id: 'k8s-proc-mount',
    target: 'kubernetes',
    title: 'Containers must keep the default /proc mask',
    practice: 'least-privilege',
    severity: 'warning',
    fix: 'suggestion',
    peers: {
      pss: ['procMount', 'procMount_baseline', 'procMount_restricted'],
      kubeLinter: ['unsafe-proc-mount'],
      trivy: ['KSV-0027'],
    },
    messages: {
      procMount:
        'procMount: container "{{container}}" must not set securityContext.procMount to "{{value}}"; remove it to keep the Default mask',
      removeProcMount: 'Remove procMount (use the Default /proc mask)',
    },
    docs: {
      rationale:
        "The runtime masks and makes read-only parts of /proc (kcore, sysrq-trigger, keys…) that leak host information or let a process act on the host; procMount: Unmasked removes those masks. The baseline profile allows only Default; from v1.35 it allows any value for pods with hostUsers: false, where /proc belongs to the pod's user namespace. The restricted profile replaces that check and keeps requiring Default even then. Removing the field is a suggestion: nested container builders may need an unmasked /proc.",
      references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/'],
    },
  },
  check(ctx) {
    for (const pod of pssPods(ctx, 'baseline')) {
      if (isBaselineOnly(pod) && relaxedForUserNamespace(pod)) continue;
      for (const c of pod.spec.containers) {
        const path = [...c.path, 'securityContext', 'procMount'];
        const node = getIn(pod.obj.node, path);
        const value = stringValue(node);
        if (isUnset(node) || value === 'Default') continue;
        const at = ctx.at(pod.obj, path);
        const edits = asFix(ctx.remove(pod.obj, path));
        ctx.report({
          start: at.start,
          end: at.end,
          messageId: 'procMount',
          data: { container: containerName(c), value: value ?? '' },
          suggest: edits ? [{ messageId: 'removeProcMount', edits }] : undefined,
        });
      }
    }
  },
});
