import rule from '../../../server/src/engine/rules/kubernetes/k8s-rbac-workload-permissions';
import { cases, k8s } from '../../support/cases';

const SECRET_READER = k8s`
  apiVersion: rbac.authorization.k8s.io/v1
  kind: ClusterRole
  metadata: {name: secret-reader}
  rules:
    - apiGroups: [""]
      resources: [secrets]
      verbs: [list, watch]
    - apiGroups: [""]
      resources: [nodes/proxy]
      verbs: [get]`;

export default cases(rule, {
  valid: [
    {
      name: 'a service account that reads its own ConfigMap',
      docs: 'good',
      code: k8s`
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: cart
          namespace: shop
        spec:
          template:
            spec:
              serviceAccountName: cart
              containers:
                - name: cart
                  image: cart:1.4
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: cart, namespace: shop}
        rules:
          - apiGroups: [""]
            resources: [configmaps]
            resourceNames: [cart]
            verbs: [get]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: cart, namespace: shop}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: cart}
        subjects: [{kind: ServiceAccount, name: cart}]`,
    },
    {
      name: 'the same account name in another namespace; a RoleBinding grants no cluster-scoped rights; a PodTemplate does not run',
      code: k8s`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: cart, namespace: shop}
        spec:
          template:
            spec:
              serviceAccountName: cart
              containers: [{name: cart, image: cart:1.4}]
        ---
        apiVersion: v1
        kind: PodTemplate
        metadata: {name: t, namespace: billing}
        template:
          spec:
            serviceAccountName: cart
            containers: [{name: cart, image: cart:1.4}]`,
      workspace: {
        'rbac.yaml': k8s`
          apiVersion: rbac.authorization.k8s.io/v1
          kind: ClusterRoleBinding
          metadata: {name: billing-cart}
          roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: secret-reader}
          subjects: [{kind: ServiceAccount, name: cart, namespace: billing}]
          ---
          apiVersion: rbac.authorization.k8s.io/v1
          kind: RoleBinding
          metadata: {name: node-proxy, namespace: shop}
          roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: node-proxy}
          subjects: [{kind: ServiceAccount, name: cart, namespace: shop}]
          ---
          apiVersion: rbac.authorization.k8s.io/v1
          kind: ClusterRole
          metadata: {name: node-proxy}
          rules: [{apiGroups: [""], resources: [nodes/proxy], verbs: [get]}]`,
        'roles.yaml': SECRET_READER,
      },
    },
  ],
  invalid: [
    {
      name: 'a workload whose account reads every Secret of the cluster, bound in another file',
      docs: 'bad',
      code: k8s`
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: reporter
          namespace: ci
        spec:
          template:
            spec:
              serviceAccountName: ⟦reporter⟧
              containers:
                - name: reporter
                  image: reporter:2.0`,
      workspace: {
        'rbac.yaml': k8s`
          apiVersion: rbac.authorization.k8s.io/v1
          kind: ClusterRoleBinding
          metadata: {name: reporter}
          roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: secret-reader}
          subjects: [{kind: ServiceAccount, name: reporter, namespace: ci}]`,
        'roles.yaml': SECRET_READER,
      },
      errors: [
        {
          messageId: 'dangerous',
          data: {
            kind: 'Deployment',
            name: 'reporter',
            account: 'reporter',
            what: 'can read every Secret in the cluster, can run commands in any pod through the kubelet (nodes/proxy)',
            paths:
              'ClusterRoleBinding "reporter" (rbac.yaml) → ClusterRole "secret-reader" rule 1 (roles.yaml); ClusterRoleBinding "reporter" (rbac.yaml) → ClusterRole "secret-reader" rule 2 (roles.yaml)',
          },
        },
      ],
    },
    {
      name: 'the implicit default account, bound through system:serviceaccounts:<ns>; its ServiceAccount mounts no token',
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata: {name: debug, namespace: shop}
        spec:
          ⟦containers⟧: [{name: a, image: busybox:1.36}]
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: default, namespace: shop}
        automountServiceAccountToken: false
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: everyone-exec, namespace: shop}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: exec}
        subjects: [{kind: Group, name: "system:serviceaccounts:shop"}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: exec, namespace: shop}
        rules: [{apiGroups: [""], resources: [pods/exec], verbs: [create]}, {apiGroups: [""], resources: [secrets], verbs: [get]}]`,
      errors: [
        {
          messageId: 'dangerousNoToken',
          data: {
            kind: 'Pod',
            name: 'debug',
            account: 'default',
            what: 'can read any Secret whose name it knows in namespace "shop", can exec into pods in namespace "shop"',
            paths:
              'RoleBinding "everyone-exec" (manifest.yaml) → Role "exec" rule 2 (manifest.yaml); RoleBinding "everyone-exec" (manifest.yaml) → Role "exec" rule 1 (manifest.yaml)',
          },
        },
      ],
    },
    {
      name: 'an aggregated ClusterRole with "*" on "*": administering says it all; a workload without a namespace matches the binding\'s (argo-cd)',
      code: k8s`
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: controller}
        spec:
          template:
            spec:
              serviceAccount: ⟦controller⟧
              automountServiceAccountToken: true
              containers: [{name: c, image: controller:3}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: controller}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: platform}
        subjects: [{kind: ServiceAccount, name: controller, namespace: argocd}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: platform}
        aggregationRule:
          clusterRoleSelectors: [{matchLabels: {aggregate-to-platform: "true"}}]
        rules: []
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: all, labels: {aggregate-to-platform: "true"}}
        rules: [{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}]`,
      errors: [
        {
          messageId: 'dangerous',
          data: {
            kind: 'StatefulSet',
            name: 'controller',
            account: 'controller',
            what: 'has every verb on every resource in the cluster',
            paths:
              'ClusterRoleBinding "controller" (manifest.yaml) → ClusterRole "platform" → aggregated ClusterRole "all" rule 1 (manifest.yaml)',
          },
        },
      ],
    },
  ],
});
