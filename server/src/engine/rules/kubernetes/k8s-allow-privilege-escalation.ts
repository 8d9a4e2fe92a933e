import { getIn } from '../../models/kubernetes';
import { containerName, pssPods, windowsExempt } from '../../facts/pss';
import { asFix } from '../../edit/fixEdits';
import { isUnset, seqItems, stringValue, yamlBool } from '../../models/yamlValues';
import { defineKubernetesRule } from '../rule';

export default defineKubernetesRule({
  meta: {
    id: 'k8s-allow-privilege-escalation',
    target: 'kubernetes',
    title: 'Containers must set allowPrivilegeEscalation to false',
    practice: 'least-privilege',
    severity: 'warning',
    fix: 'safe',
    peers: {
      pss: ['allowPrivilegeEscalation'],
      kubeLinter: ['privilege-escalation-container'],
      checkov: ['CKV_K8S_20'],
      trivy: ['KSV-0001'],
      polaris: ['privilegeEscalationAllowed'],
    },
    messages: {
      missing:
        'allowPrivilegeEscalation != false: container "{{container}}" must set securityContext.allowPrivilegeEscalation=false',
      notFalse:
        'allowPrivilegeEscalation != false: container "{{container}}" sets securityContext.allowPrivilegeEscalation to {{value}}; set it to false',
    },
    docs: {
      rationale:
        'Unless allowPrivilegeEscalation is false, a process in the container can gain more privileges than its parent through setuid binaries or file capabilities (the no_new_privs flag stays off). Kubernetes defaults it to true, so the restricted profile requires it to be set explicitly to false on every container, init and ephemeral containers included; from v1.25 Windows pods are exempt. kube-linter only reports an explicit true; we report, like Pod Security Admission, a missing value too. The fix writes false; it is withheld while the container is privileged or adds CAP_SYS_ADMIN, because the API server rejects that combination (fix those first).',
      references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted'],
    },
  },
  check(ctx) {
    for (const pod of pssPods(ctx, 'restricted')) {
      if (windowsExempt(pod)) continue;
      for (const c of pod.spec.containers) {
        const sc = [...c.path, 'securityContext'];
        const path = [...sc, 'allowPrivilegeEscalation'];
        const node = getIn(pod.obj.node, path);
        if (yamlBool(node) === false) continue;
        const privileged = yamlBool(getIn(pod.obj.node, [...sc, 'privileged'])) === true;
        const sysAdmin = seqItems(getIn(pod.obj.node, [...sc, 'capabilities', 'add'])).some(({ item }) =>
          /^(CAP_)?SYS_ADMIN$/.test(stringValue(item) ?? ''),
        );
        const fix = privileged || sysAdmin ? undefined : asFix(ctx.ensure(pod.obj, path, false));
        const at = ctx.at(pod.obj, path);
        const data = { container: containerName(c), value: stringValue(node) ?? '' };
        ctx.report({
          start: at.start,
          end: at.end,
          messageId: isUnset(node) ? 'missing' : 'notFalse',
          data,
          fix,
          absent: isUnset(node),
        });
      }
    }
  },
});
