// Electron's contextBridge copies a thrown Error as its message alone, so an IpcError's code and
// details would not reach the page. The preload therefore rejects with the plain payload (plain
// objects cross intact) and the renderer turns it back into an IpcError. Renderer-safe.
import type { IpcErrorPayload, StorefleetApi } from './contract';
import { INVOKE_METHODS } from './contract';
import { IpcError, isIpcErrorCode } from './ipc-error';

/** Marks a payload as ours, so a stray object rejection is not mistaken for one. */
const BRIDGE_TAG = 'storefleet-ipc-error';

export interface BridgeErrorPayload extends IpcErrorPayload {
  tag: typeof BRIDGE_TAG;
}

export function toBridgeError(error: unknown): BridgeErrorPayload {
  const payload =
    error instanceof IpcError
      ? error.toPayload()
      : { code: 'internal' as const, message: 'Storefleet hit an unexpected problem.' };
  return { tag: BRIDGE_TAG, ...payload };
}

export function fromBridgeError(reason: unknown): IpcError {
  if (reason instanceof IpcError) return reason;
  if (typeof reason === 'object' && reason !== null) {
    const r = reason as Record<string, unknown>;
    if (r.tag === BRIDGE_TAG && isIpcErrorCode(r.code) && typeof r.message === 'string') {
      const details = typeof r.details === 'object' && r.details !== null ? r.details : undefined;
      return new IpcError(r.code, r.message, details as IpcErrorPayload['details']);
    }
  }
  const message =
    reason instanceof Error && reason.message
      ? reason.message
      : 'Storefleet hit an unexpected problem.';
  return new IpcError('internal', message);
}

/** Wraps the preload's api so every rejection crosses the bridge as a tagged plain object. */
export function bridgeSafe(api: StorefleetApi): StorefleetApi {
  return mapMethods(api, (reason) => toBridgeError(reason));
}

/** The renderer's view of `window.storefleet`: rejections are IpcErrors again. */
export function fromBridge(api: StorefleetApi): StorefleetApi {
  return mapMethods(api, (reason) => fromBridgeError(reason));
}

function mapMethods(api: StorefleetApi, mapReason: (reason: unknown) => unknown): StorefleetApi {
  const out: Record<string, unknown> = { on: api.on.bind(api) };
  for (const method of INVOKE_METHODS) {
    const call = api[method] as (arg: unknown) => Promise<unknown>;
    out[method] = (arg: unknown) =>
      call(arg).catch((reason: unknown) => {
        throw mapReason(reason);
      });
  }
  return Object.freeze(out) as StorefleetApi;
}
