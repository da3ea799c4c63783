import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi } from '../../../../test-rig/fake-api';
import type { FakeApiSeed } from '../../../../test-rig/fake-api';
import { standInStore } from '../../../../test-rig/fake-fixtures';
import type { Store } from '../../../../src-shared/types/store-types';
import { IpcError } from '../../../../src-shared/ipc/ipc-error';
import { useStores } from '../../state/stores-store';
import { renderWithApi } from '../../test/render-with-api';
import { CREDENTIALS_VISIBLE_MS } from '../store-page/credentials-panel';
import { DatabasePanel } from './database-panel';
import { DATABASE_RENEW_MS, DatabaseForwardKeeper } from './forward-keeper';
import { useDbForwards } from './forward-state';
import { useApp } from '../../state/app-store';
import * as Tooltip from '@radix-ui/react-tooltip';
import type { ReactNode } from 'react';
import { ApiProvider } from '../../api/api-context';
import type { StorefleetApi } from '../../../../src-shared/ipc/contract';

const DB_SECRET = 'Db7-very-secret-Password';

/** The panel as the store page has it: the keeper outside the tabs, the panel in Overview. */
function Page({ store, tab }: { store: Store; tab: 'overview' | 'logs' }): React.JSX.Element {
  return (
    <>
      <DatabaseForwardKeeper storeId={store.id} ready={store.status === 'Ready'} />
      {tab === 'overview' ? <DatabasePanel store={store} /> : <p>Logs</p>}
    </>
  );
}

/** The tree renderWithApi renders, so a rerender keeps what is mounted. */
function wrap(api: StorefleetApi, ui: ReactNode): React.JSX.Element {
  return (
    <ApiProvider api={api}>
      <Tooltip.Provider>{ui}</Tooltip.Provider>
    </ApiProvider>
  );
}

function renderPanel(store: Store, seed: FakeApiSeed = {}) {
  const api = fakeApi({
    stores: [store],
    database: { port: 43306, password: DB_SECRET },
    ...seed,
  });
  useApp.getState().openStore(store.id);
  const view = renderWithApi(<Page store={store} tab="overview" />, api);
  return { api, view, user: userEvent.setup() };
}

afterEach(() => {
  vi.useRealTimers();
  useDbForwards.setState({ byStore: {} });
  useApp.getState().openStore(null);
});

describe('database panel', () => {
  it.each(['Provisioning', 'Stopped', 'Failed'] as const)(
    'offers no connection while the store is %s',
    (status) => {
      const { api } = renderPanel(standInStore({ name: 'shop', status }));
      expect(screen.queryByTestId('connect-database')).toBeNull();
      expect(screen.getByText('Available once the store is Ready.')).toBeTruthy();
      expect(api.callsOf('connectStoreDatabase')).toEqual([]);
    },
  );

  it('connects on request and shows host, port, database, user and a command, with the password hidden', async () => {
    const store = standInStore({ name: 'shop', status: 'Ready' });
    const { api, user } = renderPanel(store);
    expect(api.callsOf('connectStoreDatabase')).toEqual([]);
    await user.click(screen.getByTestId('connect-database'));
    expect((await screen.findByTestId('database-host')).textContent).toBe('127.0.0.1');
    expect(screen.getByTestId('database-port').textContent).toBe('43306');
    expect(screen.getByTestId('database-database').textContent).toBe('wordpress');
    expect(screen.getByTestId('database-user').textContent).toBe('wordpress');
    expect(screen.getByTestId('database-command').textContent).toBe(
      'mariadb -h 127.0.0.1 -P 43306 -u wordpress -p wordpress',
    );
    expect(screen.getByTestId('database-password').textContent).not.toContain(DB_SECRET);
    expect(api.callsOf('revealStoreDatabasePassword')).toEqual([]);
    expect(api.services.databaseForwards()).toEqual([store.id]);
  });

  it("shows a Medusa store's PostgreSQL with a psql command", async () => {
    const { user } = renderPanel(standInStore({ name: 'shop', status: 'Ready', kind: 'medusa' }));
    await user.click(screen.getByTestId('connect-database'));
    expect((await screen.findByTestId('database-command')).textContent).toBe(
      'psql -h 127.0.0.1 -p 43306 -U medusa medusa',
    );
    expect(screen.getByText(/PostgreSQL is forwarded/)).toBeTruthy();
  });

  it('reveals the password on request, out of the shared state, and hides it again', async () => {
    const { api, user } = renderPanel(standInStore({ name: 'shop', status: 'Ready' }));
    await user.click(screen.getByTestId('connect-database'));
    await user.click(await screen.findByTestId('reveal-database-password'));
    await waitFor(() =>
      expect(screen.getByTestId('database-password').textContent).toBe(DB_SECRET),
    );
    expect(api.callsOf('revealStoreDatabasePassword')).toHaveLength(1);
    expect(JSON.stringify(useStores.getState())).not.toContain(DB_SECRET);
    await user.click(screen.getByTestId('hide-database-password'));
    expect(screen.getByTestId('database-password').textContent).not.toContain(DB_SECRET);
  });

  it(`hides the password again after ${CREDENTIALS_VISIBLE_MS / 1000} s`, async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { user } = renderPanel(standInStore({ name: 'shop', status: 'Ready' }));
    await user.click(screen.getByTestId('connect-database'));
    await user.click(await screen.findByTestId('reveal-database-password'));
    await waitFor(() =>
      expect(screen.getByTestId('database-password').textContent).toBe(DB_SECRET),
    );
    act(() => {
      vi.advanceTimersByTime(CREDENTIALS_VISIBLE_MS + 1);
    });
    expect(screen.getByTestId('database-password').textContent).not.toContain(DB_SECRET);
  });

  it('copies the password to the clipboard without showing it', async () => {
    const { user } = renderPanel(standInStore({ name: 'shop', status: 'Ready' }));
    await user.click(screen.getByTestId('connect-database'));
    await user.click(await screen.findByRole('button', { name: 'Copy password' }));
    await waitFor(async () => expect(await navigator.clipboard.readText()).toBe(DB_SECRET));
    expect(screen.getByTestId('database-password').textContent).not.toContain(DB_SECRET);
  });

  it('disconnects on request', async () => {
    const store = standInStore({ name: 'shop', status: 'Ready' });
    const { api, user } = renderPanel(store);
    await user.click(screen.getByTestId('connect-database'));
    await user.click(await screen.findByTestId('disconnect-database'));
    expect(await screen.findByTestId('connect-database')).toBeTruthy();
    expect(api.callsOf('disconnectStoreDatabase')).toEqual([{ storeId: store.id }]);
    expect(api.services.databaseForwards()).toEqual([]);
  });

  it('closes the forward when the panel goes (store page closed)', async () => {
    const store = standInStore({ name: 'shop', status: 'Ready' });
    const { api, user, view } = renderPanel(store);
    await user.click(screen.getByTestId('connect-database'));
    await screen.findByTestId('database-port');
    view.unmount();
    await waitFor(() => expect(api.services.databaseForwards()).toEqual([]));
    expect(api.callsOf('disconnectStoreDatabase')).toEqual([{ storeId: store.id }]);
  });

  it('keeps the forward while the page switches tabs, and shows it again', async () => {
    const store = standInStore({ name: 'shop', status: 'Ready' });
    const { api, user, view } = renderPanel(store);
    await user.click(screen.getByTestId('connect-database'));
    await screen.findByTestId('database-port');
    view.rerender(wrap(api, <Page store={store} tab="logs" />));
    expect(screen.queryByTestId('database-port')).toBeNull();
    view.rerender(wrap(api, <Page store={store} tab="overview" />));
    expect(screen.getByTestId('database-port').textContent).toBe('43306');
    expect(api.callsOf('disconnectStoreDatabase')).toEqual([]);
    expect(api.services.databaseForwards()).toEqual([store.id]);
  });

  it('closes the forward when the store leaves Ready', async () => {
    const store = standInStore({ name: 'shop', status: 'Ready' });
    const { api, user, view } = renderPanel(store);
    await user.click(screen.getByTestId('connect-database'));
    await screen.findByTestId('database-port');
    view.rerender(wrap(api, <Page store={{ ...store, status: 'Stopped' }} tab="overview" />));
    await waitFor(() => expect(api.services.databaseForwards()).toEqual([]));
    expect(screen.getByText('Available once the store is Ready.')).toBeTruthy();
  });

  it('does not disconnect what it never opened', () => {
    const { api, view } = renderPanel(standInStore({ name: 'shop', status: 'Ready' }));
    view.unmount();
    expect(api.callsOf('disconnectStoreDatabase')).toEqual([]);
  });

  it('keeps the forward open while shown by asking main again', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { api, user } = renderPanel(standInStore({ name: 'shop', status: 'Ready' }));
    await user.click(screen.getByTestId('connect-database'));
    await screen.findByTestId('database-port');
    await act(async () => {
      await vi.advanceTimersByTimeAsync(DATABASE_RENEW_MS + 1);
    });
    expect(api.callsOf('connectStoreDatabase')).toHaveLength(2);
  });

  it("shows main's sentence when the forward cannot be opened", async () => {
    const message =
      'The database of shop is not running yet: no Ready pod behind its database Service sf-shop/shop-mariadb. Try again once its pod is Ready.';
    const { user } = renderPanel(standInStore({ name: 'shop', status: 'Ready' }), {
      database: { error: new IpcError('not-ready', message) },
    });
    await user.click(screen.getByTestId('connect-database'));
    expect((await screen.findByRole('alert')).textContent).toBe(message);
    expect(screen.queryByTestId('database-port')).toBeNull();
    expect(screen.getByTestId('connect-database')).toBeTruthy();
  });
});
