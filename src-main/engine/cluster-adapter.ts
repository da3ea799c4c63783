import type { V1Namespace, V1Pod } from '@kubernetes/client-node';
import { createKubeClients, isNotFound, readOrUndefined } from '../kube/client';
import { findLeftovers } from '../kube/leftovers';
import {
  deleteNamespace,
  deleteNamespacePodsAndClaims,
  ensureNamespace,
  listManagedNamespaces,
  waitForNamespaceGone,
} from '../kube/namespace';
import { readSecretData } from '../kube/secret';
import {
  waitForDeploymentReady,
  waitForJobComplete,
  waitForStatefulSetReady,
} from '../kube/workloads';
import { HelmClient } from '../tools/helm';
import type { NamespaceInfo, StoreCluster } from './cluster-port';
import type { KubeTarget } from './op-context';

/** The engine's view of one context, over Helm and the Kubernetes client. */
export function connectCluster(target: KubeTarget, helmPath: string): StoreCluster {
  const c = createKubeClients(target);
  const helm = new HelmClient({ helmPath, target });
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
    readSecretData: (namespace, name) => readSecretData(c, namespace, name),
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
    findLeftovers: (namespace, storeId) => findLeftovers(c, { namespace, storeId }),
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
      getValues: (release, namespace, revision) => helm.getValues(release, namespace, revision),
    },
  };
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
