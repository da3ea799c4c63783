// On the test cluster: its API server serves no metrics.k8s.io (it runs no metrics-server, and
// no aggregation layer is set up), so the absent path meets the real API server's real 404. The
// present path reads PodMetrics from a stand-in metrics server (a local HTTP server answering as
// metrics-server v0.7 does) and the quota from the real cluster.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src-shared/types/store-types';
import { removeNamespace, testClients, uniqueName } from '../../test-rig/kube/int-test-env';
import { statusCode } from '../kube/client';
import { waitUntil } from '../kube/wait';
import { METRICS_ABSENT_MESSAGE } from './messages';
import { createMetricsSource } from './metrics-source';
import { createStoreMetricsService } from './store-metrics-service';

const c = testClients();
const namespace = uniqueName('store-metrics');
const release = 'shop';
const MI = 2 ** 20;

const store = {
  id: 'id-shop',
  name: release,
  kind: 'woocommerce',
  context: 'test',
  namespace,
  status: 'Ready',
} as Store;

/** A PodMetricsList as metrics-server v0.7 writes it: nanocores, BinarySI bytes, a window. */
function podMetricsList(ns: string): unknown {
  const pod = (name: string, containers: [string, string, string][]) => ({
    metadata: { name, namespace: ns, creationTimestamp: new Date().toISOString() },
    timestamp: new Date(Date.now() - 5_000).toISOString(),
    window: '10.062s',
    containers: containers.map(([container, cpu, memory]) => ({
      name: container,
      usage: { cpu, memory, swap: '0' },
    })),
  });
  return {
    kind: 'PodMetricsList',
    apiVersion: 'metrics.k8s.io/v1beta1',
    metadata: {},
    items: [
      pod(`${release}-wordpress-5d9c7b8f4-x2x9q`, [['wordpress', '187523441n', '331776Ki']]),
      pod(`${release}-mariadb-0`, [['mariadb', '22476559n', '49152Ki']]),
    ],
  };
}

/** Stand-in metrics server: answers the two PodMetrics list paths, 404 for anything else. */
let standIn: Server;
let standInKc: KubeConfig;
const standInPaths: string[] = [];

beforeAll(async () => {
  standIn = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    standInPaths.push(path);
    const match = /^\/apis\/metrics\.k8s\.io\/v1beta1\/(?:namespaces\/([^/]+)\/)?pods$/.exec(path);
    if (!match) {
      res
        .writeHead(404, { 'content-type': 'application/json' })
        .end('{"kind":"Status","code":404}');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(podMetricsList(match[1] ?? namespace)));
  });
  await new Promise<void>((resolve) => standIn.listen(0, '127.0.0.1', resolve));
  const { port } = standIn.address() as AddressInfo;
  standInKc = new KubeConfig();
  standInKc.loadFromOptions({
    clusters: [{ name: 'stand-in', server: `http://127.0.0.1:${port}`, skipTLSVerify: true }],
    users: [{ name: 'anonymous' }],
    contexts: [{ name: 'stand-in', cluster: 'stand-in', user: 'anonymous' }],
    currentContext: 'stand-in',
  });

  // the store's namespace with its chart's quota, and one pod holding requests and limits
  await c.core.createNamespace({ body: { metadata: { name: namespace } } });
  await c.core.createNamespacedResourceQuota({
    namespace,
    body: {
      metadata: { name: `${release}-quota` },
      spec: {
        hard: {
          'requests.cpu': '1',
          'requests.memory': '1Gi',
          'limits.cpu': '2',
          'limits.memory': '2Gi',
        },
      },
    },
  });
  // the quota admits pods only once its controller has filled status.hard
  await waitUntil(
    async () =>
      (await c.core.readNamespacedResourceQuota({ name: `${release}-quota`, namespace })).status
        ?.hard?.['limits.memory'] !== undefined || undefined,
    { timeoutMs: 30_000, what: 'the quota to be counted' },
  );
  // (the ServiceAccount admission refuses pods until the namespace's default account exists)
  await waitUntil(
    () =>
      c.core.createNamespacedPod({ namespace, body: pod }).then(
        () => true,
        (error: unknown) => {
          if (statusCode(error) === 403 && /serviceaccount/i.test(String(error))) return undefined;
          throw error;
        },
      ),
    { timeoutMs: 30_000, what: 'the pod to be admitted' },
  );
}, 90_000);

const pod = {
  metadata: { name: `${release}-mariadb-0` },
  spec: {
    containers: [
      {
        name: 'mariadb',
        image: 'mariadb:11.4',
        resources: {
          requests: { cpu: '250m', memory: '256Mi' },
          limits: { cpu: '500m', memory: '512Mi' },
        },
      },
    ],
  },
};

afterAll(async () => {
  await new Promise((resolve) => standIn.close(resolve));
  await removeNamespace(c, namespace);
});

describe('store metrics on the test cluster', () => {
  it('meets the real 404 of an API server without metrics.k8s.io', async () => {
    const error: unknown = await createMetricsSource(c.kc)
      .podMetrics(namespace)
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(statusCode(error)).toBe(404);
  });

  it('says metrics-server is missing, once, and still shows the real quota', async () => {
    const service = createStoreMetricsService({
      stores: () => [store],
      store: () => store,
      releaseName: () => release,
      connect: () => Promise.resolve(createMetricsSource(c.kc)),
    });
    const result = await service.read('test');
    expect(result.metrics).toBe('absent');
    expect(result.message).toBe(METRICS_ABSENT_MESSAGE);
    expect(result.stores).toHaveLength(1);
    expect(result.stores[0]?.usage).toBeNull();
    expect(result.stores[0]?.quota).toEqual({
      requestsCpu: { used: 0.25, hard: 1 },
      limitsCpu: { used: 0.5, hard: 2 },
      requestsMemory: { used: 256 * MI, hard: 1024 * MI },
      limitsMemory: { used: 512 * MI, hard: 2048 * MI },
    });
  });

  it('sums the stand-in metrics server’s PodMetrics beside the real quota', async () => {
    const service = createStoreMetricsService({
      stores: () => [store],
      store: () => store,
      releaseName: () => release,
      connect: () => Promise.resolve(createMetricsSource(c.kc, { metricsKc: standInKc })),
    });
    const all = await service.read('test');
    const one = await service.read('test', store.id);
    for (const result of [all, one]) {
      expect(result.metrics).toBe('available');
      expect(result.message).toBeNull();
      const use = result.stores[0];
      expect(use?.usage?.pods).toBe(2);
      expect(use?.usage?.cpuCores).toBeCloseTo(0.21, 9);
      expect(use?.usage?.memoryBytes).toBe((331_776 + 49_152) * 1024);
      expect(use?.quota?.limitsMemory).toEqual({ used: 512 * MI, hard: 2048 * MI });
    }
    expect(standInPaths).toContain('/apis/metrics.k8s.io/v1beta1/pods');
    expect(standInPaths).toContain(`/apis/metrics.k8s.io/v1beta1/namespaces/${namespace}/pods`);
  });
});
