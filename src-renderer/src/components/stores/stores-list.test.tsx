import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Store } from '../../../../src-shared/types/store-types';
import { IpcError } from '../../../../src-shared/ipc/ipc-error';
import { fakeApi, type FakeApi } from '../../../../test-rig/fake-api';
import { standInContext, standInStore } from '../../../../test-rig/fake-fixtures';
import { useApp } from '../../state/app-store';
import { useListView } from '../../state/list-view';
import { useStores } from '../../state/stores-store';
import { renderWithApi } from '../../test/render-with-api';
import { StoresTable } from './stores-table';

afterEach(() => {
  useListView.getState().reset();
  vi.restoreAllMocks();
});

const at = (minute: number) => new Date(Date.UTC(2025, 0, 1, 10, minute)).toISOString();

const FLEET: Store[] = [
  standInStore({ name: 'spring-sale', status: 'Ready', createdAt: at(1), readyAt: at(5) }),
  standInStore({ name: 'summer-sale', status: 'Stopped', createdAt: at(2), version: '9.8.5' }),
  standInStore({ name: 'alpha', status: 'Failed', step: 'wait-mariadb', createdAt: at(3) }),
  standInStore({ name: 'beta', status: 'Queued', createdAt: at(5) }),
  standInStore({ name: 'gamma', status: 'Queued', createdAt: at(4) }),
  standInStore({ name: 'delta', status: 'Ready', createdAt: at(6) }),
];

function renderList(stores: Store[] = FLEET): { api: FakeApi; errors: string[] } {
  const api = fakeApi({ stores });
  const errors: string[] = [];
  useApp.getState().setContexts({
    contexts: [standInContext({ name: 'k3d-dev', current: true })],
    errors: [],
    selected: 'k3d-dev',
  });
  useStores.getState().applySnapshot('k3d-dev', stores, Date.now());
  renderWithApi(<StoresTable onError={(m) => errors.push(m)} />, api);
  return { api, errors };
}

const rowNames = () =>
  screen
    .getAllByRole('row')
    .slice(1)
    .map((r) => r.getAttribute('data-testid')?.replace('store-row-', ''));

describe('stores list: count, search, filter, sort', () => {
  it('counts the stores, and says how many a search leaves', async () => {
    renderList();
    expect(screen.getByTestId('store-count').textContent).toBe('6 stores');
    const user = userEvent.setup();
    await user.type(screen.getByRole('searchbox', { name: /search stores/i }), 'SALE');
    expect(rowNames().sort()).toEqual(['spring-sale', 'summer-sale']);
    expect(screen.getByTestId('store-count').textContent).toBe('2 of 6 stores shown');
    expect(screen.getByTestId('stores-table').getAttribute('aria-rowcount')).toBe('3');
    await user.clear(screen.getByTestId('store-search'));
    await user.type(screen.getByTestId('store-search'), 'nothing-like-it');
    expect(screen.getByTestId('no-match').textContent).toContain('No store matches');
  });

  it('filters by status, with each choice showing how many it holds', async () => {
    renderList();
    const filter = screen.getByRole('combobox', { name: /show stores with status/i });
    const options = within(filter)
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(options).toEqual([
      'All statuses (6)',
      'Ready (2)',
      'Working (2)',
      'Failed, cancelled or missing (1)',
      'Stopped (1)',
    ]);
    const user = userEvent.setup();
    await user.selectOptions(filter, 'working');
    expect(rowNames().sort()).toEqual(['beta', 'gamma']);
    await user.selectOptions(filter, 'failed');
    expect(rowNames()).toEqual(['alpha']);
  });

  it('sorts newest first, then by name or status from the column headers', async () => {
    renderList();
    expect(rowNames()).toEqual(['delta', 'beta', 'gamma', 'alpha', 'summer-sale', 'spring-sale']);
    const user = userEvent.setup();
    await user.click(screen.getByTestId('sort-name'));
    expect(rowNames()).toEqual(['alpha', 'beta', 'delta', 'gamma', 'spring-sale', 'summer-sale']);
    const nameHeader = screen.getByTestId('sort-name').closest('[role="columnheader"]');
    expect(nameHeader?.getAttribute('aria-sort')).toBe('ascending');
    await user.click(screen.getByTestId('sort-name'));
    expect(rowNames()[0]).toBe('summer-sale');
    expect(nameHeader?.getAttribute('aria-sort')).toBe('descending');
    await user.click(screen.getByTestId('sort-status'));
    // What needs a look first: Failed, then the working ones, then Stopped, then Ready.
    expect(rowNames()).toEqual(['alpha', 'beta', 'gamma', 'summer-sale', 'delta', 'spring-sale']);
    await user.click(screen.getByTestId('sort-created'));
    expect(rowNames()[0]).toBe('delta');
  });
});

describe('stores list columns', () => {
  it('fills progress for every store: queue place, failed step, or since when', () => {
    renderList();
    const progress = (name: string) => screen.getByTestId(`store-progress-${name}`).textContent;
    // gamma was created before beta, so it waits ahead of it.
    expect(progress('gamma')).toBe('1st in queue');
    expect(progress('beta')).toBe('2nd in queue');
    expect(progress('alpha')).toBe('at MariaDB');
    expect(progress('delta')).toMatch(/^since \S/);
    expect(progress('summer-sale')).toMatch(/^since \S/);
  });

  it('shows the time to Ready, the kind, the version and the creation time', () => {
    renderList();
    const row = (name: string) => screen.getByTestId(`store-row-${name}`);
    expect(screen.getByTestId('store-to-ready-spring-sale').textContent).toBe('4 min 0 s');
    expect(screen.getByTestId('store-to-ready-delta').textContent).toBe('–');
    expect(row('summer-sale').textContent).toContain('9.8.5');
    expect(row('delta').textContent).toContain('default');
    expect(row('delta').querySelector('time')?.getAttribute('dateTime')).toBe(at(6));
    expect(row('delta').textContent).toContain('woocommerce');
  });

  it('shows a Medusa store with its own step and no WooCommerce version', () => {
    renderList([
      standInStore({ name: 'med', kind: 'medusa', status: 'Provisioning', step: 'wait-postgres' }),
    ]);
    const row = screen.getByTestId('store-row-med');
    expect(screen.getByTestId('store-progress-med').textContent).toBe('PostgreSQL');
    expect(row.textContent).toContain('medusa');
    expect(row.textContent).toContain('—');
    expect(row.textContent).not.toContain('default');
  });

  it('names every column in the header, and truncated names carry their full text', () => {
    renderList([standInStore({ name: `a-${'very-'.repeat(6)}long-name`, status: 'Ready' })]);
    const headers = screen.getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers.slice(1)).toEqual([
      'Name',
      'Status',
      'Progress',
      'In status',
      'To Ready',
      'Kind',
      'Version',
      'Created',
      'Resources',
      'Address',
    ]);
    const name = screen.getByRole('button', { name: /^a-very/ });
    expect(name.getAttribute('title')).toBe(name.textContent);
  });
});

describe('stores list bulk actions', () => {
  it('stops the ticked stores it can, after one confirmation naming them', async () => {
    const { api } = renderList();
    const user = userEvent.setup();
    await user.click(screen.getByRole('checkbox', { name: 'Select spring-sale' }));
    await user.click(screen.getByRole('checkbox', { name: 'Select delta' }));
    await user.click(screen.getByRole('checkbox', { name: 'Select summer-sale' }));
    expect(screen.getByTestId('bulk-count').textContent).toBe('3 selected');
    expect(screen.getByTestId('bulk-stop').textContent).toContain('Stop 2');
    expect(screen.getByTestId('bulk-start').textContent).toContain('Start 1');
    expect(screen.getByTestId('bulk-delete').textContent).toContain('Delete 3');
    await user.click(screen.getByTestId('bulk-stop'));
    const dialog = screen.getByRole('dialog', { name: 'Stop 2 stores?' });
    expect(
      within(dialog)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['delta', 'spring-sale']);
    expect(dialog.textContent).toContain('1 other selected store cannot be stopped now');
    expect(api.callsOf('stopStore')).toEqual([]);
    await user.click(within(dialog).getByTestId('bulk-confirm-submit'));
    await waitFor(() =>
      expect(api.callsOf('stopStore')).toEqual([
        { storeId: 'id-delta' },
        { storeId: 'id-spring-sale' },
      ]),
    );
    expect(api.callsOf('startStore')).toEqual([]);
    await waitFor(() => expect(screen.queryByTestId('bulk-bar')).toBeNull());
  });

  it('select all ticks only the stores a search shows, and delete touches only those', async () => {
    const { api } = renderList();
    const user = userEvent.setup();
    await user.type(screen.getByTestId('store-search'), 'sale');
    await user.click(screen.getByRole('checkbox', { name: 'Select all shown stores' }));
    await user.click(screen.getByTestId('bulk-delete'));
    const dialog = screen.getByRole('dialog', { name: 'Delete 2 stores?' });
    expect(dialog.textContent).toContain('cannot be undone');
    await user.click(within(dialog).getByRole('button', { name: 'Delete 2 stores' }));
    await waitFor(() => expect(api.callsOf('deleteStore')).toHaveLength(2));
    expect(api.callsOf('deleteStore')).toEqual(
      expect.arrayContaining([{ storeId: 'id-spring-sale' }, { storeId: 'id-summer-sale' }]),
    );
  });

  it('Cancel in the confirmation calls nothing; the keyboard ticks rows too', async () => {
    const { api } = renderList();
    const user = userEvent.setup();
    screen.getByRole('checkbox', { name: 'Select summer-sale' }).focus();
    await user.keyboard(' ');
    expect(screen.getByTestId('bulk-start').textContent).toContain('Start 1');
    await user.click(screen.getByTestId('bulk-start'));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Cancel' }));
    expect(api.callsOf('startStore')).toEqual([]);
    expect(screen.getByTestId('bulk-count').textContent).toBe('1 selected');
    await user.click(screen.getByTestId('bulk-clear'));
    expect(screen.queryByTestId('bulk-bar')).toBeNull();
  });

  it('a store main refuses is reported by name; the others still go ahead', async () => {
    const { api, errors } = renderList();
    const user = userEvent.setup();
    await user.click(screen.getByRole('checkbox', { name: 'Select all shown stores' }));
    api.failNext('deleteStore', new IpcError('conflict', 'It is already being deleted.'));
    await user.click(screen.getByTestId('bulk-delete'));
    await user.click(screen.getByTestId('bulk-confirm-submit'));
    await waitFor(() => expect(errors).toHaveLength(1));
    expect(errors[0]).toMatch(/^Delete \S+ failed: It is already being deleted\.$/);
    expect(api.callsOf('deleteStore')).toHaveLength(6);
    // The selection stays, so the user can see what was asked and try again.
    expect(screen.getByTestId('bulk-count').textContent).toBe('6 selected');
  });
});

describe('stores list links', () => {
  it('copies a store’s address to the clipboard', async () => {
    renderList();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Copy link to delta' }));
    await expect(navigator.clipboard.readText()).resolves.toBe('http://delta.localhost');
    expect(screen.getByRole('button', { name: 'Link to delta copied' })).toBeTruthy();
  });

  it('in a browser tab, the address opens a new tab with the URL main checked', async () => {
    const { api } = renderList();
    const open = vi.spyOn(window, 'open').mockReturnValue(null);
    const user = userEvent.setup();
    await user.click(screen.getByTestId('visit-store-delta'));
    await waitFor(() => expect(open).toHaveBeenCalledTimes(1));
    expect(open).toHaveBeenCalledWith('http://delta.localhost/', '_blank', 'noopener,noreferrer');
    expect(api.callsOf('openStore')).toEqual([{ storeId: 'id-delta', target: 'storefront' }]);
  });
});
