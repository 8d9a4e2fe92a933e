import rule from '../../../server/src/engine/rules/kubernetes/k8s-secret-inline-data';
import { cases, k8s } from '../../support/cases';

export default cases(rule, {
  valid: [
    {
      name: 'a SealedSecret keeps the value encrypted',
      docs: 'good',
      code: k8s`
        apiVersion: bitnami.com/v1alpha1
        kind: SealedSecret
        metadata:
          name: db
        spec:
          encryptedData:
            password: AgBy3i4OJSWK+PiTySYZZA9rO43cGDEq`,
    },
    {
      name: 'empty values, placeholders filled at deploy time, and a service account token Secret without data',
      code: k8s`
        apiVersion: v1
        kind: Secret
        metadata: {name: placeholder}
        stringData: {password: "", token: "\${API_TOKEN}", key: <paste the key here>}
        ---
        apiVersion: v1
        kind: Secret
        metadata:
          name: sa-token
          annotations: {kubernetes.io/service-account.name: app}
        type: kubernetes.io/service-account-token`,
    },
  ],
  invalid: [
    {
      name: 'base64 data in the manifest',
      docs: 'bad',
      code: k8s`
        apiVersion: v1
        kind: Secret
        metadata:
          name: db
        type: Opaque
        ⟦data⟧:
          username: c2hvcA==
          password: aHVudGVyMg==`,
      errors: [{ messageId: 'inlineData', data: { name: 'db', field: 'data', count: 2 } }],
    },
    {
      name: 'both data and stringData, flow style',
      code: k8s`
        apiVersion: v1
        kind: Secret
        metadata: {name: s}
        ⟦data⟧: {tls.crt: LS0tLS1CRUdJTg==}
        ⟦stringData⟧: {token: abc, empty: ""}`,
      errors: [
        { messageId: 'inlineData', data: { name: 's', field: 'data', count: 1 } },
        { messageId: 'inlineData', data: { name: 's', field: 'stringData', count: 1 } },
      ],
    },
  ],
});
