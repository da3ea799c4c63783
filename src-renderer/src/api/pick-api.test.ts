import { describe, expect, it } from 'vitest';
import { pickApi } from './pick-api';
import { createStandInApi } from './stand-in/stand-in-api';

describe('pickApi', () => {
  const location = { search: '?token=abc123', host: '127.0.0.1:4567' };

  it('prefers the Electron preload when present', () => {
    const storefleet = createStandInApi();
    const choice = pickApi({ storefleet, location }, () => {
      throw new Error('the WebSocket transport must not be used');
    });
    expect(choice).toEqual({ ok: true, api: storefleet, transport: 'electron' });
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
