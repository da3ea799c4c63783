import { act, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StoreResources } from '../../../../src-shared/ipc/contract';
import type { Store } from '../../../../src-shared/types/store-types';
import { fakeApi, type FakeApi } from '../../../../test-rig/fake-api';
import { standInContext, standInStore } from '../../../../test-rig/fake-fixtures';
import { useApp } from '../../state/app-store';
import { useListView } from '../../state/list-view';
import { useStores } from '../../state/stores-store';
import { renderWithApi } from '../../test/render-with-api';
import { StoresTable } from '../stores/stores-table';
import { formatCpu, formatMemory, resourceCellText } from './format-resources';
import { useResources } from './resources-store';
import { StoreResourcesPanel } from './store-resources-panel';
import { RESOURCE_POLL_MS } from './use-resource-polling';

const MI = 2 ** 20;
const GI = 2 ** 30;

afterEach(() => {
  useListView.getState().reset();
  useResources.setState({ byStore: {}, status: {} });
  vi.useRealTimers();
});

const STORES: Store[] = [
  standInStore({ name: 'spring-sale', status: 'Ready' }),
  standInStore({ name: 'summer-sale', status: 'Ready' }),
];

const withMetrics = (): StoreResources => ({
  metrics: 'available',
  message: null,
  at: new Date(0).toISOString(),
  stores: [
    {
      storeId: 'id-spring-sale',
      usage: { cpuCores: 0.21, memoryBytes: 380 * MI, pods: 2 },
      quota: {
        requestsCpu: { used: 0.35, hard: 1 },
        limitsCpu: { used: 1.5, hard: 2 },
        requestsMemory: { used: 640 * MI, hard: GI },
        limitsMemory: { used: 1.5 * GI, hard: 2 * GI },
      },
    },
    { storeId: 'id-summer-sale', usage: null, quota: null },
  ],
});

function renderList(api: FakeApi): void {
  useApp.getState().setContexts({
    contexts: [standInContext({ name: 'k3d-dev', current: true })],
    errors: [],
    selected: 'k3d-dev',
  });
  useStores.getState().applySnapshot('k3d-dev', STORES, Date.now());
  renderWithApi(<StoresTable onError={() => undefined} />, api);
}

describe('resource figures', () => {
  it('reads as Kubernetes writes them', () => {
    expect(formatCpu(0.21)).toBe('210m');
    expect(formatCpu(1.5)).toBe('1.5');
    expect(formatMemory(380 * MI)).toBe('380 Mi');
    expect(formatMemory(2 * GI)).toBe('2 Gi');
    expect(formatMemory(512 * 1024)).toBe('512 Ki');
    expect(resourceCellText(withMetrics().stores[0])).toBe('210m · 380 Mi / 2 Gi');
    expect(resourceCellText(withMetrics().stores[1])).toBeNull();
  });
});

describe('Resources column', () => {
  it("shows each store's use against its memory limit", async () => {
    const api = fakeApi({ stores: STORES, resources: withMetrics });
    renderList(api);
    expect((await screen.findByTestId('store-resources-spring-sale')).textContent).toBe(
      '210m · 380 Mi / 2 Gi',
    );
    expect(screen.queryByTestId('store-resources-summer-sale')).toBeNull();
    expect(screen.getByRole('columnheader', { name: 'Resources' })).toBeTruthy();
    expect(screen.queryByTestId('resources-hint')).toBeNull();
    expect(api.callsOf('storeResources')).toEqual([{ context: 'k3d-dev' }]);
  });

  it('says once, above the rows, that metrics-server is missing', async () => {
    const api = fakeApi({ stores: STORES });
    renderList(api);
    const hint = await screen.findByTestId('resources-hint');
    expect(hint.textContent).toBe(
      'Resource use needs metrics-server (k3s ships it; on k3d it is on by default).',
    );
    expect(screen.getAllByText(/metrics-server/)).toHaveLength(1);
    expect(screen.getAllByLabelText('No resource figures')).toHaveLength(2);
  });

  it('asks again every 10 s while shown, and not after', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const api = fakeApi({ stores: STORES, resources: withMetrics });
    renderList(api);
    await waitFor(() => expect(api.callsOf('storeResources')).toHaveLength(1));
    await act(() => vi.advanceTimersByTimeAsync(RESOURCE_POLL_MS + 50));
    await waitFor(() => expect(api.callsOf('storeResources')).toHaveLength(2));
    useApp.getState().setContexts({ contexts: [], errors: [], selected: null });
    await act(() => vi.advanceTimersByTimeAsync(3 * RESOURCE_POLL_MS));
    expect(api.callsOf('storeResources')).toHaveLength(2);
  });
});

describe('Resources on the store page', () => {
  it('shows use now and the quota, for that store only', async () => {
    const api = fakeApi({
      stores: STORES,
      resources: (_context, storeId) => ({
        ...withMetrics(),
        stores: withMetrics().stores.filter((s) => s.storeId === storeId),
      }),
    });
    const store = STORES[0] as Store;
    renderWithApi(<StoreResourcesPanel store={store} />, api);
    expect((await screen.findByTestId('resources-memory')).textContent).toContain(
      '380 Mi / 2 Gi (19%)',
    );
    expect(screen.getByTestId('resources-cpu').textContent).toContain('210m / 2 (11%)');
    expect(screen.getByTestId('resources-requests-memory').textContent).toContain(
      '640 Mi / 1 Gi (63%)',
    );
    expect(api.callsOf('storeResources')).toEqual([{ context: store.context, storeId: store.id }]);
  });
});
