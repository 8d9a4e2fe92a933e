import { getIn } from '../../models/kubernetes';
import { pssPods } from '../../facts/pss';
import { mapEntries, seqItems, stringValue, isUnset } from '../../models/yamlValues';
import { defineKubernetesRule } from '../rule';

const ALLOWED = new Set([
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'image',
  'persistentVolumeClaim',
  'projected',
  'secret',
]);
/** hostPath is reported at every level by k8s-host-path-volumes. */
const ELSEWHERE = new Set(['name', 'hostPath']);

export default defineKubernetesRule({
  meta: {
    id: 'k8s-restricted-volume-types',
    target: 'kubernetes',
    title: 'Restricted pods may use only ephemeral and API-backed volume types',
    practice: 'least-privilege',
    severity: 'warning',
    fix: 'none',
    peers: { pss: ['restrictedVolumes'], trivy: ['KSV-0028'] },
    messages: {
      restricted:
        'restricted volume types: volume "{{volume}}" uses restricted volume type "{{type}}"; use a persistentVolumeClaim (or csi, ephemeral, emptyDir, configMap, secret, projected, downwardAPI, image) instead',
    },
    docs: {
      rationale:
        "Inline volume sources such as nfs, iscsi, rbd, cephfs or gitRepo make the node mount remote storage or run code with the pod's choice of parameters, outside the control of storage classes and their access rules (gitRepo has had its own host-escape vulnerabilities). The restricted profile allows only configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected and secret volumes; a volume that names no source defaults to emptyDir. hostPath volumes are reported by k8s-host-path-volumes at every level, so each volume is reported once. No fix is offered: moving to a PersistentVolume is an operations change.",
      references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted'],
    },
  },
  check(ctx) {
    for (const pod of pssPods(ctx, 'restricted')) {
      const volumesPath = [...pod.spec.path, 'volumes'];
      for (const { item, index } of seqItems(getIn(pod.obj.node, volumesPath))) {
        const volume = stringValue(getIn(item, ['name'])) ?? '';
        for (const { key, value } of mapEntries(item)) {
          if (ALLOWED.has(key) || ELSEWHERE.has(key) || isUnset(value)) continue;
          const at = ctx.at(pod.obj, [...volumesPath, index, key], 'key');
          ctx.report({ start: at.start, end: at.end, messageId: 'restricted', data: { volume, type: key } });
        }
      }
    }
  },
});
