import type { Rule } from '../../rule';
import k8sAllowPrivilegeEscalation from './k8s-allow-privilege-escalation';
import k8sApparmorProfile from './k8s-apparmor-profile';
import k8sCapabilities from './k8s-capabilities';
import k8sHostNamespaces from './k8s-host-namespaces';
import k8sHostPathVolumes from './k8s-host-path-volumes';
import k8sHostPorts from './k8s-host-ports';
import k8sHostProbesAndLifecycle from './k8s-host-probes-and-lifecycle';
import k8sPrivilegedContainer from './k8s-privileged-container';
import k8sProcMount from './k8s-proc-mount';
import k8sRestrictedVolumeTypes from './k8s-restricted-volume-types';
import k8sRunAsNonRoot from './k8s-run-as-non-root';
import k8sRunAsUser from './k8s-run-as-user';
import k8sSeccompProfile from './k8s-seccomp-profile';
import k8sSelinuxOptions from './k8s-selinux-options';
import k8sSysctls from './k8s-sysctls';
import k8sWindowsHostProcess from './k8s-windows-host-process';

/** Kubernetes rules. Add one import and one entry per rule (keep the list sorted by id). */
export const kubernetesRules: Rule[] = [
  k8sAllowPrivilegeEscalation,
  k8sApparmorProfile,
  k8sCapabilities,
  k8sHostNamespaces,
  k8sHostPathVolumes,
  k8sHostPorts,
  k8sHostProbesAndLifecycle,
  k8sPrivilegedContainer,
  k8sProcMount,
  k8sRestrictedVolumeTypes,
  k8sRunAsNonRoot,
  k8sRunAsUser,
  k8sSeccompProfile,
  k8sSelinuxOptions,
  k8sSysctls,
  k8sWindowsHostProcess,
];
