import { describe, expect, it } from 'vitest';
import { classifyContext, isLocalServer, refineKind } from './classify-context';

const base = { cluster: 'c', server: 'https://10.0.0.5:443', file: '/home/u/.kube/config' };

describe('classifyContext', () => {
  it.each([
    ['k3d-shop', 'k3d'],
    ['kind-dev', 'kind'],
    ['minikube', 'minikube'],
    ['docker-desktop', 'docker-desktop'],
    ['docker-for-desktop', 'docker-desktop'],
    ['rancher-desktop', 'rancher-desktop'],
    ['prod-eu', 'other'],
    ['k3dish', 'other'],
  ])('classifies a context named %s as %s', (name, kind) => {
    expect(classifyContext({ ...base, name })).toBe(kind);
  });

  it('recognises the k3s system kubeconfig by its path', () => {
    expect(classifyContext({ ...base, name: 'vps', file: '/etc/rancher/k3s/k3s.yaml' })).toBe(
      'k3s',
    );
  });

  it('recognises a copied k3s kubeconfig by cluster "default" on port 6443', () => {
    expect(
      classifyContext({
        ...base,
        name: 'default',
        cluster: 'default',
        server: 'https://203.0.113.7:6443',
      }),
    ).toBe('k3s');
    expect(
      classifyContext({
        ...base,
        name: 'default',
        cluster: 'default',
        server: 'https://203.0.113.7:443',
      }),
    ).toBe('other');
  });
});

describe('isLocalServer', () => {
  it.each([
    ['https://127.0.0.1:6443', true],
    ['https://[::1]:6443', true],
    ['https://localhost:6443', true],
    ['https://k3d-shop.localhost:6550', true],
    ['https://0.0.0.0:41235', true],
    ['https://host.docker.internal:6443', true],
    ['https://10.0.0.5:6443', false],
    ['https://example.com', false],
    ['https://localhost.example.com', false],
    ['not a url', false],
  ])('%s is local: %s', (server, local) => {
    expect(isLocalServer(server)).toBe(local);
  });
});

describe('refineKind', () => {
  it('upgrades other to k3s when the server says +k3s', () => {
    expect(refineKind('other', 'v1.31.5+k3s1')).toBe('k3s');
    expect(refineKind('other', 'v1.36.3')).toBe('other');
    expect(refineKind('k3d', 'v1.31.5+k3s1')).toBe('k3d');
    expect(refineKind('other', null)).toBe('other');
  });
});
