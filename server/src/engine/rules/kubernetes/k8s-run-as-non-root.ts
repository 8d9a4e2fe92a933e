import { getIn, type Container } from '../../models/kubernetes';
import {
  containerName,
  containerSecurityContext,
  ownerName,
  podSecurityContext,
  pssPods,
  relaxedForUserNamespace,
  type PssPod,
  type SecurityContextRef,
} from '../../facts/pss';
import { asFix } from '../../edit/fixEdits';
import { isUnset, scalarValue, yamlBool } from '../../models/yamlValues';
import { defineKubernetesRule } from '../rule';

type Messages = 'notTrue' | 'missingPod' | 'missingContainer' | 'setTrue';

export default defineKubernetesRule<Messages>({
  meta: {
    id: 'k8s-run-as-non-root',
    target: 'kubernetes',
    title: 'Pods must set runAsNonRoot to true',
    practice: 'least-privilege',
    severity: 'warning',
    fix: 'safe',
    peers: {
      pss: ['runAsNonRoot'],
      kubeLinter: ['run-as-non-root'],
      checkov: ['CKV_K8S_23'],
      trivy: ['KSV-0012'],
      polaris: ['runAsRootAllowed'],
    },
    messages: {
      notTrue:
        'runAsNonRoot != true: {{owner}} must not set securityContext.runAsNonRoot={{value}}; set it to true and run as a non-root user',
      missingPod:
        'runAsNonRoot != true: pod or {{containers}} must set securityContext.runAsNonRoot=true; set it on the pod',
      missingContainer:
        'runAsNonRoot != true: container "{{container}}" must set securityContext.runAsNonRoot=true, or the pod must',
      setTrue: 'Set runAsNonRoot to true',
    },
    docs: {
      rationale:
        'With runAsNonRoot: true the kubelet refuses to start a container whose user is root, so an image that forgot its USER instruction cannot run as root unnoticed. The restricted profile requires it on the pod, or on every container (init and ephemeral ones included); an explicit false anywhere fails. From v1.35 pods with hostUsers: false are exempt: in a user namespace, root in the container is not root on the node. The fix writes runAsNonRoot: true on the pod when no container sets it, otherwise on the containers that lack it; it is withheld where runAsUser is 0, which would stop the container from starting. The image must then run as a non-root user (a numeric USER, or runAsUser); check that before applying it to a running workload. Turning an explicit false into true is only a suggestion.',
      references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted'],
    },
  },
  check(ctx) {
    for (const pod of pssPods(ctx, 'restricted')) {
      if (relaxedForUserNamespace(pod)) continue;
      const podRef = podSecurityContext(pod);
      const podValue = getIn(pod.obj.node, [...podRef.path, 'runAsNonRoot']);
      const lacking: Container[] = [];
      for (const ref of [podRef, ...pod.spec.containers.map(containerSecurityContext)]) {
        const node = getIn(pod.obj.node, [...ref.path, 'runAsNonRoot']);
        if (isUnset(node)) {
          if (ref.container) lacking.push(ref.container);
          continue;
        }
        if (yamlBool(node) !== true) reportNotTrue(pod, ref, String(scalarValue(node) ?? ''));
      }
      // A pod-level value (true, or a false reported above) decides for every container that sets none.
      if (!isUnset(podValue) || lacking.length === 0) continue;
      if (lacking.length === pod.spec.containers.length) {
        const path = [...podRef.path, 'runAsNonRoot'];
        const at = ctx.at(pod.obj, path);
        const names = lacking.map((c) => `"${containerName(c)}"`).join(', ');
        const fix = lacking.some((c) => runsAsRoot(pod, c)) ? undefined : asFix(ctx.ensure(pod.obj, path, true));
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
        const path = [...c.path, 'securityContext', 'runAsNonRoot'];
        const at = ctx.at(pod.obj, path);
        const fix = runsAsRoot(pod, c) ? undefined : asFix(ctx.ensure(pod.obj, path, true));
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

    function reportNotTrue(pod: PssPod, ref: SecurityContextRef, value: string): void {
      const path = [...ref.path, 'runAsNonRoot'];
      const at = ctx.at(pod.obj, path);
      const edits = asFix(ctx.ensure(pod.obj, path, true));
      ctx.report({
        start: at.start,
        end: at.end,
        messageId: 'notTrue',
        data: { owner: ownerName(ref), value },
        suggest: edits ? [{ messageId: 'setTrue', edits }] : undefined,
      });
    }
  },
});

/** The container's effective runAsUser is 0 (its own, else the pod's). */
function runsAsRoot(pod: PssPod, c: Container): boolean {
  const own = getIn(pod.obj.node, [...c.path, 'securityContext', 'runAsUser']);
  const uid = isUnset(own) ? getIn(pod.obj.node, [...pod.spec.path, 'securityContext', 'runAsUser']) : own;
  return scalarValue(uid) === 0;
}
