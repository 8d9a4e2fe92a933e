import { isSeq } from 'yaml';
import { getIn, type YamlPath } from '../../models/kubernetes';
import { containerName } from '../../facts/pss';
import { isWindowsPod } from '../../facts/workloads';
import { asFix } from '../../edit/fixEdits';
import { scalarValue } from '../../models/yamlValues';
import { defineKubernetesRule } from '../rule';

/** A GID above the ranges distributions give system groups, matching the UID Harden suggests elsewhere. */
const NON_ROOT_GID = 10001;

export default defineKubernetesRule({
  meta: {
    id: 'k8s-root-group',
    target: 'kubernetes',
    title: 'Pods must not run with the root group',
    practice: 'least-privilege',
    severity: 'warning',
    fix: 'suggestion',
    peers: { kubeLinter: ['run-as-non-root'], trivy: ['KSV-0116'] },
    messages: {
      rootGroup:
        '{{field}}=0: {{owner}} runs with the root group, which can read and write every root-group file (often most of the filesystem and mounted volumes); use a non-zero GID',
      useGid: 'Set {{field}} to {{gid}}',
    },
    docs: {
      rationale:
        'A non-root user in group 0 still owns what the root group may do: files and volumes that are group-writable for root (common in images built for OpenShift, and every volume a `fsGroup: 0` makes root-group owned). kube-linter counts `runAsGroup: 0` as running as root, and Trivy KSV-0116 reports a root primary or supplementary group. Reported: `runAsGroup: 0` on the pod or a container, `fsGroup: 0`, and 0 among `supplementalGroups`. Windows pods are skipped (they have no POSIX groups). Pod Security Standards do not restrict groups, so this rule is not part of the PSS level. The replacement GID (10001) is a suggestion: files the process needs must be readable by that group.',
      references: [
        'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
        'https://docs.kubelinter.io/#/generated/checks?id=run-as-non-root',
      ],
    },
  },
  check(ctx) {
    for (const obj of ctx.kubernetes.objects) {
      const spec = obj.podSpec;
      if (!spec || isWindowsPod(obj)) continue;
      const pod = [...spec.path, 'securityContext'];
      const report = (path: YamlPath, field: string, owner: string, fixable: boolean) => {
        const at = ctx.at(obj, path);
        const edits = fixable ? asFix(ctx.ensure(obj, path, NON_ROOT_GID)) : undefined;
        ctx.report({
          start: at.start,
          end: at.end,
          messageId: 'rootGroup',
          data: { field, owner },
          suggest: edits ? [{ messageId: 'useGid', data: { field, gid: NON_ROOT_GID }, edits }] : undefined,
        });
      };
      const zero = (path: YamlPath) => scalarValue(getIn(obj.node, path)) === 0;
      if (zero([...pod, 'runAsGroup'])) report([...pod, 'runAsGroup'], 'runAsGroup', 'pod', true);
      if (zero([...pod, 'fsGroup'])) report([...pod, 'fsGroup'], 'fsGroup', 'pod', true);
      const groups = getIn(obj.node, [...pod, 'supplementalGroups']);
      if (isSeq(groups))
        groups.items.forEach((_, i) => {
          if (zero([...pod, 'supplementalGroups', i]))
            report([...pod, 'supplementalGroups', i], 'supplementalGroups', 'pod', false);
        });
      for (const c of spec.containers) {
        const path = [...c.path, 'securityContext', 'runAsGroup'];
        if (zero(path)) report(path, 'runAsGroup', `container "${containerName(c)}"`, true);
      }
    }
  },
});
