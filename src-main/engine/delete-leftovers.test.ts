// What delete does about volumes left behind, on the in-memory cluster STAND-IN: it waits for
// those the provisioner is removing, fails at once on anything else, and gives up at its
// deadline. The provisioner's real timing is proven on the test cluster in delete-op.int.test.ts.
import { describe, expect, it } from 'vitest';
import {
  readyStore,
  settled,
  toldOf,
  useMemoryEngines,
} from '../../test-rig/engine/memory-support';

const start = useMemoryEngines();

describe('delete and volumes left behind (cluster: in-memory stand-in)', () => {
  it('fails at once, naming the volume, when a volume with reclaim Retain is left', async () => {
    const e = start({ timeouts: { deleteMs: 60_000 } });
    const store = await readyStore(e, 'retain');
    const kept = [...e.cluster.volumes.values()][0];
    if (!kept) throw new Error('the store has no volume');
    kept.reclaimPolicy = 'Retain';
    const asked = Date.now();
    await e.engine.delete(store.id);
    const failed = await settled(e, store.id);
    expect(Date.now() - asked).toBeLessThan(5_000);
    expect(failed).toMatchObject({ status: 'Failed', step: 'check-leftovers' });
    expect(failed.error).toBe(
      `Objects of this store are still present: persistentvolume ${kept.name} (Released, reclaim Retain, claimed by ${kept.claim}).`,
    );
    const check = e.engine.get(store.id).events.filter((ev) => ev.step === 'check-leftovers');
    expect(check.filter((ev) => ev.status === 'progress')).toEqual([]);

    e.cluster.volumes.delete(kept.name);
    await e.engine.delete(store.id);
    expect(await settled(e, store.id)).toMatchObject({ status: 'Deleted', error: null });
  });

  it('fails, naming the volumes, when the provisioner has not removed them by the deadline', async () => {
    const e = start({ reclaimDelayMs: 60_000, timeouts: { deleteMs: 600 } });
    const store = await readyStore(e, 'slow');
    await e.engine.delete(store.id);
    const failed = await settled(e, store.id);
    expect(failed).toMatchObject({ status: 'Failed', step: 'check-leftovers' });
    expect(failed.error).toMatch(/^The provisioner did not remove 2 volumes within /);
    for (const v of e.cluster.volumes.values()) {
      expect(toldOf(failed)).toContain(`persistentvolume ${v.name} (Released, reclaim Delete`);
    }
    e.cluster.volumes.clear();
    await e.engine.delete(store.id);
    expect(await settled(e, store.id)).toMatchObject({ status: 'Deleted', error: null });
  });

  it('a Stopped store is deleted leaving nothing, its kept settings intact', async () => {
    const e = start();
    const store = await readyStore(e, 'stopdel');
    await e.engine.stop(store.id);
    expect(await settled(e, store.id)).toMatchObject({ status: 'Stopped' });
    await e.engine.delete(store.id);
    expect(await settled(e, store.id)).toMatchObject({ status: 'Deleted', error: null });
    expect(e.repo.settings(store.id)).toEqual({ stopped: 'true' });
    expect(await e.cluster.port().findLeftovers(store.namespace, store.id)).toEqual([]);
  });
});
