import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../../../test-rig/fake-api';
import { IpcError } from '../../../../src-shared/ipc/ipc-error';
import { standInContext, standInStore } from '../../../../test-rig/fake-fixtures';
import { renderWithApi } from '../../test/render-with-api';
import { App } from '../app/app';
import { slugifyTyped } from './store-slug';

async function openDialog(api = fakeApi()) {
  const user = userEvent.setup();
  renderWithApi(<App />, api);
  await waitFor(() => expect(api.callsOf('listStores')).toHaveLength(1));
  await user.click(screen.getByTestId('create-store-button'));
  const name = await screen.findByTestId('create-store-name');
  const submit = screen.getByTestId<HTMLButtonElement>('create-store-submit');
  return { user, api, name, submit };
}

describe('create store dialog', () => {
  it.each([
    ['-shop', 'start with a letter'],
    ['1shop', 'start with a letter'],
    ['a'.repeat(41), 'at most 40'],
  ])(
    'shows why %j is not a valid name, keeps submit disabled and does not call main',
    async (bad, fragment) => {
      const { user, api, name, submit } = await openDialog();
      await user.type(name, bad);
      expect(screen.getByTestId('create-store-error').textContent).toContain(fragment);
      expect(name.getAttribute('aria-invalid')).toBe('true');
      expect(submit.disabled).toBe(true);
      await user.type(name, '{Enter}');
      expect(api.callsOf('createStore')).toEqual([]);
    },
  );

  it.each([
    ['My Shop', 'my-shop'],
    ['my_shop', 'my-shop'],
    ['Spring Sale ', 'spring-sale'],
  ])('turns %j into the store name %j as it is typed', async (typedText, stored) => {
    const { user, api, name, submit } = await openDialog();
    await user.type(name, typedText);
    expect((name as HTMLInputElement).value).toBe(slugifyTyped(typedText));
    expect(screen.queryByTestId('create-store-error')).toBeNull();
    expect(screen.getByTestId('create-store-dialog').textContent).toContain(
      `http://${stored}.localhost`,
    );
    await user.click(submit);
    await waitFor(() =>
      expect(api.callsOf('createStore')).toEqual([
        { context: 'k3d-dev', name: stored, kind: 'woocommerce' },
      ]),
    );
  });

  it('shows how many stores the context has of its limit before anything is submitted', async () => {
    const stores = Array.from({ length: 12 }, (_, i) =>
      standInStore({ name: `shop-${i}`, status: 'Ready' }),
    );
    const api = fakeApi({ stores, settings: { maxStoresPerContext: 20, maxCreatesPerMinute: 5 } });
    await openDialog(api);
    expect((await screen.findByTestId('create-limits')).textContent).toBe(
      '12 of 20 stores on k3d-dev · 0 of 5 creations in the last minute',
    );
    expect(screen.queryByTestId('create-limit-reached')).toBeNull();
  });

  it('at the store cap says so and keeps submit disabled for a valid name', async () => {
    const stores = [standInStore({ name: 'a' }), standInStore({ name: 'b', status: 'Ready' })];
    const api = fakeApi({ stores, settings: { maxStoresPerContext: 2 } });
    const { user, name, submit } = await openDialog(api);
    await user.type(name, 'third');
    expect((await screen.findByTestId('create-limit-reached')).textContent).toContain(
      'k3d-dev has 2 of 2 stores, the most allowed',
    );
    expect(submit.disabled).toBe(true);
    await user.type(name, '{Enter}');
    expect(api.callsOf('createStore')).toEqual([]);
  });

  it('with the minute used up says when the next creation slot opens', async () => {
    const createdAt = new Date(Date.now() - 20_000).toISOString();
    const api = fakeApi({
      stores: [standInStore({ name: 'fresh', createdAt, updatedAt: createdAt })],
      settings: { maxCreatesPerMinute: 1 },
    });
    const { user, name, submit } = await openDialog(api);
    await user.type(name, 'next');
    const note = await screen.findByTestId('create-limit-reached');
    expect(note.textContent).toMatch(/next one can be created in (39|40) s/);
    expect(submit.disabled).toBe(true);
  });

  it('clears the error once the name is fixed', async () => {
    const { user, name, submit } = await openDialog();
    await user.type(name, '-shop');
    expect(screen.getByTestId('create-store-error')).toBeTruthy();
    await user.clear(name);
    await user.type(name, 'shop');
    expect(screen.queryByTestId('create-store-error')).toBeNull();
    expect(submit.disabled).toBe(false);
  });

  it('rejects a name already used in this context', async () => {
    const api = fakeApi({ stores: [standInStore({ name: 'taken' })] });
    const { user, name, submit } = await openDialog(api);
    await user.type(name, 'taken');
    expect(screen.getByTestId('create-store-error').textContent).toContain('already exists');
    expect(submit.disabled).toBe(true);
  });

  it('offers Medusa and creates a Medusa store with it', async () => {
    const { user, api, name, submit } = await openDialog();
    await user.type(name, 'medusa-shop');
    await user.click(screen.getByTestId('create-store-kind'));
    const medusa = await screen.findByRole('option', { name: /medusa/i });
    expect(medusa.getAttribute('aria-disabled')).toBeNull();
    expect(medusa.textContent).not.toContain('not yet available');
    await user.click(medusa);
    expect(screen.getByTestId('create-store-kind-hint').textContent).toContain('builds its image');
    await user.click(submit);
    await waitFor(() =>
      expect(api.callsOf('createStore')).toEqual([
        { context: 'k3d-dev', name: 'medusa-shop', kind: 'medusa' },
      ]),
    );
  });

  it('shows a kind the installation cannot run as not yet available', async () => {
    const api = fakeApi({
      kinds: [
        { kind: 'woocommerce', displayName: 'WooCommerce', available: true },
        { kind: 'medusa', displayName: 'Medusa', available: false },
      ],
    });
    const { user } = await openDialog(api);
    await user.click(screen.getByTestId('create-store-kind'));
    const medusa = await screen.findByRole('option', { name: /medusa/i });
    expect(medusa.getAttribute('aria-disabled')).toBe('true');
    expect(medusa.textContent).toContain('not yet available');
  });

  it.each([false, true])(
    'shows the new store as Queued at once (event before reply: %s)',
    async (emitBeforeCreateReturns) => {
      const api = fakeApi({ emitBeforeCreateReturns });
      const { user, name, submit } = await openDialog(api);
      await user.type(name, 'fresh-shop');
      await user.click(submit);
      expect(api.callsOf('createStore')).toEqual([
        { context: 'k3d-dev', name: 'fresh-shop', kind: 'woocommerce' },
      ]);
      expect((await screen.findByTestId('store-status-fresh-shop')).textContent).toBe('Queued');
      expect(screen.getAllByTestId('store-row-fresh-shop')).toHaveLength(1);
      expect(screen.queryByTestId('create-store-name')).toBeNull();
    },
  );

  it('shows a server error inline and stays open', async () => {
    const api = fakeApi();
    api.failNext(
      'createStore',
      new IpcError('limit-exceeded', 'This context already has 50 stores.\nDelete one first.'),
    );
    const { user, name, submit } = await openDialog(api);
    await user.type(name, 'one-more');
    await user.click(submit);
    const error = await screen.findByTestId('create-store-error');
    expect(error.textContent).toContain('already has 50 stores');
    expect(screen.getByTestId('create-store-name')).toBeTruthy();
    expect(screen.queryByTestId('store-row-one-more')).toBeNull();
  });

  it('asks for confirmation before creating on a context that is not local', async () => {
    const api = fakeApi({
      contexts: [
        standInContext({
          name: 'vps',
          kind: 'k3s',
          local: false,
          server: 'https://203.0.113.5:6443',
        }),
      ],
    });
    const { user, name, submit } = await openDialog(api);
    await user.type(name, 'remote-shop');
    const warning = screen.getByTestId('remote-warning');
    expect(warning.textContent).toContain('203.0.113.5');
    expect(submit.disabled).toBe(true);
    await user.click(within(warning).getByTestId('remote-confirm'));
    expect(submit.disabled).toBe(false);
    await user.click(submit);
    await waitFor(() => expect(api.callsOf('createStore')).toHaveLength(1));
  });
});
