import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { IpcError } from '../../../../src-shared/ipc/ipc-error';
import { fakeApi } from '../../../../test-rig/fake-api';
import { standInSystemCheck } from '../../../../test-rig/fake-services';
import { renderWithApi } from '../../test/render-with-api';
import { App } from '../app/app';

async function createClusterStep(): Promise<HTMLElement> {
  await waitFor(() => expect(screen.getByTestId('first-run').dataset.step).toBe('create-cluster'));
  return screen.getByTestId('first-run');
}

const PROGRESS = [
  { name: 'storefleet', phase: 'create' as const, line: 'Prep: Network' },
  {
    name: 'storefleet',
    phase: 'create' as const,
    line: "Creating LoadBalancer 'k3d-storefleet-serverlb'",
  },
];

describe('Create local cluster on the first-run screen', () => {
  it('creates the cluster from the button; the new context is selected and the step moves on', async () => {
    const api = fakeApi({ contexts: [], systemCheck: standInSystemCheck() });
    renderWithApi(<App />, api);
    const step = await createClusterStep();
    await userEvent.click(within(step).getByRole('button', { name: 'Create local cluster' }));
    expect(api.callsOf('createLocalCluster')).toEqual([{ name: 'storefleet' }]);
    await waitFor(() =>
      expect(screen.getByTestId('first-run').dataset.step).not.toBe('create-cluster'),
    );
  });

  it('shows k3d progress lines, and Cancel stops the create', async () => {
    const api = fakeApi({
      contexts: [],
      systemCheck: standInSystemCheck(),
      localCluster: { progress: PROGRESS, hold: true },
    });
    renderWithApi(<App />, api);
    const step = await createClusterStep();
    await userEvent.click(within(step).getByRole('button', { name: 'Create local cluster' }));
    const lines = await within(step).findByRole('list', { name: 'Cluster progress' });
    await waitFor(() =>
      expect(lines.textContent).toContain("Creating LoadBalancer 'k3d-storefleet-serverlb'"),
    );
    await userEvent.click(within(step).getByRole('button', { name: 'Cancel' }));
    expect(await within(step).findByText('Creating the cluster was cancelled.')).toBeTruthy();
    expect(api.callsOf('cancelLocalCluster')).toHaveLength(1);
  });

  it('explains a taken port and retries on the offered one', async () => {
    const api = fakeApi({ contexts: [], systemCheck: standInSystemCheck() });
    api.failNext(
      'createLocalCluster',
      new IpcError(
        'conflict',
        'Another program already uses port 80 on this computer, so the cluster could not take it. Port 8080 is free; the cluster can use it instead.',
        { reason: 'port-taken', takenPort: 80, suggestedPort: 8080 },
      ),
    );
    renderWithApi(<App />, api);
    const step = await createClusterStep();
    await userEvent.click(within(step).getByRole('button', { name: 'Create local cluster' }));
    expect(await within(step).findByText(/already uses port 80/)).toBeTruthy();
    await userEvent.click(within(step).getByRole('button', { name: 'Use port 8080' }));
    expect(api.callsOf('createLocalCluster')).toEqual([
      { name: 'storefleet' },
      { name: 'storefleet', httpPort: 8080 },
    ]);
  });
});
