import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DigestLookupError, endpoint, lookupDigest } from '../../server/src/registry/digest';
import { REGISTRY_BIN, startRegistry, type RunningRegistry } from './registryServer';

const skip =
  !REGISTRY_BIN && process.env.CI !== 'true'
    ? 'Debian docker-registry is not installed (apt-get install docker-registry)'
    : false;

test('Docker Hub names map to registry-1.docker.io and library/', () => {
  assert.deepEqual(endpoint({ name: 'node', tag: '22' }), {
    base: 'https://registry-1.docker.io',
    repository: 'library/node',
  });
  assert.deepEqual(endpoint({ registry: 'docker.io', name: 'bitnami/redis', tag: '7' }), {
    base: 'https://registry-1.docker.io',
    repository: 'bitnami/redis',
  });
  assert.deepEqual(endpoint({ registry: 'ghcr.io', name: 'org/app', tag: '1' }), {
    base: 'https://ghcr.io',
    repository: 'org/app',
  });
  assert.deepEqual(endpoint({ registry: 'localhost:5000', name: 'app', tag: '1' }), {
    base: 'http://localhost:5000',
    repository: 'app',
  });
});

describe('against a real registry on 127.0.0.1', { skip }, () => {
  let reg: RunningRegistry;
  before(async () => (reg = await startRegistry()));
  after(async () => reg?.stop());

  test('HEAD manifest returns Docker-Content-Digest', async () => {
    const expected = await reg.seed('team/app', '1.2.3');
    assert.equal(await lookupDigest({ registry: reg.host, name: 'team/app', tag: '1.2.3' }), expected);
  });

  test('an unknown tag is a clear error', async () => {
    await assert.rejects(
      lookupDigest({ registry: reg.host, name: 'team/app', tag: 'nope' }),
      (e: Error) => e instanceof DigestLookupError && /was not found/.test(e.message),
    );
  });
});

describe('Bearer token flow (anonymous token from the realm)', { skip }, () => {
  let reg: RunningRegistry;
  before(async () => (reg = await startRegistry({ tokenAuth: true })));
  after(async () => reg?.stop());

  test('follows the 401 challenge, gets a token and the digest', async () => {
    const expected = await reg.seed('library/base', 'stable');
    const anonymous = await fetch(`http://${reg.host}/v2/library/base/manifests/stable`, { method: 'HEAD' });
    assert.equal(anonymous.status, 401, 'the registry really demands a token');
    assert.equal(await lookupDigest({ registry: reg.host, name: 'library/base', tag: 'stable' }), expected);
  });
});

test('offline: a closed port gives a clear error quickly', async () => {
  const t = Date.now();
  await assert.rejects(
    lookupDigest({ registry: '127.0.0.1:9', name: 'x', tag: '1' }, { timeoutMs: 3000 }),
    (e: Error) => e instanceof DigestLookupError && /Could not reach 127\.0\.0\.1:9/.test(e.message),
  );
  assert.ok(Date.now() - t < 3000);
});
