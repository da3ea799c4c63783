import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiException } from '@kubernetes/client-node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createKubeClients,
  errorText,
  isAlreadyExists,
  isConflict,
  isNotFound,
  loadKubeconfigFiles,
} from './client';

const KUBECONFIG = `
apiVersion: v1
kind: Config
clusters:
- name: one
  cluster: { server: 'https://127.0.0.1:6443' }
- name: two
  cluster: { server: 'https://127.0.0.1:7443' }
users:
- name: u
  user: { token: abc }
contexts:
- name: k3d-one
  context: { cluster: one, user: u }
- name: k3d-two
  context: { cluster: two, user: u }
current-context: k3d-one
`;

describe('createKubeClients', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'storefleet-kube-'));
    file = join(dir, 'config');
    writeFileSync(file, KUBECONFIG);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('selects the requested context, not the current one', () => {
    const c = createKubeClients({ kubeconfig: file, context: 'k3d-two' });
    expect(c.kc.getCurrentContext()).toBe('k3d-two');
    expect(c.kc.getCurrentCluster()?.server).toBe('https://127.0.0.1:7443');
  });

  it('names the missing context and the ones that exist', () => {
    expect(() => createKubeClients({ kubeconfig: file, context: 'prod' })).toThrow(
      `context "prod" is not in kubeconfig ${file} (it has: k3d-one, k3d-two)`,
    );
  });

  it('names an unreadable kubeconfig', () => {
    const missing = join(dir, 'nope');
    expect(() => createKubeClients({ kubeconfig: missing, context: 'x' })).toThrow(
      `cannot read kubeconfig ${missing}`,
    );
  });
});

// Context in one file, cluster and user in another, as `kubectl config` leaves them when
// KUBECONFIG lists several files.
const CONTEXT_ONLY = `
apiVersion: v1
kind: Config
contexts:
- name: split
  context: { cluster: far, user: far-admin }
current-context: split
`;
const CLUSTER_AND_USER = `
apiVersion: v1
kind: Config
clusters:
- name: far
  cluster: { server: 'https://10.1.2.3:6443', certificate-authority: ca.crt }
- name: one
  cluster: { server: 'https://10.9.9.9:6443' }
users:
- name: far-admin
  user: { token: far-secret-token }
contexts:
- name: k3d-one
  context: { cluster: one, user: far-admin }
current-context: k3d-one
`;

describe('createKubeClients with several kubeconfig files', () => {
  let dir: string;
  let a: string;
  let b: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'storefleet-kube-merge-'));
    mkdirSync(join(dir, 'a'));
    mkdirSync(join(dir, 'b'));
    a = join(dir, 'a', 'config');
    b = join(dir, 'b', 'config');
    writeFileSync(a, CONTEXT_ONLY);
    writeFileSync(b, CLUSTER_AND_USER);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reaches a context whose cluster and user are in another file', () => {
    const c = createKubeClients({ kubeconfig: [a, b], context: 'split' });
    expect(c.kc.getCurrentContext()).toBe('split');
    expect(c.kc.getCurrentCluster()?.server).toBe('https://10.1.2.3:6443');
    // A relative path is relative to the file that holds it, as kubectl reads it.
    expect(c.kc.getCurrentCluster()?.caFile).toBe(join(dir, 'b', 'ca.crt'));
    expect(c.kc.getCurrentUser()?.name).toBe('far-admin');
  });

  it('lets the first file win for a name defined twice, as kubectl does', () => {
    const earlier = join(dir, 'earlier.yaml');
    writeFileSync(
      earlier,
      `clusters:\n- name: far\n  cluster: { server: 'https://10.0.0.1:6443' }\n`,
    );
    const c = createKubeClients({ kubeconfig: [a, earlier, b], context: 'split' });
    expect(c.kc.getCurrentCluster()?.server).toBe('https://10.0.0.1:6443');
    expect(c.kc.getContexts().map((ctx) => ctx.name)).toEqual(['split', 'k3d-one']);
    // The first file that sets current-context wins too, though the target's context is used.
    expect(loadKubeconfigFiles({ kubeconfig: [b, a], context: 'split' }).getCurrentContext()).toBe(
      'k3d-one',
    );
  });

  it('names a cluster that no file defines in one sentence', () => {
    expect(() => createKubeClients({ kubeconfig: a, context: 'split' })).toThrow(
      'The kube context "split" refers to cluster "far", which no kubeconfig file defines.',
    );
  });

  it('names a user that no file defines in one sentence', () => {
    const clusterOnly = join(dir, 'cluster-only.yaml');
    writeFileSync(
      clusterOnly,
      `clusters:\n- name: far\n  cluster: { server: 'https://10.1.2.3:6443' }\n`,
    );
    expect(() => createKubeClients({ kubeconfig: [a, clusterOnly], context: 'split' })).toThrow(
      'The kube context "split" refers to user "far-admin", which no kubeconfig file defines.',
    );
  });

  it('names the files when none defines the context', () => {
    expect(() => createKubeClients({ kubeconfig: [a, b], context: 'prod' })).toThrow(
      `context "prod" is not in kubeconfig ${a}, ${b} (it has: split, k3d-one)`,
    );
  });

  it('names the unreadable file without quoting its content', () => {
    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, 'users:\n- name: x\n  user: { token: do-not-print-me\n');
    let message = '';
    try {
      createKubeClients({ kubeconfig: [a, broken], context: 'split' });
    } catch (error) {
      message = error instanceof Error ? error.message : String(error);
    }
    expect(message).toMatch(new RegExp(`^cannot read kubeconfig ${broken}: `));
    expect(message).not.toContain('do-not-print-me');
  });
});

describe('API error helpers', () => {
  const status = (code: number, reason: string, message: string): ApiException<string> =>
    new ApiException(code, 'x', JSON.stringify({ kind: 'Status', reason, message }), {
      'content-type': 'application/json',
    });

  it('classifies the status codes client-node throws', () => {
    expect(isNotFound(status(404, 'NotFound', 'namespaces "a" not found'))).toBe(true);
    expect(isNotFound(status(409, 'AlreadyExists', ''))).toBe(false);
    expect(isAlreadyExists(status(409, 'AlreadyExists', ''))).toBe(true);
    expect(isAlreadyExists(status(409, 'Conflict', ''))).toBe(false);
    expect(isConflict(status(409, 'Conflict', ''))).toBe(true);
    expect(isNotFound(Object.assign(new Error('x'), { code: 'ENOENT' }))).toBe(false);
    expect(isNotFound(undefined)).toBe(false);
  });

  it('turns an ApiException into one readable line without headers', () => {
    const text = errorText(status(403, 'Forbidden', 'namespaces is forbidden'));
    expect(text).toBe('namespaces is forbidden (HTTP 403)');
    expect(errorText(new Error('plain'))).toBe('plain');
  });
});
