import rule from '../../../server/src/engine/rules/kubernetes/k8s-ingress-tls';
import { cases, k8s } from '../../support/cases';

export default cases(rule, {
  valid: [
    {
      name: 'every host listed under tls',
      docs: 'good',
      code: k8s`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
          annotations:
            cert-manager.io/cluster-issuer: letsencrypt
        spec:
          tls:
            - hosts: ["shop.example.com"]
              secretName: shop-tls
          rules:
            - host: shop.example.com
              http:
                paths:
                  - path: /
                    pathType: Prefix
                    backend: {service: {name: shop, port: {number: 80}}}`,
    },
    {
      name: 'a wildcard certificate covers one label; a tls entry without hosts covers all; rules without host',
      code: k8s`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: a}
        spec:
          tls: [{hosts: ["*.example.com"], secretName: wild}]
          rules: [{host: api.example.com}, {host: "*.example.com"}, {http: {paths: []}}]
        ---
        apiVersion: extensions/v1beta1
        kind: Ingress
        metadata: {name: b}
        spec:
          tls: [{secretName: default-cert}]
          rules: [{host: b.example.com}]`,
    },
  ],
  invalid: [
    {
      name: 'no tls at all',
      docs: 'bad',
      code: k8s`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: shop
        spec:
          rules:
            - host: ⟦shop.example.com⟧
              http:
                paths:
                  - path: /
                    pathType: Prefix
                    backend: {service: {name: shop, port: {number: 80}}}`,
      errors: [{ messageId: 'noTls', data: { name: 'shop', host: 'shop.example.com' } }],
    },
    {
      name: 'one host of two covered; a wildcard does not cover two labels',
      code: k8s`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: mixed}
        spec:
          tls: [{hosts: [a.example.com, "*.example.com"]}]
          rules: [{host: a.example.com}, {host: ⟦a.b.example.com⟧}, {host: ⟦other.org⟧}]`,
      errors: [
        { messageId: 'noTls', data: { name: 'mixed', host: 'a.b.example.com' } },
        { messageId: 'noTls', data: { name: 'mixed', host: 'other.org' } },
      ],
    },
  ],
});
