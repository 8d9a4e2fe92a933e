/**
 * Custom resources that carry a full pod template, and where it sits. Their controllers create pods from it as
 * a Deployment does from its own, so every pod-spec rule applies. Sources: each project's API reference —
 * Argo Rollouts (`Rollout.spec.template`), Knative Serving (`Service`/`Configuration` `.spec.template`,
 * `Revision.spec`), KEDA (`ScaledJob.spec.jobTargetRef.template`), OpenKruise (`CloneSet`, Advanced
 * `StatefulSet`/`DaemonSet`, `BroadcastJob`: `.spec.template`), Flink Kubernetes Operator
 * (`FlinkDeployment.spec.podTemplate`). Kinds with several templates per object (ECK `nodeSets[]`, Argo Workflows
 * `templates[]`) and operator templates that are merged with defaults are not listed: a partial template would be
 * reported for what the operator fills in.
 */
export interface CrdPodTemplate {
  /** The API group (apiVersion without its version). */
  group: string;
  kind: string;
  /** Path of the pod spec from the object's root, and of the pod's metadata. */
  spec: readonly string[];
  metadata: readonly string[];
  /** The controller keeps the pods running (probes apply), as for a Deployment. */
  longRunning: boolean;
}

const template = (group: string, kind: string, longRunning: boolean, at: readonly string[] = ['spec', 'template']) => ({
  group,
  kind,
  spec: [...at, 'spec'],
  metadata: [...at, 'metadata'],
  longRunning,
});

export const CRD_POD_TEMPLATES: readonly CrdPodTemplate[] = [
  template('argoproj.io', 'Rollout', true),
  template('serving.knative.dev', 'Service', true),
  template('serving.knative.dev', 'Configuration', true),
  { group: 'serving.knative.dev', kind: 'Revision', spec: ['spec'], metadata: ['metadata'], longRunning: true },
  template('keda.sh', 'ScaledJob', false, ['spec', 'jobTargetRef', 'template']),
  template('apps.kruise.io', 'CloneSet', true),
  template('apps.kruise.io', 'StatefulSet', true),
  template('apps.kruise.io', 'DaemonSet', true),
  template('apps.kruise.io', 'BroadcastJob', false),
  template('flink.apache.org', 'FlinkDeployment', true, ['spec', 'podTemplate']),
];
