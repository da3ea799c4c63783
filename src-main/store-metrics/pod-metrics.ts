// PodMetrics (metrics.k8s.io/v1beta1) as metrics-server serves them, summed per namespace: the
// CPU (cores) and memory working set (bytes) of every container of every pod it reports.
import { quantityOrNull } from './quantity';

/** What one namespace's pods use right now. */
export interface NamespaceUse {
  cpuCores: number;
  memoryBytes: number;
  /** pods metrics-server reported (it reports Running pods it has two samples of) */
  pods: number;
}

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

/**
 * Sums a PodMetricsList's items by namespace. An item or container without a readable figure
 * adds nothing rather than failing the whole list.
 */
export function sumPodMetrics(list: unknown): Map<string, NamespaceUse> {
  const byNamespace = new Map<string, NamespaceUse>();
  const items = record(list)?.['items'];
  if (!Array.isArray(items)) return byNamespace;
  for (const item of items) {
    const namespace = record(record(item)?.['metadata'])?.['namespace'];
    const containers = record(item)?.['containers'];
    if (typeof namespace !== 'string' || !Array.isArray(containers)) continue;
    const use = byNamespace.get(namespace) ?? { cpuCores: 0, memoryBytes: 0, pods: 0 };
    use.pods += 1;
    for (const container of containers) {
      const usage = record(record(container)?.['usage']);
      use.cpuCores += quantityOrNull(usage?.['cpu']) ?? 0;
      use.memoryBytes += quantityOrNull(usage?.['memory']) ?? 0;
    }
    byNamespace.set(namespace, use);
  }
  return byNamespace;
}
