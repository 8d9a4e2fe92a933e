import { defineKubernetesRule } from '../rule';
import { grants, reportGrants, roleObjects, type Permission } from './rbac/model';
import { listText, roleData } from './rbac/text';

type Messages = 'createWorkloads' | 'updatePods';

const VERBS = ['create', 'update', 'patch'];

/** Pods and the controllers that create them, each in the API groups that serve it. */
const WORKLOADS: Permission[] = [
  { groups: [''], resources: ['pods', 'replicationcontrollers'], verbs: VERBS },
  {
    groups: ['apps', 'extensions'],
    resources: ['deployments', 'daemonsets', 'statefulsets', 'replicasets'],
    verbs: VERBS,
  },
  { groups: ['batch'], resources: ['jobs', 'cronjobs'], verbs: VERBS },
];

export default defineKubernetesRule<Messages>({
  meta: {
    id: 'k8s-rbac-workload-creation',
    target: 'kubernetes',
    title: 'Roles should not create or change pods and workload controllers',
    practice: 'least-privilege',
    severity: 'warning',
    fix: 'none',
    peers: { kubeLinter: ['access-to-create-pods'], trivy: ['KSV-0048'] },
    messages: {
      createWorkloads:
        '{{kind}} "{{name}}" rule {{rule}} allows {{verbs}} on {{resource}} {{scope}}: whoever holds it runs any image there under any service account of the namespace, with that account\'s rights and every Secret and ConfigMap it can mount; keep this to the controllers and deployers that need it',
      updatePods:
        '{{kind}} "{{name}}" rule {{rule}} allows {{verbs}} on pods {{scope}}: whoever holds it can replace the image of a running pod and run its own code with the pod\'s service account and mounts; keep this to controllers that need it',
    },
    docs: {
      rationale:
        'Creating a pod is running code with everything the pod can be given: any service account of the namespace (and so its RBAC rights), any Secret or ConfigMap of the namespace as a volume or variable, and, where Pod Security admission does not stop it, host paths and privileges that lead to the node. A Deployment, DaemonSet, StatefulSet, ReplicaSet, ReplicationController, Job or CronJob creates pods for whoever may create or edit it, so write access to these controllers is the same right. A rule is reported when it allows `create`, `update`, `patch` or `*` on `pods` or `replicationcontrollers` in the core group, on `deployments`, `daemonsets`, `statefulsets` or `replicasets` in `apps` (or the old `extensions`), or on `jobs` or `cronjobs` in `batch`; a resource named in another group (`deployments` in the core group) grants nothing and is not reported. `resourceNames` do not help: `create` cannot be restricted by name, and updating a named Deployment still changes what it runs. Updating a pod can only change a few fields, but the container image is one of them. `resources: ["*"]` is reported by `k8s-rbac-wildcard`. Deployers (Argo CD, Flux, CI service accounts) and workload operators need this; bind them to it, not the applications.',
      references: [
        'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#workload-creation',
        'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#privilege-escalation-prevention-and-bootstrapping',
      ],
    },
  },
  check(ctx) {
    for (const role of roleObjects(ctx)) {
      const found = grants(role.rules, WORKLOADS);
      reportGrants(
        ctx,
        role,
        found,
        (g) =>
          g.resource.value === 'pods' && !g.verbs.some((v) => v === 'create' || v === '*')
            ? 'updatePods'
            : 'createWorkloads',
        (g) => ({ ...roleData(role, g.rule.index), verbs: listText(g.verbs), resource: g.resource.value }),
      );
    }
  },
});
