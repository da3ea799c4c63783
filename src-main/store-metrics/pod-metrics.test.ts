import { describe, expect, it } from 'vitest';
import { sumPodMetrics } from './pod-metrics';

// Items shaped as metrics-server v0.7 serves them: CPU as nanocores (DecimalSI, scale -9),
// memory working set as BinarySI bytes.
const pod = (namespace: string, name: string, containers: [string, string][]): unknown => ({
  metadata: { name, namespace, creationTimestamp: '2026-11-29T15:00:00Z' },
  timestamp: '2026-11-29T14:59:50Z',
  window: '10.5s',
  containers: containers.map(([cpu, memory], i) => ({
    name: `c${i}`,
    usage: { cpu, memory, swap: '0' },
  })),
});

describe('sumPodMetrics', () => {
  it('adds every container of every pod, per namespace', () => {
    const sums = sumPodMetrics({
      kind: 'PodMetricsList',
      apiVersion: 'metrics.k8s.io/v1beta1',
      items: [
        pod('shop', 'shop-wordpress-0', [
          ['150000000n', '300Mi'],
          ['10000000n', '20Mi'],
        ]),
        pod('shop', 'shop-mariadb-0', [['50m', '60Mi']]),
        pod('other', 'other-mariadb-0', [['1', '1Gi']]),
      ],
    });
    const shop = sums.get('shop');
    expect(shop?.pods).toBe(2);
    expect(shop?.cpuCores).toBeCloseTo(0.21, 9);
    expect(shop?.memoryBytes).toBe(380 * 2 ** 20);
    expect(sums.get('other')).toEqual({ cpuCores: 1, memoryBytes: 2 ** 30, pods: 1 });
  });

  it('skips figures it cannot read instead of failing the list', () => {
    const sums = sumPodMetrics({
      items: [
        pod('shop', 'a', [['bogus', '1Ki']]),
        { metadata: { name: 'no-namespace' }, containers: [] },
        null,
        { metadata: { namespace: 'shop' }, containers: [{ name: 'x' }] },
      ],
    });
    expect(sums.get('shop')).toEqual({ cpuCores: 0, memoryBytes: 1024, pods: 2 });
    expect(sumPodMetrics({}).size).toBe(0);
    expect(sumPodMetrics('not a list').size).toBe(0);
  });
});
