import type { ImageView } from '../facts/imageFacts';

/** Edits of an image reference (a new tag, a whole new reference), as document spans. */

export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** Whether the reference is written literally, so that it can be replaced as a whole. */
export const isLiteral = (view: ImageView): boolean => !/[$"']/.test(view.ref.text);

/** A digest pins the old content whatever the tag says, so a changed tag drops it. */
function dropDigest(view: ImageView): Edit[] {
  const d = view.ref.digest;
  return d && isLiteral(view) ? [{ start: d.start - 1, end: d.end, text: '' }] : [];
}

/** Edits that make the reference use `tag`; undefined when the tag is not written literally. */
export function retag(view: ImageView, tag: string): Edit[] | undefined {
  const { ref } = view;
  if (ref.tag)
    return view.literalTag && (!ref.digest || isLiteral(view))
      ? [{ start: ref.tag.start, end: ref.tag.end, text: tag }, ...dropDigest(view)]
      : undefined;
  if (!isLiteral(view)) return undefined;
  return [{ start: ref.name.end, end: ref.name.end, text: `:${tag}` }, ...dropDigest(view)];
}

/** The tag with document spans of it replaced (spans must lie inside the literal tag). */
export function spliceTag(view: ImageView, spans: Edit[]): string {
  const start = view.ref.tag!.start;
  let tag = view.ref.tag!.value;
  for (const s of [...spans].sort((a, b) => b.start - a.start))
    tag = tag.slice(0, s.start - start) + s.text + tag.slice(s.end - start);
  return tag;
}

/** Edits replacing the whole reference; undefined when it is not written literally. */
export function replaceImage(view: ImageView, text: string): Edit[] | undefined {
  return isLiteral(view) ? [{ start: view.ref.start, end: view.ref.end, text }] : undefined;
}
