import type { StorefleetApi } from '../../../src-shared/ipc/contract';
import { fromBridge } from '../../../src-shared/ipc/bridge-errors';
import { createWebSocketApi as wsApi } from './ws-client';
import { setAppLogPlace } from './error-message';

type CreateWebSocketApi = (url: string, token: string) => StorefleetApi;

export type ApiChoice =
  | { ok: true; api: StorefleetApi; transport: 'electron' | 'websocket' }
  | { ok: false; reason: string };

interface PageLocation {
  search: string;
  host: string;
  pathname?: string;
  hash?: string;
}

export interface PageWindow {
  storefleet?: StorefleetApi;
  location: PageLocation;
  history?: { replaceState(data: unknown, unused: string, url?: string): void };
  sessionStorage?: {
    getItem(key: string): string | null;
    setItem(key: string, value: string): void;
  };
}

const TOKEN_KEY = 'storefleet-token';

/**
 * The serve token: taken from the address (which then loses it, so it stays out of the address
 * bar, the history and screenshots) and kept in this tab's session storage for reloads.
 */
function takeToken(win: PageWindow): string | null {
  const params = new URLSearchParams(win.location.search);
  const fromAddress = params.get('token');
  if (!fromAddress) return win.sessionStorage?.getItem(TOKEN_KEY) ?? null;
  win.sessionStorage?.setItem(TOKEN_KEY, fromAddress);
  params.delete('token');
  const rest = params.toString();
  const path = win.location.pathname ?? '/';
  win.history?.replaceState(null, '', `${path}${rest ? `?${rest}` : ''}${win.location.hash ?? ''}`);
  return fromAddress;
}

/** Electron's preload wins; otherwise the page was served by the loopback host with a token. */
export function pickApi(
  win: PageWindow,
  createWebSocketApi: CreateWebSocketApi | null = wsApi,
): ApiChoice {
  if (win.storefleet) {
    setAppLogPlace('electron');
    return { ok: true, api: fromBridge(win.storefleet), transport: 'electron' };
  }
  const token = takeToken(win);
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
  setAppLogPlace('websocket');
  return {
    ok: true,
    api: createWebSocketApi(`ws://${win.location.host}/ipc`, token),
    transport: 'websocket',
  };
}
