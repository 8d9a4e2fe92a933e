import rule from '../../../server/src/engine/rules/kubernetes/k8s-rbac-system-group-binding';
import { cases, k8s } from '../../support/cases';

export default cases(rule, {
  valid: [
    {
      name: 'a role bound to a named group',
      docs: 'good',
      code: k8s`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata:
          name: viewers
        roleRef:
          apiGroup: rbac.authorization.k8s.io
          kind: ClusterRole
          name: view
        subjects:
          - kind: Group
            name: oidc:platform-viewers`,
    },
    {
      name: "the API server's own public bindings; a service account named like a group",
      code: k8s`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: "system:public-info-viewer"}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "system:public-info-viewer"}
        subjects:
          - {kind: Group, name: "system:authenticated"}
          - {kind: Group, name: "system:unauthenticated"}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: b, namespace: a}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: r}
        subjects: [{kind: ServiceAccount, name: "system:anonymous"}]`,
    },
  ],
  invalid: [
    {
      name: 'anonymous access to a role',
      docs: 'bad',
      code: k8s`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata:
          name: public-read
        roleRef:
          apiGroup: rbac.authorization.k8s.io
          kind: ClusterRole
          name: view
        subjects:
          - kind: User
            name: ⟦system:anonymous⟧
          - kind: Group
            name: ⟦"system:unauthenticated"⟧`,
      errors: [
        {
          messageId: 'anonymous',
          data: {
            kind: 'ClusterRoleBinding',
            name: 'public-read',
            role: 'ClusterRole "view"',
            subject: 'system:anonymous',
            where: 'across the whole cluster',
          },
        },
        {
          messageId: 'anonymous',
          data: {
            kind: 'ClusterRoleBinding',
            name: 'public-read',
            role: 'ClusterRole "view"',
            subject: 'system:unauthenticated',
            where: 'across the whole cluster',
          },
        },
      ],
    },
    {
      name: 'every authenticated identity in a namespace; system:masters',
      code: k8s`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: all-edit, namespace: shop}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
        subjects: [{kind: Group, name: ⟦system:authenticated⟧}, {kind: Group, name: ⟦system:masters⟧}]`,
      errors: [
        {
          messageId: 'authenticated',
          data: {
            kind: 'RoleBinding',
            name: 'all-edit',
            role: 'ClusterRole "edit"',
            where: 'in namespace "shop" only (a RoleBinding grants even a ClusterRole only in its own namespace)',
          },
        },
        { messageId: 'masters', data: { kind: 'RoleBinding', name: 'all-edit' } },
      ],
    },
  ],
});
