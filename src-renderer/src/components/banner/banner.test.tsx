import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../../../test-rig/fake-api';
import { standInContext, standInProbe, standInTools } from '../../../../test-rig/fake-fixtures';
import { renderWithApi } from '../../test/render-with-api';
import { App } from '../app/app';
import { bannerItems } from './banner-items';

const HELM_TOO_OLD =
  'Helm v3.8.0 is too old; Storefleet needs 3.12 or newer. Install a newer Helm.';

describe('banner', () => {
  it('shows the Helm problem and checks again on request', async () => {
    const api = fakeApi({
      tools: [
        {
          name: 'helm',
          path: '/usr/bin/helm',
          version: 'v3.8.0',
          ok: false,
          problem: HELM_TOO_OLD,
        },
        ...standInTools.slice(1),
      ],
    });
    const user = userEvent.setup();
    renderWithApi(<App />, api);
    const banner = await screen.findByTestId('banner');
    const helm = within(banner).getByTestId('banner-helm');
    expect(helm.textContent).toContain(HELM_TOO_OLD);
    expect(helm.textContent).toContain('Helm needs an update');
    await user.click(within(helm).getByRole('button', { name: 'Check again' }));
    await waitFor(() => expect(api.callsOf('toolStatus')).toHaveLength(2));
  });

  it('says nothing when tools and cluster are fine', async () => {
    const api = fakeApi();
    renderWithApi(<App />, api);
    await waitFor(() => expect(api.callsOf('probeContext')).toHaveLength(1));
    await waitFor(() => expect(api.callsOf('toolStatus')).toHaveLength(1));
    expect(screen.queryByTestId('banner')).toBeNull();
  });

  it('shows why the selected cluster is unreachable, with how to start it', async () => {
    const error = 'Nothing answers at https://127.0.0.1:6550; the cluster may be stopped.';
    const api = fakeApi({
      contexts: [standInContext({ name: 'k3d-dev', cluster: 'k3d-dev' })],
      probes: { 'k3d-dev': standInProbe({ context: 'k3d-dev', reachable: false, error }) },
    });
    renderWithApi(<App />, api);
    const item = await screen.findByTestId('banner-unreachable');
    expect(item.textContent).toContain(error);
    expect(item.textContent).toContain('k3d cluster start dev');
  });
});

describe('bannerItems', () => {
  it('treats a missing Helm entry as missing Helm', () => {
    const items = bannerItems({ tools: [], context: null, probe: undefined });
    expect(items.map((i) => i.title)).toEqual(['Helm is missing']);
  });

  it('warns about a cluster with no Ready nodes and no default StorageClass', () => {
    const probe = standInProbe({
      context: 'c',
      readyNodes: 0,
      totalNodes: 1,
      defaultStorageClass: null,
    });
    const items = bannerItems({
      tools: standInTools,
      context: standInContext({ name: 'c' }),
      probe: { state: 'done', probe },
    });
    expect(items.map((i) => i.id)).toEqual(['nodes', 'storage']);
    expect(items.every((i) => i.severity === 'warning')).toBe(true);
  });
});
