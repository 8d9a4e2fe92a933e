import rule from '../../../server/src/engine/rules/kubernetes/k8s-rbac-wildcard';
import { cases, k8s } from '../../support/cases';

export default cases(rule, {
  valid: [
    {
      name: 'named groups, resources and verbs',
      docs: 'good',
      code: k8s`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata:
          name: config-reader
          namespace: shop
        rules:
          - apiGroups: [""]
            resources: ["configmaps"]
            verbs: ["get", "list", "watch"]`,
    },
    {
      name: 'nonResourceURLs with a wildcard are not checked; "*/scale" is a named subresource',
      code: k8s`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: health}
        rules:
          - nonResourceURLs: ["/healthz/*"]
            verbs: ["get"]
          - apiGroups: ["apps"]
            resources: ["*/scale"]
            verbs: ["update"]`,
    },
    {
      name: 'a ConfigMap that looks like a rule',
      code: k8s`
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: c}
        data: {rules: "*"}`,
    },
  ],
  invalid: [
    {
      name: "every verb on every resource of every group (cluster-admin's rule): one finding",
      docs: 'bad',
      code: k8s`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: operator
        rules:
          - apiGroups: ["*"]
            resources: [⟦"*"⟧]
            verbs: ["*"]`,
      errors: [
        {
          messageId: 'everything',
          data: {
            kind: 'ClusterRole',
            name: 'operator',
            rule: 1,
            groups: 'every API group',
            scope: 'in every namespace through a ClusterRoleBinding (in one through a RoleBinding)',
          },
        },
      ],
    },
    {
      name: 'every verb on named resources of a Role; the suggestion keeps the other verbs (block style)',
      code: k8s`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata:
          name: app
          namespace: shop
        rules:
          - apiGroups:
              - ""
            resources:
              - configmaps
              - services
            verbs:
              - create
              - ⟦'*'⟧`,
      errors: [
        {
          messageId: 'anyVerb',
          data: {
            kind: 'Role',
            name: 'app',
            rule: 1,
            resources: '"configmaps", "services"',
            scope: 'in namespace "shop"',
          },
          suggestions: [
            {
              messageId: 'useReadVerbs',
              output: k8s`
                apiVersion: rbac.authorization.k8s.io/v1
                kind: Role
                metadata:
                  name: app
                  namespace: shop
                rules:
                  - apiGroups:
                      - ""
                    resources:
                      - configmaps
                      - services
                    verbs:
                      - create
                      - 'get'
                      - list
                      - watch`,
            },
          ],
        },
      ],
    },
    {
      name: 'every resource of the core group, and a second rule with resources in every group; a Role that writes no namespace is in the one it is applied to',
      code: k8s`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: reader}
        rules:
          - apiGroups: [""]
            resources: [⟦"*"⟧]
            verbs: [get, list]
          - apiGroups: [⟦"*"⟧]
            resources: [deployments]
            verbs: [get]`,
      errors: [
        {
          messageId: 'anyResource',
          data: {
            kind: 'Role',
            name: 'reader',
            rule: 1,
            groups: 'the core group',
            verbs: '"get", "list"',
            scope: 'in the namespace it is applied to',
          },
        },
        {
          messageId: 'anyGroup',
          data: {
            kind: 'Role',
            name: 'reader',
            rule: 2,
            resources: '"deployments"',
            scope: 'in the namespace it is applied to',
          },
        },
      ],
    },
    {
      name: 'verbs "*" in flow style: the suggestion replaces the list (the replaced item keeps its quotes)',
      code: k8s`
        apiVersion: rbac.authorization.k8s.io/v1beta1
        kind: ClusterRole
        metadata: {name: x}
        rules:
        - {apiGroups: [apps], resources: [deployments], verbs: [⟦"*"⟧]}`,
      errors: [
        {
          messageId: 'anyVerb',
          suggestions: [
            {
              messageId: 'useReadVerbs',
              output: k8s`
                apiVersion: rbac.authorization.k8s.io/v1beta1
                kind: ClusterRole
                metadata: {name: x}
                rules:
                - {apiGroups: [apps], resources: [deployments], verbs: ["get", list, watch]}`,
            },
          ],
        },
      ],
    },
  ],
});
