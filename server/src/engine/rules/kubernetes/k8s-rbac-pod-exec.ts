import { defineKubernetesRule } from '../rule';
import { grants, reportGrants, roleObjects } from './rbac/model';
import { listText, roleData } from './rbac/text';

type Messages = 'exec' | 'attach' | 'portforward' | 'ephemeral';

const BY_SUBRESOURCE: Record<string, Messages> = {
  exec: 'exec',
  attach: 'attach',
  portforward: 'portforward',
  ephemeralcontainers: 'ephemeral',
};

export default defineKubernetesRule<Messages>({
  meta: {
    id: 'k8s-rbac-pod-exec',
    target: 'kubernetes',
    title: 'Roles should not allow exec, attach, port-forward or debug containers into pods',
    practice: 'least-privilege',
    severity: 'warning',
    fix: 'none',
    peers: { trivy: ['KSV-0053', 'KSV-0054'], polaris: ['clusterrolePodExecAttach', 'rolePodExecAttach'] },
    messages: {
      exec: '{{kind}} "{{name}}" rule {{rule}} allows {{verbs}} on {{resource}} {{scope}}: whoever holds it runs commands in any pod there, with its service account token, Secrets and files; use it for break-glass accounts only',
      attach:
        '{{kind}} "{{name}}" rule {{rule}} allows {{verbs}} on {{resource}} {{scope}}: whoever holds it reads and writes the console of any pod there (a shell when the container runs one); use it for break-glass accounts only',
      ephemeral:
        '{{kind}} "{{name}}" rule {{rule}} allows {{verbs}} on {{resource}} {{scope}}: whoever holds it adds a debug container (kubectl debug) with any image to any running pod there, sharing its network, process namespace and service account; use it for break-glass accounts only',
      portforward:
        '{{kind}} "{{name}}" rule {{rule}} allows {{verbs}} on {{resource}} {{scope}}: whoever holds it reaches any port of any pod there from outside, past NetworkPolicies and Services (admin interfaces, databases); use it for break-glass accounts only',
    },
    docs: {
      rationale:
        '`pods/exec` runs a process in a container: the holder gets the container\'s files, environment, mounted Secrets and service account token, so the rights of every pod in scope. `pods/attach` connects to the container\'s main process and its terminal. `pods/portforward` tunnels to any port of a pod, bypassing NetworkPolicies, Services and Ingress authentication. These are requested with `create` (and with `get` by older clients over WebSockets), so a rule is reported when it allows `create`, `get` or `*` on `pods/exec`, `pods/attach`, `pods/portforward` or `*/exec`… in the core group. `update` or `patch` on `pods/ephemeralcontainers` is the same as exec by another door: `kubectl debug` adds a container of any image to a running pod, in its network and (with `--target`) process namespace. Reading logs (`pods/log`) is not reported. `resources: ["*"]` is reported by `k8s-rbac-wildcard`. Human operators sometimes need exec: give it through a separate role bound only to the people or the break-glass account that need it, and suppress the finding there with a reason.',
      references: [
        'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#pods-exec',
        'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-resources',
      ],
    },
  },
  check(ctx) {
    for (const role of roleObjects(ctx)) {
      const found = grants(role.rules, [
        { groups: [''], resources: ['pods/exec', 'pods/attach', 'pods/portforward'], verbs: ['create', 'get'] },
        { groups: [''], resources: ['pods/ephemeralcontainers'], verbs: ['update', 'patch'] },
      ]);
      reportGrants(
        ctx,
        role,
        found,
        (g) => BY_SUBRESOURCE[g.resource.value.slice(g.resource.value.indexOf('/') + 1)],
        (g) => ({ ...roleData(role, g.rule.index), verbs: listText(g.verbs), resource: g.resource.value }),
      );
    }
  },
});
