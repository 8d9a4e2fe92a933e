import { parseImageRef } from '../models/dockerfile';
import { viewImage } from './imageFacts';

/** Which image references can be pinned to a digest, and where the digest goes (the lookup itself is the host's). */

/** A literal image reference in a document, ready to be looked up and pinned. */
export interface PinTarget {
  /** Offsets of the reference as written (without surrounding quotes). */
  start: number;
  end: number;
  /** The reference as written. */
  image: string;
  /** Exactly what is sent to the registry: host, repository and tag. Nothing else of the workspace. */
  lookup: { registry: string; name: string; tag: string };
  /** Where `@sha256:…` goes: after the tag (an existing digest is replaced). */
  digestStart: number;
  digest?: string;
}

// The distribution reference grammar: what may be sent as a host, a repository path and a tag.
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const PATH = new RegExp(`^${COMPONENT}(?:/${COMPONENT})*$`);
const HOST =
  /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:]+\])(?::\d{1,5})?$/;
const TAG = /^\w[\w.-]{0,127}$/;

/**
 * The image reference at `start..end` of `text` (a FROM image token or a manifest's `image:` scalar), or why
 * it cannot be pinned. Only literal references qualify: a build argument or a template is pinned where its
 * value is written, not here.
 */
export function pinTarget(text: string, start: number, end: number): PinTarget | string {
  let s = Math.max(0, Math.min(start, text.length));
  let e = Math.max(s, Math.min(end, text.length));
  const quote = text[s];
  if (e - s >= 2 && (quote === '"' || quote === "'") && text[e - 1] === quote) {
    s++;
    e--;
  }
  const image = text.slice(s, e);
  if (!image) return 'There is no image reference here';
  if (/[$"'\\{}]/.test(image))
    return `${image} is not a literal image reference (it uses a variable or a template); pin the value where it is defined`;
  if (/\s/.test(image)) return `"${image}" is not an image reference`;
  const ref = parseImageRef(image, s);
  const view = viewImage(ref);
  if (ref.registry && !HOST.test(ref.registry.value)) return `${image} does not name a valid registry host`;
  if (!PATH.test(ref.name.value))
    return `${image} is not a valid image name (repository names are lower case letters, digits and separators)`;
  if (ref.tag && !TAG.test(ref.tag.value)) return `${image} does not have a valid tag`;
  if (ref.digest && !ref.tag) return `${image} names no tag to look up: it is pinned to its digest only`;
  const digestStart = ref.digest ? ref.digest.start - 1 : e;
  return {
    start: s,
    end: e,
    image,
    lookup: { registry: view.registry, name: view.path, tag: view.tag ?? 'latest' },
    digestStart,
    digest: ref.digest?.value,
  };
}

/**
 * `start..end` of `before` in `after`, when the edits between them (seen as one changed middle: the common
 * prefix and suffix are kept) did not touch it; undefined when they did.
 */
export function mapThroughEdit(
  before: string,
  after: string,
  start: number,
  end: number,
): { start: number; end: number } | undefined {
  if (before === after) return { start, end };
  const max = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (
    suffix < max - prefix &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  )
    suffix++;
  // Strictly inside the kept parts: text typed right against the reference changes it.
  if (end < prefix) return { start, end };
  const delta = after.length - before.length;
  if (start > before.length - suffix) return { start: start + delta, end: end + delta };
  return undefined;
}
