import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../../../test-rig/fake-api';
import type { FakeApiSeed } from '../../../../test-rig/fake-api';
import { standInEvent, standInProbe, standInStore } from '../../../../test-rig/fake-fixtures';
import type { HelmRevision } from '../../../../src-shared/types/service-types';
import type { Store, StoreStatus } from '../../../../src-shared/types/store-types';
import { adminAvailableFor } from '../../../../src-shared/types/store-access';
import { IpcError } from '../../../../src-shared/ipc/ipc-error';
import { useApp } from '../../state/app-store';
import { useStores } from '../../state/stores-store';
import { renderWithApi } from '../../test/render-with-api';
import { StorePage } from './store-page';

/** A store as main sends it: adminAvailable follows from its status and step. */
function store(partial: Partial<Store> & { name: string }): Store {
  const s = standInStore(partial);
  return { ...s, adminAvailable: partial.adminAvailable ?? adminAvailableFor(s.status, s.step) };
}

async function openPage(seed: FakeApiSeed & { stores: Store[] }, reachable: boolean | null = true) {
  const api = fakeApi(seed);
  const first = seed.stores[0];
  if (!first) throw new Error('a store to open');
  if (reachable !== null) {
    useApp.getState().setProbe(first.context, {
      state: 'done',
      probe: standInProbe({ context: first.context, reachable }),
    });
  }
  renderWithApi(<StorePage storeId={first.id} />, api);
  await screen.findByTestId('store-actions');
  return { api, storeId: first.id, user: userEvent.setup() };
}

const shown = (testId: string) => screen.queryByTestId(testId) !== null;

describe('store page: what each status offers', () => {
  it.each<[StoreStatus, { retry: boolean; cancel: boolean; forget: boolean }]>([
    ['Queued', { retry: false, cancel: true, forget: false }],
    ['Provisioning', { retry: false, cancel: true, forget: false }],
    ['Ready', { retry: false, cancel: false, forget: false }],
    ['Failed', { retry: true, cancel: false, forget: false }],
    ['Cancelled', { retry: true, cancel: false, forget: false }],
    ['Updating', { retry: false, cancel: false, forget: false }],
    ['Stopped', { retry: false, cancel: false, forget: false }],
    ['Missing', { retry: false, cancel: false, forget: true }],
    ['Deleted', { retry: false, cancel: false, forget: true }],
  ])('%s: Retry, Cancel and Forget as the status allows', async (status, offers) => {
    await openPage({ stores: [store({ name: 'shop', status, step: 'helm' })] });
    expect({
      retry: shown('retry-store'),
      cancel: shown('cancel-store'),
      forget: shown('forget-store'),
    }).toEqual(offers);
    const del = screen.getByTestId<HTMLButtonElement>('delete-store');
    expect(del.disabled).toBe(status === 'Deleted');
  });

  it('retries a Failed store and a Cancelled one', async () => {
    for (const status of ['Failed', 'Cancelled'] as const) {
      const s = store({ name: `shop-${status.toLowerCase()}`, status, step: 'bootstrap' });
      const { api, user } = await openPage({ stores: [s] });
      await user.click(screen.getByTestId('retry-store'));
      expect(api.callsOf('retryStore')).toEqual([{ storeId: s.id }]);
      act(() => {
        useStores.getState().reset();
        useApp.getState().reset();
      });
      document.body.innerHTML = '';
    }
  });

  it('says a Cancelled store was cancelled, not that it failed', async () => {
    await openPage({ stores: [store({ name: 'shop', status: 'Cancelled', step: 'helm' })] });
    expect(screen.getByTestId('store-notice').textContent).toMatch(
      /Setting up shop was cancelled during Helm install\. Retry/,
    );
    expect(screen.queryByText(/^Failed/)).toBeNull();
  });

  it('offers Forget for any store of an unreachable cluster, and Retry waits for it', async () => {
    await openPage(
      { stores: [store({ name: 'shop', status: 'Failed', step: 'helm', error: 'Helm failed.' })] },
      false,
    );
    expect(screen.getByTestId<HTMLButtonElement>('retry-store').disabled).toBe(true);
    expect(shown('forget-store')).toBe(true);
    expect(screen.getByTestId('store-notice').textContent).toMatch(/cannot be reached/);
    expect(screen.getByTestId('history-unavailable').textContent).toMatch(/cluster can be reached/);
  });
});

describe('store page: a Missing store', () => {
  it('says what happened instead of loading forever, and forgets it after a confirmation', async () => {
    const missing = store({ name: 'gone', status: 'Missing', helmRevision: 3 });
    const { api, user } = await openPage({ stores: [missing] });
    useApp.getState().openStore(missing.id);
    expect(screen.getByTestId('store-notice').textContent).toMatch(
      /namespace store-gone is no longer in the cluster/,
    );
    expect(screen.queryByText(/Loading/)).toBeNull();
    expect(api.callsOf('storeHistory')).toEqual([]);
    await user.click(screen.getByTestId('forget-store'));
    expect(api.callsOf('forgetStore')).toEqual([]);
    const confirm = screen.getByTestId('forget-confirm');
    expect(confirm.textContent).toMatch(/Nothing in the cluster is changed/);
    await user.click(within(confirm).getByTestId('forget-confirm-submit'));
    expect(api.callsOf('forgetStore')).toEqual([{ storeId: missing.id }]);
    await waitFor(() => expect(useApp.getState().openStoreId).toBeNull());
  });
});

describe('store page: failure summary, details and admin access', () => {
  const failed = store({
    name: 'shop',
    status: 'Failed',
    step: 'bootstrap',
    error: 'The bootstrap Job failed: WordPress could not reach its database.',
    errorDetails: 'Error: Error establishing a database connection\n(exit code 1)',
  });

  it('shows one sentence, keeps the tool output behind Details, and opens the admin', async () => {
    const { api, user } = await openPage({ stores: [failed] });
    expect(screen.getByTestId('failure-reason').textContent).toBe(failed.error);
    const details = screen.getByTestId('failure-log-tail');
    expect(details.closest('details')?.open).toBe(false);
    expect(details.textContent).toBe(failed.errorDetails);
    await user.click(screen.getByText('Details'));
    expect(details.closest('details')?.open).toBe(true);
    // WordPress answered before the bootstrap failed: its admin is how the owner fixes it.
    await user.click(screen.getByTestId('open-admin'));
    expect(api.callsOf('openStore')).toEqual([{ storeId: failed.id, target: 'admin' }]);
    expect(screen.getByTestId('reveal-credentials')).toBeTruthy();
    expect(screen.getByTestId<HTMLButtonElement>('open-storefront').disabled).toBe(true);
  });

  it('says a raw system error that reached the row in words, as a last guard', async () => {
    await openPage({
      stores: [
        store({ ...failed, error: 'connect ECONNREFUSED 127.0.0.1:6443', errorDetails: null }),
      ],
    });
    expect(screen.getByTestId('failure-reason').textContent).toMatch(/^The connection was refused/);
    expect(screen.getByTestId('store-page').textContent).not.toMatch(/ECONNREFUSED/);
  });

  it('keeps the admin closed while WordPress has not answered yet', async () => {
    await openPage({
      stores: [store({ ...failed, step: 'wait-mariadb', adminAvailable: undefined })],
    });
    expect(screen.getByTestId<HTMLButtonElement>('open-admin').disabled).toBe(true);
    expect(screen.queryByTestId('reveal-credentials')).toBeNull();
  });

  it('clears a stale error and the failure once the store recovers', async () => {
    const { api, user } = await openPage({ stores: [failed] });
    api.failNext('retryStore', new IpcError('unavailable', 'connect ECONNREFUSED 127.0.0.1:6443'));
    await user.click(screen.getByTestId('retry-store'));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/^The connection was refused/);
    act(() =>
      useStores.getState().upsert({
        ...failed,
        status: 'Ready',
        step: null,
        error: null,
        errorDetails: null,
        adminAvailable: true,
        updatedAt: '2030-01-01T00:00:00.000Z',
      }),
    );
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect(screen.queryByTestId('failure-reason')).toBeNull();
  });
});

describe('store page: revisions', () => {
  const ready = store({ name: 'shop', status: 'Ready', helmRevision: 4, version: '10.2.4' });
  const rev = (
    revision: number,
    label: string,
    changes: string[],
    current = false,
  ): HelmRevision => ({
    revision,
    updated: `2025-01-0${revision}T10:00:00Z`,
    status: current ? 'deployed' : 'superseded',
    chart: 'woocommerce-0.1.0',
    appVersion: '6.8.3',
    description: 'Upgrade complete',
    label,
    changes,
    current,
    canRollback: !current,
  });
  const history = {
    [ready.id]: [
      rev(1, 'Created', []),
      rev(2, 'Upgraded', ['WooCommerce 10.2.4 → 10.3.0', 'memory 512Mi → 1Gi']),
      rev(3, 'Stopped', ['stopped']),
      rev(4, 'Started', ['started'], true),
    ],
  };

  it('labels each revision with what it is and what changed, newest first', async () => {
    await openPage({ stores: [ready], history });
    await screen.findByTestId('helm-revision-1');
    const rows = screen.getAllByTestId(/^helm-revision-\d$/);
    expect(rows.map((r) => within(r).getByTestId('revision-label').textContent)).toEqual([
      'Startedcurrent',
      'Stopped',
      'Upgraded',
      'Created',
    ]);
    expect(within(rows[2] as HTMLElement).getByTestId('revision-changes').textContent).toBe(
      'WooCommerce 10.2.4 → 10.3.0 · memory 512Mi → 1Gi',
    );
    expect(screen.getByTestId('store-page').textContent).not.toMatch(/woocommerce-0\.1\.0/);
  });

  it('offers a rollback to every revision but the current one, the last good one included', async () => {
    const { api, user } = await openPage({ stores: [ready], history });
    await screen.findByTestId('helm-revision-1');
    for (const n of [1, 2, 3]) {
      expect(screen.getByRole('button', { name: `Roll back to revision ${n}` })).toBeTruthy();
    }
    expect(screen.queryByRole('button', { name: 'Roll back to revision 4' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Roll back to revision 3' }));
    await user.click(screen.getByRole('button', { name: 'Roll back' }));
    expect(api.callsOf('rollbackStore')).toEqual([{ storeId: ready.id, revision: 3 }]);
  });

  it('rolls back and upgrades from Failed too', async () => {
    const failed = { ...ready, status: 'Failed' as const, step: 'upgrade' as const };
    const { api, user } = await openPage({ stores: [failed], history });
    await screen.findByTestId('helm-revision-1');
    await user.click(screen.getByRole('button', { name: 'Roll back to revision 1' }));
    await user.click(screen.getByRole('button', { name: 'Roll back' }));
    expect(api.callsOf('rollbackStore')).toEqual([{ storeId: failed.id, revision: 1 }]);
    expect(screen.getByTestId<HTMLButtonElement>('open-upgrade').disabled).toBe(false);
  });
});

describe('store page: upgrade form', () => {
  const ready = store({ name: 'shop', status: 'Ready', helmRevision: 1, version: '10.2.4' });

  it('starts at the current values and sends only what changed', async () => {
    const { api, user } = await openPage({ stores: [ready] });
    await user.click(screen.getByTestId('open-upgrade'));
    const version = screen.getByTestId<HTMLInputElement>('upgrade-woocommerceVersion');
    expect(version.value).toBe('10.2.4');
    expect(screen.getByTestId('upgrade-woocommerceVersion-hint').textContent).toBe('Now 10.2.4.');
    expect(screen.getByTestId('upgrade-memoryLimit-hint').textContent).toBe(
      'Now the chart’s default.',
    );
    const submit = screen.getByTestId<HTMLButtonElement>('upgrade-submit');
    expect(submit.disabled).toBe(true);
    await user.type(screen.getByTestId('upgrade-memoryLimit'), '1Gi');
    await user.click(submit);
    expect(api.callsOf('upgradeStore')).toEqual([{ storeId: ready.id, memoryLimit: '1Gi' }]);
  });

  it('takes the current values from the current revision', async () => {
    const history = {
      [ready.id]: [
        {
          revision: 1,
          updated: '2025-01-01T10:00:00Z',
          status: 'deployed',
          chart: 'woocommerce-0.1.0',
          appVersion: '6.8.3',
          description: 'Install complete',
          label: 'Created',
          changes: [],
          current: true,
          canRollback: false,
          values: { wordpressImageTag: '6.8.3-php8.2-apache', memoryLimit: '512Mi' },
        },
      ],
    };
    const { api, user } = await openPage({ stores: [ready], history });
    await screen.findByTestId('helm-revision-1');
    await user.click(screen.getByTestId('open-upgrade'));
    const value = (key: string) => screen.getByTestId<HTMLInputElement>(`upgrade-${key}`).value;
    expect([value('wordpressImageTag'), value('woocommerceVersion'), value('memoryLimit')]).toEqual(
      ['6.8.3-php8.2-apache', '10.2.4', '512Mi'],
    );
    const memory = screen.getByTestId('upgrade-memoryLimit');
    await user.clear(memory);
    await user.type(memory, '1Gi');
    await user.click(screen.getByTestId('upgrade-submit'));
    expect(api.callsOf('upgradeStore')).toEqual([{ storeId: ready.id, memoryLimit: '1Gi' }]);
  });

  it('checks each field as it is typed, with the rule main applies', async () => {
    const { api, user } = await openPage({ stores: [ready] });
    await user.click(screen.getByTestId('open-upgrade'));
    const version = screen.getByTestId<HTMLInputElement>('upgrade-woocommerceVersion');
    await user.clear(version);
    await user.type(version, '9.4');
    expect(version.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByTestId('upgrade-woocommerceVersion-hint').textContent).toMatch(
      /^A WooCommerce version must be a full release number/,
    );
    await user.type(screen.getByTestId('upgrade-memoryLimit'), '8G');
    expect(screen.getByTestId('upgrade-memoryLimit-hint').textContent).toMatch(
      /^A memory limit must be/,
    );
    await user.type(screen.getByTestId('upgrade-wordpressImageTag'), '6.8-fpm');
    expect(screen.getByTestId('upgrade-wordpressImageTag-hint').textContent).toMatch(
      /WordPress image tag must be an -apache tag/,
    );
    expect(screen.getByTestId<HTMLButtonElement>('upgrade-submit').disabled).toBe(true);
    await user.type(version, '.0');
    expect(version.getAttribute('aria-invalid')).toBeNull();
    expect(api.callsOf('upgradeStore')).toEqual([]);
  });
});

describe('store page: timeline', () => {
  it('groups each attempt with its outcome and shows full messages', async () => {
    const s = store({ name: 'shop', status: 'Ready', helmRevision: 1 });
    const long =
      'Bootstrap finished: WordPress installed, WooCommerce 10.2.4 activated, Cash on Delivery enabled and a demo product created.';
    let id = 0;
    const e = (
      step: Parameters<typeof standInEvent>[0]['step'],
      status: Parameters<typeof standInEvent>[0]['status'],
      minute: number,
      message = '',
    ) =>
      standInEvent({
        id: ++id,
        storeId: s.id,
        step,
        status,
        at: `2025-01-01T10:${String(minute).padStart(2, '0')}:00Z`,
        message,
      });
    await openPage({
      stores: [s],
      events: [
        e('bootstrap', 'started', 0),
        e('bootstrap', 'failed', 1, 'The bootstrap Job failed.'),
        e('bootstrap', 'started', 5),
        e('bootstrap', 'succeeded', 6, long),
        e('ready', 'succeeded', 7),
        e('stop', 'started', 8),
        e('stop', 'succeeded', 9),
      ],
    });
    await waitFor(() => expect(screen.getAllByTestId('timeline-attempt-heading')).toHaveLength(3));
    const headings = screen.getAllByTestId('timeline-attempt-heading');
    expect(headings.map((h) => h.dataset.outcome)).toEqual(['failed', 'succeeded', 'succeeded']);
    expect(headings.map((h) => h.textContent?.split(' · ')[0])).toEqual([
      'Create',
      'Retry',
      'Stop',
    ]);
    expect(screen.getByTestId('timeline-step-bootstrap-2').textContent).toContain(long);
    expect(screen.getByTestId('timeline-step-bootstrap-1').dataset.stepState).toBe('failed');
    expect(screen.getByTestId('timeline-step-stop').dataset.stepState).toBe('succeeded');
  });
});
