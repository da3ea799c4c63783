// Renderer-safe: no Node or Electron imports, so the preload, the renderer and main share it.
import type { IpcEnvelope, IpcErrorCode, IpcErrorPayload } from './contract';

export const IPC_ERROR_CODES = [
  'invalid-argument',
  'not-found',
  'conflict',
  'limit-exceeded',
  'forbidden',
  'not-ready',
  'unavailable',
  'internal',
] as const satisfies readonly IpcErrorCode[];

export type IpcErrorDetails = NonNullable<IpcErrorPayload['details']>;

export function isIpcErrorCode(value: unknown): value is IpcErrorCode {
  return typeof value === 'string' && (IPC_ERROR_CODES as readonly string[]).includes(value);
}

/**
 * The error a caller sees on either side of the bridge. Services throw it to choose the code the
 * renderer receives; the renderer gets it back re-created from the envelope's payload.
 */
export class IpcError extends Error {
  readonly code: IpcErrorCode;
  readonly details: IpcErrorDetails | undefined;

  constructor(code: IpcErrorCode, message: string, details?: IpcErrorDetails) {
    super(message);
    this.name = 'IpcError';
    this.code = code;
    this.details = details;
  }

  static fromPayload(payload: IpcErrorPayload): IpcError {
    return new IpcError(payload.code, payload.message, payload.details);
  }

  toPayload(): IpcErrorPayload {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function isIpcError(value: unknown): value is IpcError {
  return value instanceof IpcError;
}

/** Returns the value of an ok envelope; throws an IpcError for an error or malformed envelope. */
export function unwrapEnvelope<T>(envelope: unknown): T {
  if (typeof envelope !== 'object' || envelope === null || !('ok' in envelope)) {
    throw new IpcError('internal', 'Storefleet received a malformed reply.');
  }
  const e = envelope as IpcEnvelope<T>;
  if (e.ok) return e.value;
  const payload: unknown = e.error;
  if (!isPayload(payload)) throw new IpcError('internal', 'Storefleet received a malformed error.');
  return throwPayload(payload);
}

function throwPayload(payload: IpcErrorPayload): never {
  throw IpcError.fromPayload(payload);
}

function isPayload(value: unknown): value is IpcErrorPayload {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return isIpcErrorCode(v.code) && typeof v.message === 'string';
}
