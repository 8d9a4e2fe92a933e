import rule from '../../../server/src/engine/rules/kubernetes/k8s-rbac-workload-creation';
import { cases, k8s } from '../../support/cases';

export default cases(rule, {
  valid: [
    {
      name: 'reading workloads and scaling them',
      docs: 'good',
      code: k8s`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: autoscaler
        rules:
          - apiGroups: ["apps"]
            resources: ["deployments", "statefulsets"]
            verbs: ["get", "list", "watch"]
          - apiGroups: ["apps"]
            resources: ["deployments/scale"]
            verbs: ["update", "patch"]`,
    },
    {
      name: 'resources named in groups that do not serve them grant nothing; delete is not creation',
      code: k8s`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: r, namespace: a}
        rules:
          - apiGroups: [""]
            resources: [deployments, jobs]
            verbs: [create]
          - apiGroups: [apps]
            resources: [pods]
            verbs: [create]
          - apiGroups: [""]
            resources: [pods]
            verbs: [delete, get]`,
    },
  ],
  invalid: [
    {
      name: 'a CI role that creates pods and deploys',
      docs: 'bad',
      code: k8s`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata:
          name: ci
          namespace: shop
        rules:
          - apiGroups: [""]
            resources: [⟦"pods"⟧]
            verbs: ["create", "delete"]
          - apiGroups: ["apps", "batch"]
            resources: [⟦"deployments"⟧, ⟦"cronjobs"⟧]
            verbs: ["patch", "update"]`,
      errors: [
        {
          messageId: 'createWorkloads',
          data: {
            kind: 'Role',
            name: 'ci',
            rule: 1,
            verbs: '"create"',
            resource: 'pods',
            scope: 'in namespace "shop"',
          },
        },
        {
          messageId: 'createWorkloads',
          data: {
            kind: 'Role',
            name: 'ci',
            rule: 2,
            verbs: '"patch", "update"',
            resource: 'deployments',
            scope: 'in namespace "shop"',
          },
        },
        {
          messageId: 'createWorkloads',
          data: {
            kind: 'Role',
            name: 'ci',
            rule: 2,
            verbs: '"patch", "update"',
            resource: 'cronjobs',
            scope: 'in namespace "shop"',
          },
        },
      ],
    },
    {
      name: 'update on pods (the image can change); resourceNames do not restrict create; extensions and "*" groups',
      code: k8s`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: c}
        rules:
          - apiGroups: [""]
            resources: [⟦pods⟧, ⟦replicationcontrollers⟧]
            verbs: [update]
          - apiGroups: [extensions]
            resources: [⟦daemonsets⟧]
            resourceNames: [agent]
            verbs: [create]
          - apiGroups: ["*"]
            resources: [⟦jobs⟧]
            verbs: ["*"]`,
      errors: [
        {
          messageId: 'updatePods',
          data: {
            kind: 'ClusterRole',
            name: 'c',
            rule: 1,
            verbs: '"update"',
            scope: 'in every namespace through a ClusterRoleBinding (in one through a RoleBinding)',
          },
        },
        { messageId: 'createWorkloads' },
        { messageId: 'createWorkloads' },
        { messageId: 'createWorkloads' },
      ],
    },
  ],
});
