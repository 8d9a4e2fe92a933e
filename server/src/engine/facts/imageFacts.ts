import type { Copy, Flag, Instruction } from 'dockerfile-ast';
import { EOL_PRODUCTS, type EolCycle, type EolProduct } from '../data/eol';
import type { Settings } from '../base/types';
import {
  canonicalName,
  parseImageRef,
  type DockerfileModel,
  type ImageRef,
  type Stage,
  type Token,
} from '../models/dockerfile';

const DOCKER_HUB = new Set([
  'docker.io',
  'index.docker.io',
  'registry-1.docker.io',
  'registry.hub.docker.com',
  'hub.docker.com',
]);

/** An image reference as BuildKit pulls it: ARG defaults substituted, quotes removed. */
export interface ImageView {
  ref: ImageRef;
  /** `node`, `bitnami/node`, `gcr.io/distroless/static` (see canonicalName). */
  name: string;
  /** `docker.io` for Docker Hub, else the host (with port). */
  registry: string;
  /** Repository path on the registry; Docker Hub official images get `library/`. */
  path: string;
  tag?: string;
  digest?: string;
  /** Registry or repository still holds an unresolved variable: the image is unknown. */
  dynamic: boolean;
  /** The tag is written literally in the document (no variable, no quotes), so parts of it can be edited. */
  literalTag: boolean;
  /** `name:tag@digest` as resolved, for messages. */
  display: string;
  /** The resolved reference without tag and digest (`docker.io/library/node`, as written). */
  repository: string;
}

export function viewImage(ref: ImageRef): ImageView {
  // Leftover `${X:-default}` means X is unknown here, so the default applies; `${X:+alt}` then expands to nothing.
  const text = ref.resolved
    .replace(/\$\{[A-Za-z_]\w*:?-([^}$]*)\}/g, '$1')
    .replace(/\$\{[A-Za-z_]\w*:?\+[^}$]*\}/g, '')
    .replace(/["']/g, '');
  const p = parseImageRef(text, ref.start);
  const host = p.registry?.value.toLowerCase();
  const registry = !host || DOCKER_HUB.has(host) ? 'docker.io' : host;
  const repo = p.name.value.toLowerCase();
  return {
    ref,
    name: canonicalName(p),
    registry,
    path: registry === 'docker.io' && !repo.includes('/') ? `library/${repo}` : repo,
    tag: p.tag?.value,
    digest: p.digest?.value,
    dynamic: `${p.registry?.value ?? ''}/${p.name.value}`.includes('$'),
    literalTag: !!ref.tag && ref.tag.value === p.tag?.value && !/[$"']/.test(ref.tag.value),
    display: text,
    repository: `${p.registry ? `${p.registry.value}/` : ''}${p.name.value}`,
  };
}

/** The root image a stage builds on, following `FROM <stage>`; undefined for scratch and unknown images. */
export function rootImage(stage: Stage): ImageView | undefined {
  const image = stage.root.image;
  if (!image) return undefined;
  const view = viewImage(image);
  return view.dynamic || view.name === 'scratch' ? undefined : view;
}

/** Each stage's own base image (not `FROM <stage>`), skipping scratch and references that stay dynamic. */
export function* stageImages(model: DockerfileModel): Generator<{ stage: Stage; view: ImageView }> {
  for (const stage of model.stages) {
    if (!stage.image) continue;
    const view = viewImage(stage.image);
    if (!view.dynamic && view.name !== 'scratch') yield { stage, view };
  }
}

// ---- What `COPY --from` / `RUN --mount=from=` names --------------------------------------------------------------

/** Official images often copied from by bare name (`COPY --from=busybox`); other bare names are likely stage typos. */
const KNOWN_BARE_IMAGES = new Set(
  `alpine busybox debian ubuntu fedora centos amazonlinux rockylinux almalinux oraclelinux node python golang rust ruby
  php perl openjdk eclipse-temurin amazoncorretto maven gradle nginx httpd caddy traefik haproxy redis postgres mysql
  mariadb mongo memcached rabbitmq docker registry tomcat composer bash buildpack-deps gcc erlang elixir swift dart
  julia haskell clojure groovy hello-world influxdb telegraf nats consul vault`.split(/\s+/),
);

/** `--from=` of COPY and `from=` of `RUN --mount`, with the token of the value. */
export function* fromValues(
  model: DockerfileModel,
  stage: Stage,
): Generator<{ ins: Instruction; token: Token; mount: boolean }> {
  for (const ins of stage.instructions) {
    const keyword = ins.getKeyword();
    if (keyword === 'COPY') {
      const flag = (ins as Copy).getFromFlag();
      const range = flag?.getValueRange();
      if (flag && range) yield { ins, token: { value: flag.getValue() ?? '', ...model.offsets(range) }, mount: false };
    } else if (keyword === 'RUN') {
      const flags: Flag[] = (ins as unknown as { getFlags(): Flag[] }).getFlags();
      for (const flag of flags.filter((f) => f.getName() === 'mount')) {
        for (const option of flag.getOptions().filter((o) => o.getName() === 'from')) {
          const range = option.getValueRange();
          if (range) yield { ins, token: { value: option.getValue() ?? '', ...model.offsets(range) }, mount: true };
        }
      }
    }
  }
}

export type FromSource =
  | { kind: 'stage'; stage: Stage }
  | { kind: 'self' }
  | { kind: 'later'; stage: Stage }
  | { kind: 'image'; view: ImageView }
  | { kind: 'unknown' }
  | { kind: 'dynamic' };

/** Classifies a `--from` value of an instruction in `stage` as BuildKit resolves it. */
export function fromSource(model: DockerfileModel, stage: Stage, value: Token): FromSource {
  const v = value.value;
  if (!v || v.includes('$')) return { kind: 'dynamic' };
  if (/^\d+$/.test(v)) {
    const n = Number(v);
    if (n === stage.index) return { kind: 'self' };
    if (n < stage.index) return { kind: 'stage', stage: model.stages[n] };
    return n < model.stages.length ? { kind: 'later', stage: model.stages[n] } : { kind: 'unknown' };
  }
  const named = model.stages.find((s) => s.name?.value === v.toLowerCase());
  if (named)
    return named === stage
      ? { kind: 'self' }
      : named.index < stage.index
        ? { kind: 'stage', stage: named }
        : { kind: 'later', stage: named };
  if (/[/:.@]/.test(v) || KNOWN_BARE_IMAGES.has(v) || productOf(v))
    return { kind: 'image', view: viewImage(parseImageRef(v, value.start, model.globalArgs)) };
  return { kind: 'unknown' };
}

// ---- Releases and end of life --------------------------------------------------------------------------------------

export interface Product extends EolProduct {
  slug: string;
}

const EXTRA_IMAGES: Record<string, string> = {
  'mcr.microsoft.com/dotnet/runtime-deps': 'dotnet',
  'mcr.microsoft.com/dotnet/core/sdk': 'dotnet',
  'mcr.microsoft.com/dotnet/core/aspnet': 'dotnet',
  'mcr.microsoft.com/dotnet/core/runtime': 'dotnet',
  'mcr.microsoft.com/dotnet/core/runtime-deps': 'dotnet',
};

let byImage: Map<string, Product> | undefined;

/** The endoflife.date product an image ships (`node` → Node.js), if known. */
export function productOf(imageName: string): Product | undefined {
  if (!byImage) {
    byImage = new Map();
    for (const [slug, p] of Object.entries(EOL_PRODUCTS))
      for (const image of p.images) byImage.set(image, { ...p, slug });
    for (const [image, slug] of Object.entries(EXTRA_IMAGES)) byImage.set(image, { ...EOL_PRODUCTS[slug], slug });
  }
  return byImage.get(imageName);
}

/** Node.js LTS codenames, which are tags of the official node image (`node:iron-slim`). */
const NODE_CODENAMES: Record<string, string> = {
  argon: '4',
  boron: '6',
  carbon: '8',
  dubnium: '10',
  erbium: '12',
  fermium: '14',
  gallium: '16',
  hydrogen: '18',
  iron: '20',
  jod: '22',
  krypton: '24',
};

export function todayOf(settings: Settings): string {
  return settings.today ?? new Date().toISOString().slice(0, 10);
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? -1) - (pb[i] ?? -1);
    if (d) return d;
  }
  return 0;
}

export const isEol = (c: EolCycle, today: string): boolean => (typeof c.eol === 'string' ? c.eol <= today : c.eol);
const isLts = (c: EolCycle, today: string): boolean => c.lts === true || (typeof c.lts === 'string' && c.lts <= today);

/** Supported cycles, newest first; LTS cycles only when the product has LTS releases and one is supported. */
export function supportedCycles(product: EolProduct, today: string): EolCycle[] {
  const live = product.cycles.filter((c) => !isEol(c, today));
  const lts = live.filter((c) => isLts(c, today));
  return lts.length ? lts : live;
}

/** The oldest supported cycle not older than `from`: the smallest upgrade. */
export function nearestSupported(product: EolProduct, from: EolCycle, today: string): EolCycle | undefined {
  const up = supportedCycles(product, today).filter((c) => compareVersions(c.cycle, from.cycle) >= 0);
  return up[up.length - 1];
}

/** `3.9` in `3.9.18`, `14` in `14.17.0`, newest `3.x` for `3`. */
export function cycleOf(product: EolProduct, version: string): EolCycle | undefined {
  const cycles = product.cycles;
  return (
    cycles.find((c) => c.cycle === version) ??
    cycles.filter((c) => version.startsWith(`${c.cycle}.`)).sort((a, b) => b.cycle.length - a.cycle.length)[0] ??
    cycles.find((c) => c.cycle.startsWith(`${version}.`))
  );
}

/** Images whose tag scheme the suggestions know: official Docker Hub images, .NET and CentOS Stream. */
export const knownTagScheme = (view: ImageView): boolean =>
  !view.name.includes('/') || /^(mcr\.microsoft\.com\/dotnet|quay\.io\/centos)\//.test(view.name);

/** How an image tag writes a cycle: .NET images are tagged `8.0` for cycle 8. */
export function cycleTag(product: Product, cycle: EolCycle): string {
  return product.slug === 'dotnet' && !cycle.cycle.includes('.') ? `${cycle.cycle}.0` : cycle.cycle;
}

/** One release named by an image reference: the image's own (`python 3.9`) or an OS in its tag (`bullseye`). */
export interface Release {
  product: Product;
  cycle: EolCycle;
  /** How the tag writes it; `implicit` = untagged or `latest`, which is the newest cycle. */
  form: 'version' | 'codename' | 'implicit';
  /** Document offsets of the version digits or codename; the whole tag (or image) when not literal. */
  start: number;
  end: number;
  /** The span can be replaced by another version or codename. */
  editable: boolean;
  own: boolean;
}

interface Word {
  text: string;
  at: number;
}

function tagWords(tag: string): Word[] {
  const out: Word[] = [];
  let at = 0;
  for (const text of tag.split('-')) {
    out.push({ text, at });
    at += text.length + 1;
  }
  return out;
}

const codenameCycle = (product: EolProduct | undefined, word: string) =>
  word.length >= 4 ? product?.cycles.find((c) => c.codename === word) : undefined;

/** The version the first tag word gives the image's own product, with its offset inside the word. */
function ownVersion(
  product: Product,
  imageName: string,
  word: string,
): { cycle?: EolCycle; from: number; to: number; form: Release['form'] } | undefined {
  const named =
    codenameCycle(product, word) ??
    (imageName === 'node' && NODE_CODENAMES[word]
      ? product.cycles.find((c) => c.cycle === NODE_CODENAMES[word])
      : undefined);
  if (named) return { cycle: named, from: 0, to: word.length, form: 'codename' };
  const m = /^(v|centos)?(\d+(?:\.\d+)*)/.exec(word);
  if (!m) return undefined;
  const from = m[1]?.length ?? 0;
  return { cycle: cycleOf(product, m[2]), from, to: from + m[2].length, form: 'version' };
}

/** A Debian or Ubuntu release codename (`bookworm`, `noble`). */
export function osCodename(word: string): { slug: 'debian' | 'ubuntu'; cycle: EolCycle } | undefined {
  for (const slug of ['debian', 'ubuntu'] as const) {
    const cycle = codenameCycle(EOL_PRODUCTS[slug], word.toLowerCase());
    if (cycle) return { slug, cycle };
  }
  return undefined;
}

/** OS releases named inside a tag (`slim-bullseye`, `alpine3.18`, `jdk-focal`, `al2`, `debian-11`). */
function embeddedRelease(
  words: Word[],
  i: number,
): { slug: string; version: string; from: number; form: Release['form'] } | undefined {
  const w = words[i].text.toLowerCase();
  let m: RegExpExecArray | null;
  if ((m = /^alpine(\d+\.\d+)(?:\.\d+)?$/.exec(w)))
    return { slug: 'alpine-linux', version: m[1], from: 6, form: 'version' };
  if ((m = /^centos(\d+)/.exec(w))) return { slug: 'centos', version: m[1], from: 6, form: 'version' };
  if ((m = /^al(2|2023)$/.exec(w))) return { slug: 'amazon-linux', version: m[1], from: 2, form: 'version' };
  const os = osCodename(w);
  if (os) return { slug: os.slug, version: os.cycle.cycle, from: 0, form: 'codename' };
  if (w === 'debian' && /^\d+$/.test(words[i + 1]?.text ?? ''))
    return { slug: 'debian', version: words[i + 1].text, from: -1, form: 'version' };
  return undefined;
}

/** Every known release an image reference names, its own first. Tags of unknown images are not read for OS names. */
export function releasesOf(view: ImageView): Release[] {
  const product = productOf(view.name);
  const tag = view.tag;
  const ref = view.ref;
  const whole =
    ref.tag && !view.literalTag ? { start: ref.tag.start, end: ref.tag.end } : { start: ref.start, end: ref.end };
  const out: Release[] = [];
  if (!tag || tag === 'latest') {
    const at = ref.tag ?? ref.name;
    if (product)
      out.push({
        product,
        cycle: product.cycles[0],
        form: 'implicit',
        start: at.start,
        end: at.end,
        editable: false,
        own: true,
      });
    return out;
  }
  const words = tagWords(tag);
  const span = (word: Word, from: number, to: number) =>
    view.literalTag
      ? { start: ref.tag!.start + word.at + from, end: ref.tag!.start + word.at + to, editable: true }
      : { ...whole, editable: false };
  let first = 0;
  if (product) {
    const stream = product.slug === 'centos' && /^stream(\d+)$/.exec(words[0].text);
    const own = stream
      ? {
          cycle: cycleOf(EOL_PRODUCTS['centos-stream'], stream[1]),
          from: 6,
          to: words[0].text.length,
          form: 'version' as const,
        }
      : ownVersion(product, view.name, words[0].text.toLowerCase());
    const p = stream ? { ...EOL_PRODUCTS['centos-stream'], slug: 'centos-stream' } : product;
    if (own) first = 1;
    if (own?.cycle)
      out.push({ product: p, cycle: own.cycle, form: own.form, ...span(words[0], own.from, own.to), own: true });
  }
  if (!product && view.name.includes('/')) return out;
  for (let i = first; i < words.length; i++) {
    const e = embeddedRelease(words, i);
    const p = e && { ...EOL_PRODUCTS[e.slug], slug: e.slug };
    const cycle = p && cycleOf(p, e.version);
    if (!e || !p || !cycle || out.some((r) => r.product.slug === e.slug)) continue;
    const word = e.from < 0 ? words[++i] : words[i];
    out.push({ product: p, cycle, form: e.form, ...span(word, Math.max(e.from, 0), word.text.length), own: false });
  }
  return out;
}

/** Whether a tag pins a release: it starts with a version (or the image's own codename); `latest`, `alpine`, `lts-slim` float. */
/** `latest` and the tags that move with it: `latest-amd64`, `latest_arm64`, `alpine-latest`, `3-latest` does too. */
export function isLatestTag(tag: string | undefined): boolean {
  return !!tag && /^latest$|^latest[-_.]|[-_.]latest$/i.test(tag);
}

export function tagPinsVersion(view: ImageView): boolean {
  const tag = view.tag?.toLowerCase();
  if (!tag || isLatestTag(tag)) return false;
  if (view.name.includes('/') || tag.includes('$')) return true;
  const first = tag.split('-')[0];
  if (/^v?\d/.test(first)) return true;
  const product = productOf(view.name);
  if (product) return releasesOf(view).some((r) => r.own);
  return !!osCodename(first);
}

/** `Python 3.7`, `Debian 10 (buster)`. */
export function releaseName(r: Pick<Release, 'product' | 'cycle'>): string {
  return `${r.product.title} ${r.cycle.cycle}${r.cycle.codename ? ` (${r.cycle.codename})` : ''}`;
}
