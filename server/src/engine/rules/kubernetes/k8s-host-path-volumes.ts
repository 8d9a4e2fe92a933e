import { getIn } from '../../models/kubernetes';
import { pssPods, type PssPod } from '../../facts/pss';
import { isUnset, seqItems, stringValue } from '../../models/yamlValues';
import { defineKubernetesRule, type KubernetesContext } from '../rule';
import type { TextEdit } from '../../base/types';

type Messages = 'hostPath' | 'removeVolume';

export default defineKubernetesRule<Messages>({
  meta: {
    id: 'k8s-host-path-volumes',
    target: 'kubernetes',
    title: 'Pods must not mount hostPath volumes',
    practice: 'least-privilege',
    severity: 'warning',
    fix: 'suggestion',
    peers: {
      pss: ['hostPathVolumes', 'restrictedVolumes'],
      kubeLinter: ['sensitive-host-mounts', 'docker-sock'],
      checkov: ['CKV_K8S_27'],
      trivy: ['KSV-0023'],
    },
    messages: {
      hostPath:
        'hostPath volumes: volume "{{volume}}" mounts the host path {{path}}; use an emptyDir, configMap, secret or persistentVolumeClaim volume instead',
      removeVolume: 'Remove volume "{{volume}}" and its volume mounts',
    },
    docs: {
      rationale:
        "A hostPath volume exposes the node's file system to the container: the container runtime socket, kubelet credentials or /etc are each enough to take over the node, and even a harmless directory lets pods on the same node tamper with each other. The baseline profile forbids every hostPath volume, whatever the path (kube-linter only reports sensitive paths). The restricted profile replaces this check by restrictedVolumes; to report each volume once, this rule keeps reporting hostPath at both levels and k8s-restricted-volume-types reports the other volume types. Node agents that need a host directory belong in a namespace with the privileged profile. The suggestion removes the volume together with the volumeMounts that use it.",
      references: [
        'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
        'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath',
      ],
    },
  },
  check(ctx) {
    for (const pod of pssPods(ctx, 'baseline')) {
      const volumesPath = [...pod.spec.path, 'volumes'];
      for (const { item, index } of seqItems(getIn(pod.obj.node, volumesPath))) {
        if (isUnset(getIn(item, ['hostPath']))) continue;
        const volume = stringValue(getIn(item, ['name'])) ?? '';
        const at = ctx.at(pod.obj, [...volumesPath, index, 'hostPath'], 'key');
        const edits = removal(ctx, pod, index, volume);
        ctx.report({
          start: at.start,
          end: at.end,
          messageId: 'hostPath',
          data: { volume, path: stringValue(getIn(item, ['hostPath', 'path'])) ?? '(no path)' },
          suggest: edits ? [{ messageId: 'removeVolume', data: { volume }, edits }] : undefined,
        });
      }
    }
  },
});

/** Edits removing volume `index` and every volumeMount of it; undefined when one of them cannot be made. */
function removal(ctx: KubernetesContext<Messages>, pod: PssPod, index: number, volume: string): TextEdit[] | undefined {
  const edits: TextEdit[] = [];
  for (const c of pod.spec.containers) {
    const mounts = seqItems(getIn(pod.obj.node, [...c.path, 'volumeMounts']));
    const used = mounts.filter(({ item }) => stringValue(getIn(item, ['name'])) === volume);
    // Removing every mount leaves `volumeMounts: []`; dropping the key keeps the container tidy.
    const parts =
      used.length === mounts.length && used.length > 0
        ? [ctx.remove(pod.obj, [...c.path, 'volumeMounts'])]
        : used.map(({ index: i }) => ctx.remove(pod.obj, [...c.path, 'volumeMounts', i]));
    for (const p of parts) {
      if (!p) return undefined;
      edits.push(...p);
    }
  }
  const volumes = seqItems(getIn(pod.obj.node, [...pod.spec.path, 'volumes']));
  const own =
    volumes.length === 1
      ? ctx.remove(pod.obj, [...pod.spec.path, 'volumes'])
      : ctx.remove(pod.obj, [...pod.spec.path, 'volumes', index]);
  if (!own) return undefined;
  return [...edits, ...own];
}
