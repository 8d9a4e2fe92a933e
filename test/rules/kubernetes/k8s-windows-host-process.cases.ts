import rule from '../../../server/src/engine/rules/kubernetes/k8s-windows-host-process';
import { cases, k8s } from '../../support/cases';

export default cases(rule, {
  valid: [
    {
      name: 'ordinary Windows pod',
      docs: 'good',
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata:
          name: iis
        spec:
          os:
            name: windows
          securityContext:
            windowsOptions:
              runAsUserName: ContainerUser
          containers:
            - name: iis
              image: mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022`,
    },
    {
      name: 'privileged namespace',
      code: k8s`
        apiVersion: v1
        kind: Namespace
        metadata: {name: kube-system, labels: {pod-security.kubernetes.io/enforce: privileged}}
        ---
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: csi-proxy, namespace: kube-system}
        spec:
          template:
            spec:
              securityContext: {windowsOptions: {hostProcess: true}}
              hostNetwork: true
              containers: [{name: csi-proxy}]`,
    },
  ],
  invalid: [
    {
      name: 'HostProcess pod',
      docs: 'bad',
      code: k8s`
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: csi-proxy
        spec:
          template:
            spec:
              os: {name: windows}
              hostNetwork: true
              securityContext:
                windowsOptions:
                  hostProcess: ⟦true⟧
                  runAsUserName: 'NT AUTHORITY\\SYSTEM'
              containers:
                - name: csi-proxy
                  image: csi-proxy:1.1`,
      errors: [{ messageId: 'hostProcess', data: { owner: 'pod' } }],
      output: null,
    },
    {
      name: 'HostProcess init container',
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          initContainers: [{name: setup, securityContext: {windowsOptions: {hostProcess: ⟦true⟧}}}]
          containers: [{name: a}]`,
      errors: [{ messageId: 'hostProcess', data: { owner: 'container "setup"' } }],
    },
  ],
});
