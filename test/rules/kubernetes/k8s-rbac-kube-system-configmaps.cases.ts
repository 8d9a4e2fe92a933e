import rule from '../../../server/src/engine/rules/kubernetes/k8s-rbac-kube-system-configmaps';
import { cases, k8s } from '../../support/cases';

export default cases(rule, {
  valid: [
    {
      name: 'reading ConfigMaps in kube-system; changing them elsewhere',
      docs: 'good',
      code: k8s`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata:
          name: reader
          namespace: kube-system
        rules:
          - apiGroups: [""]
            resources: ["configmaps"]
            verbs: ["get", "list", "watch", "create"]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata:
          name: app
          namespace: shop
        rules:
          - apiGroups: [""]
            resources: ["configmaps"]
            verbs: ["update"]`,
    },
  ],
  invalid: [
    {
      name: 'patching aws-auth',
      docs: 'bad',
      code: k8s`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata:
          name: node-joiner
          namespace: kube-system
        rules:
          - apiGroups: [""]
            resources: [⟦"configmaps"⟧]
            resourceNames: ["aws-auth"]
            verbs: ["get", "patch"]`,
      errors: [
        {
          messageId: 'changeConfigMaps',
          data: { kind: 'Role', name: 'node-joiner', rule: 1, verbs: '"patch"', names: ' named "aws-auth"' },
        },
      ],
    },
    {
      name: 'every verb on every ConfigMap of kube-system, flow style',
      code: k8s`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: r, namespace: kube-system}
        rules: [{apiGroups: [""], resources: [⟦configmaps⟧], verbs: ["*"]}]`,
      errors: [{ messageId: 'changeConfigMaps', data: { kind: 'Role', name: 'r', rule: 1, verbs: '"*"', names: '' } }],
    },
  ],
});
