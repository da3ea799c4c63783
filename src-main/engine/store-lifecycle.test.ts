// Lifecycle rules on the in-memory cluster STAND-IN and a real SQLite file: what the engine
// decides, not what Kubernetes does (that is in the *.int.test.ts files).
import { describe, expect, it } from 'vitest';
import type { Store } from '../../src-shared/types/store-types';
import {
  create,
  milestones,
  readyStore,
  settled,
  useMemoryEngines,
} from '../../test-rig/engine/memory-support';
import { PROVISION_STEPS } from './transitions';

const start = useMemoryEngines();

describe('store lifecycle (cluster: in-memory stand-in)', () => {
  it('takes a store from Queued to Ready, recording started/succeeded for every step in order', async () => {
    const e = start();
    const statuses: string[] = [];
    const pushed: unknown[] = [];
    e.engine.onStoreUpdated((s) => statuses.push(s.status));
    e.engine.onStoreEvent((ev) => pushed.push(ev));
    const created = create(e, 'ready');
    expect(created).toMatchObject({ status: 'Queued', namespace: 'store-ready', step: null });
    expect(e.repo.pendingOps()).toEqual([{ storeId: created.id, op: { op: 'provision' } }]);

    const store = await settled(e, created.id);
    expect(store).toMatchObject({ status: 'Ready', step: null, error: null, helmRevision: 1 });
    expect(milestones(e, store.id)).toEqual(
      PROVISION_STEPS.flatMap((s) => [`${s}:started`, `${s}:succeeded`]),
    );
    expect(pushed).toEqual(e.engine.get(store.id).events);
    expect(statuses[0]).toBe('Queued');
    expect(statuses.at(-1)).toBe('Ready');
    expect(e.repo.pendingOps()).toEqual([]);
    expect(e.storefront.ordersFor(store.url)).toBe(1);
    expect(e.cluster.namespaces.get('store-ready')?.labels).toMatchObject({
      'app.kubernetes.io/managed-by': 'storefleet',
      'storefleet.io/store-id': store.id,
      'storefleet.io/store-kind': 'woocommerce',
      'pod-security.kubernetes.io/enforce': 'baseline',
    });
    expect(e.cluster.release('store-ready', 'ready').map((r) => r.status)).toEqual(['deployed']);
  });

  it('upgrade, stop, start and rollback: statuses, revisions, kept settings, an order before each Ready', async () => {
    const e = start();
    const store = await readyStore(e, 'power');
    await expect(e.engine.start(store.id)).rejects.toMatchObject({ code: 'conflict' });

    await e.engine.upgrade({ storeId: store.id, memoryLimit: '640Mi' });
    expect(e.repo.get(store.id)).toMatchObject({ status: 'Updating', step: 'upgrade' });
    expect(await settled(e, store.id)).toMatchObject({ status: 'Ready', helmRevision: 2 });

    await e.engine.stop(store.id);
    expect(await settled(e, store.id)).toMatchObject({ status: 'Stopped', helmRevision: 3 });
    expect(e.repo.settings(store.id)).toEqual({ memoryLimit: '640Mi', stopped: 'true' });
    await expect(e.engine.stop(store.id)).rejects.toMatchObject({ code: 'not-ready' });
    await expect(e.engine.revealCredentials(store.id)).rejects.toMatchObject({
      code: 'not-ready',
    });

    await e.engine.start(store.id);
    expect(await settled(e, store.id)).toMatchObject({ status: 'Ready', helmRevision: 4 });
    expect(e.repo.settings(store.id)).toEqual({ memoryLimit: '640Mi' });
    // create, upgrade, start: each ended with an order.
    expect(e.storefront.ordersFor(store.url)).toBe(3);

    await e.engine.rollback(store.id, 3);
    expect(await settled(e, store.id)).toMatchObject({ status: 'Stopped', helmRevision: 5 });
    await e.engine.start(store.id);
    expect(await settled(e, store.id)).toMatchObject({ status: 'Ready', helmRevision: 6 });
    // Revision 1 had the values file alone: no setting is kept, so no default is pinned.
    await e.engine.rollback(store.id, 1);
    expect(await settled(e, store.id)).toMatchObject({ status: 'Ready', helmRevision: 7 });
    expect(e.repo.settings(store.id)).toEqual({});
    await expect(e.engine.rollback(store.id, 99)).rejects.toThrow(
      /Revision 99 is not in this store's history/,
    );
    expect((await e.engine.history(store.id)).map((r) => r.revision)).toEqual([
      1, 2, 3, 4, 5, 6, 7,
    ]);
  });

  it('keeps the passwords across upgrades and reveals them only when Ready', async () => {
    const e = start();
    const created = create(e, 'creds');
    await expect(e.engine.revealCredentials(created.id)).rejects.toMatchObject({
      code: 'not-ready',
    });
    const store = await settled(e, created.id);
    const secret = () =>
      e.cluster.namespaces.get(store.namespace)?.secrets.get('creds-credentials');
    const before = { ...secret() };
    await e.engine.upgrade({ storeId: store.id, woocommerceVersion: '10.3.0' });
    await settled(e, store.id);
    expect(secret()).toEqual(before);
    const creds = await e.engine.revealCredentials(store.id);
    expect(creds).toEqual({
      username: 'admin',
      password: before['wordpress-admin-password'],
      adminUrl: store.adminUrl,
    });
  });

  it('delete leaves nothing: no namespace, release, Secret or volume, and the row is Deleted', async () => {
    const e = start();
    const store = await readyStore(e, 'gone');
    expect(e.cluster.volumes.size).toBe(2);
    await e.engine.delete(store.id);
    expect(e.repo.get(store.id)).toMatchObject({ status: 'Deleting', step: 'uninstall' });
    expect(await settled(e, store.id)).toMatchObject({ status: 'Deleted', error: null });
    expect(e.cluster.namespaces.has(store.namespace)).toBe(false);
    expect(e.cluster.volumes.size).toBe(0);
    expect(await e.cluster.port().findLeftovers(store.namespace, store.id)).toEqual([]);
    expect(e.engine.list(e.context)).toEqual([]);
    expect(e.repo.pendingOps()).toEqual([]);
    const succeeded = e.engine
      .get(store.id)
      .events.filter((ev) => ev.status === 'succeeded')
      .map((ev) => ev.step);
    expect(succeeded.slice(-3)).toEqual(['uninstall', 'delete-namespace', 'check-leftovers']);
  });

  it('delete waits for volumes the provisioner is still removing, then is Deleted', async () => {
    const e = start({ reclaimDelayMs: 200 });
    const store = await readyStore(e, 'slowpv');
    await e.engine.delete(store.id);
    expect(await settled(e, store.id)).toMatchObject({ status: 'Deleted', error: null });
    const check = e.engine.get(store.id).events.filter((ev) => ev.step === 'check-leftovers');
    expect(check.filter((ev) => ev.status === 'progress').map((ev) => ev.message)).toEqual([
      'Waiting for 2 volumes to be removed by the provisioner: pvc-1, pvc-2',
    ]);
    expect(check.at(-1)?.message).toBe(
      'Nothing of the store is left; the provisioner removed 2 volumes',
    );
  });

  it('a store never sent to the cluster is deleted without touching it', async () => {
    const e = start({ settings: { maxConcurrentProvisions: 1 } });
    e.cluster.fault('waitForStatefulSetReady', { hang: true });
    const first = create(e, 'first');
    const queued = create(e, 'queued');
    await e.engine.delete(queued.id);
    expect(e.repo.get(queued.id)).toMatchObject({ status: 'Deleted' });
    expect(e.engine.get(queued.id).events.at(-1)?.message).toBe(
      'Nothing was created in the cluster',
    );
    expect(e.cluster.calls.some((c) => c.args[0] === queued.namespace)).toBe(false);
    await e.engine.cancel(first.id);
  });

  it('rediscovery imports a forgotten store and marks one whose namespace vanished Missing', async () => {
    const e = start();
    const kept = await readyStore(e, 'found');
    const lost = await readyStore(e, 'lost');
    e.repo.remove(kept.id);
    e.cluster.namespaces.delete(lost.namespace);
    const result = await e.engine.rediscover(e.context);
    expect(result.imported.map((s: Store) => [s.id, s.status])).toEqual([[kept.id, 'Ready']]);
    expect(result.missing.map((s: Store) => s.id)).toEqual([lost.id]);
    expect(e.repo.get(lost.id)).toMatchObject({ status: 'Missing' });
  });

  it('rediscovery imports a stopped store as Stopped, with its settings, and it starts again', async () => {
    const e = start();
    const store = await readyStore(e, 'refound');
    await e.engine.upgrade({ storeId: store.id, memoryLimit: '600Mi' });
    await settled(e, store.id);
    await e.engine.stop(store.id);
    expect(await settled(e, store.id)).toMatchObject({ status: 'Stopped' });
    e.repo.remove(store.id);
    const found = await e.engine.rediscover(e.context);
    expect(found.imported.map((s: Store) => [s.id, s.status])).toEqual([[store.id, 'Stopped']]);
    expect(e.repo.settings(store.id)).toEqual({ memoryLimit: '600Mi', stopped: 'true' });
    await e.engine.start(store.id);
    expect(await settled(e, store.id)).toMatchObject({ status: 'Ready', error: null });
    expect(e.repo.settings(store.id)).toEqual({ memoryLimit: '600Mi' });
  });

  it('refuses a memory limit above the LimitRange max before touching the store', async () => {
    const e = start();
    const store = await readyStore(e, 'memcap');
    const calls = e.cluster.calls.length;
    await expect(e.engine.upgrade({ storeId: store.id, memoryLimit: '2Gi' })).rejects.toThrow(
      /A memory limit of 2Gi is above the 1Gi/,
    );
    expect(e.repo.get(store.id)).toMatchObject({ status: 'Ready', helmRevision: 1 });
    expect(e.repo.pendingOps()).toEqual([]);
    expect(e.cluster.calls.length).toBe(calls);
  });
});
