import { isMap, isScalar } from 'yaml';
import { getIn } from '../../models/kubernetes';
import { stringValue } from '../../models/yamlValues';
import { defineKubernetesRule } from '../rule';

type Messages = 'inlineData';

/** Values filled in at deploy time: `${DB_PASSWORD}` (envsubst), `$(TOKEN)`, Helm or Jinja templates. */
const PLACEHOLDER = /^\s*(?:\$\{[^}]*\}|\$\([^)]*\)|\{\{.*\}\}|<[^>]*>)\s*$/;

export default defineKubernetesRule<Messages>({
  meta: {
    id: 'k8s-secret-inline-data',
    target: 'kubernetes',
    title: 'Secret values should not be written in manifests',
    practice: 'least-privilege',
    severity: 'info',
    fix: 'none',
    peers: {},
    messages: {
      inlineData:
        'Secret "{{name}}" has its {{field}} written in the manifest ({{count}} key(s)): the values are in Git history and every copy of the file, and base64 is not encryption; create the Secret from a secret store (External Secrets, Sealed Secrets, SOPS) or at deploy time',
    },
    docs: {
      rationale:
        'A Secret protects its values inside the cluster (RBAC, encryption at rest), not in the repository it came from: `data` is only base64, `stringData` is the value itself, and both stay in the Git history, in CI logs and in every clone even after rotation. A Secret of kind `v1` is reported, on `data` or `stringData`, when it holds at least one non-empty value. Empty values and placeholders filled in at deploy time (`password: ""`, `${DB_PASSWORD}` for envsubst, `<token>`) are not reported. Manifests for local development and tests commonly carry throwaway values, hence the info severity: suppress the finding there, or raise the severity in settings for production repositories. Sealed Secrets (`SealedSecret`), External Secrets (`ExternalSecret`) and SOPS-encrypted files keep the value out of the manifest.',
      references: [
        'https://kubernetes.io/docs/concepts/security/secrets-good-practices/',
        'https://kubernetes.io/docs/concepts/configuration/secret/#editing-a-secret',
      ],
    },
  },
  check(ctx) {
    for (const obj of ctx.kubernetes.objects) {
      if (obj.kind !== 'Secret' || obj.apiVersion !== 'v1') continue;
      for (const field of ['data', 'stringData'] as const) {
        const map = getIn(obj.node, [field]);
        if (!isMap(map)) continue;
        const count = map.items.filter(
          (p) =>
            isScalar(p.value) &&
            p.value.value !== null &&
            (stringValue(p.value) ?? '').trim() !== '' &&
            !PLACEHOLDER.test(stringValue(p.value) ?? ''),
        ).length;
        if (!count) continue;
        const at = ctx.at(obj, [field], 'key');
        ctx.report({
          start: at.start,
          end: at.end,
          messageId: 'inlineData',
          data: { name: obj.name ?? '', field, count },
        });
      }
    }
  },
});
