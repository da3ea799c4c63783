import { describe, expect, it } from 'vitest';
import { standInStore } from '../../test-rig/fake-fixtures';
import { trayMenuItems } from './tray-menu';

describe('tray menu', () => {
  it('names the context, lists its stores with status, and opens only those that answer', () => {
    const items = trayMenuItems({
      context: 'k3d-dev',
      stores: [
        standInStore({ id: 's-b', name: 'beta', status: 'Provisioning', adminAvailable: false }),
        standInStore({ id: 's-a', name: 'alpha', status: 'Ready' }),
      ],
    });
    expect(items[0]).toEqual({ label: 'Context: k3d-dev', enabled: false });
    expect(items[1]).toEqual({
      label: 'alpha — Ready',
      enabled: true,
      run: { action: 'open-store', storeId: 's-a' },
    });
    expect(items[2]).toEqual({ label: 'beta — Provisioning', enabled: false });
    const runs = items.flatMap((i) => (i.run ? [i.run.action] : []));
    expect(runs).toEqual(['open-store', 'create-store', 'show-window', 'quit']);
    expect(items.find((i) => i.run?.action === 'create-store')?.enabled).toBe(true);
  });

  it('without a context offers no create and says so', () => {
    const items = trayMenuItems({ context: null, stores: null });
    expect(items[0]?.label).toBe('No Kubernetes context chosen');
    expect(items.find((i) => i.run?.action === 'create-store')?.enabled).toBe(false);
    expect(items.at(-1)?.run).toEqual({ action: 'quit' });
  });

  it('says when there are no stores, and when they could not be read', () => {
    expect(trayMenuItems({ context: 'k3d-dev', stores: [] })[1]?.label).toBe('No stores yet');
    expect(trayMenuItems({ context: 'k3d-dev', stores: null })[1]?.label).toBe(
      'The stores could not be read.',
    );
  });

  it('keeps the menu short: past 15 stores it points to the window', () => {
    const stores = Array.from({ length: 18 }, (_, i) =>
      standInStore({ id: `s-${i}`, name: `shop-${String(i).padStart(2, '0')}`, status: 'Ready' }),
    );
    const items = trayMenuItems({ context: 'k3d-dev', stores });
    expect(items.filter((i) => i.run?.action === 'open-store')).toHaveLength(15);
    expect(items.find((i) => i.label === '3 more in the window')?.run).toEqual({
      action: 'show-window',
    });
  });
});
