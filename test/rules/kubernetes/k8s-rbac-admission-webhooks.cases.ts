import rule from '../../../server/src/engine/rules/kubernetes/k8s-rbac-admission-webhooks';
import { cases, k8s } from '../../support/cases';

export default cases(rule, {
  valid: [
    {
      name: 'reading webhook configurations',
      docs: 'good',
      code: k8s`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: auditor
        rules:
          - apiGroups: ["admissionregistration.k8s.io"]
            resources: ["mutatingwebhookconfigurations", "validatingwebhookconfigurations"]
            verbs: ["get", "list", "watch"]`,
    },
    {
      name: 'a Role cannot grant cluster-scoped webhook configurations; the wrong API group',
      code: k8s`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: r, namespace: a}
        rules: [{apiGroups: [admissionregistration.k8s.io], resources: [mutatingwebhookconfigurations], verbs: [create]}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: c}
        rules: [{apiGroups: [""], resources: [validatingwebhookconfigurations], verbs: [delete]}]`,
    },
  ],
  invalid: [
    {
      name: 'a controller that manages both kinds of webhooks',
      docs: 'bad',
      code: k8s`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: injector
        rules:
          - apiGroups: ["admissionregistration.k8s.io"]
            resources: [⟦"mutatingwebhookconfigurations"⟧, ⟦"validatingwebhookconfigurations"⟧]
            verbs: ["get", "create", "patch"]`,
      errors: [
        {
          messageId: 'mutating',
          data: {
            kind: 'ClusterRole',
            name: 'injector',
            rule: 1,
            verbs: '"create", "patch"',
            resource: 'mutatingwebhookconfigurations',
            names: '',
          },
        },
        {
          messageId: 'validating',
          data: {
            kind: 'ClusterRole',
            name: 'injector',
            rule: 1,
            verbs: '"create", "patch"',
            resource: 'validatingwebhookconfigurations',
            names: '',
          },
        },
      ],
    },
    {
      name: 'deleting admission policies through "*" groups and verbs',
      code: k8s`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: c}
        rules: [{apiGroups: ["*"], resources: [⟦validatingadmissionpolicies⟧], verbs: ["*"]}]`,
      errors: [
        {
          messageId: 'validating',
          data: {
            kind: 'ClusterRole',
            name: 'c',
            rule: 1,
            verbs: '"*"',
            resource: 'validatingadmissionpolicies',
            names: '',
          },
        },
      ],
    },
    {
      name: "patching its own webhook by name (ingress-nginx's admission job) is still a finding, with the name",
      code: k8s`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: ingress-nginx-admission}
        rules:
          - apiGroups: [admissionregistration.k8s.io]
            resources: [⟦validatingwebhookconfigurations⟧]
            resourceNames: [ingress-nginx-admission]
            verbs: [get, update]`,
      errors: [
        {
          messageId: 'validating',
          data: {
            kind: 'ClusterRole',
            name: 'ingress-nginx-admission',
            rule: 1,
            verbs: '"update"',
            resource: 'validatingwebhookconfigurations',
            names: ' named "ingress-nginx-admission"',
          },
        },
      ],
    },
  ],
});
