import { describe, expect, it } from 'vitest';
import type { IpcMainInvokeEvent } from 'electron';
import { INVOKE_METHODS, invokeChannel } from '../../src-shared/ipc/contract';
import { createDispatch } from '../ipc/dispatch';
import { fakeServices } from '../../test-rig/fake-services';
import { registerIpcHandlers } from './ipc-electron';
import type { IpcMainLike } from './ipc-electron';

type Listener = Parameters<IpcMainLike['handle']>[1];
const APP = 'file:///opt/storefleet/out/renderer/index.html';

/** Stand-in for Electron's ipcMain, which cannot load outside Electron. */
function ipcMainStandIn() {
  const handlers = new Map<string, Listener>();
  const ipc: IpcMainLike = {
    handle: (channel, listener) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler: (channel) => handlers.delete(channel),
  };
  const call = (channel: string, frame: { url: string; parent: unknown } | null, arg: unknown) => {
    const listener = handlers.get(channel);
    if (!listener) throw new Error(`no handler for ${channel}`);
    return listener(
      { senderFrame: frame } as unknown as Pick<IpcMainInvokeEvent, 'senderFrame'>,
      arg,
    );
  };
  return { ipc, handlers, call };
}

describe('Electron IPC registration (ipcMain stand-in)', () => {
  it('registers every contract channel and removes them all again', () => {
    const stand = ipcMainStandIn();
    const unregister = registerIpcHandlers(stand.ipc, createDispatch(fakeServices()), APP);
    expect([...stand.handlers.keys()].sort()).toEqual(INVOKE_METHODS.map(invokeChannel).sort());
    unregister();
    expect(stand.handlers.size).toBe(0);
  });

  it('dispatches calls from the app page', async () => {
    const stand = ipcMainStandIn();
    registerIpcHandlers(stand.ipc, createDispatch(fakeServices()), APP);
    await expect(
      stand.call(invokeChannel('getSettings'), { url: APP, parent: null }, {}),
    ).resolves.toMatchObject({
      ok: true,
      value: { maxConcurrentProvisions: 3 },
    });
  });

  it.each([
    ['a foreign page', { url: 'https://evil.example/', parent: null }],
    ['an iframe inside the app page', { url: APP, parent: { url: APP } }],
    ['a destroyed frame', null],
  ])('refuses %s with forbidden and calls nothing', async (_label, frame) => {
    const services = fakeServices();
    const stand = ipcMainStandIn();
    registerIpcHandlers(stand.ipc, createDispatch(services), APP);
    await expect(
      stand.call(invokeChannel('revealCredentials'), frame, { storeId: 's-a' }),
    ).resolves.toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(services.calls).toEqual([]);
  });
});
