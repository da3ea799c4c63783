// Deleting a store on the test cluster while its volumes are removed by the local-path
// provisioner stand-in, which keeps them Released for as long as the real one's helper pod runs.
import { describe, expect, it } from 'vitest';
import { testCluster } from '../../test-rig/cluster/test-cluster';
import { RECLAIM_DELAY_ANNOTATION } from '../../test-rig/cluster/local-path-provisioner-stand-in';
import { createKubeClients } from '../kube/client';
import {
  settledStore,
  testStoreCluster,
  uniqueName,
  useStandInEngines,
  type IntEngine,
} from '../../test-rig/engine/int-support';
import type { EngineTimeouts } from './op-context';

const { engines, standIn } = useStandInEngines();

function kube() {
  const c = testCluster();
  return createKubeClients({ kubeconfig: c.kubeconfigPath, context: c.context });
}

async function readyStore(timeouts: Partial<EngineTimeouts> = {}) {
  const e = await engines.start({ timeouts });
  const name = uniqueName('del');
  standIn().addStore(`${name}.localhost`);
  const store = e.engine.create({ context: testCluster().context, name, kind: 'woocommerce' });
  expect(await settledStore(e, store.id)).toMatchObject({ status: 'Ready' });
  return { e, store };
}

/** The store's volumes: claimed in its namespace. */
async function volumesOf(namespace: string): Promise<string[]> {
  const all = await kube().core.listPersistentVolume();
  return all.items
    .filter((pv) => pv.spec?.claimRef?.namespace === namespace)
    .map((pv) => pv.metadata?.name ?? '?');
}

/** Makes the provisioner stand-in's helper pod for these volumes take `ms`. */
async function slowReclaim(names: string[], ms: number): Promise<void> {
  const key = RECLAIM_DELAY_ANNOTATION.replace('/', '~1');
  for (const name of names) {
    await kube().core.patchPersistentVolume({
      name,
      body: [{ op: 'add', path: `/metadata/annotations/${key}`, value: String(ms) }],
    });
  }
}

function stepEvents(e: IntEngine, id: string, step: string) {
  return e.engine.get(id).events.filter((ev) => ev.step === step);
}

describe('delete waits for the provisioner to remove Released volumes', () => {
  it('waits while the provisioner stand-in still removes the store’s volumes, then is Deleted', async () => {
    const { e, store } = await readyStore();
    const pvs = await volumesOf(store.namespace);
    expect(pvs.length).toBeGreaterThan(0);
    // A helper pod slower than the namespace's deletion, as on k3d when busybox is pulled first.
    await slowReclaim(pvs, 10_000);

    await e.engine.delete(store.id);
    expect(await settledStore(e, store.id)).toMatchObject({ status: 'Deleted', error: null });

    const check = stepEvents(e, store.id, 'check-leftovers');
    const n = pvs.length === 1 ? '1 volume' : `${pvs.length} volumes`;
    expect(check.filter((ev) => ev.status === 'progress').map((ev) => ev.message)).toContain(
      `Waiting for ${n} to be removed by the provisioner: ${[...pvs].sort().join(', ')}`,
    );
    expect(check.find((ev) => ev.status === 'succeeded')?.message).toBe(
      `Nothing of the store is left; the provisioner removed ${n}`,
    );
    expect(await volumesOf(store.namespace)).toEqual([]);
    expect(await testStoreCluster().findLeftovers(store.namespace, store.id)).toEqual([]);
  });
});
