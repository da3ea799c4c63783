import { mkdir, rm } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import {
  ApiException,
  CoreV1Api,
  makeInformer,
  type Informer,
  type KubeConfig,
  type KubernetesObject,
  type V1PersistentVolume,
  type V1PersistentVolumeClaim,
} from '@kubernetes/client-node';

export const PROVISIONER_NAME = 'rancher.io/local-path';
export const STORAGE_CLASS_NAME = 'local-path';
const SELECTED_NODE = 'volume.kubernetes.io/selected-node';
const PROVISIONED_BY = 'pv.kubernetes.io/provisioned-by';

/**
 * How the real provisioner removes a volume, and so how long a Released volume lingers.
 * rancher/local-path-provisioner's `Delete` (provisioner.go: deleteFor → createHelperPod) starts
 * a helper pod on the volume's node that runs the `teardown` script (`rm -rf "$VOL_DIR"`), then
 * reads that pod once a second (`time.Sleep(1 * time.Second)`, for at most cmdTimeoutSeconds,
 * 120 by default) until it has Succeeded. Only after that does
 * sig-storage-lib-external-provisioner's deleteVolumeOperation delete the PV, which stays
 * `Released` all along. The first read, right after the pod is created, never finds it done, so a
 * volume outlives its claim by at least one poll; with the helper image already on the node, the
 * pod has finished by the second read.
 */
export const HELPER_POLL_MS = 1_000;
export const HELPER_POLLS = 2;
/**
 * A test's stand-in for a slow helper pod (its image pulled on first use, a busy node): on a PV,
 * how long the removal takes, in ms, rounded up to whole polls as the real one's would be.
 */
export const RECLAIM_DELAY_ANNOTATION = 'storefleet.test/reclaim-delay-ms';

/** How long the stand-in keeps a Released volume before it removes it. */
export function reclaimDelayMs(pv: V1PersistentVolume): number {
  const asked = Number(pv.metadata?.annotations?.[RECLAIM_DELAY_ANNOTATION]);
  const polls =
    Number.isFinite(asked) && asked > 0 ? Math.ceil(asked / HELPER_POLL_MS) : HELPER_POLLS;
  return Math.max(1, polls) * HELPER_POLL_MS;
}

export interface ProvisionerStandIn {
  stop(): Promise<void>;
}

/**
 * Stand-in for k3s's local-path-provisioner, which cannot run here because kwok runs no
 * containers. Same contract as the real one: waits for the scheduler's selected-node
 * (WaitForFirstConsumer), creates a hostPath PV pinned to that node with reclaim Delete, and
 * once the claim is gone and the PV `Released`, removes directory and PV after the helper pod's
 * time (`reclaimDelayMs`), so leak checks in tests mean something and a delete sees what it
 * sees on k3s: volumes still `Released` for a moment after their namespace is gone. Volumes
 * with reclaim Retain stay, as the real one's do ("Retained volume").
 */
export async function startLocalPathProvisionerStandIn(
  kc: KubeConfig,
  volumesDir: string,
  log: (line: string) => void,
): Promise<ProvisionerStandIn> {
  const core = kc.makeApiClient(CoreV1Api);
  const root = resolve(volumesDir);
  await mkdir(root, { recursive: true });
  let stopped = false;

  const report = (what: string) => (error: unknown) => {
    if (error instanceof ApiException && (error.code === 404 || error.code === 409)) return;
    log(
      `[local-path-provisioner-stand-in] ${what}: ${error instanceof Error ? error.message : String(error)}`,
    );
  };

  async function provision(pvc: V1PersistentVolumeClaim): Promise<void> {
    const meta = pvc.metadata;
    const node = meta?.annotations?.[SELECTED_NODE];
    if (!meta?.name || !meta.namespace || !meta.uid || !node) return;
    if (meta.deletionTimestamp || pvc.spec?.volumeName || pvc.status?.phase !== 'Pending') return;
    if (pvc.spec?.storageClassName !== STORAGE_CLASS_NAME) return;
    const name = `pvc-${meta.uid}`;
    const path = join(root, `${name}_${meta.namespace}_${meta.name}`);
    await mkdir(path, { recursive: true });
    await core.createPersistentVolume({
      body: {
        metadata: { name, annotations: { [PROVISIONED_BY]: PROVISIONER_NAME } },
        spec: {
          capacity: { storage: pvc.spec.resources?.requests?.storage ?? '1Gi' },
          accessModes: pvc.spec.accessModes ?? ['ReadWriteOnce'],
          volumeMode: pvc.spec.volumeMode ?? 'Filesystem',
          persistentVolumeReclaimPolicy: 'Delete',
          storageClassName: STORAGE_CLASS_NAME,
          claimRef: {
            apiVersion: 'v1',
            kind: 'PersistentVolumeClaim',
            namespace: meta.namespace,
            name: meta.name,
            uid: meta.uid,
          },
          hostPath: { path, type: 'DirectoryOrCreate' },
          nodeAffinity: {
            required: {
              nodeSelectorTerms: [
                {
                  matchExpressions: [
                    { key: 'kubernetes.io/hostname', operator: 'In', values: [node] },
                  ],
                },
              ],
            },
          },
        },
      },
    });
    log(
      `[local-path-provisioner-stand-in] provisioned ${name} for ${meta.namespace}/${meta.name} on ${node}`,
    );
  }

  /** The real one's shouldDelete: ours, Released, reclaim Delete, not already being deleted. */
  const shouldDelete = (pv: V1PersistentVolume): boolean =>
    pv.metadata?.annotations?.[PROVISIONED_BY] === PROVISIONER_NAME &&
    !pv.metadata.deletionTimestamp &&
    pv.status?.phase === 'Released' &&
    pv.spec?.persistentVolumeReclaimPolicy === 'Delete';

  /** volume name → the pending removal ("helper pod" running) */
  const removing = new Map<string, NodeJS.Timeout>();

  function reclaim(pv: V1PersistentVolume): void {
    const name = pv.metadata?.name;
    if (!name || stopped || removing.has(name) || !shouldDelete(pv)) return;
    const timer = setTimeout(() => {
      void removeVolume(name)
        .catch(report('reclaim'))
        .finally(() => removing.delete(name));
    }, reclaimDelayMs(pv));
    timer.unref();
    removing.set(name, timer);
  }

  async function removeVolume(name: string): Promise<void> {
    if (stopped) return;
    const pv = await core.readPersistentVolume({ name });
    if (!shouldDelete(pv)) return;
    const path = pv.spec?.hostPath?.path;
    // Never remove anything outside the cluster's own volume directory.
    if (path && resolve(path).startsWith(root + sep))
      await rm(path, { recursive: true, force: true });
    await core.deletePersistentVolume({ name });
    log(`[local-path-provisioner-stand-in] deleted ${name} (claim gone, reclaim Delete)`);
  }

  const claims = makeInformer<V1PersistentVolumeClaim>(kc, '/api/v1/persistentvolumeclaims', () =>
    core.listPersistentVolumeClaimForAllNamespaces(),
  );
  const volumes = makeInformer<V1PersistentVolume>(kc, '/api/v1/persistentvolumes', () =>
    core.listPersistentVolume(),
  );
  const onClaim = (pvc: V1PersistentVolumeClaim) => void provision(pvc).catch(report('provision'));
  const onVolume = (pv: V1PersistentVolume): void => reclaim(pv);
  claims.on('add', onClaim);
  claims.on('update', onClaim);
  volumes.on('add', onVolume);
  volumes.on('update', onVolume);
  keepWatching(claims, () => stopped, report('watch claims'));
  keepWatching(volumes, () => stopped, report('watch volumes'));
  await Promise.all([claims.start(), volumes.start()]);

  return {
    async stop() {
      stopped = true;
      for (const timer of removing.values()) clearTimeout(timer);
      removing.clear();
      await Promise.all([claims.stop(), volumes.stop()]);
    },
  };
}

/** An informer stops on a watch error; a provisioner must outlive apiserver hiccups. */
function keepWatching<T extends KubernetesObject>(
  informer: Informer<T>,
  isStopped: () => boolean,
  report: (error: unknown) => void,
): void {
  informer.on('error', (error: unknown) => {
    if (isStopped()) return;
    report(error);
    setTimeout(() => {
      if (!isStopped()) informer.start().catch(report);
    }, 1000).unref();
  });
}
