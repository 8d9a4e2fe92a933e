import { getIn } from '../../models/kubernetes';
import { containerName, isBaselineOnly, pssPods, windowsExempt } from '../../facts/pss';
import { asFix } from '../../edit/fixEdits';
import { isUnset, seqItems, stringValue } from '../../models/yamlValues';
import { defineKubernetesRule, type KubernetesContext } from '../rule';
import type { K8sObject, YamlPath } from '../../models/kubernetes';

/** Capabilities the baseline profile lets a container add (the container runtime's default set). */
const BASELINE_ADD = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

type Messages = 'addBaseline' | 'addRestricted' | 'dropAll' | 'removeCapability';

export default defineKubernetesRule<Messages>({
  meta: {
    id: 'k8s-capabilities',
    target: 'kubernetes',
    title: 'Containers must not add capabilities beyond the Pod Security Standards allowance',
    practice: 'least-privilege',
    severity: 'warning',
    fix: 'safe',
    peers: {
      pss: ['capabilities_baseline', 'capabilities_restricted'],
      kubeLinter: ['drop-net-raw-capability'],
      checkov: ['CKV_K8S_25', 'CKV_K8S_28', 'CKV_K8S_37', 'CKV_K8S_39'],
      trivy: ['KSV-0003', 'KSV-0005', 'KSV-0022', 'KSV-0106'],
      polaris: ['dangerousCapabilities', 'insecureCapabilities'],
    },
    messages: {
      addBaseline:
        'non-default capabilities: container "{{container}}" must not include "{{capability}}" in securityContext.capabilities.add; remove it',
      addRestricted:
        'unrestricted capabilities: container "{{container}}" must not include "{{capability}}" in securityContext.capabilities.add (only NET_BIND_SERVICE is allowed); remove it',
      dropAll:
        'unrestricted capabilities: container "{{container}}" must set securityContext.capabilities.drop=["ALL"]; drop ALL and add back only NET_BIND_SERVICE if needed',
      removeCapability: 'Remove {{capability}} from capabilities.add',
    },
    docs: {
      rationale:
        'Capabilities split root\'s power into pieces; SYS_ADMIN, NET_ADMIN, SYS_PTRACE and the like are each enough to escape a container or attack the node. The baseline profile allows adding only the runtime\'s default set (AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT); the restricted profile replaces that check: every container must drop ALL and may add back only NET_BIND_SERVICE, and from v1.25 Windows pods (spec.os.name: windows) are exempt. Names are compared exactly as Pod Security Admission does, so "CAP_SYS_ADMIN" or "all" do not count as "SYS_ADMIN" or "ALL". The fix adds ALL to the drop list; an image that starts as root and switches user itself (CHOWN, SETUID, SETGID) needs to run as a non-root user from the start first. Removing an added capability is offered as a suggestion only, since the workload may rely on it.',
      references: [
        'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
        'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-capabilities-for-a-container',
      ],
    },
  },
  check(ctx) {
    for (const pod of pssPods(ctx, 'baseline')) {
      const restricted = !isBaselineOnly(pod);
      if (restricted && windowsExempt(pod)) continue;
      for (const c of pod.spec.containers) {
        const caps = [...c.path, 'securityContext', 'capabilities'];
        const add = seqItems(getIn(pod.obj.node, [...caps, 'add']));
        for (const { item, index } of add) {
          const capability = stringValue(item) ?? '';
          if (restricted ? capability === 'NET_BIND_SERVICE' : BASELINE_ADD.has(capability)) continue;
          const [start, end] = item.range ?? [0, 0];
          const removal = removeAdd(ctx, pod.obj, caps, index, add.length);
          ctx.report({
            start,
            end,
            messageId: restricted ? 'addRestricted' : 'addBaseline',
            data: { container: containerName(c), capability },
            suggest: removal ? [{ messageId: 'removeCapability', data: { capability }, edits: removal }] : undefined,
          });
        }
        if (!restricted) continue;
        const dropPath = [...caps, 'drop'];
        const drop = getIn(pod.obj.node, dropPath);
        const dropped = seqItems(drop).map(({ item }) => stringValue(item));
        if (dropped.includes('ALL')) continue;
        const at = ctx.at(pod.obj, dropPath);
        // Appending keeps the capabilities already listed (and their comments); only plain names can be re-stated.
        const value = dropped.every((d) => d !== undefined) ? [...dropped, 'ALL'] : undefined;
        ctx.report({
          start: at.start,
          end: at.end,
          messageId: 'dropAll',
          data: { container: containerName(c) },
          fix: value ? asFix(ctx.ensure(pod.obj, dropPath, value)) : undefined,
          absent: isUnset(drop),
        });
      }
    }
  },
});

/** Removes one added capability, or the whole `add` list when it is the only one. */
function removeAdd(ctx: KubernetesContext<Messages>, obj: K8sObject, caps: YamlPath, index: number, count: number) {
  return asFix(count === 1 ? ctx.remove(obj, [...caps, 'add']) : ctx.remove(obj, [...caps, 'add', index]));
}
