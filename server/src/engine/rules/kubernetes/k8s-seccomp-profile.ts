import { getIn } from '../../models/kubernetes';
import {
  containerName,
  containerSecurityContext,
  isBaselineOnly,
  ownerName,
  podSecurityContext,
  pssPods,
  windowsExempt,
  type PssPod,
  type SecurityContextRef,
} from '../../facts/pss';
import { asFix } from '../../edit/fixEdits';
import { isUnset, stringValue } from '../../models/yamlValues';
import { defineKubernetesRule, type KubernetesContext } from '../rule';

type Messages = 'forbiddenType' | 'missingPod' | 'missingContainer' | 'useRuntimeDefault';
const ALLOWED = new Set(['RuntimeDefault', 'Localhost']);

export default defineKubernetesRule<Messages>({
  meta: {
    id: 'k8s-seccomp-profile',
    target: 'kubernetes',
    title: 'Pods must run with the RuntimeDefault or a Localhost seccomp profile',
    practice: 'least-privilege',
    severity: 'warning',
    fix: 'safe',
    peers: {
      pss: ['seccompProfile_baseline', 'seccompProfile_restricted'],
      checkov: ['CKV_K8S_31'],
      trivy: ['KSV-0030', 'KSV-0104'],
    },
    messages: {
      forbiddenType:
        'seccompProfile: {{owner}} must not set securityContext.seccompProfile.type to "{{type}}"; use RuntimeDefault or Localhost',
      missingPod:
        'seccompProfile: pod or {{containers}} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"; set it on the pod',
      missingContainer:
        'seccompProfile: container "{{container}}" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost", or the pod must',
      useRuntimeDefault: 'Set seccompProfile.type to RuntimeDefault',
    },
    docs: {
      rationale:
        "Seccomp filters the system calls a container may make; most kernel exploits used for container escapes go through calls the runtime's default profile blocks. The baseline profile only forbids turning it off (type Unconfined, on the pod or any container); the restricted profile replaces that check and requires RuntimeDefault or Localhost on the pod, or on every container, and from v1.25 exempts Windows pods. Unlike Checkov, a Localhost profile is accepted, as Pod Security Admission accepts it. The fix sets seccompProfile.type: RuntimeDefault at pod level, which containers with their own profile keep overriding; replacing an explicit Unconfined is only a suggestion, since the workload may need a system call the default profile blocks.",
      references: [
        'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
        'https://kubernetes.io/docs/tutorials/security/seccomp/',
      ],
    },
  },
  check(ctx) {
    for (const pod of pssPods(ctx, 'baseline')) {
      const restricted = !isBaselineOnly(pod);
      if (restricted && windowsExempt(pod)) continue;
      const valid = (t: string | undefined) => (restricted ? ALLOWED.has(t ?? '') : t !== 'Unconfined');
      const podRef = podSecurityContext(pod);
      const podProfile = getIn(pod.obj.node, [...podRef.path, 'seccompProfile']);
      for (const ref of [podRef, ...pod.spec.containers.map(containerSecurityContext)]) {
        const profile = getIn(pod.obj.node, [...ref.path, 'seccompProfile']);
        if (isUnset(profile)) continue;
        const type = stringValue(getIn(pod.obj.node, [...ref.path, 'seccompProfile', 'type']));
        if (valid(type)) continue;
        reportForbidden(ctx, pod, ref, type ?? '');
      }
      if (!restricted || !isUnset(podProfile)) continue;
      // The pod sets no profile: every container without its own inherits none.
      const lacking = pod.spec.containers.filter((c) =>
        isUnset(getIn(pod.obj.node, [...c.path, 'securityContext', 'seccompProfile'])),
      );
      if (lacking.length === 0) continue;
      const fix = asFix(ctx.ensure(pod.obj, [...podRef.path, 'seccompProfile'], { type: 'RuntimeDefault' }));
      if (lacking.length === pod.spec.containers.length) {
        const at = ctx.at(pod.obj, [...podRef.path, 'seccompProfile']);
        const names = lacking.map((c) => `"${containerName(c)}"`).join(', ');
        ctx.report({
          start: at.start,
          end: at.end,
          messageId: 'missingPod',
          data: { containers: `${lacking.length === 1 ? 'container' : 'containers'} ${names}` },
          fix,
          absent: true,
        });
        continue;
      }
      for (const c of lacking) {
        const at = ctx.at(pod.obj, [...c.path, 'securityContext', 'seccompProfile']);
        ctx.report({
          start: at.start,
          end: at.end,
          messageId: 'missingContainer',
          data: { container: containerName(c) },
          fix,
          absent: true,
        });
      }
    }
  },
});

function reportForbidden(ctx: KubernetesContext<Messages>, pod: PssPod, ref: SecurityContextRef, type: string): void {
  const typePath = [...ref.path, 'seccompProfile', 'type'];
  const at = ctx.at(pod.obj, typePath);
  // A localhostProfile next to any other type is invalid, so the suggestion is only offered without one.
  const hasLocalhostProfile = !isUnset(getIn(pod.obj.node, [...ref.path, 'seccompProfile', 'localhostProfile']));
  const edits = hasLocalhostProfile ? undefined : asFix(ctx.ensure(pod.obj, typePath, 'RuntimeDefault'));
  ctx.report({
    start: at.start,
    end: at.end,
    messageId: 'forbiddenType',
    data: { owner: ownerName(ref), type },
    suggest: edits ? [{ messageId: 'useRuntimeDefault', edits }] : undefined,
  });
}
