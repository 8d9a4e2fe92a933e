import { getIn } from '../../models/kubernetes';
import { containerName } from '../../facts/pss';
import { scheduledContainers } from '../../facts/workloads';
import { child, ensureChanged } from '../../edit/fixEdits';
import { isBlank } from '../../models/yamlValues';
import { defineKubernetesRule } from '../rule';

type Messages = 'missing' | 'addLimit';

const PLACEHOLDER = '500m';

export default defineKubernetesRule<Messages>({
  meta: {
    id: 'k8s-cpu-limits',
    target: 'kubernetes',
    title: 'Containers should set a CPU limit',
    practice: 'resource-limits',
    // Opt-in: a hint until rules can be off by default; teams that want CPU limits set it to warning.
    severity: 'warning',
    optIn: true,
    fix: 'suggestion',
    peers: {
      checkov: ['CKV_K8S_11'],
      trivy: ['KSV-0011'],
      kubeLinter: ['unset-cpu-requirements'],
      polaris: ['cpuLimitsMissing'],
    },
    messages: {
      missing:
        'Container "{{container}}" sets no cpu limit; set resources.limits.cpu if this cluster caps CPU per container',
      addLimit: 'Add a cpu limit of {{value}}',
    },
    docs: {
      rationale:
        "A CPU limit caps how much CPU time a container gets in every scheduling period, so a busy container cannot take CPU its neighbours requested; it is what Checkov CKV_K8S_11, Trivy KSV-0011 and Polaris report. But the kernel throttles a container at its limit even when the node is idle, which adds latency, and CPU requests already share contended CPU fairly; many platform teams therefore set requests only. This rule is opt-in: it is a hint by default and a team that wants CPU limits raises it (`rules: {k8s-cpu-limits: warning}`); cpu requests, memory requests and memory limits are the default-on `k8s-resources`. A pod-level `spec.resources.limits.cpu` counts for every container; ephemeral containers cannot set resources. The suggestion starts the limit at the container's cpu request (a lower limit would be rejected), else at 500m, to be sized from measurements.",
      references: [
        'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#how-pods-with-resource-limits-are-run',
      ],
    },
  },
  check(ctx) {
    for (const obj of ctx.kubernetes.objects) {
      if (!obj.podSpec) continue;
      if (!isBlank(getIn(obj.node, [...obj.podSpec.path, 'resources', 'limits', 'cpu']))) continue;
      for (const c of scheduledContainers(obj)) {
        const path = [...c.path, 'resources', 'limits', 'cpu'];
        if (!isBlank(getIn(obj.node, path))) continue;
        const at = ctx.at(obj, path);
        let value = PLACEHOLDER;
        const edits = ensureChanged(ctx, obj, c.path, (container) => {
          const res = child(container, 'resources');
          const requests = res.requests as Record<string, unknown> | undefined;
          const request = requests && typeof requests === 'object' ? requests.cpu : undefined;
          value = typeof request === 'string' || typeof request === 'number' ? String(request) : PLACEHOLDER;
          child(res, 'limits').cpu = typeof request === 'number' ? request : value;
        });
        ctx.report({
          start: at.start,
          end: at.end,
          messageId: 'missing',
          data: { container: containerName(c) },
          suggest: edits ? [{ messageId: 'addLimit', data: { value }, edits }] : undefined,
          // An explicit null or "" is something a kustomize patch sets; only a left-out key is absent.
          absent: !at.exists,
        });
      }
    }
  },
});
