import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../../../test-rig/fake-api';
import {
  standInContext,
  standInEvent,
  standInProbe,
  standInStore,
} from '../../../../test-rig/fake-fixtures';
import { renderWithApi } from '../../test/render-with-api';
import { App } from './app';

describe('App with the stand-in api', () => {
  it('lists the stores of the selected context with status word and address', async () => {
    const api = fakeApi({
      stores: [
        standInStore({ name: 'alpha', status: 'Ready' }),
        standInStore({ name: 'beta', status: 'Provisioning', step: 'wait-mariadb' }),
        standInStore({ name: 'other', context: 'k3s-vps' }),
      ],
    });
    renderWithApi(<App />, api);
    expect((await screen.findByTestId('store-status-alpha')).textContent).toBe('Ready');
    const beta = screen.getByTestId('store-row-beta');
    expect(within(beta).getByTestId('store-status-beta').textContent).toBe('Provisioning');
    expect(beta.textContent).toContain('MariaDB');
    expect(screen.getByTestId('store-row-alpha').textContent).toContain('http://alpha.localhost');
    expect(screen.queryByTestId('store-row-other')).toBeNull();
  });

  it('updates a row live from storeUpdated, and adds a store it has not seen', async () => {
    const shop = standInStore({ name: 'shop', status: 'Provisioning', step: 'helm' });
    const api = fakeApi({ stores: [shop] });
    renderWithApi(<App />, api);
    await screen.findByTestId('store-row-shop');
    act(() =>
      api.emit('storeUpdated', {
        ...shop,
        status: 'Ready',
        step: null,
        updatedAt: '2025-01-01T10:05:00.000Z',
      }),
    );
    expect(screen.getByTestId('store-status-shop').textContent).toBe('Ready');
    act(() => api.emit('storeUpdated', standInStore({ name: 'late' })));
    expect(screen.getByTestId('store-status-late').textContent).toBe('Queued');
  });

  it('ignores a stale storeUpdated that is older than what it shows', async () => {
    const ready = standInStore({
      name: 'shop',
      status: 'Ready',
      updatedAt: '2025-01-01T10:05:00.000Z',
    });
    const api = fakeApi({ stores: [ready] });
    renderWithApi(<App />, api);
    await screen.findByTestId('store-row-shop');
    act(() =>
      api.emit('storeUpdated', {
        ...ready,
        status: 'Provisioning',
        updatedAt: '2025-01-01T10:01:00.000Z',
      }),
    );
    expect(screen.getByTestId('store-status-shop').textContent).toBe('Ready');
  });

  it('subscribes to every event before asking for snapshots', async () => {
    const api = fakeApi();
    renderWithApi(<App />, api);
    await waitFor(() => expect(api.callsOf('listStores')).toHaveLength(1));
    expect(api.listenerCount('storeUpdated')).toBeGreaterThan(0);
    expect(api.listenerCount('storeEvent')).toBeGreaterThan(0);
    expect(api.listenerCount('contextsChanged')).toBeGreaterThan(0);
    expect(api.calls[0]?.method).toBe('listContexts');
  });

  it('shows an empty state that leads to the create dialog', async () => {
    const user = userEvent.setup();
    renderWithApi(<App />, fakeApi());
    await user.click(await screen.findByRole('button', { name: /create a store/i }));
    expect(screen.getByTestId('create-store-name')).toBeTruthy();
  });

  it('switching context selects it, reloads its stores and probes it', async () => {
    const user = userEvent.setup();
    const api = fakeApi({
      contexts: [
        standInContext({ name: 'k3d-dev', current: true }),
        standInContext({ name: 'k3s-vps', kind: 'k3s', local: false }),
      ],
      stores: [standInStore({ name: 'here' }), standInStore({ name: 'there', context: 'k3s-vps' })],
    });
    renderWithApi(<App />, api);
    await screen.findByTestId('store-row-here');
    await user.click(screen.getByTestId('context-switcher'));
    await user.click(await screen.findByTestId('context-option-k3s-vps'));
    expect(await screen.findByTestId('store-row-there')).toBeTruthy();
    expect(screen.queryByTestId('store-row-here')).toBeNull();
    expect(api.callsOf('selectContext')).toEqual([{ context: 'k3s-vps' }]);
    expect(api.callsOf('listStores')).toContainEqual({ context: 'k3s-vps' });
    expect(api.callsOf('probeContext')).toContainEqual({ context: 'k3s-vps' });
    expect(screen.getByTestId('context-switcher').textContent).toContain('k3s');
  });

  it('shows the health of the selected context as a word, not colour alone', async () => {
    const api = fakeApi({
      probes: { 'k3d-dev': standInProbe({ context: 'k3d-dev', reachable: false, error: 'x' }) },
    });
    renderWithApi(<App />, api);
    expect((await screen.findByTestId('context-health')).textContent).toContain('Unreachable');
  });

  it('re-probes on contextsChanged', async () => {
    const api = fakeApi();
    renderWithApi(<App />, api);
    await waitFor(() => expect(api.callsOf('probeContext')).toHaveLength(1));
    act(() =>
      api.emit('contextsChanged', {
        contexts: [standInContext({ name: 'k3d-dev' })],
        errors: [],
        selected: 'k3d-dev',
      }),
    );
    await waitFor(() => expect(api.callsOf('probeContext')).toHaveLength(2));
  });

  it('opens the store page from a row and catches up on its events', async () => {
    const user = userEvent.setup();
    const shop = standInStore({ name: 'shop', status: 'Provisioning', step: 'helm' });
    const api = fakeApi({
      stores: [shop],
      events: [
        standInEvent({ id: 1, storeId: shop.id, step: 'validate', status: 'succeeded' }),
        standInEvent({ id: 2, storeId: shop.id, step: 'helm', status: 'started' }),
      ],
    });
    renderWithApi(<App />, api);
    await user.click(await screen.findByRole('button', { name: 'shop' }));
    const page = screen.getByTestId('store-page');
    await waitFor(() =>
      expect(within(page).getByTestId('timeline-step-validate').dataset.stepState).toBe(
        'succeeded',
      ),
    );
    act(() =>
      api.emit(
        'storeEvent',
        standInEvent({ id: 3, storeId: shop.id, step: 'helm', status: 'succeeded' }),
      ),
    );
    expect(within(page).getByTestId('timeline-step-helm').dataset.stepState).toBe('succeeded');
  });

  // The machine running these tests is slow and shared; the timeout is for jsdom, not a budget.
  it('renders a list of 500 stores, drawing the rows in view', async () => {
    const stores = Array.from({ length: 500 }, (_, i) =>
      standInStore({ name: `store-${i}`, status: i % 3 ? 'Ready' : 'Provisioning', step: 'helm' }),
    );
    renderWithApi(<App />, fakeApi({ stores }));
    const table = await screen.findByTestId('stores-table', {}, { timeout: 30_000 });
    await waitFor(() => expect(table.getAttribute('aria-rowcount')).toBe('501'));
    // jsdom lays nothing out, so the viewport has no height: only the overscan rows are drawn.
    const rows = document.querySelectorAll('[data-testid^="store-row-"]').length;
    expect(rows).toBeGreaterThan(0);
    expect(rows).toBeLessThan(50);
  }, 60_000);
});
