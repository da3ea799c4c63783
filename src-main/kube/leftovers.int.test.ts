import { afterAll, describe, expect, it } from 'vitest';
import { removeNamespace, testClients, uniqueName } from './int-test-env';
import { isNotFound } from './client';
import { STORE_ID_LABEL } from './labels';
import { deleteNamespace, ensureNamespace, waitForNamespaceGone } from './namespace';
import { findLeftovers } from './leftovers';

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
            `^persistentvolume ${ns}-claimed \\(\\w+, claimed by ${ns}/data-mariadb-0\\)$`,
          ),
        ),
        expect.stringMatching(new RegExp(`^persistentvolume ${ns}-labelled \\(\\w+\\)$`)),
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
});
