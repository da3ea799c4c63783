// Resource use of stores: metrics-server's PodMetrics summed per store namespace, beside the
// store's ResourceQuota. Read on request (the page asks about every 10 s while it shows the
// figures); answers are shared for a few seconds so several windows cost one read.
import type { V1ResourceQuota } from '@kubernetes/client-node';
import type { StoreResources, StoreResourceUse } from '../../src-shared/ipc/contract';
import { IpcError } from '../../src-shared/ipc/ipc-error';
import type { Store } from '../../src-shared/types/store-types';
import { statusCode } from '../kube/client';
import {
  CLUSTER_UNREACHABLE_MESSAGE,
  METRICS_ABSENT_MESSAGE,
  METRICS_FORBIDDEN_MESSAGE,
  METRICS_UNAVAILABLE_MESSAGE,
} from './messages';
import { sumPodMetrics, type NamespaceUse } from './pod-metrics';
import { storeQuota } from './quota-use';

/** Where the figures come from: a context's metrics API and its ResourceQuotas. */
export interface StoreMetricsSource {
  /**
   * The PodMetricsList of one namespace, or of all when none is given; rejects with the API's
   * error (HTTP 404 when the cluster serves no metrics.k8s.io API).
   */
  podMetrics(namespace?: string): Promise<unknown>;
  quotas(namespace?: string): Promise<V1ResourceQuota[]>;
}

export interface StoreMetricsDeps {
  stores(context: string): Store[];
  store(storeId: string): Store;
  releaseName(store: Store): string;
  connect(context: string): Promise<StoreMetricsSource>;
  now?: () => Date;
  /** how long one answer is reused */
  cacheMs?: number;
}

export interface StoreMetricsService {
  read(context: string, storeId?: string): Promise<StoreResources>;
}

/** Stores whose namespace may hold pods. */
const hasNamespace = (store: Store): boolean =>
  store.status !== 'Deleted' && store.status !== 'Queued';

type MetricsState = Pick<StoreResources, 'metrics' | 'message'>;

/** What a failed PodMetrics read means for the page. */
function metricsFailure(error: unknown): MetricsState {
  const code = statusCode(error);
  if (code === 404) return { metrics: 'absent', message: METRICS_ABSENT_MESSAGE };
  if (code === 401 || code === 403) {
    return { metrics: 'unavailable', message: METRICS_FORBIDDEN_MESSAGE };
  }
  return { metrics: 'unavailable', message: METRICS_UNAVAILABLE_MESSAGE };
}

export function createStoreMetricsService(deps: StoreMetricsDeps): StoreMetricsService {
  const now = deps.now ?? (() => new Date());
  const cacheMs = deps.cacheMs ?? 5_000;
  const answers = new Map<string, { at: number; answer: Promise<StoreResources> }>();

  const readNow = async (
    context: string,
    stores: Store[],
    one: boolean,
  ): Promise<StoreResources> => {
    const at = now().toISOString();
    const namespace = one ? stores[0]?.namespace : undefined;
    // one store that has no namespace yet (or any more): nothing to read
    if (one && namespace === undefined)
      return { metrics: 'available', message: null, stores: [], at };
    let source: StoreMetricsSource;
    try {
      source = await deps.connect(context);
    } catch {
      return { metrics: 'unavailable', message: CLUSTER_UNREACHABLE_MESSAGE, stores: [], at };
    }
    const [metrics, quotas] = await Promise.allSettled([
      source.podMetrics(namespace),
      source.quotas(namespace),
    ]);
    const state: MetricsState =
      metrics.status === 'fulfilled'
        ? { metrics: 'available', message: null }
        : metricsFailure(metrics.reason);
    const usage =
      metrics.status === 'fulfilled'
        ? sumPodMetrics(metrics.value)
        : new Map<string, NamespaceUse>();
    const quotasByNamespace = new Map<string, V1ResourceQuota[]>();
    for (const quota of quotas.status === 'fulfilled' ? quotas.value : []) {
      const ns = quota.metadata?.namespace ?? namespace ?? '';
      quotasByNamespace.set(ns, [...(quotasByNamespace.get(ns) ?? []), quota]);
    }
    const rows = stores.map((store): StoreResourceUse => ({
      storeId: store.id,
      usage: usage.get(store.namespace) ?? null,
      quota: storeQuota(quotasByNamespace.get(store.namespace) ?? [], deps.releaseName(store)),
    }));
    return { ...state, stores: rows, at };
  };

  return {
    read(context, storeId) {
      let stores: Store[];
      if (storeId !== undefined) {
        const store = deps.store(storeId);
        if (store.context !== context) {
          throw new IpcError('invalid-argument', 'That store is not in this context.');
        }
        stores = hasNamespace(store) ? [store] : [];
      } else {
        stores = deps.stores(context).filter(hasNamespace);
      }
      const key = `${context}\u0000${storeId ?? ''}`;
      const cached = answers.get(key);
      if (cached && now().getTime() - cached.at < cacheMs) return cached.answer;
      const answer = readNow(context, stores, storeId !== undefined);
      answers.set(key, { at: now().getTime(), answer });
      // a failed answer is not reused
      answer.catch(() => answers.delete(key));
      return answer;
    },
  };
}
