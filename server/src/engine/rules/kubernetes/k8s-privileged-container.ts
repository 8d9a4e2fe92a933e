import { getIn } from '../../models/kubernetes';
import { containerName, pssPods } from '../../facts/pss';
import { asFix } from '../../edit/fixEdits';
import { yamlBool } from '../../models/yamlValues';
import { defineKubernetesRule } from '../rule';

export default defineKubernetesRule({
  meta: {
    id: 'k8s-privileged-container',
    target: 'kubernetes',
    title: 'Containers must not run privileged',
    practice: 'least-privilege',
    severity: 'error',
    fix: 'safe',
    peers: {
      pss: ['privileged'],
      kubeLinter: ['privileged-container'],
      checkov: ['CKV_K8S_16'],
      trivy: ['KSV-0017'],
      polaris: ['runAsPrivileged'],
      kubeScore: ['container-security-context-privileged'],
    },
    messages: {
      privileged: 'privileged: container "{{container}}" must not set securityContext.privileged=true; set it to false',
    },
    docs: {
      rationale:
        'A privileged container has every capability and access to all host devices: root in it is root on the node. The Pod Security Standards baseline profile forbids it. Run privileged only for node agents that truly need it, in a namespace with the privileged profile, and suppress this rule there with a reason.',
      references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline'],
    },
  },
  check(ctx) {
    for (const pod of pssPods(ctx, 'baseline')) {
      for (const c of pod.spec.containers) {
        const path = [...c.path, 'securityContext', 'privileged'];
        if (yamlBool(getIn(pod.obj.node, path)) !== true) continue;
        const at = ctx.at(pod.obj, path);
        ctx.report({
          start: at.start,
          end: at.end,
          messageId: 'privileged',
          data: { container: containerName(c) },
          fix: asFix(ctx.ensure(pod.obj, path, false)),
        });
      }
    }
  },
});
