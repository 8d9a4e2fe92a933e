import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { getIn } from '../../models/kubernetes';
import { containerName } from '../../facts/pss';
import { asFix } from '../../edit/fixEdits';
import { isUnset, stringValue } from '../../models/yamlValues';
import { holdsSecret } from '../../facts/secrets';
import { defineKubernetesRule } from '../rule';

type Messages = 'literalSecret' | 'useSecretKeyRef';

export default defineKubernetesRule<Messages>({
  meta: {
    id: 'k8s-env-secret-literal',
    target: 'kubernetes',
    title: 'Environment variables must not hold literal secrets',
    practice: 'least-privilege',
    severity: 'warning',
    fix: 'suggestion',
    peers: { kubeLinter: ['env-var-secret'] },
    messages: {
      literalSecret:
        'Environment variable {{name}} of container "{{container}}" holds a literal secret; store it in a Secret and reference it with valueFrom.secretKeyRef',
      useSecretKeyRef: 'Read {{name}} from key {{key}} of Secret "{{secret}}" (create that Secret first)',
    },
    docs: {
      rationale:
        'A secret written into a manifest is in the Git history, in every rendered copy and in the object anyone with read access to the workload can get; a Secret can be access-controlled, encrypted at rest and rotated without editing the workload. A variable is reported when its name says it holds a credential (PASSWORD, SECRET, TOKEN, API_KEY, ACCESS_KEY…) and its value is a literal, or whatever its name when the value is recognisably a credential (a private key, a well-known token format, a URL with a password), with the same detector as the Dockerfile rule `secret-in-arg-or-env`: names about a secret (`*_FILE`, `*_PATH`, `*_URL`), switches (`ALLOW_EMPTY_PASSWORD`), booleans, paths and empty values are not reported, nor values that refer to other variables (`$(NAME)`, or `${NAME}` for envsubst). Values from `valueFrom` are never reported. Checkov CKV_K8S_35 is a different check (it prefers Secrets mounted as files over `secretKeyRef` variables) and is not a peer. The suggestion replaces the value by a `secretKeyRef` to a Secret named after the workload, which must be created with the value before the change is applied.',
      references: [
        'https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-environment-variables',
        'https://kubernetes.io/docs/concepts/security/secrets-good-practices/',
      ],
    },
  },
  check(ctx) {
    for (const obj of ctx.kubernetes.objects) {
      for (const c of obj.podSpec?.containers ?? []) {
        const env = getIn(obj.node, [...c.path, 'env']);
        if (!isSeq(env)) continue;
        env.items.forEach((item, i) => {
          if (!isMap(item)) return;
          const name = stringValue(item.get('name', true));
          const valueNode = item.get('value', true) as Node | undefined;
          if (!name || !isScalar(valueNode) || !isUnset(item.get('valueFrom', true))) return;
          const value = stringValue(valueNode);
          if (value === undefined || /\$(?:\([A-Za-z_]\w*\)|\{[A-Za-z_]\w*\})/.test(value) || !holdsSecret(name, value))
            return;
          const at = ctx.at(obj, [...c.path, 'env', i, 'value']);
          const secret = `${(obj.name ?? 'app').toLowerCase()}-env`;
          const key = /^[-._a-zA-Z0-9]+$/.test(name) ? name : 'value';
          const edits = asFix(
            ctx.ensure(obj, [...c.path, 'env', i], { name, valueFrom: { secretKeyRef: { name: secret, key } } }),
          );
          ctx.report({
            start: at.start,
            end: at.end,
            messageId: 'literalSecret',
            data: { name, container: containerName(c) },
            suggest:
              edits && !keysBesides(item)
                ? [{ messageId: 'useSecretKeyRef', data: { name, key, secret }, edits }]
                : undefined,
          });
        });
      }
    }
  },
});

/** An env item with keys other than name and value would lose them to the replacement. */
function keysBesides(item: { items: { key: unknown }[] }): boolean {
  return item.items.some((p) => !isScalar(p.key) || !['name', 'value', 'valueFrom'].includes(String(p.key.value)));
}
