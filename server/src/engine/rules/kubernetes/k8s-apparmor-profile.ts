import { getIn } from '../../models/kubernetes';
import { ownerName, pssPods, securityContexts } from '../../facts/pss';
import { asFix } from '../../edit/fixEdits';
import { isUnset, mapEntries, stringValue } from '../../models/yamlValues';
import { defineKubernetesRule } from '../rule';

const ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';
const ALLOWED_TYPES = new Set(['RuntimeDefault', 'Localhost']);
const allowedAnnotation = (v: string) => v === '' || v === 'runtime/default' || v.startsWith('localhost/');

type Messages = 'forbiddenType' | 'forbiddenAnnotation' | 'useRuntimeDefault' | 'useRuntimeDefaultAnnotation';

export default defineKubernetesRule<Messages>({
  meta: {
    id: 'k8s-apparmor-profile',
    target: 'kubernetes',
    title: 'Pods must not disable or override the default AppArmor profile',
    practice: 'least-privilege',
    severity: 'warning',
    fix: 'suggestion',
    peers: { pss: ['appArmorProfile'], trivy: ['KSV-0002'] },
    messages: {
      forbiddenType:
        'forbidden AppArmor profile: {{owner}} must not set AppArmor profile type "{{type}}"; use RuntimeDefault or Localhost',
      forbiddenAnnotation:
        'forbidden AppArmor profile: annotation {{key}}="{{value}}" is not allowed; use runtime/default or localhost/<profile>',
      useRuntimeDefault: 'Set appArmorProfile.type to RuntimeDefault',
      useRuntimeDefaultAnnotation: 'Set the annotation to runtime/default',
    },
    docs: {
      rationale:
        'On nodes with AppArmor the runtime confines every container with its default profile; Unconfined turns that off and leaves only the other layers between the container and the host. The baseline profile allows the field appArmorProfile.type (pod or container) to be RuntimeDefault or Localhost, and the deprecated annotation container.apparmor.security.beta.kubernetes.io/<container> to be runtime/default or localhost/<profile>. Switching to the runtime default is a suggestion, since the workload may need what the profile denies.',
      references: [
        'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
        'https://kubernetes.io/docs/tutorials/security/apparmor/',
      ],
    },
  },
  check(ctx) {
    for (const pod of pssPods(ctx, 'baseline')) {
      for (const ref of securityContexts(pod)) {
        const profile = [...ref.path, 'appArmorProfile'];
        if (isUnset(getIn(pod.obj.node, profile))) continue;
        const type = stringValue(getIn(pod.obj.node, [...profile, 'type'])) ?? '';
        if (ALLOWED_TYPES.has(type)) continue;
        const at = ctx.at(pod.obj, [...profile, 'type']);
        const canReset = isUnset(getIn(pod.obj.node, [...profile, 'localhostProfile']));
        const edits = canReset ? asFix(ctx.ensure(pod.obj, [...profile, 'type'], 'RuntimeDefault')) : undefined;
        ctx.report({
          start: at.start,
          end: at.end,
          messageId: 'forbiddenType',
          data: { owner: ownerName(ref), type },
          suggest: edits ? [{ messageId: 'useRuntimeDefault', edits }] : undefined,
        });
      }
      const annotations = [...pod.spec.metadataPath, 'annotations'];
      for (const { key, value } of mapEntries(getIn(pod.obj.node, annotations))) {
        const v = stringValue(value) ?? '';
        if (!key.startsWith(ANNOTATION_PREFIX) || allowedAnnotation(v)) continue;
        const at = ctx.at(pod.obj, [...annotations, key]);
        const edits = asFix(ctx.ensure(pod.obj, [...annotations, key], 'runtime/default'));
        ctx.report({
          start: at.start,
          end: at.end,
          messageId: 'forbiddenAnnotation',
          data: { key, value: v },
          suggest: edits ? [{ messageId: 'useRuntimeDefaultAnnotation', edits }] : undefined,
        });
      }
    }
  },
});
