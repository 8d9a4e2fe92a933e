import { isScalar } from 'yaml';
import type { Workspace } from './workspace';
import { parseImageRef, type ImageRef } from '../models/dockerfile';
import { viewImage, type ImageView } from './imageFacts';
import type { Container, K8sObject } from '../models/kubernetes';

/** The `image:` of one container, split as the Dockerfile rules split a FROM image (same parser, same view). */
export interface ContainerImage {
  container: Container;
  value: string;
  view: ImageView;
  /** Document offsets of the whole scalar (quotes included). */
  start: number;
  end: number;
  /**
   * Registry, name, tag and digest tokens carry document offsets (the value is written as is, plain or quoted
   * without escapes); otherwise only the whole scalar can be underlined.
   */
  exact: boolean;
}

/** Per object: three or four rules ask for the same images of every object, each parsed twice (parseImageRef, viewImage). */
const imagesMemo = new WeakMap<K8sObject, { text: string; images: readonly ContainerImage[] }>();

/** Images of every container (init and ephemeral included) that set a non-empty string. Shared: do not modify. */
export function containerImages(obj: K8sObject, text: string): readonly ContainerImage[] {
  const hit = imagesMemo.get(obj);
  if (hit && hit.text === text) return hit.images;
  const images = computeContainerImages(obj, text);
  imagesMemo.set(obj, { text, images });
  return images;
}

function computeContainerImages(obj: K8sObject, text: string): ContainerImage[] {
  const out: ContainerImage[] = [];
  for (const container of obj.podSpec?.containers ?? []) {
    const node = container.node.get('image', true);
    if (!isScalar(node) || typeof node.value !== 'string' || !node.value.trim() || !node.range) continue;
    const [start, end] = node.range;
    const value = node.value;
    const at = text.slice(start, end) === value ? start : text.slice(start + 1, end - 1) === value ? start + 1 : -1;
    out.push({ container, value, view: imageView(value, Math.max(at, start)), start, end, exact: at >= 0 });
  }
  return out;
}

/** An image reference as written in a manifest (no build arguments to resolve). */
export function imageView(value: string, start = 0): ImageView {
  return viewImage(parseImageRef(value, start));
}

/** Where to underline part of an image: the token when offsets are exact, else the whole scalar. */
export function spanOf(
  img: ContainerImage,
  token: keyof Pick<ImageRef, 'registry' | 'name' | 'tag' | 'digest'>,
): { start: number; end: number } {
  const t = img.exact ? img.view.ref[token] : undefined;
  return t ? { start: t.start, end: t.end } : { start: img.start, end: img.end };
}

const HUB_ALIASES = new Set([
  'docker.io',
  'index.docker.io',
  'registry-1.docker.io',
  'registry.hub.docker.com',
  'hub.docker.com',
]);

/**
 * A `trustedRegistries` entry: `host[:port][/path prefix]`; `*` in the host matches within one DNS label
 * (`*.azurecr.io`); Docker Hub under any of its names is `docker.io`. Shared by Dockerfile and Kubernetes rules.
 */
export function registryMatcher(entry: string): (view: Pick<ImageView, 'registry' | 'path'>) => boolean {
  const [hostPart, ...path] = entry
    .trim()
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, '')
    .replace(/\/+$/, '')
    .split('/');
  const host = HUB_ALIASES.has(hostPart) ? 'docker.io' : hostPart;
  const hostRe = new RegExp(`^${host.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^./]*')}$`);
  const prefix = path.join('/');
  return (view) => hostRe.test(view.registry) && (!prefix || `${view.path}/`.startsWith(`${prefix}/`));
}

// ---- Image-verification policies (Kyverno verifyImages, Sigstore policy-controller) --------------------------------

export interface VerificationGlob {
  glob: string;
  /** Kyverno `*` crosses `/`; Sigstore `*` stays within a path segment and `**` crosses. */
  dialect: 'kyverno' | 'sigstore';
  /** A namespaced Kyverno Policy covers its namespace only. */
  namespace?: string;
}

const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const rec = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const strings = (v: unknown): string[] => arr(v).filter((x): x is string => typeof x === 'string');

/** Image patterns of the verification policies in the workspace (from the summaries' `spec`). */
export function verificationGlobs(ws: Workspace): VerificationGlob[] {
  const out: VerificationGlob[] = [];
  for (const s of ws.objects()) {
    const spec = rec(s.spec);
    if (s.apiVersion.startsWith('kyverno.io/') && (s.kind === 'ClusterPolicy' || s.kind === 'Policy')) {
      const namespace = s.kind === 'Policy' ? (s.namespace ?? 'default') : undefined;
      for (const rule of arr(spec.rules)) {
        for (const v of arr(rec(rule).verifyImages)) {
          const vi = rec(v);
          for (const glob of [...strings(vi.imageReferences), ...strings([vi.image])])
            out.push({ glob, dialect: 'kyverno', namespace });
        }
      }
    } else if (s.apiVersion.startsWith('policies.kyverno.io/') && s.kind === 'ImageValidatingPolicy') {
      // A CEL expression cannot be evaluated here: it counts as covering every image.
      for (const m of arr(spec.matchImageReferences))
        out.push({ glob: typeof rec(m).glob === 'string' ? (rec(m).glob as string) : '*', dialect: 'kyverno' });
    } else if (s.apiVersion.startsWith('policy.sigstore.dev/') && s.kind === 'ClusterImagePolicy') {
      for (const i of arr(spec.images))
        if (typeof rec(i).glob === 'string') out.push({ glob: rec(i).glob as string, dialect: 'sigstore' });
    }
  }
  return out;
}

function globRegExp(glob: string, dialect: VerificationGlob['dialect']): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i];
    if (ch === '*' && dialect === 'sigstore' && glob[i + 1] === '*') {
      re += '.*';
      i++;
    } else if (ch === '*') re += dialect === 'sigstore' ? '[^/]*' : '.*';
    else if (ch === '?') re += dialect === 'sigstore' ? '[^/]' : '.';
    else re += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/**
 * The spellings an admission controller may match a reference in: as written, and normalized with the registry
 * (`docker.io` or `index.docker.io`, `library/` for official images), with and without tag or digest. Matching any
 * of them counts, so a policy is never reported as missing because of a spelling.
 */
function spellings(image: string): string[] {
  const v = imageView(image);
  const suffixes = [
    '',
    `:${v.tag ?? 'latest'}`,
    ...(v.digest ? [`@${v.digest}`, `:${v.tag ?? 'latest'}@${v.digest}`] : []),
  ];
  const repos = [
    v.repository,
    `${v.registry}/${v.path}`,
    ...(v.registry === 'docker.io' ? [`index.docker.io/${v.path}`] : []),
  ];
  return [image, ...repos.flatMap((r) => suffixes.map((s) => r + s))];
}

export function isVerified(image: string, namespace: string, globs: readonly VerificationGlob[]): boolean {
  // Spellings only when some policy applies (most workspaces have none), and each glob compiled once, not per spelling.
  const applicable = globs.filter((g) => !g.namespace || g.namespace === namespace);
  if (applicable.length === 0) return false;
  const forms = spellings(image);
  return applicable.some((g) => {
    const re = globRegExp(g.glob, g.dialect);
    return forms.some((f) => re.test(f));
  });
}

/** The pattern a new policy uses for an image: its registry and first path segment (the owner, who signs). */
export function ownerGlob(image: string): string {
  const v = imageView(image);
  const first = v.path.split('/')[0];
  return v.path.includes('/') ? `${v.registry}/${first}/*` : `${v.registry}/*`;
}

export type Attestor = 'keyless' | 'publicKey';

/** A Kyverno ClusterPolicy that verifies the signatures of images matching `globs`; placeholders say REPLACE-ME. */
export function verifyImagesPolicy(globs: string[], attestor: Attestor): Record<string, unknown> {
  const entry =
    attestor === 'keyless'
      ? {
          keyless: {
            subject:
              'REPLACE-ME: signer identity, e.g. https://github.com/OWNER/REPO/.github/workflows/release.yml@refs/tags/*',
            issuer: 'https://token.actions.githubusercontent.com',
            rekor: { url: 'https://rekor.sigstore.dev' },
          },
        }
      : {
          keys: {
            publicKeys:
              '-----BEGIN PUBLIC KEY-----\nREPLACE-ME: the cosign public key that signs these images\n-----END PUBLIC KEY-----',
          },
        };
  return {
    apiVersion: 'kyverno.io/v1',
    kind: 'ClusterPolicy',
    metadata: { name: 'verify-image-signatures' },
    spec: {
      validationFailureAction: 'Enforce',
      webhookTimeoutSeconds: 30,
      rules: [
        {
          name: 'verify-signatures',
          match: { any: [{ resources: { kinds: ['Pod'] } }] },
          verifyImages: [{ imageReferences: globs, attestors: [{ entries: [entry] }] }],
        },
      ],
    },
  };
}
