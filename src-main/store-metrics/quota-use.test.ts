import type { V1ResourceQuota } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { storeQuota } from './quota-use';

const quota = (name: string, hard: Record<string, string>, used: Record<string, string>) =>
  ({
    metadata: { name, namespace: 'shop' },
    spec: { hard },
    status: { hard, used },
  }) satisfies V1ResourceQuota;

describe('storeQuota', () => {
  it("reads the chart's <release>-quota: used against hard, in cores and bytes", () => {
    const result = storeQuota(
      [
        quota('unrelated', { 'requests.cpu': '9' }, {}),
        quota(
          'shop-quota',
          {
            'requests.cpu': '1',
            'limits.cpu': '2',
            'requests.memory': '1Gi',
            'limits.memory': '2Gi',
            pods: '10',
          },
          {
            'requests.cpu': '350m',
            'limits.cpu': '1500m',
            'requests.memory': '640Mi',
            'limits.memory': '1536Mi',
          },
        ),
      ],
      'shop',
    );
    expect(result).toEqual({
      requestsCpu: { used: 0.35, hard: 1 },
      limitsCpu: { used: 1.5, hard: 2 },
      requestsMemory: { used: 640 * 2 ** 20, hard: 2 ** 30 },
      limitsMemory: { used: 1536 * 2 ** 20, hard: 2 * 2 ** 30 },
    });
  });

  it('falls back to a quota that bounds CPU or memory, and is null without one', () => {
    expect(
      storeQuota([quota('other', { 'limits.memory': '1Gi' }, {})], 'shop')?.limitsMemory,
    ).toEqual({ used: null, hard: 2 ** 30 });
    expect(storeQuota([quota('pods-only', { pods: '3' }, {})], 'shop')).toBeNull();
    expect(storeQuota([], 'shop')).toBeNull();
  });
});
