import rule from '../../../server/src/engine/rules/kubernetes/k8s-rbac-cluster-admin-binding';
import { cases, k8s } from '../../support/cases';

export default cases(rule, {
  valid: [
    {
      name: 'a binding of a narrow role',
      docs: 'good',
      code: k8s`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata:
          name: ingress
        roleRef:
          apiGroup: rbac.authorization.k8s.io
          kind: ClusterRole
          name: ingress-nginx
        subjects:
          - kind: ServiceAccount
            name: ingress-nginx
            namespace: ingress-nginx`,
    },
    {
      name: 'cluster-admin for system subjects (the default binding); a Role named cluster-admin that is not admin',
      code: k8s`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: cluster-admin}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
        subjects: [{apiGroup: rbac.authorization.k8s.io, kind: Group, name: "system:masters"}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: b, namespace: shop}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: cluster-admin}
        subjects: [{kind: User, name: alice}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: cluster-admin, namespace: shop}
        rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]`,
    },
    {
      name: 'a workspace Role with "*" on "*" in another namespace is not the one referenced',
      code: k8s`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: b, namespace: shop}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: all}
        subjects: [{kind: User, name: alice}]`,
      workspace: {
        'other.yaml': k8s`
          apiVersion: rbac.authorization.k8s.io/v1
          kind: Role
          metadata: {name: all, namespace: billing}
          rules: [{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}]`,
      },
    },
    {
      name: 'an aggregated ClusterRole whose selected roles are narrow; selectors that do not match; aggregation cycles end',
      code: k8s`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: b}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: platform}
        subjects: [{kind: Group, name: platform-team}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: platform, labels: {loop: "yes"}}
        aggregationRule:
          clusterRoleSelectors:
            - matchLabels: {aggregate-to-platform: "true"}
            - matchExpressions: [{key: loop, operator: Exists}]
        rules: []
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: loop, labels: {loop: "yes"}}
        aggregationRule:
          clusterRoleSelectors: [{matchExpressions: [{key: loop, operator: In, values: ["yes"]}]}]
        rules: []
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: viewer, labels: {aggregate-to-platform: "true"}}
        rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: god, labels: {aggregate-to-platform: "false"}}
        rules: [{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}]`,
    },
  ],
  invalid: [
    {
      name: 'cluster-admin for a CI service account',
      docs: 'bad',
      code: k8s`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata:
          name: ci-admin
        roleRef:
          apiGroup: rbac.authorization.k8s.io
          kind: ClusterRole
          name: ⟦cluster-admin⟧
        subjects:
          - kind: ServiceAccount
            name: deployer
            namespace: ci
          - kind: Group
            name: system:masters`,
      errors: [
        {
          messageId: 'clusterAdmin',
          data: {
            kind: 'ClusterRoleBinding',
            name: 'ci-admin',
            role: 'ClusterRole "cluster-admin"',
            subjects: 'ServiceAccount "ci/deployer"',
          },
        },
      ],
    },
    {
      name: 'a RoleBinding of cluster-admin grants it in its namespace only',
      code: k8s`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: team-admin, namespace: shop}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ⟦cluster-admin⟧}
        subjects: [{kind: Group, name: shop-team}, {kind: ServiceAccount, name: app}]`,
      errors: [
        {
          messageId: 'namespaceAdmin',
          data: {
            name: 'team-admin',
            role: 'ClusterRole "cluster-admin"',
            subjects: 'Group "shop-team", ServiceAccount "shop/app"',
            where: 'in namespace "shop" only (a RoleBinding grants even a ClusterRole only in its own namespace)',
          },
        },
      ],
    },
    {
      name: 'a RoleBinding that writes no namespace: the one it is applied to',
      code: k8s`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: admin}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ⟦cluster-admin⟧}
        subjects: [{kind: ServiceAccount, name: app}]`,
      errors: [
        {
          messageId: 'namespaceAdmin',
          data: {
            name: 'admin',
            role: 'ClusterRole "cluster-admin"',
            subjects: 'ServiceAccount "app" of the binding\'s namespace',
            where:
              'in the namespace it is applied to only (a RoleBinding grants even a ClusterRole only in its own namespace)',
          },
        },
      ],
    },
    {
      name: 'a ClusterRole of another file with "*" on "*"; a Role of the same file and namespace',
      code: k8s`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: argocd}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ⟦argocd-controller⟧}
        subjects: [{kind: ServiceAccount, name: argocd-application-controller, namespace: argocd}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: local, namespace: shop}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: ⟦all⟧}
        subjects: [{kind: User, name: bob}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: all, namespace: shop}
        rules:
          - apiGroups: [""]
            resources: [pods]
            verbs: [get]
          - apiGroups: ["*"]
            resources: ["*"]
            verbs: ["*"]`,
      workspace: {
        'argocd/rbac.yaml': k8s`
          apiVersion: rbac.authorization.k8s.io/v1
          kind: ClusterRole
          metadata: {name: argocd-controller}
          rules:
          - apiGroups: ['*']
            resources: ['*']
            verbs: ['*']
          - nonResourceURLs: ['*']
            verbs: ['*']`,
      },
      errors: [
        {
          messageId: 'clusterAdmin',
          data: {
            kind: 'ClusterRoleBinding',
            name: 'argocd',
            role: 'ClusterRole "argocd-controller" (its rule 1 allows every verb on every resource)',
            subjects: 'ServiceAccount "argocd/argocd-application-controller"',
          },
        },
        {
          messageId: 'namespaceAdmin',
          data: {
            name: 'local',
            role: 'Role "all" (its rule 2 allows every verb on every resource)',
            subjects: 'User "bob"',
            where: 'in namespace "shop" only (a RoleBinding grants even a ClusterRole only in its own namespace)',
          },
        },
      ],
    },
    {
      name: 'an aggregated ClusterRole that picks up "*" on "*" from another file',
      code: k8s`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: platform-admins}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ⟦platform-admin⟧}
        subjects: [{kind: Group, name: platform-team}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: platform-admin}
        aggregationRule:
          clusterRoleSelectors:
            - matchExpressions: [{key: rbac.example.com/aggregate-to-admin, operator: In, values: ["true"]}]
        rules: []`,
      workspace: {
        'crds/rbac.yaml': k8s`
          apiVersion: rbac.authorization.k8s.io/v1
          kind: ClusterRole
          metadata:
            name: crd-admin
            labels: {rbac.example.com/aggregate-to-admin: "true"}
          rules: [{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}]`,
      },
      errors: [
        {
          messageId: 'clusterAdmin',
          data: {
            kind: 'ClusterRoleBinding',
            name: 'platform-admins',
            role: 'ClusterRole "platform-admin" (it aggregates ClusterRole "crd-admin", whose rule 1 allows every verb on every resource)',
            subjects: 'Group "platform-team"',
          },
        },
      ],
    },
  ],
});
