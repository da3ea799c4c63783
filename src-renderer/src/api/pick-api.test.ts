import { describe, expect, it } from 'vitest';
import { pickApi } from './pick-api';
import { createStandInApi } from './stand-in/stand-in-api';

describe('pickApi', () => {
  const location = { search: '?token=abc123', host: '127.0.0.1:4567' };

  it('prefers the Electron preload when present, re-creating bridge errors with their code', async () => {
    const storefleet = createStandInApi();
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
    const standIn = createStandInApi();
    const choice = pickApi({ location }, (url, token) => {
      seen.push(url, token);
      return standIn;
    });
    expect(seen).toEqual(['ws://127.0.0.1:4567/ipc', 'abc123']);
    expect(choice.ok && choice.transport).toBe('websocket');
  });

  it('explains what to do without a token', () => {
    const choice = pickApi({ location: { search: '', host: 'x' } }, () => createStandInApi());
    expect(choice.ok).toBe(false);
    expect(!choice.ok && choice.reason).toContain('?token=');
  });
});
