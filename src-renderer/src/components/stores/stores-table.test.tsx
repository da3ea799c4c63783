import { act, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StoreStatus } from '../../../../src-main/shared/store-types';
import { createStandInApi } from '../../api/stand-in/stand-in-api';
import { standInContext, standInStore } from '../../api/stand-in/stand-in-fixtures';
import { useApp } from '../../state/app-store';
import { useStores } from '../../state/stores-store';
import { renderWithApi } from '../../test/render-with-api';
import { StoresTable } from './stores-table';

// Every row renders exactly one StatusBadge, and this STAND-IN badge is not memoized, so it
// renders each time its row does: counting its renders per test id counts row renders.
const badgeRenders = vi.hoisted(() => new Map<string, number>());
vi.mock('../ui/status-badge', () => ({
  StatusBadge: ({ status, testId }: { status: StoreStatus; testId?: string }) => {
    if (testId) badgeRenders.set(testId, (badgeRenders.get(testId) ?? 0) + 1);
    return (
      <span data-testid={testId} data-status={status}>
        {status}
      </span>
    );
  },
}));

const COUNT = 200;
const T0 = Date.parse('2025-01-01T10:00:00.000Z');
const iso = (ms: number) => new Date(T0 + ms).toISOString();
// Every fourth store is working, so its row holds a live elapsed clock.
const seed = Array.from({ length: COUNT }, (_, i) =>
  standInStore({
    name: `shop-${i}`,
    status: i % 4 === 0 ? 'Provisioning' : 'Ready',
    createdAt: iso(i * 1000),
  }),
);

function renderTable(): void {
  useApp.getState().setContexts({
    contexts: [standInContext({ name: 'k3d-dev', current: true })],
    errors: [],
    selected: 'k3d-dev',
  });
  useStores.getState().applySnapshot('k3d-dev', seed, Date.now());
  renderWithApi(<StoresTable onError={() => undefined} />, createStandInApi());
  expect(screen.getAllByRole('row')).toHaveLength(COUNT + 1);
  badgeRenders.clear();
}

const renders = () => Object.fromEntries(badgeRenders);

describe('stores table re-renders only the rows that changed', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] }));
  afterEach(() => vi.useRealTimers());

  it('an update to one store re-renders that row once, not all of them', () => {
    renderTable();
    const target = seed[7];
    if (!target) throw new Error('no seed');
    act(() => useStores.getState().upsert({ ...target, status: 'Failed', updatedAt: iso(99_000) }));
    expect(screen.getByTestId('store-status-shop-7').dataset.status).toBe('Failed');
    expect(renders()).toEqual({ 'store-status-shop-7': 1 });
  });

  it('a snapshot that changes nothing re-renders no row', () => {
    renderTable();
    act(() =>
      useStores.getState().applySnapshot(
        'k3d-dev',
        seed.map((s) => ({ ...s })),
        Date.now(),
      ),
    );
    expect(renders()).toEqual({});
  });

  it('opening a store re-renders the rows whose selection changed, and no other', () => {
    renderTable();
    act(() => useApp.getState().openStore('id-shop-3'));
    act(() => useApp.getState().openStore('id-shop-5'));
    expect(renders()).toEqual({
      'store-status-shop-3': 2,
      'store-status-shop-5': 1,
    });
  });

  it('the elapsed clock ticks without re-rendering any row', () => {
    renderTable();
    const before = screen.getByTestId('store-row-shop-0').textContent;
    act(() => {
      vi.advanceTimersByTime(3000);
    });
    expect(screen.getByTestId('store-row-shop-0').textContent).not.toBe(before);
    expect(renders()).toEqual({});
  });
});
