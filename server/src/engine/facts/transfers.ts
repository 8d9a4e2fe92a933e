import type { Flag, Instruction, JSONInstruction } from 'dockerfile-ast';
import type { DockerfileModel, Token } from '../models/dockerfile';
import { execWords, jsonWord } from '../models/execForm';
/** What ADD and COPY transfer: sources, flags, remote and archive sources. */

/** The decoded strings of an exec-form instruction (`SHELL ["/bin/bash", "-c"]`); undefined in shell form. */
export function execForm(model: DockerfileModel, ins: Instruction): string[] | undefined {
  return execWords(model.text, ins, model.offsets)?.map((w) => w.value ?? '');
}

export interface Transfer {
  /** Source paths or URLs (empty for heredoc sources). */
  sources: Token[];
  dest?: Token;
  flags: Flag[];
  heredoc: boolean;
}

/** Sources, destination and flags of an ADD or COPY, shell or exec form. */
export function transferOf(model: DockerfileModel, ins: Instruction): Transfer {
  const flags = (ins as unknown as { getFlags?(): Flag[] }).getFlags?.() ?? [];
  const json = (ins as JSONInstruction).getJSONStrings?.() ?? [];
  let tokens: Token[];
  if (json.length > 0) {
    tokens = json.map((j) => {
      const { start, end } = model.offsets(j.getRange());
      return { value: jsonWord(model.text, start, end).value ?? '', start, end };
    });
  } else {
    tokens = ins.getArguments().map((a) => ({ value: a.getValue(), ...model.offsets(a.getRange()) }));
    if (tokens.some((t) => t.value.startsWith('<<'))) return { sources: [], flags, heredoc: true };
  }
  return { sources: tokens.slice(0, -1), dest: tokens[tokens.length - 1], flags, heredoc: false };
}

export function flagOf(t: Transfer, name: string): Flag | undefined {
  return t.flags.find((f) => f.getName().toLowerCase() === name);
}

/** A git source of ADD (`git@host:repo`, `https://host/repo.git#ref`). */
export function isGitSource(src: string): boolean {
  return /^(?:git@|git:\/\/|ssh:\/\/)/i.test(src) || /^https?:\/\/[^#?]+\.git(?:[#?].*)?$/i.test(src);
}

export function isRemoteSource(src: string): boolean {
  return /^(?:https?|ftp):\/\//i.test(src) || isGitSource(src);
}

/** Names ADD unpacks (it sniffs the content; a single compressed file may hold a tar, so those count too). */
export function isArchiveName(src: string): boolean {
  return /\.(?:tar|tgz|tbz2?|tb2|txz|tlz|tzst|taz|tz|gz|bz2|xz|lz|lzma|zst|z)$/i.test(src.replace(/[?#].*$/, ''));
}
