import rule from '../../../server/src/engine/rules/kubernetes/k8s-service-exposure';
import { cases, k8s } from '../../support/cases';

export default cases(rule, {
  valid: [
    {
      name: 'a ClusterIP Service',
      docs: 'good',
      code: k8s`
        apiVersion: v1
        kind: Service
        metadata:
          name: cart
        spec:
          selector: {app: cart}
          ports:
            - port: 80
              targetPort: 8080`,
    },
    {
      name: 'internal load balancers (AWS, GKE, Azure) and source ranges that keep the world out',
      code: k8s`
        apiVersion: v1
        kind: Service
        metadata:
          name: a
          annotations: {service.beta.kubernetes.io/aws-load-balancer-scheme: internal}
        spec: {type: LoadBalancer, ports: [{port: 443}]}
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: b
          annotations: {networking.gke.io/load-balancer-type: "Internal"}
        spec: {type: LoadBalancer}
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: c
          annotations: {service.beta.kubernetes.io/azure-load-balancer-internal: "true"}
        spec: {type: LoadBalancer}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: d}
        spec: {type: LoadBalancer, loadBalancerSourceRanges: [10.0.0.0/8, 192.168.0.0/16]}`,
    },
  ],
  invalid: [
    {
      name: 'a public load balancer',
      docs: 'bad',
      code: k8s`
        apiVersion: v1
        kind: Service
        metadata:
          name: shop
        spec:
          type: ⟦LoadBalancer⟧
          selector: {app: shop}
          ports:
            - port: 443
            - port: 80`,
      errors: [{ messageId: 'loadBalancer', data: { name: 'shop', ports: '443, 80' } }],
    },
    {
      name: 'NodePort with a fixed and a random port; externalIPs; source ranges open to the world',
      code: k8s`
        apiVersion: v1
        kind: Service
        metadata: {name: np}
        spec:
          type: ⟦NodePort⟧
          ports: [{port: 80, nodePort: 30080}, {port: 81}]
          externalIPs: [⟦203.0.113.7⟧]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: lb}
        spec: {type: ⟦"LoadBalancer"⟧, loadBalancerSourceRanges: [0.0.0.0/0]}`,
      errors: [
        { messageId: 'nodePort', data: { name: 'np', ports: '30080, a random port' } },
        { messageId: 'externalIp', data: { name: 'np', ip: '203.0.113.7' } },
        { messageId: 'loadBalancer', data: { name: 'lb', ports: 'none listed' } },
      ],
    },
  ],
});
