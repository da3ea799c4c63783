import type { StorefleetApi } from '../../../src-main/ipc/contract';
import { fromBridge } from '../../../src-main/ipc/bridge-errors';
import { createWebSocketApi as wsApi } from '../../../src-main/ipc/ws-client';

type CreateWebSocketApi = (url: string, token: string) => StorefleetApi;

export type ApiChoice =
  | { ok: true; api: StorefleetApi; transport: 'electron' | 'websocket' }
  | { ok: false; reason: string };

interface PageLocation {
  search: string;
  host: string;
}

/** Electron's preload wins; otherwise the page was served by the loopback host with a token. */
export function pickApi(
  win: { storefleet?: StorefleetApi; location: PageLocation },
  createWebSocketApi: CreateWebSocketApi | null = wsApi,
): ApiChoice {
  if (win.storefleet) return { ok: true, api: fromBridge(win.storefleet), transport: 'electron' };
  const token = new URLSearchParams(win.location.search).get('token');
  if (!token) {
    return {
      ok: false,
      reason:
        'This page needs the token from the address printed by `npm run serve`. Open that full address, including ?token=…',
    };
  }
  if (!createWebSocketApi) {
    return { ok: false, reason: 'This build has no browser transport. Rebuild and try again.' };
  }
  return {
    ok: true,
    api: createWebSocketApi(`ws://${win.location.host}/ipc`, token),
    transport: 'websocket',
  };
}
