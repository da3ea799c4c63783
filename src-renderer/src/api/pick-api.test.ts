import { describe, expect, it } from 'vitest';
import { errorMessage } from './error-message';
import { pickApi } from './pick-api';
import { fakeApi } from '../../../test-rig/fake-api';

describe('pickApi', () => {
  const location = { search: '?token=abc123', host: '127.0.0.1:4567' };

  it('prefers the Electron preload when present, re-creating bridge errors with their code', async () => {
    const storefleet = fakeApi();
    // The preload rejects with a tagged plain object: contextBridge would strip an Error's fields.
    storefleet.getStore = () =>
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
      Promise.reject({ tag: 'storefleet-ipc-error', code: 'not-found', message: 'No such store' });
    const choice = pickApi({ storefleet, location }, () => {
      throw new Error('the WebSocket transport must not be used');
    });
    expect(choice.ok && choice.transport).toBe('electron');
    if (!choice.ok) return;
    await expect(choice.api.listContexts({})).resolves.toEqual(await storefleet.listContexts({}));
    await expect(choice.api.getStore({ storeId: 'x' })).rejects.toMatchObject({
      code: 'not-found',
      message: 'No such store',
    });
  });

  it('otherwise opens the WebSocket on this host with the token from the address', () => {
    const seen: string[] = [];
    const standIn = fakeApi();
    const choice = pickApi({ location }, (url, token) => {
      seen.push(url, token);
      return standIn;
    });
    expect(seen).toEqual(['ws://127.0.0.1:4567/ipc', 'abc123']);
    expect(choice.ok && choice.transport).toBe('websocket');
  });

  it('explains what to do without a token', () => {
    const choice = pickApi({ location: { search: '', host: 'x' } }, () => fakeApi());
    expect(choice.ok).toBe(false);
    expect(!choice.ok && choice.reason).toContain('?token=');
  });

  it('takes the token out of the address bar and keeps it in the tab for a reload', () => {
    const replaced: (string | undefined)[] = [];
    const stored = new Map<string, string>();
    const win = {
      location: {
        search: '?token=abc123&view=list',
        host: '127.0.0.1:4567',
        pathname: '/',
        hash: '#stores',
      },
      history: { replaceState: (_d: unknown, _u: string, url?: string) => replaced.push(url) },
      sessionStorage: {
        getItem: (k: string) => stored.get(k) ?? null,
        setItem: (k: string, v: string) => void stored.set(k, v),
      },
    };
    const tokens: string[] = [];
    const open = (_url: string, token: string) => {
      tokens.push(token);
      return fakeApi();
    };
    expect(pickApi(win, open).ok).toBe(true);
    expect(replaced).toEqual(['/?view=list#stores']);

    // A reload: the address has no token any more; the tab still has it.
    win.location.search = '?view=list';
    expect(pickApi(win, open).ok).toBe(true);
    expect(tokens).toEqual(['abc123', 'abc123']);
    expect(replaced).toHaveLength(1);
  });

  it('says where the app log is, for the host the page talks to', () => {
    const internal = new Error('Storefleet hit an unexpected problem. Details are in the app log.');
    pickApi({ location: { search: '?token=t', host: 'h' } }, () => fakeApi());
    expect(errorMessage(internal)).toBe(
      'Storefleet hit an unexpected problem. Details are in the app log: the output of ' +
        '`npm run serve`, in the terminal that runs it.',
    );
    pickApi({ storefleet: fakeApi(), location: { search: '', host: 'h' } }, null);
    expect(errorMessage(internal)).toBe(
      'Storefleet hit an unexpected problem. Details are in the app log: Storefleet’s standard ' +
        'error, shown in the terminal that started it.',
    );
    expect(
      errorMessage(new Error('The disk holding the app database is full (SQLITE_FULL).')),
    ).toBe('The disk holding the app database is full (SQLITE_FULL).');
  });
});
