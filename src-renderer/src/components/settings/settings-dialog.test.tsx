import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { settingsPatch } from '../../../../src-shared/ipc/schemas';
import { fakeApi } from '../../../../test-rig/fake-api';
import { IpcError } from '../../../../src-shared/ipc/ipc-error';
import type { FakeApi } from '../../../../test-rig/fake-api';
import { renderWithApi } from '../../test/render-with-api';
import { App } from '../app/app';
import { LIMIT_FIELDS, helmPathProblem } from './settings-dialog';

const SEED = {
  maxConcurrentProvisions: 3,
  maxStoresPerContext: 20,
  maxCreatesPerMinute: 5,
  helmPath: '/usr/local/bin/helm',
};

function field(testId: string): HTMLInputElement {
  return screen.getByTestId<HTMLInputElement>(testId);
}

async function openSettings(api: FakeApi = fakeApi({ settings: SEED })) {
  const user = userEvent.setup();
  renderWithApi(<App />, api);
  await waitFor(() => expect(api.callsOf('listStores')).toHaveLength(1));
  await user.click(screen.getByTestId('settings-button'));
  await screen.findByTestId('settings-max-concurrent');
  const save = screen.getByTestId<HTMLButtonElement>('settings-save');
  return { user, api, save };
}

async function replace(user: ReturnType<typeof userEvent.setup>, testId: string, text: string) {
  await user.clear(field(testId));
  if (text) await user.type(field(testId), text);
}

describe('settings dialog', () => {
  it('shows Loading… until getSettings answers, then the current values', async () => {
    const api = fakeApi({ settings: SEED });
    let answer: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (answer = resolve));
    const getSettings = api.getSettings;
    vi.spyOn(api, 'getSettings').mockImplementation(async (arg) => {
      await gate;
      return getSettings(arg);
    });
    const user = userEvent.setup();
    renderWithApi(<App />, api);
    const button = await screen.findByRole('button', { name: 'Settings' });
    await user.click(button);
    expect(screen.getByRole('dialog', { name: 'Settings' })).toBeTruthy();
    expect(screen.getByTestId('settings-loading').textContent).toBe('Loading…');
    expect(screen.getByTestId<HTMLButtonElement>('settings-save').disabled).toBe(true);
    answer();

    expect((await screen.findByLabelText('Provisions at once')).getAttribute('data-testid')).toBe(
      'settings-max-concurrent',
    );
    expect(screen.queryByTestId('settings-loading')).toBeNull();
    expect(screen.getByLabelText<HTMLInputElement>('Provisions at once').value).toBe('3');
    expect(screen.getByLabelText<HTMLInputElement>('Stores per context').value).toBe('20');
    expect(screen.getByLabelText<HTMLInputElement>('Creations per minute').value).toBe('5');
    expect(screen.getByLabelText<HTMLInputElement>('Helm binary').value).toBe(
      '/usr/local/bin/helm',
    );
    expect(screen.getByTestId('settings-dialog').textContent).toContain('find helm on PATH');
    expect(screen.getByTestId<HTMLButtonElement>('settings-save').disabled).toBe(false);
  });

  it('shows an error line when the settings cannot be loaded', async () => {
    const api = fakeApi();
    api.failNext('getSettings', new IpcError('internal', 'The settings file is unreadable.'));
    const user = userEvent.setup();
    renderWithApi(<App />, api);
    await user.click(await screen.findByTestId('settings-button'));
    expect((await screen.findByTestId('settings-error')).textContent).toBe(
      'The settings file is unreadable.',
    );
    expect(screen.queryByTestId('settings-loading')).toBeNull();
    expect(screen.queryByTestId('settings-max-concurrent')).toBeNull();
    expect(screen.getByTestId<HTMLButtonElement>('settings-save').disabled).toBe(true);
  });

  it.each([
    ['settings-max-concurrent', '11', 'Between 1 and 10.'],
    ['settings-max-concurrent', '0', 'Between 1 and 10.'],
    ['settings-max-concurrent', '', 'Between 1 and 10.'],
    ['settings-max-stores', '501', 'Between 1 and 500.'],
    ['settings-max-creates', '61', 'Between 1 and 60.'],
    ['settings-max-creates', '2.5', 'A whole number between 1 and 60.'],
  ])('refuses %s = %j inline, disables Save and calls nothing', async (testId, text, message) => {
    const { user, api, save } = await openSettings();
    const update = vi.spyOn(api, 'updateSettings');
    await replace(user, testId, text);
    expect(screen.getByTestId(`${testId}-error`).textContent).toBe(message);
    expect(field(testId).getAttribute('aria-invalid')).toBe('true');
    expect(save.disabled).toBe(true);
    await user.type(field(testId), '{Enter}');
    expect(update).not.toHaveBeenCalled();
    expect(api.callsOf('updateSettings')).toEqual([]);
    expect(screen.getByTestId('settings-dialog')).toBeTruthy();
  });

  it('refuses a relative helm path inline and accepts it once absolute', async () => {
    const { user, api, save } = await openSettings();
    await replace(user, 'settings-helm-path', 'bin/helm');
    expect(screen.getByTestId('settings-helm-path-error').textContent).toContain('absolute path');
    expect(field('settings-helm-path').getAttribute('aria-invalid')).toBe('true');
    expect(save.disabled).toBe(true);
    await user.click(save);
    expect(api.callsOf('updateSettings')).toEqual([]);

    await replace(user, 'settings-helm-path', 'C:\\Tools\\helm.exe');
    expect(screen.queryByTestId('settings-helm-path-error')).toBeNull();
    expect(save.disabled).toBe(false);
  });

  it('sends only the fields that changed and closes', async () => {
    const { user, api, save } = await openSettings();
    const update = vi.spyOn(api, 'updateSettings');
    await replace(user, 'settings-max-concurrent', '5');
    await replace(user, 'settings-helm-path', '');
    await user.click(save);
    await waitFor(() => expect(screen.queryByTestId('settings-dialog')).toBeNull());
    expect(update).toHaveBeenCalledTimes(1);
    expect(update).toHaveBeenCalledWith({ maxConcurrentProvisions: 5, helmPath: null });
    expect(await api.getSettings({})).toMatchObject({
      ...SEED,
      maxConcurrentProvisions: 5,
      helmPath: null,
    });
  });

  it('closes without calling main when nothing changed', async () => {
    const { user, api, save } = await openSettings();
    await replace(user, 'settings-max-stores', '20');
    await user.click(save);
    await waitFor(() => expect(screen.queryByTestId('settings-dialog')).toBeNull());
    expect(api.callsOf('updateSettings')).toEqual([]);
  });

  it('shows an error from main, stays open and keeps the entered values', async () => {
    const api = fakeApi({ settings: SEED });
    api.failNext(
      'updateSettings',
      new IpcError('internal', 'Storefleet could not save the settings.'),
    );
    const { user, save } = await openSettings(api);
    await replace(user, 'settings-max-stores', '100');
    await replace(user, 'settings-helm-path', '/opt/helm/bin/helm');
    await user.click(save);
    expect((await screen.findByTestId('settings-error')).textContent).toBe(
      'Storefleet could not save the settings.',
    );
    expect(screen.getByTestId('settings-dialog')).toBeTruthy();
    expect(field('settings-max-stores').value).toBe('100');
    expect(field('settings-helm-path').value).toBe('/opt/helm/bin/helm');
    expect(save.disabled).toBe(false);
    expect(api.callsOf('updateSettings')).toEqual([
      { maxStoresPerContext: 100, helmPath: '/opt/helm/bin/helm' },
    ]);

    await user.type(field('settings-max-stores'), '0');
    expect(screen.queryByTestId('settings-error')).toBeNull();
  });

  it('Cancel closes without saving', async () => {
    const { user, api } = await openSettings();
    await replace(user, 'settings-max-creates', '30');
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByTestId('settings-dialog')).toBeNull());
    expect(api.callsOf('updateSettings')).toEqual([]);
  });

  it('Escape closes without saving, and reopening shows the saved values', async () => {
    const { user, api } = await openSettings();
    await replace(user, 'settings-max-creates', '30');
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByTestId('settings-dialog')).toBeNull());
    expect(api.callsOf('updateSettings')).toEqual([]);
    await user.click(screen.getByTestId('settings-button'));
    expect((await screen.findByTestId<HTMLInputElement>('settings-max-creates')).value).toBe('5');
  });
});

describe('settings bounds', () => {
  const shape = settingsPatch.shape;

  it.each(LIMIT_FIELDS.map((f) => [f.key, f] as const))(
    '%s uses the same bounds as main',
    (key, f) => {
      expect(shape[key].safeParse(f.min).success).toBe(true);
      expect(shape[key].safeParse(f.max).success).toBe(true);
      expect(shape[key].safeParse(f.min - 1).success).toBe(false);
      expect(shape[key].safeParse(f.max + 1).success).toBe(false);
    },
  );

  it.each(['/usr/bin/helm', 'C:\\helm\\helm.exe', 'd:/bin/helm', 'helm', './helm', 'C:helm'])(
    'judges helm path %j as main does',
    (path) => {
      expect(helmPathProblem(path) === null).toBe(shape.helmPath.safeParse(path).success);
    },
  );
});
