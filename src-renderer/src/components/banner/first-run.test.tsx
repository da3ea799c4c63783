import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../../../test-rig/fake-api';
import { standInContext, standInProbe, standInTools } from '../../../../test-rig/fake-fixtures';
import { standInSystemCheck } from '../../../../test-rig/fake-services';
import { renderWithApi } from '../../test/render-with-api';
import { App } from '../app/app';
import { nextStep } from './next-step';

const NO_HELM = [
  {
    name: 'helm' as const,
    path: null,
    version: null,
    ok: false,
    problem:
      'helm was not found on the PATH. Install Helm 3.12 or newer (https://helm.sh/docs/intro/install/) or set its path in Settings. Looked in: the PATH (/usr/bin).',
  },
];

/** The first-run screen once it shows `step` (the element changes as the app learns more). */
async function firstRun(step: string): Promise<HTMLElement> {
  await waitFor(() => expect(screen.getByTestId('first-run').dataset.step).toBe(step));
  return screen.getByTestId('first-run');
}

describe('first-run screen', () => {
  it('with no kubeconfig and Docker stopped, says to start Docker, with the command', async () => {
    const api = fakeApi({
      contexts: [],
      tools: NO_HELM,
      systemCheck: standInSystemCheck({
        tools: [
          {
            name: 'docker',
            ok: false,
            daemonRunning: false,
            problem:
              'Docker is installed but not running. Start Docker Desktop (or the docker service), then check again.',
            install: 'Start the Docker service, then check again.',
            command: 'sudo systemctl start docker',
          },
        ],
      }),
    });
    renderWithApi(<App />, api);
    const screenEl = await firstRun('start-docker');
    expect(screenEl.textContent).toContain('Next: start Docker.');
    expect(screenEl.textContent).toContain('sudo systemctl start docker');
    expect(within(screenEl).getByTestId('setup-docker').textContent).toContain('not running');
    expect(within(screenEl).getByTestId('setup-k3d').textContent).toContain('v5.8.3');
    expect(screen.queryByText(/Choose a Kubernetes context in the top bar/)).toBeNull();
  });

  it('with Docker and k3d ready but no cluster, gives the k3d command with port 80', async () => {
    const api = fakeApi({ contexts: [], systemCheck: standInSystemCheck() });
    renderWithApi(<App />, api);
    const screenEl = await firstRun('create-cluster');
    expect(screenEl.textContent).toContain('k3d cluster create storefleet -p "80:80@loadbalancer"');
  });

  it('for an unreachable cluster, says to start it', async () => {
    const api = fakeApi({
      contexts: [standInContext({ name: 'k3d-dev' })],
      probes: {
        'k3d-dev': standInProbe({
          context: 'k3d-dev',
          reachable: false,
          error: 'Nothing answers at https://127.0.0.1:6550.',
        }),
      },
    });
    renderWithApi(<App />, api);
    const screenEl = await firstRun('start-cluster');
    expect(screenEl.textContent).toContain('k3d-dev is not answering');
  });

  it('without Helm, downloads it with progress and then offers to create a store', async () => {
    const api = fakeApi({
      tools: NO_HELM,
      helmInstall: {
        progress: [
          {
            phase: 'download',
            version: '3.22.0',
            receivedBytes: 4_000_000,
            totalBytes: 16_000_000,
            message: 'Downloading Helm 3.22.0.',
          },
        ],
      },
    });
    const user = userEvent.setup();
    renderWithApi(<App />, api);
    const screenEl = await firstRun('get-helm');
    // The banner says what is wrong once, and the way out once.
    const banner = await screen.findByTestId('banner-helm');
    expect(banner.textContent).toContain('did not find it on this computer');
    expect(banner.textContent?.match(/install it yourself/g)).toHaveLength(1);
    await user.click(within(screenEl).getByRole('button', { name: 'Download Helm 3.22.0' }));
    await waitFor(() => expect(api.callsOf('installHelm')).toHaveLength(1));
    await waitFor(() => expect(screen.getByTestId('first-run').dataset.step).toBe('create-store'));
    expect(screen.queryByTestId('banner-helm')).toBeNull();
    expect(screen.getByRole('button', { name: /Create a store/ })).toBeTruthy();
  });

  it('shows the download progress and cancels it', async () => {
    const api = fakeApi({
      tools: NO_HELM,
      helmInstall: {
        hold: true,
        progress: [
          {
            phase: 'download',
            version: '3.22.0',
            receivedBytes: 4_000_000,
            totalBytes: 16_000_000,
            message: 'Downloading Helm 3.22.0.',
          },
        ],
      },
    });
    const user = userEvent.setup();
    renderWithApi(<App />, api);
    const screenEl = await firstRun('get-helm');
    await user.click(within(screenEl).getByRole('button', { name: 'Download Helm 3.22.0' }));
    expect(
      await within(screenEl).findByText('Downloading Helm 3.22.0. 4.0 of 16.0 MB.'),
    ).toBeTruthy();
    await user.click(within(screenEl).getByRole('button', { name: 'Cancel' }));
    expect(
      await within(screenEl).findByText('The Helm download was cancelled; nothing was installed.'),
    ).toBeTruthy();
    expect(api.callsOf('cancelHelmInstall')).toHaveLength(1);
  });
});

describe('nextStep', () => {
  const check = standInSystemCheck();
  it('a kubeconfig that cannot be read comes first', () => {
    expect(
      nextStep({
        contexts: {
          contexts: [],
          errors: [{ file: '/h/.kube/config', message: 'Line 3 is not YAML.' }],
          selected: null,
        },
        contextsError: null,
        probe: null,
        tools: standInTools,
        check,
      }),
    ).toEqual({ step: 'fix-kubeconfig', file: '/h/.kube/config', message: 'Line 3 is not YAML.' });
  });

  it('asks to install Docker before k3d, and k3d before creating a cluster', () => {
    const base = {
      contexts: { contexts: [], errors: [], selected: null },
      contextsError: null,
      probe: null,
      tools: standInTools,
    };
    const noDocker = standInSystemCheck({
      tools: [
        { name: 'docker', path: null, ok: false, daemonRunning: null },
        { name: 'k3d', path: null, ok: false },
      ],
    });
    expect(nextStep({ ...base, check: noDocker }).step).toBe('install-docker');
    const noK3d = standInSystemCheck({ tools: [{ name: 'k3d', path: null, ok: false }] });
    expect(nextStep({ ...base, check: noK3d }).step).toBe('install-k3d');
  });

  it('asks to choose a context when there are some and none is chosen', () => {
    const contexts = { contexts: [standInContext({ name: 'a' })], errors: [], selected: null };
    expect(
      nextStep({ contexts, contextsError: null, probe: null, tools: standInTools, check }).step,
    ).toBe('choose-context');
  });
});
