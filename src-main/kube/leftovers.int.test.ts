import { afterAll, describe, expect, it } from 'vitest';
import { removeNamespace, testClients, uniqueName } from '../../test-rig/kube/int-test-env';
import { isNotFound } from './client';
import { STORE_ID_LABEL } from './labels';
import { deleteNamespace, ensureNamespace, waitForNamespaceGone } from './namespace';
import { findLeftovers, splitLeftovers } from './leftovers';
import { waitUntil } from './wait';

const c = testClients();
const namespaces: string[] = [];
const volumes: string[] = [];

async function createVolume(
  name: string,
  extra: { claimNs?: string; storeId?: string },
): Promise<void> {
  volumes.push(name);
  await c.core.createPersistentVolume({
    body: {
      metadata: { name, labels: extra.storeId ? { [STORE_ID_LABEL]: extra.storeId } : {} },
      spec: {
        capacity: { storage: '1Gi' },
        accessModes: ['ReadWriteOnce'],
        persistentVolumeReclaimPolicy: 'Retain',
        storageClassName: 'manual',
        hostPath: { path: `/tmp/${name}` },
        claimRef: extra.claimNs ? { namespace: extra.claimNs, name: 'data-mariadb-0' } : undefined,
      },
    },
  });
}

afterAll(async () => {
  await Promise.all(namespaces.map((ns) => removeNamespace(c, ns)));
  for (const name of volumes) {
    await c.core.deletePersistentVolume({ name }).catch((error: unknown) => {
      if (!isNotFound(error)) throw error;
    });
  }
});

describe('findLeftovers', () => {
  it('names the namespace, its PVCs, Secrets and Ingresses, and the store’s volumes', async () => {
    const ns = uniqueName('store');
    const storeId = `id-${ns}`;
    namespaces.push(ns);
    await ensureNamespace(c, ns, { [STORE_ID_LABEL]: storeId });
    await c.core.createNamespacedPersistentVolumeClaim({
      namespace: ns,
      body: {
        metadata: { name: 'data-mariadb-0' },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
      },
    });
    await c.core.createNamespacedSecret({
      namespace: ns,
      body: { metadata: { name: 'store-credentials' }, stringData: { password: 'x' } },
    });
    await c.networking.createNamespacedIngress({
      namespace: ns,
      body: {
        metadata: { name: 'storefront' },
        spec: { rules: [{ host: `${ns}.localhost` }] },
      },
    });
    await createVolume(`${ns}-claimed`, { claimNs: ns });
    await createVolume(`${ns}-labelled`, { storeId });
    await createVolume(`${ns}-unrelated`, { storeId: 'another-store' });

    const found = await findLeftovers(c, { namespace: ns, storeId });
    expect(found).toEqual(
      expect.arrayContaining([
        `namespace ${ns} (Active)`,
        `persistentvolumeclaim ${ns}/data-mariadb-0`,
        `secret ${ns}/store-credentials`,
        `ingress ${ns}/storefront`,
        expect.stringMatching(
          new RegExp(
            `^persistentvolume ${ns}-claimed \\(\\w+, reclaim Retain, claimed by ${ns}/data-mariadb-0\\)$`,
          ),
        ),
        expect.stringMatching(
          new RegExp(`^persistentvolume ${ns}-labelled \\(\\w+, reclaim Retain\\)$`),
        ),
      ]),
    );
    expect(found).toHaveLength(6);
    expect(found.join('\n')).not.toContain('unrelated');

    await deleteNamespace(c, ns);
    await waitForNamespaceGone(c, ns, { timeoutMs: 60_000 });
    const afterDelete = await findLeftovers(c, { namespace: ns, storeId });
    expect(afterDelete.map((l) => l.split(' ').slice(0, 2).join(' '))).toEqual([
      `persistentvolume ${ns}-claimed`,
      `persistentvolume ${ns}-labelled`,
    ]);

    await c.core.deletePersistentVolume({ name: `${ns}-claimed` });
    await c.core.deletePersistentVolume({ name: `${ns}-labelled` });
    await expect(findLeftovers(c, { namespace: ns, storeId })).resolves.toEqual([]);
  });

  it('names a deleted namespace’s Released volume with reclaim Delete until the provisioner (stand-in) removes it', async () => {
    const ns = uniqueName('store');
    const storeId = `id-${ns}`;
    namespaces.push(ns);
    await ensureNamespace(c, ns, { [STORE_ID_LABEL]: storeId });
    await c.core.createNamespacedPersistentVolumeClaim({
      namespace: ns,
      body: {
        metadata: { name: 'data' },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
      },
    });
    // The local-path class binds on first use, so a pod has to be scheduled with the claim.
    await c.core.createNamespacedPod({
      namespace: ns,
      body: {
        metadata: { name: 'user' },
        spec: {
          containers: [{ name: 'main', image: 'registry.example/app:1' }],
          volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }],
        },
      },
    });
    const pv = await waitUntil(
      async () => {
        const pvc = await c.core.readNamespacedPersistentVolumeClaim({
          name: 'data',
          namespace: ns,
        });
        return pvc.status?.phase === 'Bound' ? pvc.spec?.volumeName : undefined;
      },
      { timeoutMs: 30_000, what: 'the claim to be bound' },
    );
    volumes.push(pv);
    // A slow helper pod, so the volume outlives the namespace by a clear margin.
    await c.core.patchPersistentVolume({
      name: pv,
      body: [
        {
          op: 'add',
          path: '/metadata/annotations/storefleet.test~1reclaim-delay-ms',
          value: '8000',
        },
      ],
    });
    await c.core.deleteNamespacedPod({ name: 'user', namespace: ns, gracePeriodSeconds: 0 });
    await deleteNamespace(c, ns);
    await waitForNamespaceGone(c, ns, { timeoutMs: 60_000 });

    const left = await findLeftovers(c, { namespace: ns, storeId });
    expect(left).toEqual([
      `persistentvolume ${pv} (Released, reclaim Delete, claimed by ${ns}/data)`,
    ]);
    expect(splitLeftovers(left)).toEqual({ reclaiming: [pv], others: [] });
    await waitUntil(
      async () =>
        (await findLeftovers(c, { namespace: ns, storeId })).length === 0 ? true : undefined,
      { timeoutMs: 30_000, what: `volume ${pv} to be removed by the provisioner stand-in` },
    );
  });
});
