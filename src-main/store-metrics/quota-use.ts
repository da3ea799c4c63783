// A store's ResourceQuota (the charts' `<release>-quota`) as numbers: for CPU (cores) and memory
// (bytes), the requests and limits its pods hold (status.used) against what the quota allows
// (status.hard).
import type { V1ResourceQuota } from '@kubernetes/client-node';
import type { QuotaPair, StoreQuota } from '../../src-shared/ipc/contract';
import { quantityOrNull } from './quantity';

const KEYS = {
  requestsCpu: 'requests.cpu',
  limitsCpu: 'limits.cpu',
  requestsMemory: 'requests.memory',
  limitsMemory: 'limits.memory',
} as const;

/**
 * The quota of a store's namespace: the one its chart names `<release>-quota` when there, else
 * the first; null when the namespace has none or none of them bounds CPU or memory.
 */
export function storeQuota(quotas: readonly V1ResourceQuota[], release: string): StoreQuota | null {
  const quota =
    quotas.find((q) => q.metadata?.name === `${release}-quota`) ??
    quotas.find((q) => Object.values(KEYS).some((key) => q.status?.hard?.[key] !== undefined));
  if (!quota) return null;
  const pair = (key: string): { used: number | null; hard: number | null } => ({
    used: quantityOrNull(quota.status?.used?.[key]),
    hard: quantityOrNull(quota.status?.hard?.[key] ?? quota.spec?.hard?.[key]),
  });
  const result: StoreQuota = {
    requestsCpu: pair(KEYS.requestsCpu),
    limitsCpu: pair(KEYS.limitsCpu),
    requestsMemory: pair(KEYS.requestsMemory),
    limitsMemory: pair(KEYS.limitsMemory),
  };
  const pairs: QuotaPair[] = [
    result.requestsCpu,
    result.limitsCpu,
    result.requestsMemory,
    result.limitsMemory,
  ];
  return pairs.some((p) => p.hard !== null) ? result : null;
}
