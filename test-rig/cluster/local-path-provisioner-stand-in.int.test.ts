import { ApiException, type CoreV1Api, type V1PersistentVolume } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import {
  HELPER_POLL_MS,
  HELPER_POLLS,
  RECLAIM_DELAY_ANNOTATION,
} from './local-path-provisioner-stand-in';
import { clients, createNamespace, deleteNamespaceAndWait, until } from './testdata/kube';

const { core } = clients();
const namespaces: string[] = [];

afterEach(async () => {
  await Promise.all(namespaces.splice(0).map((ns) => deleteNamespaceAndWait(core, ns, 30_000)));
});

/** A claim bound through the stand-in (WaitForFirstConsumer: a pod must use it first). */
async function boundVolume(): Promise<{ ns: string; pv: string }> {
  const ns = await createNamespace(core, 'lpp');
  namespaces.push(ns);
  await core.createNamespacedPersistentVolumeClaim({
    namespace: ns,
    body: {
      metadata: { name: 'data' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    },
  });
  await core.createNamespacedPod({
    namespace: ns,
    body: {
      metadata: { name: 'user' },
      spec: {
        containers: [{ name: 'main', image: 'registry.example/app:1' }],
        volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }],
      },
    },
  });
  const pv = await until(
    'claim bound',
    async () => {
      const pvc = await core.readNamespacedPersistentVolumeClaim({ name: 'data', namespace: ns });
      return pvc.status?.phase === 'Bound' ? pvc.spec?.volumeName : undefined;
    },
    30_000,
  );
  await core.deleteNamespacedPod({ name: 'user', namespace: ns, gracePeriodSeconds: 0 });
  return { ns, pv };
}

async function readVolume(c: CoreV1Api, name: string): Promise<V1PersistentVolume | null> {
  return c.readPersistentVolume({ name }).catch((error: unknown) => {
    if (error instanceof ApiException && error.code === 404) return null;
    throw error;
  });
}

/** Deletes the claim and watches its volume: when it was first seen Released, and when gone. */
async function releaseAndTime(ns: string, pv: string): Promise<{ releasedMs: number }> {
  await core.deleteNamespacedPersistentVolumeClaim({ name: 'data', namespace: ns });
  let releasedAt: number | undefined;
  await until(
    `volume ${pv} to be removed`,
    async () => {
      const seen = await readVolume(core, pv);
      if (seen === null) return true;
      if (seen.status?.phase === 'Released' && releasedAt === undefined) {
        expect(seen.spec?.persistentVolumeReclaimPolicy).toBe('Delete');
        releasedAt = Date.now();
      }
      return undefined;
    },
    30_000,
    50,
  );
  if (releasedAt === undefined) throw new Error(`volume ${pv} was never seen Released`);
  return { releasedMs: Date.now() - releasedAt };
}

describe('local-path provisioner stand-in', () => {
  it('keeps a volume Released while its helper pod would run, then removes it', async () => {
    const { ns, pv } = await boundVolume();
    const { releasedMs } = await releaseAndTime(ns, pv);
    // Whole polls of the helper pod, like the real one; a little slack for the watch.
    expect(releasedMs).toBeGreaterThanOrEqual(HELPER_POLLS * HELPER_POLL_MS - 300);
    expect(releasedMs).toBeLessThan(HELPER_POLLS * HELPER_POLL_MS + 3_000);
  });

  it('takes as long as a slow helper pod when a volume asks for it, in whole polls', async () => {
    const { ns, pv } = await boundVolume();
    await core.patchPersistentVolume({
      name: pv,
      body: [
        {
          op: 'add',
          path: `/metadata/annotations/${RECLAIM_DELAY_ANNOTATION.replace('/', '~1')}`,
          value: '3500',
        },
      ],
    });
    const { releasedMs } = await releaseAndTime(ns, pv);
    expect(releasedMs).toBeGreaterThanOrEqual(4 * HELPER_POLL_MS - 300);
    expect(releasedMs).toBeLessThan(4 * HELPER_POLL_MS + 3_000);
  });

  it('leaves a Released volume with reclaim Retain in place', async () => {
    const { ns, pv } = await boundVolume();
    await core.patchPersistentVolume({
      name: pv,
      body: [{ op: 'replace', path: '/spec/persistentVolumeReclaimPolicy', value: 'Retain' }],
    });
    await core.deleteNamespacedPersistentVolumeClaim({ name: 'data', namespace: ns });
    await until(
      `volume ${pv} to be Released`,
      async () => ((await readVolume(core, pv))?.status?.phase === 'Released' ? true : undefined),
      30_000,
    );
    await new Promise((r) => setTimeout(r, (HELPER_POLLS + 1) * HELPER_POLL_MS));
    expect((await readVolume(core, pv))?.status?.phase).toBe('Released');
    await core.deletePersistentVolume({ name: pv });
  });
});
