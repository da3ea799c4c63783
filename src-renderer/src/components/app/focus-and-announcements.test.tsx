// Keyboard and screen-reader behaviour of the whole page: where the focus goes when a dialog or
// the store panel opens and closes, and what the polite live region says.
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../../../test-rig/fake-api';
import { standInStore } from '../../../../test-rig/fake-fixtures';
import { renderWithApi } from '../../test/render-with-api';
import { App } from './app';

const focused = () => document.activeElement;

describe('focus goes back to the opener', () => {
  it('when the settings dialog closes with Escape', async () => {
    const user = userEvent.setup();
    renderWithApi(<App />, fakeApi());
    const opener = await screen.findByTestId('settings-button');
    await user.click(opener);
    await screen.findByTestId('settings-dialog');
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByTestId('settings-dialog')).toBeNull());
    await waitFor(() => expect(focused()).toBe(opener));
  });

  it('when the create dialog is cancelled', async () => {
    const user = userEvent.setup();
    renderWithApi(<App />, fakeApi({ stores: [standInStore({ name: 'shop' })] }));
    await screen.findByTestId('store-row-shop');
    const opener = screen.getByTestId('create-store-button');
    await user.click(opener);
    await user.click(within(await screen.findByTestId('create-store-dialog')).getByText('Cancel'));
    await waitFor(() => expect(screen.queryByTestId('create-store-dialog')).toBeNull());
    await waitFor(() => expect(focused()).toBe(opener));
  });

  it('to the main landmark, not the page body, when the opener is gone', async () => {
    const user = userEvent.setup();
    renderWithApi(<App />, fakeApi());
    // The empty state's button goes away once the first store exists.
    await user.click(await screen.findByRole('button', { name: /create a store/i }));
    await user.type(screen.getByTestId('create-store-name'), 'first');
    await user.click(screen.getByTestId('create-store-submit'));
    await screen.findByTestId('store-row-first');
    await waitFor(() => expect(focused()).toBe(screen.getByRole('main')));
  });

  it('when the delete dialog is dismissed', async () => {
    const user = userEvent.setup();
    renderWithApi(<App />, fakeApi({ stores: [standInStore({ name: 'shop', status: 'Ready' })] }));
    await user.click(await screen.findByRole('button', { name: 'shop' }));
    const opener = await screen.findByTestId('delete-store');
    await user.click(opener);
    await user.click(await screen.findByRole('button', { name: 'Keep it' }));
    await waitFor(() => expect(screen.queryByTestId('delete-confirm-input')).toBeNull());
    await waitFor(() => expect(focused()).toBe(opener));
  });
});

describe('the store panel and the keyboard', () => {
  it('takes the focus when opened from its row, and gives it back when closed', async () => {
    const user = userEvent.setup();
    renderWithApi(<App />, fakeApi({ stores: [standInStore({ name: 'shop', status: 'Ready' })] }));
    const rowButton = await screen.findByRole('button', { name: 'shop' });
    rowButton.focus();
    await user.keyboard('{Enter}');
    const panel = await screen.findByTestId('store-page');
    await waitFor(() => expect(focused()).toBe(panel));
    // The next Tab stays in the panel: its first control.
    await user.tab();
    expect(panel.contains(focused())).toBe(true);

    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByTestId('store-page')).toBeNull());
    expect(focused()).toBe(rowButton);

    await user.keyboard('{Enter}');
    await screen.findByTestId('store-page');
    await user.click(screen.getByRole('button', { name: 'Close store page' }));
    await waitFor(() => expect(screen.queryByTestId('store-page')).toBeNull());
    expect(focused()).toBe(rowButton);
  });

  it('leaves the focus alone when another row is opened', async () => {
    const user = userEvent.setup();
    renderWithApi(
      <App />,
      fakeApi({ stores: [standInStore({ name: 'one' }), standInStore({ name: 'two' })] }),
    );
    await user.click(await screen.findByRole('button', { name: 'one' }));
    await user.click(screen.getByRole('button', { name: 'two' }));
    const panel = await screen.findByRole('complementary', { name: 'Store two' });
    await waitFor(() => expect(focused()).toBe(panel));
  });
});

describe('the status live region', () => {
  it('is polite, says nothing for the first snapshot, then announces Ready and Failed', async () => {
    const shop = standInStore({ name: 'shop', status: 'Provisioning', step: 'helm' });
    const bad = standInStore({ name: 'bad', status: 'Provisioning', step: 'verify' });
    const api = fakeApi({ stores: [shop, bad] });
    renderWithApi(<App />, api);
    await screen.findByTestId('store-row-shop');
    const region = screen.getByTestId('status-announcer');
    expect(region.getAttribute('role')).toBe('status');
    expect(region.getAttribute('aria-live')).toBe('polite');
    expect(region.textContent).toBe('');

    const later = '2025-01-01T10:05:00.000Z';
    act(() => api.emit('storeUpdated', { ...shop, status: 'Ready', step: null, updatedAt: later }));
    expect(within(region).getByText('Store shop is Ready.')).toBeTruthy();
    act(() => api.emit('storeUpdated', { ...bad, status: 'Failed', updatedAt: later }));
    expect([...region.children].map((p) => p.textContent)).toEqual([
      'Store shop is Ready.',
      'Store bad failed at Verify order.',
    ]);
  });

  it('announces a deletion, and nothing for a store of another context', async () => {
    const shop = standInStore({ name: 'shop', status: 'Deleting' });
    const far = standInStore({ name: 'far', context: 'k3s-vps', status: 'Provisioning' });
    const api = fakeApi({ stores: [shop, far] });
    renderWithApi(<App />, api);
    await screen.findByTestId('store-row-shop');
    const later = '2025-01-01T10:05:00.000Z';
    act(() => api.emit('storeUpdated', { ...far, status: 'Ready', updatedAt: later }));
    act(() => api.emit('storeUpdated', { ...shop, status: 'Deleted', updatedAt: later }));
    await waitFor(() => expect(screen.queryByTestId('store-row-shop')).toBeNull());
    expect(screen.getByTestId('status-announcer').textContent).toBe('Store shop was deleted.');
  });
});
