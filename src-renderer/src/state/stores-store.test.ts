import { afterEach, describe, expect, it, vi } from 'vitest';
import { standInEvent, standInStore } from '../../../test-rig/fake-fixtures';
import { storesOfContext, useStores } from './stores-store';

afterEach(() => useStores.getState().reset());

const at = (s: number) => new Date(Date.UTC(2025, 0, 1, 10, 0, s)).toISOString();

describe('stores upsert', () => {
  it('is idempotent: the same store twice leaves one entry and the same object', () => {
    const store = standInStore({ name: 'shop' });
    useStores.getState().upsert(store);
    const first = useStores.getState().byId;
    useStores.getState().upsert({ ...store });
    expect(useStores.getState().byId).toBe(first);
    expect(Object.keys(useStores.getState().byId)).toEqual([store.id]);
  });

  it('keeps the newest by updatedAt when the invoke reply lands after a later event', () => {
    const queued = standInStore({ name: 'shop', status: 'Queued', updatedAt: at(0) });
    const provisioning = {
      ...queued,
      status: 'Provisioning' as const,
      step: 'helm' as const,
      updatedAt: at(2),
    };
    useStores.getState().upsert(provisioning);
    useStores.getState().upsert(queued);
    expect(useStores.getState().byId[queued.id]?.status).toBe('Provisioning');
  });

  it('takes a later update', () => {
    const queued = standInStore({ name: 'shop', updatedAt: at(0) });
    useStores.getState().upsert(queued);
    useStores.getState().upsert({ ...queued, status: 'Ready', updatedAt: at(9) });
    expect(useStores.getState().byId[queued.id]?.status).toBe('Ready');
  });

  it('a snapshot drops stores gone from main but keeps one created after it was requested', () => {
    const clock = vi.spyOn(Date, 'now');
    clock.mockReturnValue(1_000);
    useStores.getState().upsert(standInStore({ name: 'old' }));
    const requestedAt = 2_000;
    clock.mockReturnValue(3_000);
    const fresh = standInStore({ name: 'fresh', createdAt: at(5), updatedAt: at(5) });
    useStores.getState().upsert(fresh);
    useStores.getState().applySnapshot('k3d-dev', [], requestedAt);
    const names = storesOfContext(useStores.getState().byId, 'k3d-dev').map((s) => s.name);
    expect(names).toEqual(['fresh']);
    clock.mockRestore();
  });

  it('lists one context, newest first, without deleted stores', () => {
    const s = useStores.getState();
    s.upsert(standInStore({ name: 'a', createdAt: at(1) }));
    s.upsert(standInStore({ name: 'b', createdAt: at(2) }));
    s.upsert(standInStore({ name: 'gone', status: 'Deleted', createdAt: at(3) }));
    s.upsert(standInStore({ name: 'elsewhere', context: 'k3s-vps', createdAt: at(4) }));
    const names = storesOfContext(useStores.getState().byId, 'k3d-dev').map((x) => x.name);
    expect(names).toEqual(['b', 'a']);
  });
});

describe('store events', () => {
  it('appends by id in order and drops duplicates, whatever the arrival order', () => {
    const s = useStores.getState();
    s.appendEvents([standInEvent({ id: 3 }), standInEvent({ id: 1 })]);
    s.appendEvents([standInEvent({ id: 2 })]);
    s.appendEvents([standInEvent({ id: 3 }), standInEvent({ id: 4 })]);
    s.appendEvents([standInEvent({ id: 2 })]);
    expect(useStores.getState().events['id-shop']?.map((e) => e.id)).toEqual([1, 2, 3, 4]);
  });

  it('keeps the same array when nothing new arrives, so views do not re-render', () => {
    const s = useStores.getState();
    s.appendEvents([standInEvent({ id: 1 }), standInEvent({ id: 2 })]);
    const before = useStores.getState().events['id-shop'];
    s.appendEvents([standInEvent({ id: 1 })]);
    expect(useStores.getState().events['id-shop']).toBe(before);
  });

  it('keeps events of different stores apart', () => {
    useStores
      .getState()
      .appendEvents([standInEvent({ id: 1, storeId: 'a' }), standInEvent({ id: 2, storeId: 'b' })]);
    expect(Object.keys(useStores.getState().events).sort()).toEqual(['a', 'b']);
  });
});
