// The browser transport's frames. Browser-safe: shared by the serve host and the renderer client.
import type { EventMap, EventName, IpcEnvelope } from './contract';

export interface WsRequest {
  id: number;
  method: string;
  arg: unknown;
}

export interface WsReply {
  id: number;
  envelope: IpcEnvelope<unknown>;
}

export type WsEventFrame = { [E in EventName]: { event: E; payload: EventMap[E] } }[EventName];

export type WsServerFrame = WsReply | WsEventFrame;

export const WS_IPC_PATH = '/ipc';

export function parseWsRequest(raw: string): WsRequest | { id: number | null; error: string } {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { id: null, error: 'Frame is not JSON.' };
  }
  if (typeof data !== 'object' || data === null)
    return { id: null, error: 'Frame is not an object.' };
  const frame = data as Record<string, unknown>;
  const id = typeof frame.id === 'number' && Number.isSafeInteger(frame.id) ? frame.id : null;
  if (id === null) return { id: null, error: 'Frame has no numeric id.' };
  if (typeof frame.method !== 'string') return { id, error: 'Frame has no method.' };
  return { id, method: frame.method, arg: frame.arg };
}
