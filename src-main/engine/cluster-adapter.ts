import type { V1Namespace, V1Pod } from '@kubernetes/client-node';
import { createKubeClients, readOrUndefined } from '../kube/client';
import { findLeftoverObjects } from '../kube/leftovers';
import {
  deleteNamespace,
  deleteNamespacePodsAndClaims,
  ensureNamespace,
  listManagedNamespaces,
  waitForNamespaceGone,
} from '../kube/namespace';
import { deleteJobsOf } from '../kube/job-wait';
import { watchManagedNamespaces } from '../kube/namespace-watch';
import { readSecretData } from '../kube/secret';
import {
  waitForDeploymentReady,
  waitForJobComplete,
  waitForStatefulSetReady,
} from '../kube/workloads';
import { HelmClient } from '../tools/helm';
import type { NamespaceInfo, StoreCluster } from './cluster-port';
import type { KubeTarget } from './op-context';

export interface ConnectLimits {
  /** the operation's signal: aborting it ends every call in flight at once */
  signal?: AbortSignal;
  /** how long one Kubernetes API call may go unanswered */
  callTimeoutMs?: number;
}

/**
 * The engine's view of one context, over Helm and the Kubernetes client. Every Kubernetes call
 * has a deadline and stops when `limits.signal` aborts, so a silent API server cannot hold a step.
 */
export function connectCluster(
  target: KubeTarget,
  helmPath: string,
  limits: ConnectLimits = {},
): StoreCluster {
  const c = createKubeClients(target, { signal: limits.signal, timeoutMs: limits.callTimeoutMs });
  const helm = new HelmClient({ helmPath, target });
  // Helm's queries end at their own deadline; the caller stops waiting for them when it aborts.
  const query = <T>(p: Promise<T>): Promise<T> => untilAborted(p, limits.signal);
  return {
    ensureNamespace: (name, labels) => ensureNamespace(c, name, labels),
    async getNamespace(name) {
      const ns = await readOrUndefined(() => c.core.readNamespace({ name }));
      return ns ? namespaceInfo(ns) : null;
    },
    deleteNamespace: (name) => deleteNamespace(c, name),
    deleteNamespacePodsAndClaims: (name) => deleteNamespacePodsAndClaims(c, name),
    waitForNamespaceGone: (name, o) => waitForNamespaceGone(c, name, o),
    listManagedNamespaces: async () => (await listManagedNamespaces(c)).map(namespaceInfo),
    watchManagedNamespaces: (onChange, signal) =>
      watchManagedNamespaces(c.kc, () => onChange(), { signal }),
    readSecretData: (namespace, name) => readSecretData(c, namespace, name),
    waitForStatefulSetReady: (ns, name, o) => waitForStatefulSetReady(c, ns, name, o),
    waitForDeploymentReady: (ns, name, o) => waitForDeploymentReady(c, ns, name, o),
    waitForJobComplete: (ns, name, o) => waitForJobComplete(c, ns, name, o),
    deleteJob: (namespace, name) => deleteJobsOf(c, namespace, name),
    findLeftovers: (namespace, storeId) => findLeftoverObjects(c, { namespace, storeId }),
    async unschedulablePods(namespace) {
      const pods = await c.core.listNamespacedPod({ namespace });
      return pods.items.flatMap(describeUnschedulable);
    },
    helm: {
      upgradeInstall: (o) => helm.upgradeInstall(o),
      uninstall: (release, namespace, o) => helm.uninstall(release, namespace, o),
      history: (release, namespace) => query(helm.history(release, namespace)),
      rollback: (release, namespace, revision, o) => helm.rollback(release, namespace, revision, o),
      status: (release, namespace) => query(helm.status(release, namespace)),
      getValues: (release, namespace, revision) =>
        query(helm.getValues(release, namespace, revision)),
    },
  };
}

/** `p`, or a rejection with the signal's reason as soon as it aborts. */
function untilAborted<T>(p: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return p;
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortReason(signal));
    if (signal.aborted) {
      onAbort();
      // The query still runs to its end; nothing waits for it, and its failure is not news.
      void p.catch(() => undefined);
      return;
    }
    signal.addEventListener('abort', onAbort, { once: true });
    void p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new Error('cancelled');
}

function namespaceInfo(ns: V1Namespace): NamespaceInfo {
  return {
    name: ns.metadata?.name ?? '',
    labels: ns.metadata?.labels ?? {},
    terminating: ns.status?.phase === 'Terminating' || ns.metadata?.deletionTimestamp != null,
  };
}

function describeUnschedulable(pod: V1Pod): string[] {
  const scheduled = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
  if (scheduled?.status !== 'False' || scheduled.reason !== 'Unschedulable') return [];
  const detail = scheduled.message ? `: ${scheduled.message}` : '';
  return [`Pod ${pod.metadata?.name ?? '?'} is unschedulable${detail}.`];
}
