import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../../../test-rig/fake-api';
import { standInContext, standInStore } from '../../../../test-rig/fake-fixtures';
import { renderWithApi } from '../../test/render-with-api';
import { App } from '../app/app';
import { k3dClusterName } from './k3d-cluster-actions';

function twoContexts() {
  return fakeApi({
    contexts: [
      standInContext({ name: 'k3d-dev', current: true }),
      standInContext({ name: 'k3s-vps', kind: 'k3s', local: false }),
    ],
    stores: [
      standInStore({ name: 'alpha' }),
      standInStore({ name: 'beta' }),
      standInStore({ name: 'far', context: 'k3s-vps' }),
    ],
  });
}

describe('k3d cluster actions in the context switcher', () => {
  it('start and stop run k3d on the selected k3d cluster', async () => {
    const user = userEvent.setup();
    const api = twoContexts();
    renderWithApi(<App />, api);
    await screen.findByTestId('store-row-alpha');
    await user.click(screen.getByTestId('context-switcher'));
    await user.click(await screen.findByTestId('cluster-stop-k3d-dev'));
    await waitFor(() => expect(api.callsOf('stopLocalCluster')).toEqual([{ name: 'dev' }]));
    await user.click(screen.getByTestId('context-switcher'));
    await user.click(await screen.findByTestId('cluster-start-k3d-dev'));
    await waitFor(() => expect(api.callsOf('startLocalCluster')).toEqual([{ name: 'dev' }]));
  });

  it('delete asks first, names the stores that go with it, and Keep it runs nothing', async () => {
    const user = userEvent.setup();
    const api = twoContexts();
    renderWithApi(<App />, api);
    await screen.findByTestId('store-row-alpha');
    await user.click(screen.getByTestId('context-switcher'));
    await user.click(await screen.findByTestId('cluster-delete-k3d-dev'));
    const dialog = await screen.findByTestId('delete-cluster-confirm');
    const names = await within(dialog).findByRole('list', {
      name: 'Stores deleted with the cluster',
    });
    expect(names.textContent).toContain('alpha');
    expect(names.textContent).toContain('beta');
    expect(names.textContent).not.toContain('far');
    await user.click(within(dialog).getByRole('button', { name: 'Keep it' }));
    expect(api.callsOf('deleteLocalCluster')).toEqual([]);

    await user.click(screen.getByTestId('context-switcher'));
    await user.click(await screen.findByTestId('cluster-delete-k3d-dev'));
    await user.click(await screen.findByTestId('delete-cluster-submit'));
    await waitFor(() => expect(api.callsOf('deleteLocalCluster')).toEqual([{ name: 'dev' }]));
  });

  it('offers nothing for a context that is not k3d', async () => {
    const user = userEvent.setup();
    const api = fakeApi({
      contexts: [standInContext({ name: 'k3s-vps', kind: 'k3s', current: true })],
    });
    renderWithApi(<App />, api);
    await user.click(await screen.findByTestId('context-switcher'));
    await screen.findByTestId('context-option-k3s-vps');
    expect(screen.queryByTestId('cluster-delete-k3s-vps')).toBeNull();
  });

  it('reads the cluster name only from contexts k3d wrote', () => {
    expect(k3dClusterName(standInContext({ name: 'k3d-shop' }))).toBe('shop');
    expect(k3dClusterName(standInContext({ name: 'dev', kind: 'k3d' }))).toBeNull();
    expect(k3dClusterName(standInContext({ name: 'k3d-x', kind: 'k3s' }))).toBeNull();
  });
});
