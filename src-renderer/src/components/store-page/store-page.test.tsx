import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi } from '../../../../test-rig/fake-api';
import type { FakeApiSeed } from '../../../../test-rig/fake-api';
import { standInEvent, standInStore } from '../../../../test-rig/fake-fixtures';
import { useApp } from '../../state/app-store';
import { useStores } from '../../state/stores-store';
import { renderWithApi } from '../../test/render-with-api';
import { CREDENTIALS_VISIBLE_MS } from './credentials-panel';
import { StorePage } from './store-page';

const SECRET = 'Zq9-very-secret-Password';

async function openPage(seed: FakeApiSeed & { stores: NonNullable<FakeApiSeed['stores']> }) {
  const api = fakeApi({
    credentials: {
      username: 'shop-admin',
      password: SECRET,
      adminUrl: 'http://shop.localhost/wp-admin/',
    },
    ...seed,
  });
  const storeId = seed.stores[0]?.id ?? '';
  renderWithApi(<StorePage storeId={storeId} />, api);
  await screen.findByTestId('open-storefront');
  return { api, storeId, user: userEvent.setup() };
}

afterEach(() => vi.useRealTimers());

describe('store page: credentials', () => {
  it.each(['Queued', 'Provisioning', 'Failed', 'Updating', 'Stopped'] as const)(
    'offers no reveal while %s',
    async (status) => {
      await openPage({ stores: [standInStore({ name: 'shop', status, step: 'helm' })] });
      expect(screen.queryByTestId('reveal-credentials')).toBeNull();
      expect(screen.queryByTestId('credentials-password')).toBeNull();
      expect(screen.getByText('Available as soon as WordPress answers.')).toBeTruthy();
    },
  );

  it('keeps a Ready store’s password hidden until asked, and out of the shared state', async () => {
    const { api, user } = await openPage({
      stores: [standInStore({ name: 'shop', status: 'Ready' })],
    });
    expect(screen.queryByTestId('credentials-password')).toBeNull();
    expect(api.callsOf('revealCredentials')).toEqual([]);
    await user.click(screen.getByTestId('reveal-credentials'));
    expect((await screen.findByTestId('credentials-password')).textContent).toBe(SECRET);
    expect(JSON.stringify(useStores.getState())).not.toContain(SECRET);
    expect(JSON.stringify(useApp.getState())).not.toContain(SECRET);
    await user.click(screen.getByTestId('hide-credentials'));
    expect(screen.queryByTestId('credentials-password')).toBeNull();
  });

  it(`hides the password again after ${CREDENTIALS_VISIBLE_MS / 1000} s`, async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { user } = await openPage({ stores: [standInStore({ name: 'shop', status: 'Ready' })] });
    await user.click(screen.getByTestId('reveal-credentials'));
    await screen.findByTestId('credentials-password');
    act(() => {
      vi.advanceTimersByTime(CREDENTIALS_VISIBLE_MS - 1000);
    });
    expect(screen.getByTestId('credentials-password')).toBeTruthy();
    act(() => {
      vi.advanceTimersByTime(1000);
    });
    expect(screen.queryByTestId('credentials-password')).toBeNull();
  });

  it('drops the password when the store leaves Ready', async () => {
    const ready = standInStore({ name: 'shop', status: 'Ready' });
    const { user } = await openPage({ stores: [ready] });
    await user.click(screen.getByTestId('reveal-credentials'));
    await screen.findByTestId('credentials-password');
    act(() =>
      useStores
        .getState()
        .upsert({ ...ready, status: 'Updating', updatedAt: '2025-02-01T00:00:00Z' }),
    );
    expect(screen.queryByTestId('credentials-password')).toBeNull();
    act(() =>
      useStores.getState().upsert({ ...ready, status: 'Ready', updatedAt: '2025-02-02T00:00:00Z' }),
    );
    expect(screen.queryByTestId('credentials-password')).toBeNull();
  });
});

describe('store page: actions', () => {
  it('deletes only after the exact name is typed', async () => {
    const store = standInStore({ name: 'doomed', status: 'Ready' });
    const { api, user } = await openPage({ stores: [store] });
    await user.click(screen.getByTestId('delete-store'));
    const input = await screen.findByTestId('delete-confirm-input');
    const submit = screen.getByTestId<HTMLButtonElement>('delete-confirm-submit');
    expect(submit.disabled).toBe(true);
    await user.type(input, 'doome');
    expect(submit.disabled).toBe(true);
    await user.type(input, '{Enter}');
    expect(api.callsOf('deleteStore')).toEqual([]);
    await user.type(input, 'd');
    expect(submit.disabled).toBe(false);
    await user.click(submit);
    await waitFor(() => expect(api.callsOf('deleteStore')).toEqual([{ storeId: store.id }]));
    await waitFor(() => expect(screen.queryByTestId('delete-confirm-input')).toBeNull());
  });

  it('cancels a store that is still provisioning', async () => {
    const store = standInStore({ name: 'shop', status: 'Provisioning', step: 'helm' });
    const { api, user } = await openPage({ stores: [store] });
    await user.click(screen.getByTestId('cancel-store'));
    expect(api.callsOf('cancelStore')).toEqual([{ storeId: store.id }]);
  });

  it('opens storefront and admin through main, only when Ready', async () => {
    const store = standInStore({ name: 'shop', status: 'Ready' });
    const { api, user } = await openPage({ stores: [store] });
    expect(screen.queryByTestId('cancel-store')).toBeNull();
    await user.click(screen.getByTestId('open-storefront'));
    await user.click(screen.getByTestId('open-admin'));
    expect(api.callsOf('openStore')).toEqual([
      { storeId: store.id, target: 'storefront' },
      { storeId: store.id, target: 'admin' },
    ]);
  });
});

describe('store page: failure and timeline', () => {
  it('shows the failed step, the multi-line reason in a pre block, and the log tail', async () => {
    const reason = 'The bootstrap Job failed.\nwp: Error establishing a database connection';
    const store = standInStore({
      name: 'shop',
      status: 'Failed',
      step: 'bootstrap',
      error: reason,
    });
    await openPage({
      stores: [store],
      events: [
        standInEvent({ id: 1, storeId: store.id, step: 'helm', status: 'succeeded' }),
        standInEvent({ id: 2, storeId: store.id, step: 'bootstrap', status: 'started' }),
        standInEvent({
          id: 3,
          storeId: store.id,
          step: 'bootstrap',
          status: 'failed',
          message: 'line 1\nline 2',
        }),
      ],
    });
    const pre = screen.getByTestId('failure-reason');
    expect(pre.tagName).toBe('PRE');
    expect(pre.textContent).toBe(reason);
    expect(screen.getByText('Failed at Bootstrap')).toBeTruthy();
    expect((await screen.findByTestId('failure-log-tail')).textContent).toBe('line 1\nline 2');
    expect(screen.getByTestId('timeline-step-bootstrap').dataset.stepState).toBe('failed');
  });

  it('lists steps with their state and the pending ones while provisioning', async () => {
    const store = standInStore({ name: 'shop', status: 'Provisioning', step: 'helm' });
    await openPage({
      stores: [store],
      events: [
        standInEvent({
          id: 1,
          storeId: store.id,
          step: 'validate',
          status: 'started',
          at: '2025-01-01T10:00:00Z',
        }),
        standInEvent({
          id: 2,
          storeId: store.id,
          step: 'validate',
          status: 'succeeded',
          at: '2025-01-01T10:00:02Z',
        }),
        standInEvent({ id: 3, storeId: store.id, step: 'helm', status: 'started' }),
      ],
    });
    await waitFor(() =>
      expect(screen.getByTestId('timeline-step-validate').dataset.stepState).toBe('succeeded'),
    );
    expect(screen.getByTestId('timeline-step-validate').textContent).toContain('0:02');
    expect(screen.getByTestId('timeline-step-helm').dataset.stepState).toBe('running');
    expect(screen.getByTestId('timeline-step-verify').dataset.stepState).toBe('pending');
  });
});

describe('store page: Helm revisions', () => {
  const store = standInStore({ name: 'shop', status: 'Ready', helmRevision: 2 });
  const history = {
    [store.id]: [
      {
        revision: 1,
        updated: '2025-01-01T10:00:00Z',
        status: 'superseded',
        chart: 'woocommerce-0.1.0',
        appVersion: '6.7',
        description: 'Install complete',
        label: 'Created',
        changes: [],
        current: false,
        canRollback: true,
      },
      {
        revision: 2,
        updated: '2025-01-02T10:00:00Z',
        status: 'deployed',
        chart: 'woocommerce-0.1.0',
        appVersion: '6.7',
        description: 'Upgrade complete',
        label: 'Upgraded',
        changes: ['memory 512Mi → 1Gi'],
        current: true,
        canRollback: false,
      },
    ],
  };

  it('asks for history only once the store has settled, then shows it', async () => {
    const provisioning = {
      ...store,
      status: 'Provisioning' as const,
      step: 'wait-mariadb' as const,
    };
    const { api } = await openPage({ stores: [provisioning], history });
    expect(api.callsOf('storeHistory')).toEqual([]);
    act(() => useStores.getState().upsert({ ...store, updatedAt: '2030-01-01T00:00:00.000Z' }));
    await screen.findByTestId('helm-revision-1');
    expect(api.callsOf('storeHistory')).toEqual([{ storeId: store.id }]);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('rolls back to an earlier revision after a second click', async () => {
    const { api, user } = await openPage({ stores: [store], history });
    await screen.findByTestId('helm-revision-1');
    await user.click(screen.getByRole('button', { name: 'Roll back to revision 1' }));
    expect(api.callsOf('rollbackStore')).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Roll back' }));
    expect(api.callsOf('rollbackStore')).toEqual([{ storeId: store.id, revision: 1 }]);
  });

  it('upgrades with only the fields the user filled in', async () => {
    const { api, user } = await openPage({ stores: [store], history });
    await user.click(screen.getByRole('button', { name: /upgrade…/i }));
    const submit = screen.getByTestId<HTMLButtonElement>('upgrade-submit');
    expect(submit.disabled).toBe(true);
    await user.type(screen.getByTestId('upgrade-memoryLimit'), '1G');
    expect(submit.disabled).toBe(true);
    await user.type(screen.getByTestId('upgrade-memoryLimit'), 'i');
    await user.click(submit);
    expect(api.callsOf('upgradeStore')).toEqual([{ storeId: store.id, memoryLimit: '1Gi' }]);
  });
});

describe('store page: stop and start', () => {
  it('offers Stop only for a Ready store and Start only for a Stopped one', async () => {
    const ready = await openPage({ stores: [standInStore({ name: 'shop', status: 'Ready' })] });
    expect(screen.queryByTestId('start-store')).toBeNull();
    await ready.user.click(screen.getByTestId('stop-store'));
    expect(ready.api.callsOf('stopStore')).toEqual([{ storeId: ready.storeId }]);
  });

  it('starts a Stopped store', async () => {
    const { api, storeId, user } = await openPage({
      stores: [standInStore({ name: 'shop', status: 'Stopped' })],
    });
    expect(screen.queryByTestId('stop-store')).toBeNull();
    await user.click(screen.getByTestId('start-store'));
    expect(api.callsOf('startStore')).toEqual([{ storeId }]);
  });
});

describe('store page: a Medusa store', () => {
  it('reveals the admin email and the publishable key, and opens the admin at /app', async () => {
    const store = standInStore({ name: 'mshop', kind: 'medusa', status: 'Ready' });
    const api = fakeApi({ stores: [store] });
    renderWithApi(<StorePage storeId={store.id} />, api);
    await screen.findByTestId('open-storefront');
    const user = userEvent.setup();
    await user.click(screen.getByTestId('reveal-credentials'));
    expect((await screen.findByTestId('credentials-username')).textContent).toBe(
      'admin@mshop.localhost',
    );
    expect(screen.getByText('Email')).toBeTruthy();
    expect(screen.getByTestId('credentials-publishable-key').textContent).toMatch(/^pk_/);
    expect(screen.getByTestId('open-admin').textContent).toBe(' Medusa Admin');
    await user.click(screen.getByTestId('open-admin'));
    expect(api.services.opened).toEqual(['http://mshop.localhost/app']);
  });

  it('says the login comes once Medusa answers, and lists its own steps', async () => {
    const store = standInStore({
      name: 'mshop',
      kind: 'medusa',
      status: 'Provisioning',
      step: 'wait-postgres',
    });
    await openPage({
      stores: [store],
      events: [standInEvent({ id: 1, storeId: store.id, step: 'image', status: 'succeeded' })],
    });
    expect(screen.getByText('Available as soon as Medusa answers.')).toBeTruthy();
    const timeline = screen.getByTestId('timeline').textContent ?? '';
    for (const label of ['Image', 'PostgreSQL', 'Medusa', 'Admin user']) {
      expect(timeline).toContain(label);
    }
    expect(timeline).not.toContain('MariaDB');
  });

  it('offers only the memory limit in its upgrade form', async () => {
    const store = standInStore({ name: 'mshop', kind: 'medusa', status: 'Ready', helmRevision: 1 });
    const { user } = await openPage({ stores: [store] });
    await user.click(await screen.findByRole('button', { name: /upgrade…/i }));
    expect(screen.getByTestId('upgrade-memoryLimit')).toBeTruthy();
    expect(screen.queryByTestId('upgrade-wordpressImageTag')).toBeNull();
    expect(screen.queryByTestId('upgrade-woocommerceVersion')).toBeNull();
  });
});
