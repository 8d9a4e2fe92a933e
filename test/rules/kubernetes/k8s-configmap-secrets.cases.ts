import rule from '../../../server/src/engine/rules/kubernetes/k8s-configmap-secrets';
import { cases, k8s } from '../../support/cases';

export default cases(rule, {
  valid: [
    {
      name: 'configuration only; secrets referenced, not written',
      docs: 'good',
      code: k8s`
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: app
        data:
          LOG_LEVEL: info
          DB_HOST: postgres
          DB_PASSWORD_FILE: /run/secrets/db-password
          TOKEN_TTL: "3600"
          app.ini: |
            [database]
            host = postgres
            password = \${DB_PASSWORD}
            password_file = /run/secrets/db`,
    },
    {
      name: 'a Secret is not a ConfigMap; binaryData is not read',
      code: k8s`
        apiVersion: v1
        kind: Secret
        metadata: {name: s}
        stringData: {password: hunter2}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: c}
        binaryData: {key.bin: aGVsbG8=}`,
    },
  ],
  invalid: [
    {
      name: 'a password in a key, a private key in a file',
      docs: 'bad',
      code: k8s`
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: app
        data:
          DB_PASSWORD: ⟦s3cr3t-Pa55⟧
          settings.yaml: |
            server:
              port: 8080
            ⟦api_key: 9f8e7d6c5b4a⟧`,
      errors: [
        { messageId: 'secretValue', data: { name: 'app', key: 'DB_PASSWORD' } },
        { messageId: 'secretInFile', data: { name: 'app', key: 'settings.yaml', entry: 'api_key' } },
      ],
    },
    {
      name: 'a recognisable token under an innocent key; a URL with a password in a properties file; a private key',
      code: k8s`
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: c}
        data:
          notes: ⟦"ghp_0123456789abcdefghijABCDEFGHIJ0123456789"⟧
          app.properties: |-
            spring.datasource.username=shop
            ⟦spring.datasource.url=postgres://shop:Hunter22@db:5432/shop⟧
          server.key: |
            ⟦-----BEGIN RSA PRIVATE KEY-----⟧
            MIIEowIBAAKCAQEA
            -----END RSA PRIVATE KEY-----`,
      errors: [
        { messageId: 'secretValue', data: { name: 'c', key: 'notes' } },
        { messageId: 'secretInFile', data: { name: 'c', key: 'app.properties', entry: 'spring.datasource.url' } },
        { messageId: 'secretInFile', data: { name: 'c', key: 'server.key', entry: 'a credential value' } },
      ],
    },
  ],
});
