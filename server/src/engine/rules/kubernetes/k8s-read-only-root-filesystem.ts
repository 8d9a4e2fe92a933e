import { isMap, isSeq, type Node } from 'yaml';
import { getIn, type Container, type K8sObject } from '../../models/kubernetes';
import { containerName } from '../../facts/pss';
import { asFix } from '../../edit/fixEdits';
import { isUnset, scalarValue, stringValue, yamlBool } from '../../models/yamlValues';
import { isWindowsPod, scheduledContainers } from '../../facts/workloads';
import { child, ensureChanged } from '../../edit/fixEdits';
import { defineKubernetesRule, type SuggestionReport } from '../rule';
import type { TextEdit } from '../../base/types';

type Messages = 'missing' | 'disabled' | 'setTrue' | 'setTrueWithTmp';

export default defineKubernetesRule<Messages>({
  meta: {
    id: 'k8s-read-only-root-filesystem',
    target: 'kubernetes',
    title: 'Containers should run with a read-only root filesystem',
    practice: 'read-only-filesystem',
    severity: 'warning',
    fix: 'safe',
    peers: {
      kubeLinter: ['no-read-only-root-fs'],
      checkov: ['CKV_K8S_22'],
      trivy: ['KSV-0014'],
      polaris: ['notReadOnlyRootFilesystem'],
      kubeScore: ['container-security-context-readonlyrootfilesystem'],
    },
    messages: {
      missing:
        'Container "{{container}}" does not set securityContext.readOnlyRootFilesystem=true; make the root filesystem read-only and mount volumes where it must write',
      disabled:
        'Container "{{container}}" sets securityContext.readOnlyRootFilesystem={{value}}; set it to true and mount volumes where it must write',
      setTrue: 'Set readOnlyRootFilesystem to true',
      setTrueWithTmp: 'Set readOnlyRootFilesystem to true and mount an emptyDir volume "{{volume}}" at /tmp',
    },
    docs: {
      rationale:
        "With a read-only root filesystem an attacker who gets code execution in the container cannot replace its binaries, drop tools or persist anything in the image layers, and the application cannot silently fill the node's disk. Applications that write (caches, PID files, /tmp) need a volume mounted there: an emptyDir for scratch space. The safe fix writes `readOnlyRootFilesystem: true` where it is missing, as Polaris' `fix` does and as the Pod Security hardening fixes of this extension do; since an application that writes to its root filesystem then fails at that write, the quick fix list also offers the same change with an emptyDir mounted at /tmp, the most common place applications write to, and review the change before applying it to a running workload. An explicit `false` is a decision and is only changed by a suggestion. Init containers are checked; ephemeral (debug) containers and Windows pods, which do not support the setting, are not.",
      references: [
        'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
        'https://kubernetes.io/docs/concepts/storage/volumes/#emptydir',
      ],
    },
  },
  check(ctx) {
    for (const obj of ctx.kubernetes.objects) {
      if (!obj.podSpec || isWindowsPod(obj)) continue;
      for (const c of scheduledContainers(obj)) {
        const path = [...c.path, 'securityContext', 'readOnlyRootFilesystem'];
        const node = getIn(obj.node, path);
        if (yamlBool(node) === true) continue;
        const at = ctx.at(obj, path);
        const setTrue = asFix(ctx.ensure(obj, path, true));
        // Only a suggestion reads it, and findings-only lints drop suggestions: skip the volume scan there.
        const withTmp = ctx.fixes ? tmpSuggestion(obj, c) : undefined;
        if (isUnset(node)) {
          ctx.report({
            start: at.start,
            end: at.end,
            messageId: 'missing',
            data: { container: containerName(c) },
            fix: setTrue,
            suggest: withTmp ? [withTmp] : undefined,
            absent: node === undefined,
          });
        } else {
          const suggest: SuggestionReport<Messages>[] = [];
          if (setTrue) suggest.push({ messageId: 'setTrue', edits: setTrue });
          if (withTmp) suggest.push(withTmp);
          ctx.report({
            start: at.start,
            end: at.end,
            messageId: 'disabled',
            data: { container: containerName(c), value: String(scalarValue(node) ?? '') },
            suggest,
          });
        }
      }
    }

    /** readOnlyRootFilesystem plus an emptyDir at /tmp, in one edit of the pod spec; none when /tmp is already mounted. */
    function tmpSuggestion(obj: K8sObject, c: Container): SuggestionReport<Messages> | undefined {
      const mounts = getIn(obj.node, [...c.path, 'volumeMounts']);
      if (
        isSeq(mounts) &&
        mounts.items.some((m) => isMap(m) && /^\/tmp\/?$/.test(stringValue(m.get('mountPath', true)) ?? ''))
      )
        return undefined;
      const volume = freeVolumeName(obj, c);
      const specPath = obj.podSpec!.path;
      const rel = c.path.slice(specPath.length) as [string, number];
      const edits: TextEdit[] | undefined = ensureChanged(ctx, obj, specPath, (spec) => {
        const list = spec[rel[0]] as Record<string, unknown>[] | undefined;
        const container = list?.[rel[1]];
        if (!container) return;
        child(container, 'securityContext').readOnlyRootFilesystem = true;
        container.volumeMounts = [...asArray(container.volumeMounts), { name: volume, mountPath: '/tmp' }];
        spec.volumes = [...asArray(spec.volumes), { name: volume, emptyDir: {} }];
      });
      return edits ? { messageId: 'setTrueWithTmp', data: { volume }, edits } : undefined;
    }
  },
});

function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** `tmp`, else `<container>-tmp`, else `tmp-2`…: a name no volume of the pod uses. */
function freeVolumeName(obj: K8sObject, c: Container): string {
  const volumes = getIn(obj.node, [...obj.podSpec!.path, 'volumes']);
  const used = new Set(
    isSeq(volumes)
      ? volumes.items.map((v) => (isMap(v) ? stringValue(v.get('name', true) as Node | undefined) : undefined))
      : [],
  );
  const candidates = ['tmp', `${(c.name ?? 'container').toLowerCase().replace(/[^a-z0-9-]/g, '-')}-tmp`];
  for (let i = 2; ; i++) {
    const name = candidates.shift() ?? `tmp-${i}`;
    if (!used.has(name)) return name;
  }
}
