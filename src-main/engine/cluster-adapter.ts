import type { V1Pod } from '@kubernetes/client-node';
import { createKubeClients, isNotFound } from '../kube/client';
import { MANAGED_SELECTOR } from '../kube/labels';
import {
  waitForDeploymentReady,
  waitForJobComplete,
  waitForStatefulSetReady,
} from '../kube/workloads';
import { HelmClient } from '../tools/helm';
import type { NamespaceInfo, StoreCluster } from './cluster-port';
import {
  deleteStoreNamespace,
  ensureStoreNamespace,
  readDecodedSecret,
  storeLeftovers,
  waitForNamespaceDeleted,
} from './store-namespace';
import type { KubeTarget } from './op-context';

/** The engine's view of one context, over Helm and the Kubernetes client. */
export function connectCluster(target: KubeTarget, helmPath: string): StoreCluster {
  const c = createKubeClients(target);
  const helm = new HelmClient({ helmPath, target });
  return {
    ensureNamespace: (name, labels) => ensureStoreNamespace(c, name, labels),
    async getNamespace(name) {
      try {
        const ns = await c.core.readNamespace({ name });
        return {
          name,
          labels: ns.metadata?.labels ?? {},
          terminating: ns.status?.phase === 'Terminating',
        } satisfies NamespaceInfo;
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },
    deleteNamespace: (name) => deleteStoreNamespace(c, name),
    waitForNamespaceGone: (name, o) => waitForNamespaceDeleted(c, name, o),
    async listManagedNamespaces() {
      const list = await c.core.listNamespace({ labelSelector: MANAGED_SELECTOR });
      return list.items.map((ns) => ({
        name: ns.metadata?.name ?? '',
        labels: ns.metadata?.labels ?? {},
        terminating: ns.status?.phase === 'Terminating' || ns.metadata?.deletionTimestamp != null,
      }));
    },
    readSecretData: (namespace, name) => readDecodedSecret(c, namespace, name),
    waitForStatefulSetReady: (ns, name, o) => waitForStatefulSetReady(c, ns, name, o),
    waitForDeploymentReady: (ns, name, o) => waitForDeploymentReady(c, ns, name, o),
    waitForJobComplete: (ns, name, o) => waitForJobComplete(c, ns, name, o),
    async deleteJob(namespace, name) {
      try {
        await c.batch.deleteNamespacedJob({ name, namespace, propagationPolicy: 'Background' });
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    },
    findLeftovers: (namespace, storeId) => storeLeftovers(c, namespace, storeId),
    async unschedulablePods(namespace) {
      const pods = await c.core.listNamespacedPod({ namespace });
      return pods.items.flatMap(describeUnschedulable);
    },
    helm: {
      upgradeInstall: (o) => helm.upgradeInstall(o),
      uninstall: (release, namespace, o) => helm.uninstall(release, namespace, o),
      history: (release, namespace) => helm.history(release, namespace),
      rollback: (release, namespace, revision, o) => helm.rollback(release, namespace, revision, o),
      status: (release, namespace) => helm.status(release, namespace),
    },
  };
}

function describeUnschedulable(pod: V1Pod): string[] {
  const scheduled = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
  if (scheduled?.status !== 'False' || scheduled.reason !== 'Unschedulable') return [];
  const detail = scheduled.message ? `: ${scheduled.message}` : '';
  return [`Pod ${pod.metadata?.name ?? '?'} is unschedulable${detail}.`];
}
