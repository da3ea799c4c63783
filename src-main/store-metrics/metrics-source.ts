// The real StoreMetricsSource: metrics.k8s.io/v1beta1 PodMetrics through client-node's
// CustomObjectsApi and ResourceQuotas through CoreV1Api, on the store's context with short
// deadlines (a figure that comes late is worth nothing; the page asks again in 10 s).
import { CoreV1Api, CustomObjectsApi, type KubeConfig } from '@kubernetes/client-node';
import { cancellableConfiguration } from '../kube/client';
import type { StoreMetricsSource } from './store-metrics-service';

export const METRICS_GROUP = 'metrics.k8s.io';
export const METRICS_VERSION = 'v1beta1';
const CALL_TIMEOUT_MS = 8_000;

/**
 * A source reading through `kc`'s current context; `metricsConfig` replaces where PodMetrics are
 * read from (tests point it at a stand-in metrics server).
 */
export function createMetricsSource(
  kc: KubeConfig,
  options: { metricsKc?: KubeConfig; timeoutMs?: number } = {},
): StoreMetricsSource {
  const timeoutMs = options.timeoutMs ?? CALL_TIMEOUT_MS;
  const core = new CoreV1Api(cancellableConfiguration(kc, undefined, timeoutMs));
  const custom = new CustomObjectsApi(
    cancellableConfiguration(options.metricsKc ?? kc, undefined, timeoutMs),
  );
  return {
    podMetrics: (namespace) =>
      namespace === undefined
        ? custom.listCustomObjectForAllNamespaces({
            group: METRICS_GROUP,
            version: METRICS_VERSION,
            plural: 'pods',
          })
        : custom.listNamespacedCustomObject({
            group: METRICS_GROUP,
            version: METRICS_VERSION,
            namespace,
            plural: 'pods',
          }),
    quotas: async (namespace) =>
      (namespace === undefined
        ? await core.listResourceQuotaForAllNamespaces()
        : await core.listNamespacedResourceQuota({ namespace })
      ).items,
  };
}
