import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StoreStatus } from '../../../../src-shared/types/store-types';
import { fakeApi } from '../../../../test-rig/fake-api';
import { standInContext, standInStore } from '../../../../test-rig/fake-fixtures';
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

const ROW_PX = 32;

/** jsdom lays nothing out: give every element the height of a viewport that shows `rows` rows. */
function viewportOf(rows: number): void {
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(rows * ROW_PX);
}

/** The seed stores in a list whose viewport shows `rowsInView` rows; returns the table. */
function renderStores(rowsInView: number): HTMLElement {
  viewportOf(rowsInView);
  useApp.getState().setContexts({
    contexts: [standInContext({ name: 'k3d-dev', current: true })],
    errors: [],
    selected: 'k3d-dev',
  });
  useStores.getState().applySnapshot('k3d-dev', seed, Date.now());
  renderWithApi(<StoresTable onError={() => undefined} />, fakeApi());
  return screen.getByTestId('stores-table');
}

function renderTable(): void {
  renderStores(COUNT);
  expect(screen.getAllByRole('row')).toHaveLength(COUNT + 1);
  badgeRenders.clear();
}

const renders = () => Object.fromEntries(badgeRenders);

describe('stores table re-renders only the rows that changed', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] }));
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

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

describe('stores table draws only the rows in view', () => {
  afterEach(() => vi.restoreAllMocks());

  const drawn = () =>
    screen
      .getAllByRole('row')
      .slice(1)
      .map((r) => Number(r.getAttribute('aria-rowindex')));

  it('announces every store but draws a screenful plus the overscan', () => {
    const table = renderStores(10);
    expect(table.getAttribute('aria-rowcount')).toBe(String(COUNT + 1));
    // Rows 2.. (the header is 1): the 9 that fit under the header in a 10-row viewport, and 10 of
    // overscan below.
    expect(drawn()).toEqual(Array.from({ length: 19 }, (_, i) => i + 2));
    const body = screen.getAllByRole('rowgroup')[1];
    expect(body?.style.height).toBe(`${COUNT * ROW_PX}px`);
  });

  it('with no height yet (not laid out) draws the first row and the overscan, never nothing', () => {
    renderStores(0);
    expect(drawn()).toEqual(Array.from({ length: 11 }, (_, i) => i + 2));
  });

  it('Up and Down move the focus between rows, and the list follows', async () => {
    renderStores(10);
    const names = () => screen.getAllByRole('row').slice(1);
    const first = names()[0]?.querySelector('button');
    if (!first) throw new Error('no row button');
    first.focus();
    const user = userEvent.setup();
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(document.activeElement?.closest('[role="row"]')?.getAttribute('aria-rowindex')).toBe(
      '4',
    );
    await user.keyboard('{ArrowUp}');
    expect(document.activeElement?.closest('[role="row"]')?.getAttribute('aria-rowindex')).toBe(
      '3',
    );
    await user.keyboard('{ArrowUp}{ArrowUp}{ArrowUp}');
    expect(document.activeElement?.closest('[role="row"]')?.getAttribute('aria-rowindex')).toBe(
      '2',
    );
  });

  it('scrolling draws the rows that come into view, in their place', () => {
    const table = renderStores(10);
    const scroller = table.parentElement;
    if (!scroller) throw new Error('no scroller');
    // The header takes the first row's height, so row 100 of the list starts at 101 rows down.
    act(() => {
      scroller.scrollTop = 101 * ROW_PX;
      scroller.dispatchEvent(new Event('scroll'));
    });
    // Stores 100..109 fill the viewport; 10 of overscan on each side (row index = store + 2).
    const rows = drawn();
    expect(rows[0]).toBe(100 - 10 + 2);
    expect(rows.at(-1)).toBe(109 + 10 + 2);
    expect(rows).toEqual(Array.from({ length: rows.length }, (_, i) => i + rows[0]!));
    const shift = table.querySelector<HTMLElement>('[role="rowgroup"]:last-child > div');
    expect(shift?.style.transform).toBe(`translateY(${90 * ROW_PX}px)`);
  });

  it('scrolled to the end draws the last stores and nothing past them', () => {
    const table = renderStores(10);
    const scroller = table.parentElement;
    if (!scroller) throw new Error('no scroller');
    act(() => {
      scroller.scrollTop = (COUNT + 1) * ROW_PX - 10 * ROW_PX;
      scroller.dispatchEvent(new Event('scroll'));
    });
    const rows = drawn();
    expect(rows.at(-1)).toBe(COUNT + 1);
    expect(rows[0]).toBe(COUNT + 1 - 10 - 10 + 1);
  });
});
