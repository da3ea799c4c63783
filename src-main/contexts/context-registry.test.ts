import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { ContextRegistry } from './context-registry';
import { standInK3sApiServer } from '../../test-rig/contexts/stand-in-api-server';
import { writeKubeconfig } from '../../test-rig/contexts/kubeconfig-files';

let home: string;
let registry: ContextRegistry | undefined;

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'storefleet-registry-'));
});
afterEach(async () => {
  registry?.close();
  registry = undefined;
  await rm(home, { recursive: true, force: true });
});

async function defaultKubeconfig(
  context: string,
  server: string,
  cluster: Record<string, unknown> = {},
): Promise<string> {
  await mkdir(join(home, '.kube'), { recursive: true });
  return writeKubeconfig(join(home, '.kube'), 'config', {
    context,
    server,
    cluster,
    user: { token: 't' },
  });
}

describe('ContextRegistry', () => {
  it('lists ~/.kube/config when KUBECONFIG is unset', async () => {
    const file = await defaultKubeconfig('k3d-shop', 'https://0.0.0.0:6550');
    registry = new ContextRegistry({ env: {}, home });
    const { contexts, errors } = await registry.list();
    expect(errors).toEqual([]);
    expect(contexts).toEqual([
      {
        name: 'k3d-shop',
        cluster: 'k3d-shop-cluster',
        server: 'https://0.0.0.0:6550',
        kind: 'k3d',
        file,
        current: true,
        local: true,
      },
    ]);
  });

  it('resolves a context to the file that defines it', async () => {
    const a = await writeKubeconfig(home, 'a.yaml', {
      context: 'kind-dev',
      server: 'https://127.0.0.1:1',
      user: {},
    });
    const b = await writeKubeconfig(home, 'b.yaml', {
      context: 'prod',
      server: 'https://10.0.0.1:6443',
      user: {},
    });
    registry = new ContextRegistry({ env: { KUBECONFIG: [a, b].join(delimiter) }, home });
    await expect(registry.resolve('prod')).resolves.toEqual({ kubeconfig: b, context: 'prod' });
    await expect(registry.resolve('kind-dev')).resolves.toEqual({
      kubeconfig: a,
      context: 'kind-dev',
    });
  });

  describe('a context whose cluster and user are in another KUBECONFIG file', () => {
    async function splitFiles(server: string): Promise<{ contexts: string; clusters: string }> {
      const contexts = join(home, 'contexts.yaml');
      await writeFile(
        contexts,
        stringify({
          contexts: [{ name: 'split', context: { cluster: 'far', user: 'far-admin' } }],
          'current-context': 'split',
        }),
      );
      const clusters = join(home, 'clusters.yaml');
      await writeFile(
        clusters,
        stringify({
          clusters: [{ name: 'far', cluster: { server, 'insecure-skip-tls-verify': true } }],
          users: [{ name: 'far-admin', user: { token: 'far-secret-token' } }],
          contexts: [{ name: 'other', context: { cluster: 'far', user: 'far-admin' } }],
          'current-context': 'other',
        }),
      );
      return { contexts, clusters };
    }

    it('resolves to both files, in KUBECONFIG order', async () => {
      const { contexts, clusters } = await splitFiles('https://10.0.0.1:6443');
      registry = new ContextRegistry({
        env: { KUBECONFIG: [contexts, clusters].join(delimiter) },
        home,
      });
      await expect(registry.resolve('split')).resolves.toEqual({
        kubeconfig: [contexts, clusters],
        context: 'split',
      });
      // Everything "other" needs is in one file: it keeps the single-file target.
      await expect(registry.resolve('other')).resolves.toEqual({
        kubeconfig: clusters,
        context: 'other',
      });

      registry.close();
      registry = new ContextRegistry({
        env: { KUBECONFIG: [clusters, contexts].join(delimiter) },
        home,
      });
      await expect(registry.resolve('split')).resolves.toEqual({
        kubeconfig: [clusters, contexts],
        context: 'split',
      });
    });

    it('leaves out files the context does not use, even broken ones', async () => {
      const { contexts, clusters } = await splitFiles('https://10.0.0.1:6443');
      const broken = join(home, 'broken.yaml');
      await writeFile(broken, 'clusters: [\n');
      const unrelated = await writeKubeconfig(home, 'unrelated.yaml', {
        context: 'kind-dev',
        server: 'https://127.0.0.1:1',
        user: {},
      });
      registry = new ContextRegistry({
        env: { KUBECONFIG: [broken, contexts, unrelated, clusters].join(delimiter) },
        home,
      });
      await expect(registry.resolve('split')).resolves.toEqual({
        kubeconfig: [contexts, clusters],
        context: 'split',
      });
    });

    it('probes the context through the merged files', async () => {
      const api = await standInK3sApiServer();
      try {
        const { contexts, clusters } = await splitFiles(api.url);
        registry = new ContextRegistry({
          env: { KUBECONFIG: [contexts, clusters].join(delimiter) },
          home,
        });
        await expect(registry.probe('split')).resolves.toMatchObject({
          context: 'split',
          reachable: true,
          serverVersion: 'v1.31.5+k3s1',
        });
      } finally {
        await api.close();
      }
    });

    it('explains a cluster or user that no file defines, for resolve and for probe', async () => {
      const { contexts } = await splitFiles('https://10.0.0.1:6443');
      registry = new ContextRegistry({ env: { KUBECONFIG: contexts }, home });
      const sentence =
        'The kube context "split" refers to cluster "far", which no kubeconfig file defines.';
      await expect(registry.resolve('split')).rejects.toThrow(sentence);
      await expect(registry.probe('split')).resolves.toMatchObject({
        reachable: false,
        error: sentence,
      });

      const clusterOnly = join(home, 'cluster-only.yaml');
      await writeFile(
        clusterOnly,
        stringify({ clusters: [{ name: 'far', cluster: { server: 'https://10.0.0.1:6443' } }] }),
      );
      registry.close();
      registry = new ContextRegistry({
        env: { KUBECONFIG: [contexts, clusterOnly].join(delimiter) },
        home,
      });
      await expect(registry.resolve('split')).rejects.toThrow(
        'The kube context "split" refers to user "far-admin", which no kubeconfig file defines.',
      );
    });
  });

  it('rejects an unknown context, for resolve and for probe', async () => {
    await defaultKubeconfig('k3d-shop', 'https://0.0.0.0:6550');
    registry = new ContextRegistry({ env: {}, home });
    await expect(registry.resolve('nope')).rejects.toThrow('Unknown kube context "nope"');
    await expect(registry.probe('nope')).rejects.toThrow('Unknown kube context "nope"');
  });

  it('marks a context k3s after a probe of a stand-in k3s API server', async () => {
    const api = await standInK3sApiServer();
    try {
      // The client library only speaks plain HTTP when told not to verify TLS.
      await defaultKubeconfig('vps', api.url, { 'insecure-skip-tls-verify': true });
      registry = new ContextRegistry({ env: {}, home });
      expect((await registry.list()).contexts[0]?.kind).toBe('other');
      const probe = await registry.probe('vps');
      expect(probe).toMatchObject({
        reachable: true,
        serverVersion: 'v1.31.5+k3s1',
        readyNodes: 1,
        totalNodes: 1,
        defaultStorageClass: null,
        traefik: false,
      });
      expect((await registry.list()).contexts[0]?.kind).toBe('k3s');
    } finally {
      await api.close();
    }
  });

  it('notifies listeners when the kubeconfig appears and stops after unsubscribe', async () => {
    registry = new ContextRegistry({ env: {}, home });
    let calls = 0;
    const unsubscribe = registry.onChange(() => calls++);
    await expect(registry.list()).resolves.toEqual({ contexts: [], errors: [] });
    await defaultKubeconfig('k3d-new', 'https://0.0.0.0:6551');
    await delay(600);
    expect(calls).toBeGreaterThanOrEqual(1);
    expect((await registry.list()).contexts.map((c) => c.name)).toEqual(['k3d-new']);

    unsubscribe();
    const before = calls;
    await writeFile(join(home, '.kube', 'config'), 'contexts: []\n');
    await delay(600);
    expect(calls).toBe(before);
  });

  it('close stops notifications', async () => {
    await defaultKubeconfig('k3d-shop', 'https://0.0.0.0:6550');
    registry = new ContextRegistry({ env: {}, home });
    let calls = 0;
    registry.onChange(() => calls++);
    registry.close();
    await writeFile(join(home, '.kube', 'config'), 'contexts: []\n');
    await delay(600);
    expect(calls).toBe(0);
  });
});
