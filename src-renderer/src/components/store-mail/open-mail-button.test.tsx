import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { IpcError } from '../../../../src-shared/ipc/ipc-error';
import { fakeApi } from '../../../../test-rig/fake-api';
import { standInStore } from '../../../../test-rig/fake-fixtures';
import { renderWithApi } from '../../test/render-with-api';
import { OpenMailButton } from './open-mail-button';

describe('Open mail', () => {
  it("opens the store's mail catcher through main, in a new tab in the browser", async () => {
    const store = standInStore({ name: 'spring-sale', status: 'Ready' });
    const api = fakeApi({ stores: [store] });
    const open = vi.spyOn(window, 'open').mockReturnValue(null);
    renderWithApi(<OpenMailButton store={store} />, api);
    await userEvent.setup().click(screen.getByTestId('open-mail'));
    await waitFor(() => expect(open).toHaveBeenCalledTimes(1));
    expect(api.callsOf('openStore')).toEqual([{ storeId: store.id, target: 'mail' }]);
    const url = new URL(String(open.mock.calls[0]?.[0]));
    expect(url.hostname).toBe(`mail.${new URL(store.url).hostname}`);
    open.mockRestore();
  });

  it('shows main’s sentence when the store has no mail catcher', async () => {
    const store = standInStore({ name: 'spring-sale', status: 'Ready' });
    const api = fakeApi({ stores: [store] });
    api.failNext('openStore', new IpcError('not-found', 'This store has no mail catcher.'));
    renderWithApi(<OpenMailButton store={store} />, api);
    await userEvent.setup().click(screen.getByTestId('open-mail'));
    expect((await screen.findByTestId('open-mail-error')).textContent).toBe(
      'This store has no mail catcher.',
    );
  });

  it('is offered for Ready WooCommerce stores only', () => {
    renderWithApi(
      <>
        <OpenMailButton store={standInStore({ name: 'q', status: 'Provisioning' })} />
        <OpenMailButton store={standInStore({ name: 'm', status: 'Ready', kind: 'medusa' })} />
      </>,
      fakeApi(),
    );
    expect(screen.queryByTestId('open-mail')).toBeNull();
  });
});
