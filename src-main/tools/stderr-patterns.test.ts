import { describe, expect, it } from 'vitest';
import { matchStderr } from './stderr-patterns';

// Samples are Helm 3.22 and kube-apiserver 1.36 output as printed to stderr.
const samples: [string, string, string, RegExp][] = [
  [
    'quota exceeded',
    'Error: INSTALLATION FAILED: 1 error occurred:\n\t* pods "wp-0" is forbidden: exceeded quota: store-quota, requested: limits.memory=2Gi, used: limits.memory=1Gi, limited: limits.memory=2Gi',
    'quota-exceeded',
    /resource quota "store-quota" does not allow this/,
  ],
  [
    'release exists',
    'Error: INSTALLATION FAILED: cannot re-use a name that is still in use',
    'release-exists',
    /already exists/,
  ],
  ['release not found (status)', 'Error: release: not found', 'release-not-found', /not found/],
  [
    'release not found (upgrade without install)',
    'Error: UPGRADE FAILED: "shop" has no deployed releases',
    'release-not-found',
    /not found/,
  ],
  [
    'missing context',
    'Error: Kubernetes cluster unreachable: context "k3d-gone" does not exist',
    'context-not-found',
    /^The kube context "k3d-gone" does not exist/,
  ],
  [
    'connection refused',
    'Error: Kubernetes cluster unreachable: Get "https://127.0.0.1:1/version": dial tcp 127.0.0.1:1: connect: connection refused',
    'connection-refused',
    /^Could not reach the Kubernetes API server at https:\/\/127\.0\.0\.1:1\. Is the cluster running\?/,
  ],
  [
    'no such host',
    'Error: Kubernetes cluster unreachable: Get "https://nosuchhost.invalid:6443/version": dial tcp: lookup nosuchhost.invalid on 10.0.0.53:53: no such host',
    'connection-refused',
    /at https:\/\/nosuchhost\.invalid:6443\./,
  ],
  [
    'kubectl refused without URL',
    'The connection to the server 127.0.0.1:6550 was refused - did you specify the right host or port?\ndial tcp 127.0.0.1:6550: connect: connection refused',
    'connection-refused',
    /at 127\.0\.0\.1:6550\./,
  ],
  [
    'unauthorized',
    'Error: Kubernetes cluster unreachable: the server has asked for the client to provide credentials',
    'unauthorized',
    /rejected the credentials/,
  ],
  [
    'exec plugin',
    'Error: Kubernetes cluster unreachable: Get "https://x:6443/version": getting credentials: exec: executable aws not found',
    'unauthorized',
    /rejected the credentials/,
  ],
  [
    'forbidden by RBAC',
    'Error: query: failed to query with labels: secrets is forbidden: User "dev" cannot list resource "secrets" in API group "" in the namespace "shop"',
    'unauthorized',
    /rejected the credentials/,
  ],
  [
    'operation in progress',
    'Error: UPGRADE FAILED: another operation (install/upgrade/rollback) is in progress',
    'failed',
    /^Another Helm operation on this release is still in progress/,
  ],
  [
    'kubeVersion',
    'Error: INSTALLATION FAILED: chart requires kubeVersion: >=1.40.0-0 which is incompatible with Kubernetes v1.36.3',
    'kube-version',
    /^The chart needs Kubernetes >=1\.40\.0-0 but the cluster runs v1\.36\.3\./,
  ],
  [
    'values schema',
    "Error: values don't meet the specifications of the schema(s) in the following chart(s):\ntiny-chart:\n- at '/replicas': minimum: got -1, want 0",
    'invalid-values',
    /^The chart rejected its values at \/replicas\. Fix/,
  ],
];

describe('matchStderr', () => {
  it.each(samples)('recognises %s', (_name, stderr, code, message) => {
    const match = matchStderr(stderr);
    expect(match?.code).toBe(code);
    expect(match?.message).toMatch(message);
  });

  it('does not repeat a value quoted by a schema error', () => {
    const match = matchStderr(
      "Error: values don't meet the specifications of the schema(s) in the following chart(s):\nx:\n- at '/db/password': 'pa55word-value' does not match pattern",
    );
    expect(match?.message).not.toContain('pa55word-value');
  });

  it('returns null for unknown output', () => {
    expect(matchStderr('Error: something else entirely')).toBeNull();
  });
});
