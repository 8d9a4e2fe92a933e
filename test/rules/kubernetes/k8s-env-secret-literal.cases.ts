import rule from '../../../server/src/engine/rules/kubernetes/k8s-env-secret-literal';
import { cases, k8s } from '../../support/cases';

const kustomization =
  'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [deployment.yaml]\npatches:\n  - path: manifest.yaml\n';

export default cases(rule, {
  valid: [
    {
      name: 'secret from a Secret',
      docs: 'good',
      code: k8s`
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          template:
            spec:
              containers:
                - name: web
                  image: app:1.2
                  env:
                    - name: DB_PASSWORD
                      valueFrom:
                        secretKeyRef: {name: web-db, key: password}
                    - name: DB_HOST
                      value: postgres`,
    },
    {
      name: 'names about a secret, switches, paths, references and empty values',
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers:
            - name: a
              env:
                - {name: PASSWORD_FILE, value: /run/secrets/db}
                - {name: MYSQL_ALLOW_EMPTY_PASSWORD, value: "yes"}
                - {name: API_TOKEN, value: ""}
                - {name: DB_PASSWORD, value: $(POSTGRES_PASSWORD)}
                - {name: REDIS_PASSWORD, value: "\${REDIS_PASSWORD}"}
                - {name: TOKEN_TTL, value: "3600"}
                - {name: GPG_KEY, value: A1B2C3D4}`,
    },
    {
      name: 'helm template is skipped',
      filename: 'chart/templates/deployment.yaml',
      code: k8s`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: app}
        spec:
          template:
            spec:
              containers:
                - name: app
                  env:
                    - name: API_KEY
                      value: {{ .Values.apiKey | quote }}`,
    },
  ],
  invalid: [
    {
      name: 'literal password',
      docs: 'bad',
      code: k8s`
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          template:
            spec:
              containers:
                - name: web
                  image: app:1.2
                  env:
                    # rotated quarterly
                    - name: DB_PASSWORD
                      value: ⟦"s3cr3t-pa55"⟧`,
      errors: [
        {
          messageId: 'literalSecret',
          data: { name: 'DB_PASSWORD', container: 'web' },
          suggestions: [
            {
              messageId: 'useSecretKeyRef',
              output: k8s`
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  template:
                    spec:
                      containers:
                        - name: web
                          image: app:1.2
                          env:
                            # rotated quarterly
                            - name: DB_PASSWORD
                              valueFrom:
                                secretKeyRef:
                                  name: web-env
                                  key: DB_PASSWORD`,
            },
          ],
        },
      ],
    },
    {
      name: 'a token format is a secret whatever the name; init container in a CronJob, flow style',
      code: k8s`
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: sync}
        spec:
          jobTemplate:
            spec:
              template:
                spec:
                  initContainers:
                  - name: fetch
                    env: [{name: GIT_AUTH, value: ⟦ghp_0123456789abcdefghijABCDEFGHIJ012345⟧}]
                  containers: [{name: main, env: [{name: apiKey, value: ⟦abc123⟧}]}]`,
      errors: [
        {
          messageId: 'literalSecret',
          data: { name: 'GIT_AUTH', container: 'fetch' },
          suggestions: [
            {
              messageId: 'useSecretKeyRef',
              output: k8s`
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: sync}
                spec:
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          initContainers:
                          - name: fetch
                            env: [{name: GIT_AUTH, valueFrom: {secretKeyRef: {name: sync-env, key: GIT_AUTH}}}]
                          containers: [{name: main, env: [{name: apiKey, value: abc123}]}]`,
            },
          ],
        },
        { messageId: 'literalSecret', data: { name: 'apiKey', container: 'main' } },
      ],
    },
    {
      name: 'URL with a password in an ephemeral container of a kind List item, CRLF; an extra key blocks the suggestion',
      code: 'apiVersion: v1\r\nkind: List\r\nitems:\r\n- apiVersion: v1\r\n  kind: Pod\r\n  metadata: {name: p}\r\n  spec:\r\n    containers: [{name: a}]\r\n    ephemeralContainers:\r\n    - name: debug\r\n      env:\r\n      - name: DATABASE_URL\r\n        value: ⟦postgres://app:hunter2@db:5432/app⟧\r\n        x-note: temporary\r\n',
      errors: [{ messageId: 'literalSecret', data: { name: 'DATABASE_URL', container: 'debug' }, suggestions: [] }],
    },
    {
      name: 'a comment on the value line would be lost, so there is no suggestion',
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers:
            - name: a
              env:
                - name: ADMIN_TOKEN
                  value: ⟦changeme⟧ # TODO rotate`,
      errors: [{ messageId: 'literalSecret', suggestions: [] }],
    },
    {
      name: 'a kustomize patch that sets a literal secret is reported',
      workspace: { 'kustomization.yaml': kustomization },
      code: k8s`
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          template:
            spec:
              containers:
                - name: web
                  env:
                    - name: STRIPE_SECRET_KEY
                      value: ⟦sk_live_0123456789abcdefghijklmn⟧`,
      errors: [{ messageId: 'literalSecret' }],
    },
  ],
});
