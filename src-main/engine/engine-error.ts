import type { IpcErrorCode } from '../../src-shared/ipc/contract';

/** An error a caller can act on; `code` travels across the IPC bridge unchanged. */
export class EngineError extends Error {
  override readonly name = 'EngineError';
  readonly code: IpcErrorCode;

  constructor(code: IpcErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

export function isEngineError(error: unknown, code?: IpcErrorCode): error is EngineError {
  return error instanceof EngineError && (code === undefined || error.code === code);
}

export const invalidArgument = (message: string): EngineError =>
  new EngineError('invalid-argument', message);
