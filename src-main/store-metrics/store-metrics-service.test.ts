import type { V1ResourceQuota } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import type { Store } from '../../src-shared/types/store-types';
import { METRICS_ABSENT_MESSAGE, METRICS_UNAVAILABLE_MESSAGE } from './messages';
import { createStoreMetricsService, type StoreMetricsSource } from './store-metrics-service';

const store = (id: string, status: Store['status'] = 'Ready'): Store =>
  ({
    id,
    name: id,
    kind: 'woocommerce',
    context: 'k3d-dev',
    namespace: `store-${id}`,
    status,
  }) as Store;

/** An error as client-node's ApiException carries it. */
const apiError = (code: number): Error => Object.assign(new Error(`HTTP ${code}`), { code });

const quotaOf = (namespace: string, release: string): V1ResourceQuota => ({
  metadata: { name: `${release}-quota`, namespace },
  status: { hard: { 'limits.memory': '2Gi', 'limits.cpu': '2' }, used: { 'limits.memory': '1Gi' } },
});

function setup(source: Partial<StoreMetricsSource>, stores = [store('a'), store('b')]) {
  const calls: string[] = [];
  let clock = 1_000_000;
  const service = createStoreMetricsService({
    stores: () => stores,
    store: (id) => stores.find((s) => s.id === id) ?? store(id),
    releaseName: (s) => s.name,
    connect: () =>
      Promise.resolve({
        podMetrics: (ns) => {
          calls.push(`metrics ${ns ?? '*'}`);
          return source.podMetrics?.(ns) ?? Promise.resolve({ items: [] });
        },
        quotas: (ns) => {
          calls.push(`quotas ${ns ?? '*'}`);
          return source.quotas?.(ns) ?? Promise.resolve([]);
        },
      }),
    now: () => new Date(clock),
  });
  return { service, calls, advance: (ms: number) => (clock += ms) };
}

describe('store metrics service', () => {
  it("sums each store's pods and sets them beside its quota", async () => {
    const { service, calls } = setup({
      podMetrics: () =>
        Promise.resolve({
          items: [
            {
              metadata: { namespace: 'store-a' },
              containers: [{ usage: { cpu: '210m', memory: '380Mi' } }],
            },
            {
              metadata: { namespace: 'store-z' },
              containers: [{ usage: { cpu: '1', memory: '1Gi' } }],
            },
          ],
        }),
      quotas: () => Promise.resolve([quotaOf('store-a', 'a'), quotaOf('store-b', 'b')]),
    });
    const result = await service.read('k3d-dev');
    expect(calls).toEqual(['metrics *', 'quotas *']);
    expect(result.metrics).toBe('available');
    expect(result.message).toBeNull();
    expect(result.stores.map((s) => s.storeId)).toEqual(['a', 'b']);
    expect(result.stores[0]?.usage?.cpuCores).toBeCloseTo(0.21, 9);
    expect(result.stores[0]?.usage?.memoryBytes).toBe(380 * 2 ** 20);
    expect(result.stores[0]?.quota?.limitsMemory).toEqual({ used: 2 ** 30, hard: 2 * 2 ** 30 });
    // b has a quota but metrics-server reported none of its pods
    expect(result.stores[1]?.usage).toBeNull();
    expect(result.stores[1]?.quota?.limitsCpu.hard).toBe(2);
  });

  it('says once, not per store, that the metrics API is absent (HTTP 404), and still shows quotas', async () => {
    const { service } = setup({
      podMetrics: () => Promise.reject(apiError(404)),
      quotas: () => Promise.resolve([quotaOf('store-a', 'a')]),
    });
    const result = await service.read('k3d-dev');
    expect(result.metrics).toBe('absent');
    expect(result.message).toBe(METRICS_ABSENT_MESSAGE);
    expect(result.stores.every((s) => s.usage === null)).toBe(true);
    expect(result.stores[0]?.quota?.limitsMemory.hard).toBe(2 * 2 ** 30);
  });

  it('tells a metrics-server that does not answer from an absent one', async () => {
    const { service } = setup({ podMetrics: () => Promise.reject(apiError(503)) });
    const result = await service.read('k3d-dev');
    expect(result.metrics).toBe('unavailable');
    expect(result.message).toBe(METRICS_UNAVAILABLE_MESSAGE);
  });

  it("reads one store's namespace only, and refuses a store of another context", async () => {
    const { service, calls } = setup({});
    const result = await service.read('k3d-dev', 'b');
    expect(calls).toEqual(['metrics store-b', 'quotas store-b']);
    expect(result.stores.map((s) => s.storeId)).toEqual(['b']);
    expect(() => service.read('other', 'b')).toThrow(/not in this context/);
  });

  it('leaves out stores without a namespace', async () => {
    const { service } = setup({}, [store('a', 'Queued'), store('b', 'Deleted'), store('c')]);
    expect((await service.read('k3d-dev')).stores.map((s) => s.storeId)).toEqual(['c']);
    const { service: one, calls } = setup({}, [store('q', 'Queued')]);
    expect((await one.read('k3d-dev', 'q')).stores).toEqual([]);
    expect(calls).toEqual([]);
  });

  it('shares one read between callers for a few seconds, then reads again', async () => {
    const { service, calls, advance } = setup({});
    await Promise.all([service.read('k3d-dev'), service.read('k3d-dev')]);
    expect(calls).toHaveLength(2);
    advance(4_000);
    await service.read('k3d-dev');
    expect(calls).toHaveLength(2);
    advance(2_000);
    await service.read('k3d-dev');
    expect(calls).toHaveLength(4);
  });
});
