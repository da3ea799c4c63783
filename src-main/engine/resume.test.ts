// Work interrupted by an app shutdown is resumed by the next engine on the same SQLite file
// (cluster: the in-memory STAND-IN, which keeps what the first engine left, pending Helm
// releases included). A SIGKILL mid-step is proven on the test cluster in resume.int.test.ts.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { FaultPoint } from '../../test-rig/engine/in-memory-cluster';
import type { MemoryEngine } from '../../test-rig/engine/memory-engine';
import {
  create,
  nextEvent,
  readyStore,
  settled,
  useMemoryEngines,
} from '../../test-rig/engine/memory-support';
import type { Store } from '../../src-shared/types/store-types';

const start = useMemoryEngines();
const later: MemoryEngine[] = [];
afterEach(async () => {
  for (const e of later.splice(0)) await e.close();
});

/** Shuts `e` down once a call hangs on its fault, then resumes in a new engine on its data. */
async function interruptAt(
  e: MemoryEngine,
  store: Store,
  stopFault: () => void,
): Promise<MemoryEngine> {
  while (e.cluster.hanging + e.storefront.hanging === 0) await sleep(2);
  await e.close();
  stopFault();
  const next = e.restart();
  later.push(next);
  expect(next.repo.pendingOps().map((p) => p.storeId)).toContain(store.id);
  await next.engine.resume();
  return next;
}

const hang = (e: MemoryEngine, point: FaultPoint) =>
  e.cluster.fault(point, { hang: true, times: 1 });

describe('resume after a restart (cluster: in-memory stand-in)', () => {
  it('provision interrupted during helm: the pending-install release is undone and the store converges', async () => {
    const e = start();
    const lift = hang(e, 'helm.upgradeInstall');
    const store = create(e, 'pend');
    const next = await interruptAt(e, store, lift);
    expect(next.repo.get(store.id)?.status).toMatch(/Queued|Provisioning/);
    expect(await settled(next, store.id)).toMatchObject({ status: 'Ready', error: null });
    const statuses = next.cluster.release(store.namespace, 'pend').map((r) => r.status);
    expect(statuses).toEqual(['deployed']);
    expect(next.repo.list().filter((s) => s.name === 'pend')).toHaveLength(1);
  });

  it('provision interrupted during wait-wordpress resumes to Ready with one release and the same passwords', async () => {
    const e = start({ timeouts: { waitMs: 60_000 } });
    const lift = hang(e, 'waitForDeploymentReady');
    const store = create(e, 'waitwp');
    const secret = () =>
      e.cluster.namespaces.get(store.namespace)?.secrets.get('waitwp-credentials');
    const next = await interruptAt(e, store, lift);
    const before = { ...secret() };
    // three passwords, the admin user and the one-click login key
    expect(Object.keys(before)).toHaveLength(5);
    expect(await settled(next, store.id)).toMatchObject({ status: 'Ready' });
    expect(secret()).toEqual(before);
    expect(next.cluster.callsTo('helm.upgradeInstall')).toHaveLength(2);
  });

  it('upgrade interrupted during helm (pending-upgrade) is rolled back, then applied', async () => {
    const e = start();
    const store = await readyStore(e, 'upg');
    const lift = hang(e, 'helm.upgradeInstall');
    await e.engine.upgrade({ storeId: store.id, memoryLimit: '600Mi' });
    const next = await interruptAt(e, store, lift);
    expect(await settled(next, store.id)).toMatchObject({ status: 'Ready', helmRevision: 4 });
    expect(next.repo.settings(store.id)).toEqual({ memoryLimit: '600Mi' });
    expect(next.cluster.release(store.namespace, 'upg').map((r) => r.status)).toEqual([
      'superseded',
      'pending-upgrade',
      'superseded',
      'deployed',
    ]);
  });

  it('rollback interrupted during helm rollback is run again', async () => {
    const e = start();
    const store = await readyStore(e, 'rb');
    await e.engine.upgrade({ storeId: store.id, memoryLimit: '600Mi' });
    await settled(e, store.id);
    const lift = hang(e, 'helm.rollback');
    await e.engine.rollback(store.id, 1);
    const next = await interruptAt(e, store, lift);
    expect(await settled(next, store.id)).toMatchObject({ status: 'Ready', helmRevision: 3 });
    expect(next.repo.settings(store.id)).toEqual({});
  });

  it('stop interrupted while pods scale down ends Stopped', async () => {
    const e = start({ timeouts: { waitMs: 60_000 } });
    const store = await readyStore(e, 'stp');
    const lift = hang(e, 'waitForDeploymentReady');
    await e.engine.stop(store.id);
    const next = await interruptAt(e, store, lift);
    expect(await settled(next, store.id)).toMatchObject({ status: 'Stopped', error: null });
  });

  it('start interrupted during verify ends Ready after an order', async () => {
    const e = start();
    const store = await readyStore(e, 'strt');
    await e.engine.stop(store.id);
    await settled(e, store.id);
    e.storefront.fault({ hang: true, times: 1 });
    await e.engine.start(store.id);
    const next = await interruptAt(e, store, () => undefined);
    expect(await settled(next, store.id)).toMatchObject({ status: 'Ready', error: null });
    expect(next.storefront.ordersFor(store.url)).toBe(2);
  });

  it('delete interrupted during uninstall ends Deleted with nothing left', async () => {
    const e = start();
    const store = await readyStore(e, 'del');
    const lift = hang(e, 'helm.uninstall');
    await e.engine.delete(store.id);
    const next = await interruptAt(e, store, lift);
    expect(await settled(next, store.id)).toMatchObject({ status: 'Deleted', error: null });
    expect(await next.cluster.port().findLeftovers(store.namespace, store.id)).toEqual([]);
  });

  it('a shut-down engine refuses new work and wrote nothing after it stopped', async () => {
    const e = start({ timeouts: { waitMs: 60_000 } });
    hang(e, 'waitForStatefulSetReady');
    const store = create(e, 'closed');
    await nextEvent(e, store.id, 'wait-mariadb');
    await e.engine.shutdown();
    expect(e.repo.get(store.id)).toMatchObject({ status: 'Provisioning', step: 'wait-mariadb' });
    expect(e.engine.get(store.id).events.at(-1)).toMatchObject({ status: 'started' });
    expect(() => create(e, 'late')).toThrow(expect.objectContaining({ code: 'unavailable' }));
  });
});
