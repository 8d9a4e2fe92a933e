import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { getIn } from '../../models/kubernetes';
import { defineKubernetesRule } from '../rule';

type Messages = 'loadBalancer' | 'nodePort' | 'externalIp';

/** Annotations that make a cloud load balancer internal (a private address in the VPC), with the values that do. */
const INTERNAL: Record<string, RegExp> = {
  'service.beta.kubernetes.io/aws-load-balancer-internal': /^(?:true|0\.0\.0\.0\/0)$/i,
  'service.beta.kubernetes.io/aws-load-balancer-scheme': /^internal$/i,
  'networking.gke.io/load-balancer-type': /^internal$/i,
  'cloud.google.com/load-balancer-type': /^internal$/i,
  'service.beta.kubernetes.io/azure-load-balancer-internal': /^true$/i,
  'service.beta.kubernetes.io/oci-load-balancer-internal': /^true$/i,
  'service.beta.kubernetes.io/openstack-internal-load-balancer': /^true$/i,
  'service.kubernetes.io/ibm-load-balancer-cloud-provider-ip-type': /^private$/i,
};

function str(n: unknown): string | undefined {
  return isScalar(n) && (typeof n.value === 'string' || typeof n.value === 'number') ? String(n.value) : undefined;
}

export default defineKubernetesRule<Messages>({
  meta: {
    id: 'k8s-service-exposure',
    target: 'kubernetes',
    title: 'Services exposed outside the cluster should be intended',
    practice: 'network-policies',
    severity: 'info',
    fix: 'none',
    peers: { trivy: ['KSV-0108'] },
    messages: {
      loadBalancer:
        'Service "{{name}}" is of type LoadBalancer: port(s) {{ports}} are reachable from outside the cluster, from the internet on most clouds; put it behind an Ingress or gateway, make the load balancer internal, or limit it with loadBalancerSourceRanges',
      nodePort:
        'Service "{{name}}" is of type NodePort: port(s) {{ports}} are open on every node\'s addresses to whoever reaches the nodes; use a ClusterIP Service behind an Ingress or gateway',
      externalIp:
        'Service "{{name}}" sets externalIP {{ip}}: every node accepts traffic for that address and sends it to the Service, and whoever may create Services can capture any address this way (CVE-2020-8554); use a LoadBalancer and deny externalIPs with an admission policy',
    },
    docs: {
      rationale:
        "Most Services are meant for other pods. A `LoadBalancer` Service gets an address outside the cluster (a public one on most clouds, unless annotated internal), a `NodePort` Service opens its port on every node, and `externalIPs` make every node answer for an address: each is a way in that skips the Ingress, its TLS and its authentication. Many are intended (the ingress controller's own Service), so the rule reports at info severity; raise it in settings where every exposure must be reviewed. A LoadBalancer with a cloud annotation that makes it internal, or with `loadBalancerSourceRanges` that do not include `0.0.0.0/0`, is not reported. `externalIPs` are reported on each address: besides the exposure, they let anyone who may create a Service intercept traffic for any address (CVE-2020-8554), which is why Trivy's KSV-0108 flags them.",
      references: [
        'https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types',
        'https://kubernetes.io/docs/concepts/services-networking/service/#external-ips',
        'https://github.com/kubernetes/kubernetes/issues/97076',
      ],
    },
  },
  check(ctx) {
    for (const obj of ctx.kubernetes.objects) {
      if (obj.kind !== 'Service' || obj.apiVersion !== 'v1') continue;
      const name = obj.name ?? '';
      const type = str(getIn(obj.node, ['spec', 'type']));
      const ports = getIn(obj.node, ['spec', 'ports']);
      const portText = (field: 'port' | 'nodePort') => {
        const list = isSeq(ports)
          ? ports.items
              .map((p) =>
                isMap(p)
                  ? (str(p.get(field, true) as Node | undefined) ??
                    (field === 'nodePort' ? 'a random port' : undefined))
                  : undefined,
              )
              .filter((p): p is string => !!p)
          : [];
        return list.length ? [...new Set(list)].join(', ') : 'none listed';
      };
      if (
        type === 'LoadBalancer' &&
        !internal(obj.annotations) &&
        !restricted(getIn(obj.node, ['spec', 'loadBalancerSourceRanges']))
      ) {
        const at = ctx.at(obj, ['spec', 'type']);
        ctx.report({
          start: at.start,
          end: at.end,
          messageId: 'loadBalancer',
          data: { name, ports: portText('port') },
        });
      } else if (type === 'NodePort') {
        const at = ctx.at(obj, ['spec', 'type']);
        ctx.report({
          start: at.start,
          end: at.end,
          messageId: 'nodePort',
          data: { name, ports: portText('nodePort') },
        });
      }
      const ips = getIn(obj.node, ['spec', 'externalIPs']);
      if (!isSeq(ips)) continue;
      ips.items.forEach((ip, i) => {
        const value = str(ip);
        if (!value) return;
        const at = ctx.at(obj, ['spec', 'externalIPs', i]);
        ctx.report({ start: at.start, end: at.end, messageId: 'externalIp', data: { name, ip: value } });
      });
    }
  },
});

function internal(annotations: Record<string, string>): boolean {
  return Object.entries(INTERNAL).some(
    ([key, re]) => annotations[key] !== undefined && re.test(annotations[key].trim()),
  );
}

/** Source ranges that keep the world out: some given, none of them everything. */
function restricted(n: Node | undefined): boolean {
  if (!isSeq(n) || n.items.length === 0) return false;
  return n.items.every((r) => {
    const v = str(r)?.trim();
    return !!v && v !== '0.0.0.0/0' && v !== '::/0';
  });
}
