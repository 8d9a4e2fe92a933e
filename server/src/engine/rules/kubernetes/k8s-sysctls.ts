import { getIn } from '../../models/kubernetes';
import { pssPods } from '../../facts/pss';
import { asFix } from '../../edit/fixEdits';
import { seqItems, stringValue } from '../../models/yamlValues';
import { defineKubernetesRule } from '../rule';

/** The baseline profile's safe sysctls, by the minor version that added them. */
const SAFE_SYSCTLS: [number, string[]][] = [
  [
    0,
    [
      'kernel.shm_rmid_forced',
      'net.ipv4.ip_local_port_range',
      'net.ipv4.tcp_syncookies',
      'net.ipv4.ping_group_range',
      'net.ipv4.ip_unprivileged_port_start',
    ],
  ],
  [27, ['net.ipv4.ip_local_reserved_ports']],
  [
    29,
    [
      'net.ipv4.tcp_keepalive_time',
      'net.ipv4.tcp_fin_timeout',
      'net.ipv4.tcp_keepalive_intvl',
      'net.ipv4.tcp_keepalive_probes',
    ],
  ],
  [32, ['net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem']],
  [37, ['net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat']],
];

const safeSets = new Map<number, Set<string>>();
/** Built once per version, not per pod: this showed in profiles of a manifest with hundreds of pods. */
const safeAt = (minor: number) => {
  let set = safeSets.get(minor);
  if (!set)
    safeSets.set(
      minor,
      (set = new Set(SAFE_SYSCTLS.filter(([since]) => minor >= since).flatMap(([, names]) => names))),
    );
  return set;
};

export default defineKubernetesRule({
  meta: {
    id: 'k8s-sysctls',
    target: 'kubernetes',
    title: 'Pods may set only the safe sysctls',
    practice: 'least-privilege',
    severity: 'warning',
    fix: 'suggestion',
    peers: { pss: ['sysctls'], kubeLinter: ['unsafe-sysctls'], trivy: ['KSV-0026'] },
    messages: {
      forbidden:
        'forbidden sysctls: {{name}} is not in the baseline safe set at v1.{{minor}}; remove it or run the pod in a namespace with the privileged profile',
      removeSysctl: 'Remove sysctl {{name}}',
    },
    docs: {
      rationale:
        'Sysctls outside the namespaced, isolated safe set change kernel behaviour for the whole node or other pods, or disable protections. The baseline profile allows kernel.shm_rmid_forced, net.ipv4.ip_local_port_range, net.ipv4.tcp_syncookies, net.ipv4.ping_group_range and net.ipv4.ip_unprivileged_port_start, plus net.ipv4.ip_local_reserved_ports from v1.27, net.ipv4.tcp_keepalive_time, tcp_fin_timeout, tcp_keepalive_intvl and tcp_keepalive_probes from v1.29, net.ipv4.tcp_rmem and tcp_wmem from v1.32, and net.ipv4.tcp_slow_start_after_idle and tcp_notsent_lowat from v1.37; names are compared exactly. kube-linter flags every net.* sysctl, including the safe ones; we follow Pod Security Admission. Removing the sysctl is a suggestion, since the workload may be tuned for it.',
      references: [
        'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
        'https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/',
      ],
    },
  },
  check(ctx) {
    for (const pod of pssPods(ctx, 'baseline')) {
      const safe = safeAt(pod.policy.minor);
      const listPath = [...pod.spec.path, 'securityContext', 'sysctls'];
      const items = seqItems(getIn(pod.obj.node, listPath));
      for (const { item, index } of items) {
        const name = stringValue(getIn(item, ['name'])) ?? '';
        if (safe.has(name)) continue;
        const at = ctx.at(pod.obj, [...listPath, index, 'name']);
        const edits = asFix(
          items.length === 1 ? ctx.remove(pod.obj, listPath) : ctx.remove(pod.obj, [...listPath, index]),
        );
        ctx.report({
          start: at.start,
          end: at.end,
          messageId: 'forbidden',
          data: { name, minor: pod.policy.minor },
          suggest: edits ? [{ messageId: 'removeSysctl', data: { name }, edits }] : undefined,
        });
      }
    }
  },
});
