import type { IpcErrorCode, IpcErrorPayload } from '../../src-shared/ipc/contract';
import { IpcError, isIpcErrorCode } from '../../src-shared/ipc/ipc-error';
import { isToolError } from '../tools/tool-error';
import type { ToolErrorCode } from '../tools/tool-error';

export const INTERNAL_MESSAGE = 'Storefleet hit an unexpected problem. Details are in the app log.';

// Tool errors carry a redacted, plain-language message written for the user; only their code
// needs translating into the bridge's vocabulary.
const TOOL_CODES: Record<ToolErrorCode, IpcErrorCode> = {
  'not-found': 'unavailable',
  timeout: 'unavailable',
  cancelled: 'conflict',
  failed: 'internal',
  'quota-exceeded': 'limit-exceeded',
  'release-exists': 'conflict',
  'release-not-found': 'not-found',
  'context-not-found': 'not-found',
  'connection-refused': 'unavailable',
  unauthorized: 'forbidden',
  'kube-version': 'unavailable',
  'invalid-values': 'invalid-argument',
};

/**
 * Services choose what the user reads by throwing an error whose `code` is an IpcErrorCode;
 * anything else is reported as 'internal' with a fixed sentence, because its message and stack
 * were never reviewed for secrets or paths.
 */
export function toErrorPayload(error: unknown): IpcErrorPayload {
  if (error instanceof IpcError) return error.toPayload();
  if (isToolError(error)) {
    return {
      code: TOOL_CODES[error.code],
      message: error.message || INTERNAL_MESSAGE,
      details: { reason: error.code },
    };
  }
  if (error instanceof Error && 'code' in error && isIpcErrorCode(error.code)) {
    const details = 'details' in error ? safeDetails(error.details) : undefined;
    const message = error.message || INTERNAL_MESSAGE;
    return details ? { code: error.code, message, details } : { code: error.code, message };
  }
  return { code: 'internal', message: INTERNAL_MESSAGE };
}

function safeDetails(value: unknown): IpcErrorPayload['details'] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const out: NonNullable<IpcErrorPayload['details']> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') {
      out[key] = v;
    }
  }
  return out;
}
