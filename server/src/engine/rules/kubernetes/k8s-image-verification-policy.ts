import { appendDocument } from '../../edit/yamlEdit';
import {
  containerImages,
  isVerified,
  ownerGlob,
  verificationGlobs,
  verifyImagesPolicy,
  type Attestor,
} from '../../facts/images';
import { isSummaryOf, namespaceOf, networkFacts } from '../../facts/networkPolicy';
import { defineKubernetesRule, type SuggestionReport } from '../rule';
import type { ObjectSummary, Workspace } from '../../facts/workspace';

type Messages = 'unverified' | 'addKeyless' | 'addPublicKey';

export default defineKubernetesRule<Messages>({
  meta: {
    id: 'k8s-image-verification-policy',
    target: 'kubernetes',
    title: 'Workspaces that deploy workloads should verify image signatures at admission',
    practice: 'integrity',
    severity: 'info',
    fix: 'suggestion',
    peers: {},
    messages: {
      unverified:
        'No image-verification policy in the workspace covers {{count}} image(s) its workloads run, such as {{image}}; add a Kyverno verifyImages or Sigstore ClusterImagePolicy so the cluster only admits signed images (reported once, here)',
      addKeyless: 'Add a Kyverno policy verifying keyless (Sigstore) signatures of {{owners}}',
      addPublicKey: 'Add a Kyverno policy verifying signatures of {{owners}} with a public key',
    },
    docs: {
      rationale:
        "Tags, registries and even digests say where an image comes from, not who built it: a stolen registry credential or a compromised build pushes an image that every check on the manifest accepts. Signature verification at admission (Kyverno `verifyImages`, or the Sigstore policy-controller's `ClusterImagePolicy`) makes the cluster refuse images your release pipeline did not sign. None of kube-linter, Checkov, Trivy, Polaris or kube-score checks this. The rule looks at the whole workspace: when its workloads run images that no Kyverno ClusterPolicy/Policy `verifyImages[].imageReferences`, Kyverno ImageValidatingPolicy or Sigstore `ClusterImagePolicy` glob matches (in any spelling of the reference: as written, or normalized with `docker.io/library/`), it reports once for the whole workspace, on the first such image (by file, then position), as information: the policy usually lives in a platform repository this workspace does not show, and then the rule should be turned off. The suggestions append a Kyverno ClusterPolicy for the owners of those images (registry and first path segment), with keyless or public-key attestors whose REPLACE-ME placeholders must be filled in before it is applied; with placeholders left, Kyverno rejects the policy or the images.",
      references: [
        'https://kyverno.io/docs/policy-types/cluster-policy/verify-images/',
        'https://docs.sigstore.dev/policy-controller/overview/',
      ],
    },
  },
  check(ctx) {
    const first = firstUnverified(ctx.workspace);
    if (!first) return;
    for (const obj of ctx.kubernetes.objects) {
      if (!isSummaryOf(first.workload, obj)) continue;
      const img = containerImages(obj, ctx.text).find((i) => i.value === first.image);
      if (!img) continue;
      const src = { text: ctx.text, index: ctx.index };
      // Findings only (diagnostics): the rendered policies would be dropped.
      const suggest: SuggestionReport<Messages>[] = !ctx.fixes
        ? []
        : (['keyless', 'publicKey'] as Attestor[]).map((a) => ({
            messageId: a === 'keyless' ? 'addKeyless' : 'addPublicKey',
            data: {
              owners:
                first.globs.length === 1 ? first.globs[0] : `${first.globs[0]} and ${first.globs.length - 1} more`,
            },
            edits: appendDocument(
              src,
              verifyImagesPolicy(first.globs, a),
              'Admission check of image signatures (Kyverno). Replace every REPLACE-ME before applying it.',
            ),
          }));
      ctx.report({
        start: img.start,
        end: img.end,
        messageId: 'unverified',
        data: { count: first.count, image: first.image },
        suggest,
        absent: true,
      });
      return;
    }
  },
});

interface Unverified {
  workload: ObjectSummary;
  image: string;
  /** Distinct images without a covering policy. */
  count: number;
  /** Owner globs of all of them, for the suggested policy. */
  globs: string[];
}

const cache = new WeakMap<Workspace, { generation: number; value?: Unverified }>();

/** The first workload image (by URI, then position) that no verification policy covers, with what the others need. */
function firstUnverified(ws: Workspace): Unverified | undefined {
  const hit = cache.get(ws);
  if (hit && hit.generation === ws.generation) return hit.value;
  const globs = verificationGlobs(ws);
  const workloads = networkFacts(ws).ordered;
  let value: Unverified | undefined;
  const seen = new Set<string>();
  const owners = new Set<string>();
  for (const w of workloads) {
    for (const image of w.images ?? []) {
      if (!image.trim() || seen.has(image) || isVerified(image, namespaceOf(w), globs)) continue;
      seen.add(image);
      owners.add(ownerGlob(image));
      value ??= { workload: w, image, count: 0, globs: [] };
    }
  }
  if (value) {
    value.count = seen.size;
    value.globs = [...owners].sort();
  }
  cache.set(ws, { generation: ws.generation, value });
  return value;
}
