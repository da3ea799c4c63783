// Cancel, the concurrency slots, the store cap and the create rate limit, on the in-memory
// cluster STAND-IN and a real SQLite file.
import { describe, expect, it } from 'vitest';
import {
  create,
  nextEvent,
  readyStore,
  settled,
  useMemoryEngines,
} from '../../test-rig/engine/memory-support';

const start = useMemoryEngines();

describe('cancel (cluster: in-memory stand-in)', () => {
  it('answers promptly while a step hangs, leaves it Cancelled (not Failed), and frees the slot', async () => {
    const e = start({ settings: { maxConcurrentProvisions: 1 }, timeouts: { waitMs: 60_000 } });
    e.cluster.fault('waitForStatefulSetReady', {
      hang: true,
      when: ([ns]) => ns === 'store-stuck',
    });
    const stuck = create(e, 'stuck');
    const next = create(e, 'next');
    await nextEvent(e, stuck.id, 'wait-mariadb');
    expect(e.repo.get(next.id)).toMatchObject({ status: 'Queued' });
    expect(e.engine.slots).toEqual({ active: 1, waiting: 1 });

    const asked = Date.now();
    await e.engine.cancel(stuck.id);
    expect(Date.now() - asked).toBeLessThan(1_000);
    expect(e.repo.get(stuck.id)).toMatchObject({
      status: 'Cancelled',
      step: 'wait-mariadb',
      error: 'Cancelled by user',
    });
    expect(e.engine.get(stuck.id).events.at(-1)).toMatchObject({
      step: 'wait-mariadb',
      status: 'failed',
      message: 'Cancelled by user',
    });
    expect(e.repo.pendingOps().map((p) => p.storeId)).toEqual([next.id]);
    expect(await settled(e, next.id)).toMatchObject({ status: 'Ready' });
    expect(e.engine.slots).toEqual({ active: 0, waiting: 0 });
    // The cancelled run wrote nothing after the cancel.
    expect(e.repo.get(stuck.id)).toMatchObject({ status: 'Cancelled', error: 'Cancelled by user' });
  });

  it('cancels a store still waiting for a slot; it never reaches the cluster', async () => {
    const e = start({ settings: { maxConcurrentProvisions: 1 }, timeouts: { waitMs: 60_000 } });
    e.cluster.fault('waitForStatefulSetReady', { hang: true });
    const busy = create(e, 'busy');
    const waiting = create(e, 'waiting');
    await nextEvent(e, busy.id, 'wait-mariadb');
    await e.engine.cancel(waiting.id);
    expect(e.repo.get(waiting.id)).toMatchObject({ status: 'Cancelled', step: 'validate' });
    expect(e.cluster.calls.some((c) => c.args[0] === waiting.namespace)).toBe(false);
    expect(e.engine.slots).toEqual({ active: 1, waiting: 0 });
    await e.engine.cancel(busy.id);
    await expect(e.engine.cancel(busy.id)).rejects.toMatchObject({ code: 'conflict' });
  });

  it('delete supersedes a running provision: it stops and the store is deleted', async () => {
    const e = start({ timeouts: { waitMs: 60_000 } });
    e.cluster.fault('waitForDeploymentReady', { hang: true });
    const store = create(e, 'superseded');
    await nextEvent(e, store.id, 'wait-wordpress');
    await e.engine.delete(store.id);
    expect(await settled(e, store.id)).toMatchObject({ status: 'Deleted', error: null });
    expect(e.cluster.namespaces.has(store.namespace)).toBe(false);
  });
});

describe('limits (cluster: in-memory stand-in)', () => {
  it('brings 10 stores requested at once to Ready, never more than the limit in flight', async () => {
    const e = start({ settings: { maxConcurrentProvisions: 3 } });
    const inFlight = new Set<string>();
    let peak = 0;
    e.engine.onStoreUpdated((s) => {
      if (s.status === 'Provisioning') inFlight.add(s.id);
      else inFlight.delete(s.id);
      peak = Math.max(peak, inFlight.size);
    });
    const created = Array.from({ length: 10 }, (_, i) => create(e, `many${i}`));
    const done = await Promise.all(created.map((s) => settled(e, s.id)));
    expect(done.map((s) => s.status)).toEqual(Array(10).fill('Ready'));
    expect(peak).toBe(3);
  });

  it('refuses a store over the per-context cap, writing nothing; a deleted store frees its place', async () => {
    const e = start({ settings: { maxStoresPerContext: 1 } });
    const first = await readyStore(e, 'only');
    const rows = e.db.prepare('SELECT count(*) AS n FROM stores').get();
    expect(() => create(e, 'over')).toThrow(/already has 1 stores/);
    expect(() => create(e, 'over')).toThrow(expect.objectContaining({ code: 'limit-exceeded' }));
    expect(e.db.prepare('SELECT count(*) AS n FROM stores').get()).toEqual(rows);
    await e.engine.delete(first.id);
    await settled(e, first.id);
    expect(create(e, 'over')).toMatchObject({ status: 'Queued' });
  });

  it('refuses creates over the per-minute rate, deleted ones included, until the minute has passed', async () => {
    let now = new Date('2026-11-01T10:00:00Z');
    const e = start({ settings: { maxCreatesPerMinute: 2 }, now: () => now });
    const a = create(e, 'rate-a');
    create(e, 'rate-b');
    await e.engine.cancel(a.id);
    await e.engine.delete(a.id);
    await settled(e, a.id);
    expect(() => create(e, 'rate-c')).toThrow(/per minute/);
    expect(() => create(e, 'rate-c')).toThrow(expect.objectContaining({ code: 'limit-exceeded' }));
    now = new Date('2026-11-01T10:01:01Z');
    expect(create(e, 'rate-c')).toMatchObject({ status: 'Queued' });
  });
});
