// What the provisioning benchmark measures besides create→Ready: time inside Helm (by wrapping
// the engine's cluster port) and when the cluster itself reported each workload ready (by
// watching it, which is prompt, rather than polling as the engine does).
import {
  AppsV1Api,
  BatchV1Api,
  makeInformer,
  type Informer,
  type KubeConfig,
  type KubernetesObject,
  type V1Deployment,
  type V1Job,
  type V1StatefulSet,
} from '@kubernetes/client-node';
import type { StoreCluster } from '../../src-main/engine/cluster-port';

/** Per namespace: Helm call intervals and the moments its workloads were first seen ready. */
export class TimingRecorder {
  readonly helm = new Map<string, { start: number; end: number }[]>();
  readonly ready = new Map<string, Map<string, number>>();

  helmCall(namespace: string, start: number, end: number): void {
    const list = this.helm.get(namespace) ?? [];
    list.push({ start, end });
    this.helm.set(namespace, list);
  }

  seenReady(namespace: string, object: string, at: number): void {
    const seen = this.ready.get(namespace) ?? new Map<string, number>();
    if (!seen.has(object)) seen.set(object, at);
    this.ready.set(namespace, seen);
  }
}

/** The engine's cluster port with every Helm call timed per namespace; behaviour unchanged. */
export function timedCluster(inner: StoreCluster, rec: TimingRecorder): StoreCluster {
  const time = async <T>(namespace: string, call: () => Promise<T>): Promise<T> => {
    const start = performance.now();
    try {
      return await call();
    } finally {
      rec.helmCall(namespace, start, performance.now());
    }
  };
  const h = inner.helm;
  return {
    ...inner,
    helm: {
      upgradeInstall: (o) => time(o.namespace, () => h.upgradeInstall(o)),
      uninstall: (r, ns, o) => time(ns, () => h.uninstall(r, ns, o)),
      history: (r, ns) => time(ns, () => h.history(r, ns)),
      rollback: (r, ns, rev, o) => time(ns, () => h.rollback(r, ns, rev, o)),
      status: (r, ns) => time(ns, () => h.status(r, ns)),
      getValues: (r, ns, rev) => time(ns, () => h.getValues(r, ns, rev)),
    },
  };
}

const stsReady = (s: V1StatefulSet): boolean => {
  const want = s.spec?.replicas ?? 1;
  return want > 0 && (s.status?.readyReplicas ?? 0) >= want;
};
const deploymentReady = (d: V1Deployment): boolean => {
  const want = d.spec?.replicas ?? 1;
  return want > 0 && (d.status?.availableReplicas ?? 0) >= want;
};
const jobComplete = (j: V1Job): boolean =>
  (j.status?.conditions ?? []).some((c) => c.type === 'Complete' && c.status === 'True');

/** Watches StatefulSets, Deployments and Jobs everywhere, recording when each was first ready. */
export async function watchReadiness(
  kc: KubeConfig,
  rec: TimingRecorder,
): Promise<{ stop(): Promise<void> }> {
  const apps = kc.makeApiClient(AppsV1Api);
  const batch = kc.makeApiClient(BatchV1Api);
  const informers: Informer<KubernetesObject>[] = [];
  const watch = <T extends KubernetesObject>(
    path: string,
    list: () => Promise<{ items: T[] }>,
    ready: (o: T) => boolean,
    kind: string,
  ): void => {
    const informer = makeInformer<T>(kc, path, list);
    const seen = (o: T): void => {
      const ns = o.metadata?.namespace;
      if (ns && ready(o))
        rec.seenReady(ns, `${kind}/${o.metadata?.name ?? '?'}`, performance.now());
    };
    informer.on('add', seen);
    informer.on('update', seen);
    informers.push(informer);
  };
  watch(
    '/apis/apps/v1/statefulsets',
    () => apps.listStatefulSetForAllNamespaces(),
    stsReady,
    'sts',
  );
  watch(
    '/apis/apps/v1/deployments',
    () => apps.listDeploymentForAllNamespaces(),
    deploymentReady,
    'deploy',
  );
  watch('/apis/batch/v1/jobs', () => batch.listJobForAllNamespaces(), jobComplete, 'job');
  await Promise.all(informers.map((i) => i.start()));
  return { stop: async () => void (await Promise.all(informers.map((i) => i.stop()))) };
}
