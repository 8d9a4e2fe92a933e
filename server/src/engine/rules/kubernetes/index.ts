import type { Rule } from '../rule';
import k8sAllowPrivilegeEscalation from './k8s-allow-privilege-escalation';
import k8sApparmorProfile from './k8s-apparmor-profile';
import k8sAutomountServiceAccountToken from './k8s-automount-service-account-token';
import k8sCapabilities from './k8s-capabilities';
import k8sConfigmapSecrets from './k8s-configmap-secrets';
import k8sCpuLimits from './k8s-cpu-limits';
import k8sDanglingNetworkPolicy from './k8s-dangling-network-policy';
import k8sDefaultServiceAccount from './k8s-default-service-account';
import k8sEnvSecretLiteral from './k8s-env-secret-literal';
import k8sHostNamespaces from './k8s-host-namespaces';
import k8sHostPathVolumes from './k8s-host-path-volumes';
import k8sHostPorts from './k8s-host-ports';
import k8sHostProbesAndLifecycle from './k8s-host-probes-and-lifecycle';
import k8sImageDigest from './k8s-image-digest';
import k8sImageTag from './k8s-image-tag';
import k8sImageVerificationPolicy from './k8s-image-verification-policy';
import k8sIngressTls from './k8s-ingress-tls';
import k8sNetworkPolicyCoverage from './k8s-network-policy-coverage';
import k8sPrivilegedContainer from './k8s-privileged-container';
import k8sProbes from './k8s-probes';
import k8sProcMount from './k8s-proc-mount';
import k8sRbacAdmissionWebhooks from './k8s-rbac-admission-webhooks';
import k8sRbacClusterAdminBinding from './k8s-rbac-cluster-admin-binding';
import k8sRbacCrossNamespaceBinding from './k8s-rbac-cross-namespace-binding';
import k8sRbacKubeSystemConfigmaps from './k8s-rbac-kube-system-configmaps';
import k8sRbacPersistentVolumes from './k8s-rbac-persistent-volumes';
import k8sRbacPodExec from './k8s-rbac-pod-exec';
import k8sRbacPrivilegeEscalation from './k8s-rbac-privilege-escalation';
import k8sRbacSecretAccess from './k8s-rbac-secret-access';
import k8sRbacSystemGroupBinding from './k8s-rbac-system-group-binding';
import k8sRbacWildcard from './k8s-rbac-wildcard';
import k8sRbacWorkloadCreation from './k8s-rbac-workload-creation';
import k8sRbacWorkloadPermissions from './k8s-rbac-workload-permissions';
import k8sReadOnlyRootFilesystem from './k8s-read-only-root-filesystem';
import k8sResources from './k8s-resources';
import k8sRestrictedVolumeTypes from './k8s-restricted-volume-types';
import k8sRunAsNonRoot from './k8s-run-as-non-root';
import k8sRunAsUser from './k8s-run-as-user';
import k8sRootGroup from './k8s-root-group';
import k8sSeccompProfile from './k8s-seccomp-profile';
import k8sSecretInlineData from './k8s-secret-inline-data';
import k8sSelinuxOptions from './k8s-selinux-options';
import k8sServiceExposure from './k8s-service-exposure';
import k8sSysctls from './k8s-sysctls';
import k8sTrustedRegistries from './k8s-trusted-registries';
import k8sWindowsHostProcess from './k8s-windows-host-process';

/** Kubernetes rules. Add one import and one entry per rule (keep the list sorted by id). */
export const kubernetesRules: Rule[] = [
  k8sAllowPrivilegeEscalation,
  k8sApparmorProfile,
  k8sAutomountServiceAccountToken,
  k8sCapabilities,
  k8sConfigmapSecrets,
  k8sCpuLimits,
  k8sDanglingNetworkPolicy,
  k8sDefaultServiceAccount,
  k8sEnvSecretLiteral,
  k8sHostNamespaces,
  k8sHostPathVolumes,
  k8sHostPorts,
  k8sHostProbesAndLifecycle,
  k8sImageDigest,
  k8sImageTag,
  k8sImageVerificationPolicy,
  k8sIngressTls,
  k8sNetworkPolicyCoverage,
  k8sPrivilegedContainer,
  k8sProbes,
  k8sProcMount,
  k8sRbacAdmissionWebhooks,
  k8sRbacClusterAdminBinding,
  k8sRbacCrossNamespaceBinding,
  k8sRbacKubeSystemConfigmaps,
  k8sRbacPersistentVolumes,
  k8sRbacPodExec,
  k8sRbacPrivilegeEscalation,
  k8sRbacSecretAccess,
  k8sRbacSystemGroupBinding,
  k8sRbacWildcard,
  k8sRbacWorkloadCreation,
  k8sRbacWorkloadPermissions,
  k8sReadOnlyRootFilesystem,
  k8sResources,
  k8sRestrictedVolumeTypes,
  k8sRunAsNonRoot,
  k8sRootGroup,
  k8sRunAsUser,
  k8sSeccompProfile,
  k8sSecretInlineData,
  k8sSelinuxOptions,
  k8sServiceExposure,
  k8sSysctls,
  k8sTrustedRegistries,
  k8sWindowsHostProcess,
];
