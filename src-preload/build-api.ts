// Builds the page's whole API from the contract's lists, so the bridge cannot drift from it and
// exposes nothing else. Takes ipcRenderer's shape so it can be tested without Electron.
import { apiMethods } from '../src-shared/ipc/api-methods';
import type { EventMap, EventName, StorefleetApi } from '../src-shared/ipc/contract';
import { EVENT_NAMES, eventChannel, invokeChannel } from '../src-shared/ipc/contract';
import { IpcError, unwrapEnvelope } from '../src-shared/ipc/ipc-error';

type IpcListener = (event: unknown, payload: unknown) => void;

export interface IpcRendererLike {
  invoke(channel: string, arg: unknown): Promise<unknown>;
  on(channel: string, listener: IpcListener): unknown;
  off(channel: string, listener: IpcListener): unknown;
}

export function buildApi(ipc: IpcRendererLike): StorefleetApi {
  const api: Record<string, unknown> = {
    ...apiMethods(async (method, arg) =>
      unwrapEnvelope(await ipc.invoke(invokeChannel(method), arg)),
    ),
  };
  api.on = <E extends EventName>(event: E, listener: (payload: EventMap[E]) => void) => {
    if (!(EVENT_NAMES as readonly string[]).includes(event)) {
      throw new IpcError('invalid-argument', `Unknown event ${String(event)}.`);
    }
    if (typeof listener !== 'function') {
      throw new IpcError('invalid-argument', 'listener: must be a function');
    }
    // The IpcRendererEvent stays here: its `sender` is ipcRenderer itself.
    const wrapped: IpcListener = (_event, payload) => listener(payload as EventMap[E]);
    const channel = eventChannel(event);
    ipc.on(channel, wrapped);
    return () => {
      ipc.off(channel, wrapped);
    };
  };
  return Object.freeze(api) as StorefleetApi;
}
