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

export interface ProvisionerStandIn {
  stop(): Promise<void>;
}

/**
 * Stand-in for k3s's local-path-provisioner, which cannot run here because kwok runs no
 * containers. Same contract as the real one: waits for the scheduler's selected-node
 * (WaitForFirstConsumer), creates a hostPath PV pinned to that node with reclaim Delete, and
 * deletes PV and directory once the claim is gone, so leak checks in tests mean something.
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

  async function reclaim(pv: V1PersistentVolume): Promise<void> {
    const name = pv.metadata?.name;
    if (!name || pv.metadata?.annotations?.[PROVISIONED_BY] !== PROVISIONER_NAME) return;
    if (pv.spec?.persistentVolumeReclaimPolicy !== 'Delete') return;
    if (pv.status?.phase !== 'Released' && pv.status?.phase !== 'Failed') return;
    const path = pv.spec.hostPath?.path;
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
  const onVolume = (pv: V1PersistentVolume) => void reclaim(pv).catch(report('reclaim'));
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
