// The renderer's API over the browser transport. Browser-safe: no Node imports. One socket, no
// reconnect: when it closes, calls fail with 'unavailable' and the page should be reloaded.
import type {
  EventMap,
  EventName,
  InvokeMethod,
  StorefleetApi,
} from '../../../src-shared/ipc/contract';
import { apiMethods } from '../../../src-shared/ipc/api-methods';
import { EVENT_NAMES } from '../../../src-shared/ipc/contract';
import { IpcError, unwrapEnvelope } from '../../../src-shared/ipc/ipc-error';
import { WS_IPC_PATH } from '../../../src-shared/ipc/ws-protocol';
import type { WsRequest } from '../../../src-shared/ipc/ws-protocol';

/** What the client needs from a WebSocket; the browser's global satisfies it. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: Event) => void) | null;
  onclose: ((ev: CloseEvent) => void) | null;
  onmessage: ((ev: MessageEvent) => void) | null;
}

export type WebSocketFactory = (url: string) => WebSocketLike;

export type WebSocketApi = StorefleetApi & { close(): void };

const OPEN = 1;
const CLOSED_MESSAGE = 'The connection to Storefleet is closed. Reload the page to reconnect.';

/** `ws://host:port/ipc` for the page the host served, e.g. `http://127.0.0.1:4173/?token=…`. */
export function ipcSocketUrl(pageUrl: string): string {
  const page = new URL(pageUrl);
  return `${page.protocol === 'https:' ? 'wss:' : 'ws:'}//${page.host}${WS_IPC_PATH}`;
}

export function createWebSocketApi(
  url: string,
  token: string,
  factory: WebSocketFactory = (u) => new WebSocket(u),
): WebSocketApi {
  const target = new URL(url);
  target.searchParams.set('token', token);
  const socket = factory(target.href);
  const pending = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: unknown) => void }
  >();
  const queue: string[] = [];
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  let nextId = 1;
  let closed = false;

  socket.onopen = () => {
    for (const frame of queue.splice(0)) socket.send(frame);
  };
  socket.onclose = () => {
    closed = true;
    queue.length = 0;
    for (const { reject } of pending.values()) reject(new IpcError('unavailable', CLOSED_MESSAGE));
    pending.clear();
  };
  socket.onmessage = (ev) => {
    const data: unknown = ev.data;
    if (typeof data !== 'string') return;
    const frame = parseFrame(data);
    if (!frame) return;
    if (typeof frame.id === 'number') {
      const call = pending.get(frame.id);
      if (!call) return;
      pending.delete(frame.id);
      try {
        call.resolve(unwrapEnvelope(frame.envelope));
      } catch (error) {
        call.reject(error);
      }
      return;
    }
    if (isEventName(frame.event)) fanOut(listeners.get(frame.event), frame.payload);
  };

  const invoke = (method: InvokeMethod, arg: unknown): Promise<unknown> => {
    if (closed) return Promise.reject(new IpcError('unavailable', CLOSED_MESSAGE));
    const id = nextId++;
    const request: WsRequest = { id, method, arg };
    const frame = JSON.stringify(request);
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      if (socket.readyState === OPEN) socket.send(frame);
      else queue.push(frame);
    });
  };

  const api: Record<string, unknown> = { ...apiMethods(invoke) };
  api.on = <E extends EventName>(event: E, listener: (payload: EventMap[E]) => void) => {
    if (!isEventName(event))
      throw new IpcError('invalid-argument', `Unknown event ${String(event)}.`);
    const set = listeners.get(event) ?? new Set();
    listeners.set(event, set);
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  };
  api.close = () => socket.close(1000, 'client closed');
  return api as WebSocketApi;
}

function parseFrame(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && (EVENT_NAMES as readonly string[]).includes(value);
}

function fanOut(set: Set<(payload: never) => void> | undefined, payload: unknown): void {
  for (const listener of set ?? []) {
    try {
      listener(payload as never);
    } catch (error) {
      // One failing view must not starve the others; the error still surfaces as uncaught.
      queueMicrotask(() => {
        throw error;
      });
    }
  }
}
