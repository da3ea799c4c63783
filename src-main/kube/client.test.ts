import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiException } from '@kubernetes/client-node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKubeClients, errorText, isAlreadyExists, isConflict, isNotFound } from './client';

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
