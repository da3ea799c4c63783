import { describe, expect, it } from 'vitest';
import { EVENT_NAMES, INVOKE_METHODS } from '../src-shared/ipc/contract';
import { IpcError } from '../src-shared/ipc/ipc-error';
import { buildApi } from './build-api';
import type { IpcRendererLike } from './build-api';

type Listener = (event: unknown, payload: unknown) => void;

/** Stand-in for Electron's ipcRenderer, which cannot load outside Electron. */
function ipcRendererStandIn(
  reply: (channel: string, arg: unknown) => unknown = () => ({ ok: true, value: null }),
) {
  const invoked: { channel: string; arg: unknown }[] = [];
  const listeners = new Map<string, Set<Listener>>();
  const ipc: IpcRendererLike = {
    invoke: async (channel, arg) => {
      invoked.push({ channel, arg });
      return Promise.resolve(reply(channel, arg));
    },
    on: (channel, listener) =>
      listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener)),
    off: (channel, listener) => listeners.get(channel)?.delete(listener),
  };
  const emit = (channel: string, payload: unknown): void => {
    for (const l of listeners.get(channel) ?? []) l({ sender: 'ipcRenderer itself' }, payload);
  };
  return { ipc, invoked, listeners, emit };
}

describe('preload bridge api (ipcRenderer stand-in)', () => {
  it("exposes exactly the contract's methods plus on, and nothing else", () => {
    const api = buildApi(ipcRendererStandIn().ipc);
    expect(Object.keys(api).sort()).toEqual([...INVOKE_METHODS, 'on'].sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    expect(Object.isFrozen(api)).toBe(true);
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('send');
    expect(api).not.toHaveProperty('ipcRenderer');
  });

  it.each(INVOKE_METHODS)('%s invokes its own channel with the argument', async (method) => {
    const stand = ipcRendererStandIn(() => ({ ok: true, value: method }));
    const api = buildApi(stand.ipc);
    const call = api[method] as (arg: unknown) => Promise<unknown>;
    await expect(call({ probe: 1 })).resolves.toBe(method);
    expect(stand.invoked).toEqual([{ channel: `storefleet:invoke:${method}`, arg: { probe: 1 } }]);
  });

  it('re-creates an error envelope as an IpcError with code, message and details', async () => {
    const stand = ipcRendererStandIn(() => ({
      ok: false,
      error: { code: 'limit-exceeded', message: 'At most 20 stores.', details: { limit: 20 } },
    }));
    const p = buildApi(stand.ipc).createStore({
      context: 'k3d-dev',
      name: 'shop',
      kind: 'woocommerce',
    });
    await expect(p).rejects.toBeInstanceOf(IpcError);
    await expect(p).rejects.toMatchObject({
      code: 'limit-exceeded',
      message: 'At most 20 stores.',
      details: { limit: 20 },
    });
  });

  it('treats a malformed reply as internal', async () => {
    const stand = ipcRendererStandIn(() => 'not an envelope');
    await expect(buildApi(stand.ipc).getSettings({})).rejects.toMatchObject({ code: 'internal' });
  });

  it('delivers event payloads without the IpcRendererEvent and unsubscribes', () => {
    const stand = ipcRendererStandIn();
    const api = buildApi(stand.ipc);
    const got: unknown[][] = [];
    const off = api.on('storeEvent', (...args: unknown[]) => got.push(args));
    stand.emit('storefleet:event:storeEvent', { id: 1 });
    off();
    stand.emit('storefleet:event:storeEvent', { id: 2 });
    expect(got).toEqual([[{ id: 1 }]]);
    expect(stand.listeners.get('storefleet:event:storeEvent')?.size).toBe(0);
  });

  it('subscribes only to contract events', () => {
    const api = buildApi(ipcRendererStandIn().ipc);
    for (const event of EVENT_NAMES) expect(typeof api.on(event, () => undefined)).toBe('function');
    expect(() => api.on('ipc-message' as 'storeEvent', () => undefined)).toThrow(IpcError);
  });
});
