import { defineKubernetesRule } from '../rule';
import { grants, reportGrants, roleObjects } from './rbac/model';
import { listText, roleData } from './rbac/text';

type Messages = 'createVolumes';

export default defineKubernetesRule<Messages>({
  meta: {
    id: 'k8s-rbac-persistent-volumes',
    target: 'kubernetes',
    title: 'ClusterRoles should not create PersistentVolumes',
    practice: 'least-privilege',
    severity: 'warning',
    fix: 'none',
    peers: {},
    messages: {
      createVolumes:
        '{{kind}} "{{name}}" rule {{rule}} allows {{verbs}} on persistentvolumes: whoever holds it creates a hostPath volume on any node path (/, /var/run/containerd) and mounts it through a claim, past Pod Security admission; keep this to storage provisioners',
    },
    docs: {
      rationale:
        "Pod Security admission forbids `hostPath` volumes in pods at the baseline level, but a PersistentVolume may itself be a `hostPath` (or a `local` volume): whoever may create PersistentVolumes creates one on `/` of a node, claims it with a PersistentVolumeClaim (a namespaced right most application roles have) and mounts it in an ordinary-looking pod, with the node's files and container runtime socket in reach. A ClusterRole is reported when it allows `create` or `*` on `persistentvolumes` in the core group; PersistentVolumes are cluster-scoped, so a Role naming them grants nothing. Changing an existing volume (`update`, `patch`) cannot change its source and is not reported. Storage provisioners and CSI drivers create volumes by design: suppress the finding on their ClusterRole with a reason.",
      references: [
        'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#persistent-volume-creation',
        'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath',
      ],
    },
  },
  check(ctx) {
    for (const role of roleObjects(ctx)) {
      if (role.kind !== 'ClusterRole') continue;
      const found = grants(role.rules, { groups: [''], resources: ['persistentvolumes'], verbs: ['create'] });
      reportGrants(ctx, role, found, 'createVolumes', (g) => ({
        ...roleData(role, g.rule.index),
        verbs: listText(g.verbs),
      }));
    }
  },
});
