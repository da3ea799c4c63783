import { describe, expect, it } from 'vitest';
import { standInStore } from '../../../../test-rig/fake-fixtures';
import { createLimits, limitBlock } from './create-limits';

const NOW = Date.parse('2025-01-01T10:00:00.000Z');
const ago = (s: number) => new Date(NOW - s * 1000).toISOString();
const settings = { maxStoresPerContext: 4, maxCreatesPerMinute: 2 };

describe('create limits', () => {
  it('counts the stores main counts toward the cap, in this context only', () => {
    const stores = [
      standInStore({ name: 'a', status: 'Ready', createdAt: ago(3600) }),
      standInStore({ name: 'b', status: 'Failed', createdAt: ago(3600) }),
      standInStore({ name: 'gone', status: 'Deleted', createdAt: ago(3600) }),
      standInStore({ name: 'lost', status: 'Missing', createdAt: ago(3600) }),
      standInStore({ name: 'there', context: 'k3s-vps', createdAt: ago(3600) }),
    ];
    const l = createLimits(stores, 'k3d-dev', settings, NOW);
    expect(l).toEqual({ active: 2, maxStores: 4, recent: 0, maxPerMinute: 2, nextSlotAt: null });
    expect(limitBlock(l, NOW, 'k3d-dev')).toBeNull();
  });

  it('says the cap is reached', () => {
    const stores = ['a', 'b', 'c', 'd'].map((name) =>
      standInStore({ name, status: 'Ready', createdAt: ago(3600) }),
    );
    const l = createLimits(stores, 'k3d-dev', settings, NOW);
    expect(limitBlock(l, NOW, 'k3d-dev')).toBe(
      'k3d-dev has 4 of 4 stores, the most allowed. Delete a store or raise the limit in Settings.',
    );
  });

  it('with a full minute, says when the next slot opens; deleted stores still count', () => {
    const stores = [
      standInStore({ name: 'a', status: 'Deleted', createdAt: ago(45) }),
      standInStore({ name: 'b', createdAt: ago(10) }),
      standInStore({ name: 'old', createdAt: ago(61) }),
    ];
    const l = createLimits(stores, 'k3d-dev', settings, NOW);
    expect(l.recent).toBe(2);
    expect(l.nextSlotAt).toBe(NOW + 15_001);
    expect(limitBlock(l, NOW, 'k3d-dev')).toContain('created in 15 s');
    expect(limitBlock(l, NOW + 15_001, 'k3d-dev')).toBeNull();
  });

  it('with three in the window and a limit of two, waits for the second oldest to leave', () => {
    const stores = [50, 30, 5].map((s, i) => standInStore({ name: `s${i}`, createdAt: ago(s) }));
    const l = createLimits(stores, 'k3d-dev', settings, NOW);
    expect(l.nextSlotAt).toBe(NOW + 30_001);
  });
});
