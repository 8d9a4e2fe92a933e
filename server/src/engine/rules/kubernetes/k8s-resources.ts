import type { Node } from 'yaml';
import { getIn } from '../../models/kubernetes';
import { containerName } from '../../facts/pss';
import { scheduledContainers } from '../../facts/workloads';
import { child, ensureChanged } from '../../edit/fixEdits';
import { isBlank } from '../../models/yamlValues';
import { defineKubernetesRule } from '../rule';

type Messages = 'missing' | 'addPlaceholders';

/** What is checked, where Kubernetes takes a default from, and the placeholder a suggestion writes. */
const NEEDS = [
  { label: 'cpu request', path: ['requests', 'cpu'], fallback: ['limits', 'cpu'], placeholder: '100m' },
  { label: 'memory request', path: ['requests', 'memory'], fallback: ['limits', 'memory'], placeholder: '128Mi' },
  { label: 'memory limit', path: ['limits', 'memory'], placeholder: '128Mi' },
] as const;

export default defineKubernetesRule<Messages>({
  meta: {
    id: 'k8s-resources',
    target: 'kubernetes',
    title: 'Containers should set CPU and memory requests and a memory limit',
    practice: 'resource-limits',
    severity: 'warning',
    fix: 'suggestion',
    peers: {
      checkov: ['CKV_K8S_10', 'CKV_K8S_12', 'CKV_K8S_13'],
      trivy: ['KSV-0015', 'KSV-0016', 'KSV-0018'],
      kubeLinter: ['unset-cpu-requirements', 'unset-memory-requirements'],
      polaris: ['cpuRequestsMissing', 'memoryRequestsMissing', 'memoryLimitsMissing'],
      kubeScore: ['container-resources'],
    },
    messages: {
      missing:
        'Container "{{container}}" sets no {{missing}}; set resources so the scheduler can place it and a memory leak cannot starve its node',
      addPlaceholders: 'Add {{missing}} with placeholder values to size',
    },
    docs: {
      rationale:
        'Without requests the scheduler places a pod as if it used nothing, so nodes get overcommitted and the pod is the first to be evicted under pressure (BestEffort); without a memory limit one leaking container can push its node into out-of-memory kills of its neighbours. One finding per container lists everything missing, instead of one per resource as Checkov, Trivy and Polaris report, and the rule is on by default for cpu request, memory request and memory limit. A CPU limit throttles a container even when the node is idle, so opinions differ; it is the separate, opt-in rule `k8s-cpu-limits`. As Kubernetes does, a request that is not set defaults to the limit, so a container with only limits is not reported for requests; a pod-level `spec.resources` (PodLevelResources) counts for every container. Init containers are checked (the scheduler counts them); ephemeral containers cannot set resources. The suggestion writes placeholder values (100m CPU, 128Mi memory) that must be sized from measurements; it is never a safe fix. Namespaces with a LimitRange that sets defaults may turn this rule off.',
      references: [
        'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
        'https://kubernetes.io/docs/concepts/workloads/pods/pod-qos/',
      ],
    },
  },
  check(ctx) {
    for (const obj of ctx.kubernetes.objects) {
      if (!obj.podSpec) continue;
      // The pod's and each container's `resources` looked up once (the pod spec and container nodes are those at
      // their paths), not again from the object root for every field: this rule was the costliest in profiles.
      const podResources = getIn(obj.podSpec.node, ['resources']);
      for (const c of scheduledContainers(obj)) {
        const resources = [...c.path, 'resources'];
        const own = getIn(c.node, ['resources']);
        const bases = [podResources, own];
        let missing = NEEDS.filter((n) => !isSetIn(bases, n.path) && !('fallback' in n && isSetIn(bases, n.fallback)));
        // A kustomize patch only says what it changes: a value it blanks out, not one it leaves out.
        const blanked = missing.filter((n) => getIn(own, n.path) !== undefined);
        if (obj.partial) missing = blanked;
        if (missing.length === 0) continue;
        const at = ctx.at(obj, [...resources, ...missing[0].path]);
        const list = missing.map((n) => n.label).join(', ');
        const edits = ensureChanged(ctx, obj, c.path, (container) => {
          const res = child(container, 'resources');
          for (const n of missing) {
            const [section, key] = n.path;
            // A memory limit below an existing request would be rejected: start the limit at the request.
            const requests = res.requests as Record<string, unknown> | undefined;
            const request =
              section === 'limits' && requests && typeof requests === 'object' ? requests[key] : undefined;
            child(res, section)[key] =
              typeof request === 'string' || typeof request === 'number' ? request : n.placeholder;
          }
        });
        ctx.report({
          start: at.start,
          end: at.end,
          messageId: 'missing',
          data: { container: containerName(c), missing: list },
          suggest: edits ? [{ messageId: 'addPlaceholders', data: { missing: list }, edits }] : undefined,
          absent: blanked.length === 0,
        });
      }
    }
  },
});

/** Whether `path` (never empty) holds a value below any of the `resources` mappings. */
function isSetIn(bases: (Node | undefined)[], path: readonly string[]): boolean {
  return bases.some((b) => !isBlank(getIn(b, path)));
}
