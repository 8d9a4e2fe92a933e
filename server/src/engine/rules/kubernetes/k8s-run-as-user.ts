import { getIn } from '../../models/kubernetes';
import { ownerName, pssPods, relaxedForUserNamespace, securityContexts } from '../../facts/pss';
import { asFix } from '../../edit/fixEdits';
import { scalarValue } from '../../models/yamlValues';
import { defineKubernetesRule } from '../rule';

/** A UID above the ranges distributions give system and login users, as kube-score and Trivy suggest (> 10000). */
const NON_ROOT_UID = 10001;

export default defineKubernetesRule({
  meta: {
    id: 'k8s-run-as-user',
    target: 'kubernetes',
    title: 'Pods must not set runAsUser to 0',
    practice: 'least-privilege',
    severity: 'warning',
    fix: 'suggestion',
    peers: { pss: ['runAsUser'], kubeLinter: ['run-as-non-root'], trivy: ['KSV-0105'] },
    messages: {
      root: 'runAsUser=0: {{owner}} must not set runAsUser=0; run as a non-zero UID',
      useUid: 'Set runAsUser to {{uid}}',
    },
    docs: {
      rationale:
        'runAsUser: 0 runs the container as root whatever the image says, and overrides runAsNonRoot checks of the image user. The restricted profile (since v1.23) forbids it on the pod and on every container; from v1.35 pods with hostUsers: false are exempt, since root in a user namespace is not root on the node. Replacing the UID (with 10001, above the ranges images give their own users) is a suggestion: files the process must write need to be owned by, or writable for, that user.',
      references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted'],
    },
  },
  check(ctx) {
    for (const pod of pssPods(ctx, 'restricted')) {
      if (pod.policy.minor < 23 || relaxedForUserNamespace(pod)) continue;
      for (const ref of securityContexts(pod)) {
        const path = [...ref.path, 'runAsUser'];
        if (scalarValue(getIn(pod.obj.node, path)) !== 0) continue;
        const at = ctx.at(pod.obj, path);
        const edits = asFix(ctx.ensure(pod.obj, path, NON_ROOT_UID));
        ctx.report({
          start: at.start,
          end: at.end,
          messageId: 'root',
          data: { owner: ownerName(ref) },
          suggest: edits ? [{ messageId: 'useUid', data: { uid: NON_ROOT_UID }, edits }] : undefined,
        });
      }
    }
  },
});
