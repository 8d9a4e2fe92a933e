import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash, createSign } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REGISTRY_BIN = ['/usr/bin/docker-registry', '/usr/sbin/docker-registry'].find((p) => existsSync(p));

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

async function waitFor(url: string, ok: (status: number) => boolean): Promise<void> {
  const until = Date.now() + 15_000;
  for (;;) {
    try {
      if (ok((await fetch(url)).status)) return;
    } catch {
      /* not up yet */
    }
    if (Date.now() > until) throw new Error(`registry did not start: ${url}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface RunningRegistry {
  host: string;
  stop(): Promise<void>;
  /** Pushes an image manifest for `name:tag` and returns the digest a registry must answer. */
  seed(name: string, tag: string, headers?: Record<string, string>): Promise<string>;
}

/** Debian's docker-registry on a free loopback port with a temp storage folder; optional Bearer token auth. */
export async function startRegistry(opts: { tokenAuth?: boolean } = {}): Promise<RunningRegistry> {
  const dir = mkdtempSync(join(tmpdir(), 'harden-registry-'));
  const port = await freePort();
  let tokenServer: Server | undefined;
  let authYaml = '';
  let sign: ((scope: string) => string) | undefined;
  if (opts.tokenAuth) {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
        '-days',
        '1',
        '-subj',
        '/CN=harden-test-token',
      ],
      { stdio: 'ignore' },
    );
    const key = readFileSync(join(dir, 'key.pem'), 'utf8');
    const der = readFileSync(join(dir, 'cert.pem'), 'utf8').replace(/-----[^-]+-----|\s/g, '');
    sign = (scope) => jwt(key, der, scope);
    tokenServer = createServer((req, res) => {
      const u = new URL(req.url!, 'http://x');
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ token: sign!(u.searchParams.get('scope') ?? '') }));
    });
    await new Promise<void>((r) => tokenServer!.listen(0, '127.0.0.1', r));
    const tport = (tokenServer.address() as AddressInfo).port;
    authYaml = `auth:\n  token:\n    realm: http://127.0.0.1:${tport}/token\n    service: harden-test\n    issuer: harden-test-issuer\n    rootcertbundle: ${join(dir, 'cert.pem')}\n`;
  }
  writeFileSync(
    join(dir, 'config.yml'),
    `version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: ${join(dir, 'data')}\nhttp:\n  addr: 127.0.0.1:${port}\n${authYaml}`,
  );
  const proc: ChildProcess = spawn(REGISTRY_BIN!, ['serve', join(dir, 'config.yml')], { stdio: 'ignore' });
  const host = `127.0.0.1:${port}`;
  await waitFor(`http://${host}/v2/`, (s) => s === 200 || s === 401);
  const auth = (scope: string): Record<string, string> => (sign ? { Authorization: `Bearer ${sign(scope)}` } : {});
  return {
    host,
    async stop() {
      proc.kill('SIGTERM');
      await new Promise((r) => (tokenServer ? tokenServer.close(r) : r(undefined)));
    },
    async seed(name, tag) {
      const scope = `repository:${name}:pull,push`;
      const config = Buffer.from(
        JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [] } }),
      );
      const configDigest = `sha256:${createHash('sha256').update(config).digest('hex')}`;
      const start = await fetch(`http://${host}/v2/${name}/blobs/uploads/`, { method: 'POST', headers: auth(scope) });
      const location = new URL(start.headers.get('location')!, `http://${host}`);
      location.searchParams.set('digest', configDigest);
      const put = await fetch(location, {
        method: 'PUT',
        body: config,
        headers: { ...auth(scope), 'content-type': 'application/octet-stream' },
      });
      if (put.status !== 201) throw new Error(`blob upload: ${put.status}`);
      const manifest = Buffer.from(
        JSON.stringify({
          schemaVersion: 2,
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: configDigest, size: config.length },
          layers: [],
        }),
      );
      const m = await fetch(`http://${host}/v2/${name}/manifests/${tag}`, {
        method: 'PUT',
        body: manifest,
        headers: { ...auth(scope), 'content-type': 'application/vnd.oci.image.manifest.v1+json' },
      });
      if (m.status !== 201) throw new Error(`manifest put: ${m.status}`);
      return `sha256:${createHash('sha256').update(manifest).digest('hex')}`;
    },
  };
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

/** An RS256 token as distribution's token auth expects: x5c chains to the root bundle. */
function jwt(key: string, certDer: string, scope: string): string {
  const access = scope
    .split(' ')
    .filter(Boolean)
    .map((s) => {
      const [type, name, actions] = s.split(':');
      return { type, name, actions: actions.split(',') };
    });
  const now = Math.floor(Date.now() / 1000);
  const header = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', x5c: [certDer] }));
  const claims = b64url(
    JSON.stringify({
      iss: 'harden-test-issuer',
      sub: '',
      aud: 'harden-test',
      exp: now + 300,
      nbf: now - 10,
      iat: now,
      jti: String(Math.random()),
      access,
    }),
  );
  const sig = createSign('RSA-SHA256').update(`${header}.${claims}`).sign(key);
  return `${header}.${claims}.${b64url(sig)}`;
}
