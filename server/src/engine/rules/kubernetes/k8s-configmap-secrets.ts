import { isMap, isScalar, type Node } from 'yaml';
import { getIn } from '../../models/kubernetes';
import { holdsSecret, looksLikeSecretValue } from '../../facts/secrets';
import { defineKubernetesRule } from '../rule';

type Messages = 'secretValue' | 'secretInFile';

/** Values that refer to a secret kept elsewhere: `${DB_PASSWORD}`, `$(TOKEN)`, Helm or Jinja templates, `%(ENV)s`. */
const REFERENCE = /\$\{[^}]*\}|\$\([^)]*\)|\{\{|%\([A-Za-z_]\w*\)s|^\$[A-Za-z_]\w*$/;
/** `name = value`, `name: value`, `export NAME="value"` lines of a configuration file. */
const ENTRY = /^\s*(?:export\s+)?["']?([A-Za-z_][\w.-]*)["']?\s*[:=]\s*(.*?)\s*[,;]?\s*$/;

export default defineKubernetesRule<Messages>({
  meta: {
    id: 'k8s-configmap-secrets',
    target: 'kubernetes',
    title: 'ConfigMaps must not hold secrets',
    practice: 'least-privilege',
    severity: 'warning',
    fix: 'none',
    peers: { trivy: ['KSV-0109'] },
    messages: {
      secretValue:
        'ConfigMap "{{name}}" key {{key}} holds a secret: ConfigMaps are not access-controlled like Secrets (read by many roles, shown in dashboards and logs, never encrypted at rest); move it to a Secret',
      secretInFile:
        'ConfigMap "{{name}}" key {{key}} contains a secret ({{entry}}): ConfigMaps are not access-controlled like Secrets (read by many roles, shown in dashboards and logs, never encrypted at rest); move it to a Secret and mount both',
    },
    docs: {
      rationale:
        "Roles that read configuration (`view`, monitoring agents, CI) read ConfigMaps, dashboards show them, and encryption at rest usually covers only Secrets: a credential in a ConfigMap is visible to far more identities than the same value in a Secret. A `data` key is reported when its name says it holds a credential and its value is a literal (the detector of `k8s-env-secret-literal`: `DB_PASSWORD`, `api_key`, not `password_file` or `token_ttl`), or when its value is recognisably a credential whatever the name (a private key, a well-known token format, a URL with a password). Multi-line values (configuration files) are read line by line as `name = value` or `name: value` entries, and the finding is on the line. Values that refer to a variable or template (`${DB_PASSWORD}`, `$(TOKEN)`, `{{ .Values.x }}`) are not reported. Trivy's KSV-01010, which reports e-mail addresses and user names, is a different check.",
      references: [
        'https://kubernetes.io/docs/concepts/configuration/configmap/',
        'https://kubernetes.io/docs/concepts/security/secrets-good-practices/',
      ],
    },
  },
  check(ctx) {
    for (const obj of ctx.kubernetes.objects) {
      if (obj.kind !== 'ConfigMap' || obj.apiVersion !== 'v1') continue;
      const data = getIn(obj.node, ['data']);
      if (!isMap(data)) continue;
      data.items.forEach((pair) => {
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        const value = pair.value as Node | null;
        if (key === undefined || !isScalar(value) || typeof value.value !== 'string') return;
        const text = value.value;
        const name = obj.name ?? '';
        if (!text.includes('\n')) {
          if (!REFERENCE.test(text) && holdsSecret(key, text.trim())) {
            const at = ctx.at(obj, ['data', key]);
            ctx.report({ start: at.start, end: at.end, messageId: 'secretValue', data: { name, key } });
          }
          return;
        }
        const line = text.split('\n').find((l) => secretLine(l) !== undefined);
        if (line === undefined) return;
        const entry = secretLine(line)!;
        const at = ctx.at(obj, ['data', key]);
        const inText = line.trim() ? ctx.text.indexOf(line.trim(), at.start) : -1;
        const span = inText >= 0 && inText < at.end ? { start: inText, end: inText + line.trim().length } : at;
        ctx.report({ start: span.start, end: span.end, messageId: 'secretInFile', data: { name, key, entry } });
      });
    }
  },
});

/** What a configuration line holds when it is a secret (`password = …`, `a private key`), else undefined. */
function secretLine(line: string): string | undefined {
  if (REFERENCE.test(line)) return undefined;
  const m = ENTRY.exec(line);
  if (m) {
    const value = m[2].replace(/^["']|["']$/g, '');
    if (value && holdsSecret(m[1], value)) return m[1];
  }
  return looksLikeSecretValue(line) ? 'a credential value' : undefined;
}
