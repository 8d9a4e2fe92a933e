import rule from '../../../server/src/engine/rules/kubernetes/k8s-restricted-volume-types';
import { cases, k8s } from '../../support/cases';

const restricted = { pss: { level: 'restricted' as const } };

export default cases(rule, {
  valid: [
    {
      name: 'allowed volume types',
      docs: 'good',
      settings: restricted,
      code: k8s`
        apiVersion: apps/v1
        kind: StatefulSet
        metadata:
          name: db
        spec:
          template:
            spec:
              containers:
                - name: db
                  image: postgres:17
              volumes:
                - name: data
                  persistentVolumeClaim: {claimName: db-data}
                - name: config
                  configMap: {name: db}
                - name: token
                  projected:
                    sources: [{serviceAccountToken: {path: token}}]
                - name: scratch
                - name: tools
                  image: {reference: "tools:1", pullPolicy: IfNotPresent}`,
    },
    {
      name: 'baseline allows nfs',
      settings: { pss: { level: 'baseline' } },
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers: [{name: a}]
          volumes: [{name: share, nfs: {server: nas, path: /export}}]`,
    },
    {
      name: 'hostPath is left to k8s-host-path-volumes',
      settings: restricted,
      code: k8s`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers: [{name: a}]
          volumes: [{name: h, hostPath: {path: /tmp}}]`,
    },
  ],
  invalid: [
    {
      name: 'NFS and gitRepo volumes',
      docs: 'bad',
      settings: restricted,
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
                  image: web:1.4
              volumes:
                - name: shared
                  ⟦nfs⟧:
                    server: nas.internal
                    path: /exports/web
                - name: site
                  ⟦gitRepo⟧: {repository: "https://example.com/site.git"}`,
      errors: [
        { messageId: 'restricted', data: { volume: 'shared', type: 'nfs' } },
        { messageId: 'restricted', data: { volume: 'site', type: 'gitRepo' } },
      ],
    },
    {
      name: 'restricted by the namespace label',
      code: k8s`
        apiVersion: v1
        kind: Namespace
        metadata: {name: prod, labels: {pod-security.kubernetes.io/enforce: restricted}}
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: c, namespace: prod}
        spec:
          jobTemplate:
            spec:
              template:
                spec:
                  containers: [{name: a}]
                  volumes: [{name: disk, ⟦awsElasticBlockStore⟧: {volumeID: vol-1}}]`,
      errors: [{ messageId: 'restricted', data: { volume: 'disk', type: 'awsElasticBlockStore' } }],
    },
  ],
});
