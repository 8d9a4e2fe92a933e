import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { resolveSettings } from '../../server/src/engine/base/config';
import { parseKubernetes } from '../../server/src/engine/models/kubernetes';
import { parsePssVersion } from '../../server/src/engine/facts/pss';
import { rules } from '../../server/src/engine/rules';
import { lint } from '../../server/src/engine/runner/runner';
import type { PssLevel } from '../../server/src/engine/base/types';
import { summarize, Workspace } from '../../server/src/engine/facts/workspace';

// Written from the Pod Security Standards tables of issue 4: each check at the versions where its behaviour changes.
const PSS_RULES = rules.filter((r) => r.meta.target === 'kubernetes' && r.meta.peers.pss?.length);

/** `ruleId:messageId` of every PSS finding for `text` at that level and version. */
function check(text: string, level: PssLevel, version: string, otherFiles: Record<string, string> = {}): string[] {
  const ws = new Workspace();
  for (const [uri, t] of Object.entries(otherFiles)) ws.set(uri, summarize(uri, parseKubernetes(t)));
  const errors: unknown[] = [];
  const settings = resolveSettings({ pss: { level, version } });
  const { findings } = lint({ uri: 'pod.yaml', text }, settings, {
    rules: PSS_RULES,
    workspace: ws,
    onRuleError: (_id, e) => errors.push(e),
  });
  assert.deepEqual(errors, []);
  return findings.map((f) => `${f.ruleId}:${f.messageId}`);
}

/** A Pod manifest from its spec lines (indented by two spaces below `spec:`). */
const pod = (spec: string, metadata = '{name: p}') =>
  `apiVersion: v1\nkind: Pod\nmetadata: ${metadata}\nspec:\n${spec.replace(/^/gm, '  ')}\n`;

/** A pod that passes restricted at every version. */
const RESTRICTED_OK = `securityContext:
  runAsNonRoot: true
  runAsUser: 10001
  seccompProfile: {type: RuntimeDefault}
  sysctls: [{name: net.ipv4.ip_unprivileged_port_start, value: "0"}]
initContainers:
  - name: init
    securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
containers:
  - name: app
    securityContext:
      allowPrivilegeEscalation: false
      capabilities: {drop: [ALL], add: [NET_BIND_SERVICE]}
      seLinuxOptions: {type: container_t}
      appArmorProfile: {type: RuntimeDefault}
    ports: [{containerPort: 8080}]
    livenessProbe: {httpGet: {path: /healthz, port: 8080}}
volumes:
  - {name: data, persistentVolumeClaim: {claimName: data}}
  - {name: tmp, emptyDir: {}}`;

const ALL_VERSIONS = Array.from({ length: 15 }, (_, i) => `v1.${23 + i}`);

interface Row {
  check: string;
  level: PssLevel;
  spec: string;
  /** Version → expected findings (`ruleId:messageId`), in document order. */
  at: Record<string, string[]>;
}

const ROWS: Row[] = [
  {
    check: 'hostNamespaces',
    level: 'baseline',
    spec: 'hostNetwork: true\nhostIPC: false\ncontainers: [{name: a}]',
    at: { 'v1.23': ['k8s-host-namespaces:hostNamespace'], latest: ['k8s-host-namespaces:hostNamespace'] },
  },
  {
    check: 'privileged',
    level: 'baseline',
    spec: 'containers: [{name: a, securityContext: {privileged: true}}]',
    at: { 'v1.23': ['k8s-privileged-container:privileged'], 'v1.37': ['k8s-privileged-container:privileged'] },
  },
  {
    check: 'capabilities_baseline',
    level: 'baseline',
    spec: 'containers: [{name: a, securityContext: {capabilities: {add: [CHOWN, SYS_ADMIN]}}}]',
    at: { 'v1.23': ['k8s-capabilities:addBaseline'], latest: ['k8s-capabilities:addBaseline'] },
  },
  {
    check: 'hostPathVolumes',
    level: 'baseline',
    spec: 'containers: [{name: a}]\nvolumes: [{name: h, hostPath: {path: /etc}}]',
    at: { 'v1.23': ['k8s-host-path-volumes:hostPath'], latest: ['k8s-host-path-volumes:hostPath'] },
  },
  {
    check: 'hostPorts',
    level: 'baseline',
    spec: 'containers: [{name: a, ports: [{containerPort: 80, hostPort: 8080}, {containerPort: 81, hostPort: 0}]}]',
    at: { latest: ['k8s-host-ports:hostPort'] },
  },
  {
    check: 'appArmorProfile',
    level: 'baseline',
    spec: 'securityContext: {appArmorProfile: {type: Unconfined}}\ncontainers: [{name: a, securityContext: {appArmorProfile: {type: Localhost, localhostProfile: p}}}]',
    at: { 'v1.23': ['k8s-apparmor-profile:forbiddenType'], latest: ['k8s-apparmor-profile:forbiddenType'] },
  },
  {
    check: 'seLinuxOptions: container_engine_t from v1.31',
    level: 'baseline',
    spec: 'containers: [{name: a, securityContext: {seLinuxOptions: {type: container_engine_t}}}]',
    at: { 'v1.30': ['k8s-selinux-options:forbiddenType'], 'v1.31': [] },
  },
  {
    check: 'seLinuxOptions: user and role',
    level: 'baseline',
    spec: 'securityContext: {seLinuxOptions: {user: u, role: r}}\ncontainers: [{name: a}]',
    at: { 'v1.23': ['k8s-selinux-options:forbiddenField', 'k8s-selinux-options:forbiddenField'] },
  },
  {
    check: 'procMount: baseline relaxed for user namespaces from v1.35',
    level: 'baseline',
    spec: 'hostUsers: false\ncontainers: [{name: a, securityContext: {procMount: Unmasked}}]',
    at: { 'v1.34': ['k8s-proc-mount:procMount'], 'v1.35': [] },
  },
  {
    check: 'procMount: not relaxed without hostUsers: false',
    level: 'baseline',
    spec: 'containers: [{name: a, securityContext: {procMount: Unmasked}}]',
    at: { 'v1.35': ['k8s-proc-mount:procMount'] },
  },
  {
    check: 'procMount_restricted: no relaxation',
    level: 'restricted',
    spec: `${RESTRICTED_OK}\nhostUsers: false\nephemeralContainers: [{name: e, securityContext: {procMount: Unmasked, allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}}]`,
    at: { 'v1.34': ['k8s-proc-mount:procMount'], 'v1.35': ['k8s-proc-mount:procMount'] },
  },
  {
    check: 'seccompProfile_baseline',
    level: 'baseline',
    spec: 'containers: [{name: a, securityContext: {seccompProfile: {type: Unconfined}}}, {name: b}]',
    at: { 'v1.23': ['k8s-seccomp-profile:forbiddenType'], latest: ['k8s-seccomp-profile:forbiddenType'] },
  },
  {
    check: 'sysctls: v1.27 ip_local_reserved_ports',
    level: 'baseline',
    spec: 'securityContext: {sysctls: [{name: net.ipv4.ip_local_reserved_ports, value: "8080"}]}\ncontainers: [{name: a}]',
    at: { 'v1.26': ['k8s-sysctls:forbidden'], 'v1.27': [] },
  },
  {
    check: 'sysctls: v1.29 keepalive',
    level: 'baseline',
    spec: 'securityContext: {sysctls: [{name: net.ipv4.tcp_keepalive_probes, value: "3"}, {name: net.ipv4.tcp_fin_timeout, value: "30"}]}\ncontainers: [{name: a}]',
    at: { 'v1.28': ['k8s-sysctls:forbidden', 'k8s-sysctls:forbidden'], 'v1.29': [] },
  },
  {
    check: 'sysctls: v1.32 tcp_rmem/tcp_wmem',
    level: 'baseline',
    spec: 'securityContext: {sysctls: [{name: net.ipv4.tcp_wmem, value: "4096 16384 4194304"}]}\ncontainers: [{name: a}]',
    at: { 'v1.31': ['k8s-sysctls:forbidden'], 'v1.32': [] },
  },
  {
    check: 'sysctls: v1.37 additions',
    level: 'baseline',
    spec: 'securityContext: {sysctls: [{name: net.ipv4.tcp_slow_start_after_idle, value: "0"}]}\ncontainers: [{name: a}]',
    at: { 'v1.36': ['k8s-sysctls:forbidden'], 'v1.37': [], latest: [] },
  },
  {
    check: 'sysctls: never safe',
    level: 'baseline',
    spec: 'securityContext: {sysctls: [{name: kernel.msgmax, value: "65536"}]}\ncontainers: [{name: a}]',
    at: { 'v1.23': ['k8s-sysctls:forbidden'], latest: ['k8s-sysctls:forbidden'] },
  },
  {
    check: 'windowsHostProcess',
    level: 'baseline',
    spec: 'containers: [{name: a, securityContext: {windowsOptions: {hostProcess: true}}}]',
    at: { 'v1.23': ['k8s-windows-host-process:hostProcess'], latest: ['k8s-windows-host-process:hostProcess'] },
  },
  {
    check: 'hostProbesAndHostLifecycle from v1.34',
    level: 'baseline',
    spec: 'containers: [{name: a, livenessProbe: {tcpSocket: {host: 10.0.0.1, port: 22}}}]',
    at: { 'v1.33': [], 'v1.34': ['k8s-host-probes-and-lifecycle:host'] },
  },
  {
    check: 'restrictedVolumes',
    level: 'restricted',
    spec: `${RESTRICTED_OK}\n  - {name: share, nfs: {server: nas, path: /}}`,
    at: { 'v1.23': ['k8s-restricted-volume-types:restricted'], latest: ['k8s-restricted-volume-types:restricted'] },
  },
  {
    check: 'restrictedVolumes replaces hostPathVolumes: one finding per volume',
    level: 'restricted',
    spec: `${RESTRICTED_OK}\n  - {name: h, hostPath: {path: /}}`,
    at: { latest: ['k8s-host-path-volumes:hostPath'] },
  },
  {
    check: 'allowPrivilegeEscalation: Windows exempt from v1.25',
    level: 'restricted',
    spec: 'os: {name: windows}\nsecurityContext: {runAsNonRoot: true}\ncontainers: [{name: a}]',
    at: {
      'v1.24': ['k8s-seccomp-profile:missingPod', 'k8s-allow-privilege-escalation:missing', 'k8s-capabilities:dropAll'],
      'v1.25': [],
    },
  },
  {
    check: 'runAsNonRoot: relaxed for user namespaces from v1.35',
    level: 'restricted',
    spec: `${RESTRICTED_OK.replace('  runAsNonRoot: true\n', '')}\nhostUsers: false`,
    at: { 'v1.34': ['k8s-run-as-non-root:missingPod'], 'v1.35': [] },
  },
  {
    check: 'runAsNonRoot: explicit false on a container',
    level: 'restricted',
    spec: `${RESTRICTED_OK}\nephemeralContainers: [{name: b, securityContext: {runAsNonRoot: false, allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}}]`,
    at: { latest: ['k8s-run-as-non-root:notTrue'] },
  },
  {
    check: 'runAsUser: relaxed for user namespaces from v1.35',
    level: 'restricted',
    spec: `${RESTRICTED_OK.replace('runAsUser: 10001', 'runAsUser: 0')}\nhostUsers: false`,
    at: { 'v1.34': ['k8s-run-as-user:root'], 'v1.35': [] },
  },
  {
    check: 'runAsUser: checked from v1.23',
    level: 'restricted',
    spec: RESTRICTED_OK.replace('runAsUser: 10001', 'runAsUser: 0'),
    at: { 'v1.23': ['k8s-run-as-user:root'], latest: ['k8s-run-as-user:root'] },
  },
  {
    check: 'seccompProfile_restricted replaces the baseline check; Windows exempt from v1.25',
    level: 'restricted',
    spec: `${RESTRICTED_OK.replace('seccompProfile: {type: RuntimeDefault}', 'seccompProfile: {type: Unconfined}')}\nos: {name: windows}`,
    at: { 'v1.24': ['k8s-seccomp-profile:forbiddenType'], 'v1.25': [] },
  },
  {
    check: 'capabilities_restricted replaces capabilities_baseline; Windows exempt from v1.25',
    level: 'restricted',
    spec: `${RESTRICTED_OK.replace('add: [NET_BIND_SERVICE]', 'add: [SYS_ADMIN]')}\nos: {name: windows}`,
    at: { 'v1.24': ['k8s-capabilities:addRestricted'], 'v1.25': [] },
  },
];

describe('Pod Security Standards by version', () => {
  for (const row of ROWS) {
    for (const [version, expected] of Object.entries(row.at)) {
      test(`${row.check} at ${row.level} ${version}`, () => {
        assert.deepEqual(check(pod(row.spec), row.level, version), expected);
      });
    }
  }

  test('a restricted-compliant pod has no finding at any level and version', () => {
    for (const version of ALL_VERSIONS)
      for (const level of ['baseline', 'restricted'] as const)
        assert.deepEqual(check(pod(RESTRICTED_OK), level, version), [], `${level} ${version}`);
  });

  test('restricted checks report nothing at baseline', () => {
    const bare = pod(
      'securityContext: {runAsUser: 0}\ncontainers: [{name: a}]\nvolumes: [{name: n, nfs: {server: s, path: /}}]',
    );
    for (const version of ALL_VERSIONS) assert.deepEqual(check(bare, 'baseline', version), [], version);
    assert.deepEqual(check(bare, 'restricted', 'latest').sort(), [
      'k8s-allow-privilege-escalation:missing',
      'k8s-capabilities:dropAll',
      'k8s-restricted-volume-types:restricted',
      'k8s-run-as-non-root:missingPod',
      'k8s-run-as-user:root',
      'k8s-seccomp-profile:missingPod',
    ]);
  });
});

describe('Namespace labels override the settings', () => {
  const ns = (labels: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: apps\n  labels: {${labels}}\n`;
  const inApps = (spec: string) => pod(spec, '{name: p, namespace: apps}');
  const engine = inApps('containers: [{name: a, securityContext: {seLinuxOptions: {type: container_engine_t}}}]');
  const root = inApps(RESTRICTED_OK.replace('runAsUser: 10001', 'runAsUser: 0'));

  test('enforce level and version both from labels', () => {
    const labels = {
      'ns.yaml': ns(
        'pod-security.kubernetes.io/enforce: restricted, pod-security.kubernetes.io/enforce-version: v1.22',
      ),
    };
    // runAsUser is checked from v1.23 only; the rest of restricted applies.
    assert.deepEqual(check(root, 'baseline', 'latest', labels), []);
    assert.deepEqual(check(inApps('containers: [{name: a}]'), 'baseline', 'latest', labels).sort(), [
      'k8s-allow-privilege-escalation:missing',
      'k8s-capabilities:dropAll',
      'k8s-run-as-non-root:missingPod',
      'k8s-seccomp-profile:missingPod',
    ]);
  });

  test('a level label without a version label means latest, not the configured version', () => {
    assert.deepEqual(check(engine, 'baseline', 'v1.30'), ['k8s-selinux-options:forbiddenType']);
    assert.deepEqual(
      check(engine, 'baseline', 'v1.30', { 'ns.yaml': ns('pod-security.kubernetes.io/enforce: baseline') }),
      [],
    );
  });

  test('a version label alone keeps the configured level', () => {
    const labels = { 'ns.yaml': ns('pod-security.kubernetes.io/enforce-version: v1.30') };
    assert.deepEqual(check(engine, 'baseline', 'latest', labels), ['k8s-selinux-options:forbiddenType']);
    assert.deepEqual(check(root, 'restricted', 'latest', labels), ['k8s-run-as-user:root']);
    assert.deepEqual(check(root, 'baseline', 'latest', labels), []);
  });

  test('privileged turns every check off', () => {
    const labels = { 'ns.yaml': ns('pod-security.kubernetes.io/enforce: privileged') };
    assert.deepEqual(
      check(
        inApps('hostPID: true\ncontainers: [{name: a, securityContext: {privileged: true}}]'),
        'restricted',
        'latest',
        labels,
      ),
      [],
    );
  });

  test('an invalid level means restricted and an invalid version latest, as Pod Security Admission decides', () => {
    const labels = {
      'ns.yaml': ns('pod-security.kubernetes.io/enforce: strict, pod-security.kubernetes.io/enforce-version: "1.30"'),
    };
    assert.deepEqual(check(root, 'baseline', 'v1.30', labels), ['k8s-run-as-user:root']);
    assert.deepEqual(
      check(engine, 'baseline', 'v1.30', labels).filter((f) => f.startsWith('k8s-selinux')),
      [],
    );
  });

  test('objects without a namespace are in "default"; other namespaces are not affected', () => {
    const labels = {
      'ns.yaml': `${ns('pod-security.kubernetes.io/enforce: privileged')}---\n${ns('pod-security.kubernetes.io/enforce: restricted').replace('name: apps', 'name: default')}`,
    };
    assert.deepEqual(check(pod('containers: [{name: a}]'), 'baseline', 'latest', labels).length, 4);
    assert.deepEqual(check(inApps('hostPID: true\ncontainers: [{name: a}]'), 'baseline', 'latest', labels), []);
  });

  test('the Namespace may be in the same file', () => {
    assert.deepEqual(
      check(
        `${ns('pod-security.kubernetes.io/enforce: privileged')}---\n${inApps('hostPID: true\ncontainers: [{name: a}]')}`,
        'baseline',
        'latest',
      ),
      [],
    );
  });
});

test('parsePssVersion', () => {
  assert.equal(parsePssVersion('latest'), 37);
  assert.equal(parsePssVersion('v1.25'), 25);
  assert.equal(parsePssVersion('v1.0'), 0);
  for (const bad of ['1.25', 'v1.25.3', 'v1.025', 'v2.1', '', undefined])
    assert.equal(parsePssVersion(bad), undefined, String(bad));
});
