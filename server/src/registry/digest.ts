import { createHash } from 'node:crypto';

/** What to look up: the parts of an image reference (as the engine splits them). */
export interface ImageName {
  /** Host[:port]; undefined or docker.io means Docker Hub. */
  registry?: string;
  /** Repository path, e.g. `node` or `library/node` or `org/app`. */
  name: string;
  tag: string;
}

export interface LookupOptions {
  timeoutMs?: number;
  /** Registries reached over plain HTTP; loopback hosts always are (as Docker treats them). */
  insecureRegistries?: string[];
}

/** A failure with a sentence a user can act on. */
export class DigestLookupError extends Error {}

const ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/;

/** Docker Hub's official images live under `library/`; its API host is not its name. */
export function endpoint(image: ImageName, insecure: string[] = []): { base: string; repository: string } {
  const reg =
    image.registry && image.registry !== 'docker.io' && image.registry !== 'index.docker.io'
      ? image.registry
      : undefined;
  if (!reg)
    return {
      base: 'https://registry-1.docker.io',
      repository: image.name.includes('/') ? image.name : `library/${image.name}`,
    };
  const scheme = LOOPBACK.test(reg) || insecure.includes(reg) ? 'http' : 'https';
  return { base: `${scheme}://${reg}`, repository: image.name };
}

/**
 * The digest of a tag over the OCI distribution API: HEAD on the manifest with the index and manifest
 * media types, anonymously, following a Bearer challenge once (the token flow Docker Hub and most public
 * registries use). Sends nothing but the image name.
 */
export async function lookupDigest(image: ImageName, options: LookupOptions = {}): Promise<string> {
  const { base, repository } = endpoint(image, options.insecureRegistries);
  const url = `${base}/v2/${repository}/manifests/${encodeURIComponent(image.tag)}`;
  const signal = AbortSignal.timeout(options.timeoutMs ?? 10_000);
  const host = new URL(base).host;
  let res = await request(url, { method: 'HEAD', headers: { Accept: ACCEPT }, signal }, host);
  if (res.status === 401) {
    const token = await bearerToken(res.headers.get('www-authenticate'), repository, signal, host);
    res = await request(
      url,
      { method: 'HEAD', headers: { Accept: ACCEPT, Authorization: `Bearer ${token}` }, signal },
      host,
    );
  }
  if (res.status === 404) throw new DigestLookupError(`${repository}:${image.tag} was not found on ${host}`);
  if (res.status === 401 || res.status === 403)
    throw new DigestLookupError(`${host} requires credentials for ${repository}; only anonymous lookups are supported`);
  if (!res.ok) throw new DigestLookupError(`${host} answered ${res.status} for ${repository}:${image.tag}`);
  const digest = res.headers.get('docker-content-digest');
  if (digest && /^sha256:[0-9a-f]{64}$/.test(digest)) return digest;
  // Registries may omit the header on HEAD; the digest is then the hash of the manifest bytes.
  const body = await request(url, { method: 'GET', headers: { Accept: ACCEPT }, signal }, host);
  if (!body.ok) throw new DigestLookupError(`${host} answered ${body.status} for ${repository}:${image.tag}`);
  return `sha256:${createHash('sha256')
    .update(Buffer.from(await body.arrayBuffer()))
    .digest('hex')}`;
}

async function request(url: string, init: RequestInit, host: string): Promise<Response> {
  try {
    return await fetch(url, { ...init, redirect: 'follow' });
  } catch (e) {
    const err = e as Error & { cause?: { code?: string } };
    if (err.name === 'TimeoutError' || err.name === 'AbortError')
      throw new DigestLookupError(`${host} did not answer in time (offline?)`);
    const code = err.cause?.code;
    throw new DigestLookupError(`Could not reach ${host}${code ? ` (${code})` : ''}: check the network connection`);
  }
}

/** Parses `Bearer realm="…",service="…",scope="…"` and fetches an anonymous pull token. */
async function bearerToken(
  challenge: string | null,
  repository: string,
  signal: AbortSignal,
  host: string,
): Promise<string> {
  const m = challenge && /^Bearer\s+(.*)$/i.exec(challenge);
  if (!m) throw new DigestLookupError(`${host} requires credentials; only anonymous lookups are supported`);
  const params: Record<string, string> = {};
  for (const p of m[1].matchAll(/(\w+)="([^"]*)"/g)) params[p[1]] = p[2];
  if (!params.realm) throw new DigestLookupError(`${host} sent an authentication challenge without a realm`);
  const tokenUrl = new URL(params.realm);
  if (params.service) tokenUrl.searchParams.set('service', params.service);
  tokenUrl.searchParams.set('scope', params.scope ?? `repository:${repository}:pull`);
  const res = await request(tokenUrl.toString(), { signal }, tokenUrl.host);
  if (!res.ok) throw new DigestLookupError(`${tokenUrl.host} refused an anonymous token (${res.status})`);
  const json = (await res.json()) as { token?: string; access_token?: string };
  const token = json.token ?? json.access_token;
  if (!token) throw new DigestLookupError(`${tokenUrl.host} sent no token`);
  return token;
}
