import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { imageView, isVerified, ownerGlob, registryMatcher } from '../../server/src/engine/facts/images';
import { selectorMatches } from '../../server/src/engine/facts/networkPolicy';
import { renderDefaultDenyPolicy } from '../../server/src/engine/edit/networkPolicyRender';

test('label selectors match as the API server evaluates them', () => {
  const labels = { app: 'web', tier: 'frontend' };
  assert.equal(selectorMatches({}, labels), true);
  assert.equal(selectorMatches(null, labels), true);
  assert.equal(selectorMatches({ matchLabels: { app: 'web' } }, labels), true);
  assert.equal(selectorMatches({ matchLabels: { app: 'api' } }, labels), false);
  assert.equal(
    selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['frontend', 'edge'] }] }, labels),
    true,
  );
  assert.equal(
    selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['frontend'] }] }, labels),
    false,
  );
  assert.equal(
    selectorMatches({ matchExpressions: [{ key: 'canary', operator: 'NotIn', values: ['true'] }] }, labels),
    true,
  );
  assert.equal(
    selectorMatches(
      {
        matchExpressions: [
          { key: 'app', operator: 'Exists' },
          { key: 'canary', operator: 'DoesNotExist' },
        ],
      },
      labels,
    ),
    true,
  );
  assert.equal(
    selectorMatches({ matchExpressions: [{ key: 'app', operator: 'Equals', values: ['web'] }] }, labels),
    false,
  );
  assert.equal(selectorMatches({ matchLabels: 'app=web' }, labels), false);
});

test('the default-deny policy for a new file parses, selects exactly the pod labels and uncomments into valid rules', () => {
  const text = renderDefaultDenyPolicy({
    kind: 'Deployment',
    name: 'web',
    namespace: 'shop',
    podLabels: { app: 'web' },
    ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
  });
  const policy = parse(text);
  assert.deepEqual(policy.spec, { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Ingress', 'Egress'] });
  assert.equal(policy.metadata.namespace, 'shop');
  const uncommented = parse(text.replace(/^( *)# (?=\w+:|- | +)/gm, '$1').replace(/^ *# Allow.*\n/gm, ''));
  assert.deepEqual(uncommented.spec.ingress, [
    { from: [{ podSelector: {} }], ports: [{ protocol: 'TCP', port: 'http' }] },
  ]);
  assert.equal(uncommented.spec.egress[0].ports.length, 2);
});

test('registry matching is shared with the Dockerfile rule and reads Docker Hub under all its names', () => {
  const m = registryMatcher('docker.io/library');
  assert.equal(m(imageView('nginx:1.27')), true);
  assert.equal(m(imageView('index.docker.io/library/nginx')), true);
  assert.equal(m(imageView('bitnami/nginx')), false);
  assert.equal(registryMatcher('*.azurecr.io')(imageView('acme.azurecr.io/app:1')), true);
  assert.equal(registryMatcher('localhost:5000')(imageView('localhost:5000/app')), true);
});

test('verification globs match any spelling of a reference, in each dialect', () => {
  assert.equal(isVerified('nginx:1.27', 'default', [{ glob: 'docker.io/library/*', dialect: 'kyverno' }]), true);
  assert.equal(isVerified('nginx:1.27', 'default', [{ glob: 'index.docker.io/library/*', dialect: 'sigstore' }]), true);
  assert.equal(
    isVerified('ghcr.io/acme/tools/cli:1', 'default', [{ glob: 'ghcr.io/acme/*', dialect: 'sigstore' }]),
    false,
  );
  assert.equal(
    isVerified('ghcr.io/acme/tools/cli:1', 'default', [{ glob: 'ghcr.io/acme/**', dialect: 'sigstore' }]),
    true,
  );
  assert.equal(
    isVerified('ghcr.io/acme/tools/cli:1', 'default', [{ glob: 'ghcr.io/acme/*', dialect: 'kyverno' }]),
    true,
  );
  assert.equal(isVerified('app:1', 'team-b', [{ glob: '*', dialect: 'kyverno', namespace: 'team-a' }]), false);
  assert.equal(ownerGlob('nginx'), 'docker.io/library/*');
  assert.equal(ownerGlob('quay.io/prometheus/node-exporter:v1.8.0'), 'quay.io/prometheus/*');
});
