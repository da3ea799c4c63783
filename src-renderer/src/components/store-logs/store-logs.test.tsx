import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { StoreLogLine } from '../../../../src-shared/ipc/contract';
import { IpcError } from '../../../../src-shared/ipc/ipc-error';
import { fakeApi } from '../../../../test-rig/fake-api';
import { standInStore } from '../../../../test-rig/fake-fixtures';
import { renderWithApi } from '../../test/render-with-api';
import { StorePage } from '../store-page/store-page';
import { StoreLogs } from './store-logs';
import { SupportBundleButton } from './support-bundle-button';

const line = (component: string, text: string, level: StoreLogLine['level'] = 'info') => ({
  component,
  origin: component === 'Events' ? 'Pod shop-mariadb-0' : `${component}-pod/main`,
  at: '2026-11-29T10:00:00Z',
  text,
  level,
});

const LOGS: StoreLogLine[] = [
  line('MariaDB', 'mariadbd: ready for connections'),
  line('WordPress', 'Apache started'),
  line('Events', 'BackOff: Back-off restarting failed container', 'warning'),
];

function setup(status: 'Ready' | 'Failed' = 'Ready', step: 'wait-mariadb' | null = null) {
  const store = standInStore({ id: 's-shop', name: 'shop', status, step });
  const api = fakeApi({ stores: [store], logs: { 's-shop': LOGS } });
  return { store, api, user: userEvent.setup() };
}

const shownTexts = () => screen.queryAllByTestId('log-line').map((l) => l.textContent);

describe('Logs tab (fake services)', () => {
  it('shows each component’s lines and the events, filtered by component', async () => {
    const { store, api, user } = setup();
    renderWithApi(<StoreLogs store={store} />, api);
    await waitFor(() => expect(shownTexts()).toHaveLength(3));
    expect(shownTexts()[0]).toBe('10:00:00 [MariaDB] mariadbd: ready for connections');
    await user.click(screen.getByTestId('log-filter-MariaDB'));
    expect(shownTexts()).toEqual(['10:00:00 mariadbd: ready for connections']);
    await user.click(screen.getByTestId('log-filter-Events'));
    expect(shownTexts()).toEqual([
      '10:00:00 Warning BackOff: Back-off restarting failed container',
    ]);
    expect(screen.getByTestId('log-filter-WP-Cron')).toBeTruthy();
  });

  it('appends lines as the log grows, and unsubscribes when it closes', async () => {
    const { store, api } = setup();
    const view = renderWithApi(<StoreLogs store={store} />, api);
    await waitFor(() => expect(shownTexts()).toHaveLength(3));
    const [subscriptionId] = api.services.logSubscriptions();
    expect(subscriptionId).toBeDefined();
    act(() =>
      api.emit('storeLog', {
        subscriptionId: subscriptionId ?? '',
        lines: [line('WordPress', 'GET /shop 200')],
      }),
    );
    // a batch of another subscription (another window) is not this tab's
    act(() =>
      api.emit('storeLog', { subscriptionId: 'logs-other', lines: [line('WordPress', 'other')] }),
    );
    expect(shownTexts().at(-1)).toBe('10:00:00 [WordPress] GET /shop 200');
    expect(shownTexts()).toHaveLength(4);
    view.unmount();
    await waitFor(() => expect(api.services.logSubscriptions()).toEqual([]));
  });

  it('follows new lines at the bottom and stays put once the reader scrolls up', async () => {
    const { store, api } = setup();
    renderWithApi(<StoreLogs store={store} />, api);
    await waitFor(() => expect(shownTexts()).toHaveLength(3));
    const box = screen.getByTestId('log-view');
    // jsdom has no layout: the box's geometry is given by hand.
    let top = 0;
    Object.defineProperty(box, 'scrollHeight', { configurable: true, get: () => 1_000 });
    Object.defineProperty(box, 'clientHeight', { configurable: true, get: () => 100 });
    Object.defineProperty(box, 'scrollTop', {
      configurable: true,
      get: () => top,
      set: (v: number) => {
        top = v;
      },
    });
    const [id = ''] = api.services.logSubscriptions();
    act(() => api.emit('storeLog', { subscriptionId: id, lines: [line('WordPress', 'a')] }));
    expect(top).toBe(1_000);
    top = 200;
    fireEvent.scroll(box);
    act(() => api.emit('storeLog', { subscriptionId: id, lines: [line('WordPress', 'b')] }));
    expect(top).toBe(200);
    top = 900;
    fireEvent.scroll(box);
    act(() => api.emit('storeLog', { subscriptionId: id, lines: [line('WordPress', 'c')] }));
    expect(top).toBe(1_000);
  });

  it('says so when main has let the subscription go', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { store, api } = setup();
    renderWithApi(<StoreLogs store={store} />, api);
    await waitFor(() => expect(shownTexts()).toHaveLength(3));
    const [id = ''] = api.services.logSubscriptions();
    api.services.storeLogs.unsubscribe(id);
    await act(() => vi.advanceTimersByTimeAsync(20_000));
    expect((await screen.findByTestId('store-logs-error')).textContent).toBe(
      'The logs stopped following. Open the Logs tab again to follow them.',
    );
    vi.useRealTimers();
  });

  it('says why the logs cannot be shown', async () => {
    const { store, api } = setup();
    api.failNext(
      'subscribeStoreLogs',
      new IpcError('unavailable', 'The cluster of shop cannot be reached: connection refused.'),
    );
    renderWithApi(<StoreLogs store={store} />, api);
    expect((await screen.findByTestId('store-logs-error')).textContent).toBe(
      'The cluster of shop cannot be reached: connection refused.',
    );
  });
});

describe('Save support bundle (fake services)', () => {
  it('saves the bundle main made, showing progress, then where it went', async () => {
    const { store, api, user } = setup();
    const save = vi.fn();
    renderWithApi(<SupportBundleButton storeId={store.id} save={save} />, api);
    await user.click(screen.getByTestId('save-support-bundle'));
    expect(await screen.findByTestId('support-bundle-saved')).toBeTruthy();
    expect(save).toHaveBeenCalledTimes(1);
    const file = save.mock.calls[0]?.[0] as { fileName: string; content: string };
    expect(file.fileName).toBe('storefleet-shop-stand-in.json');
    expect(JSON.parse(file.content)).toMatchObject({ store: { id: 's-shop' } });
  });

  it('hands the file to the browser as a download by default', async () => {
    const { store, api, user } = setup();
    const created = vi.fn(() => 'blob:stand-in');
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      expect(this.download).toBe('storefleet-shop-stand-in.json');
      expect(this.href).toBe('blob:stand-in');
    });
    Object.assign(URL, { createObjectURL: created, revokeObjectURL: vi.fn() });
    renderWithApi(<SupportBundleButton storeId={store.id} />, api);
    await user.click(screen.getByTestId('save-support-bundle'));
    await screen.findByTestId('support-bundle-saved');
    expect(click).toHaveBeenCalledTimes(1);
    click.mockRestore();
  });

  it('says clearly when the bundle could not be made', async () => {
    const { store, api, user } = setup();
    api.failNext('storeSupportBundle', new IpcError('internal', 'The disk is full.'));
    renderWithApi(<SupportBundleButton storeId={store.id} save={vi.fn()} />, api);
    await user.click(screen.getByTestId('save-support-bundle'));
    expect((await screen.findByTestId('support-bundle-error')).textContent).toBe(
      'The support bundle could not be made. The disk is full.',
    );
  });
});

describe('store page: a Failed store links to the failing pod’s log', () => {
  it('opens the Logs tab on MariaDB for a store that failed waiting for MariaDB', async () => {
    const { api, user } = setup('Failed', 'wait-mariadb');
    renderWithApi(<StorePage storeId="s-shop" />, api);
    await user.click(await screen.findByTestId('open-failing-log'));
    expect(screen.getByTestId('store-tab-logs').getAttribute('aria-selected')).toBe('true');
    expect(screen.getByTestId('log-filter-MariaDB').getAttribute('aria-checked')).toBe('true');
    await waitFor(() => expect(shownTexts()).toEqual(['10:00:00 mariadbd: ready for connections']));
  });
});
