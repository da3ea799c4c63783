import type { IpcEnvelope, InvokeMethod } from '../../src-shared/ipc/contract';
import { INVOKE_METHODS } from '../../src-shared/ipc/contract';
import { parseArg } from '../../src-shared/ipc/parse-arg';
import { toErrorPayload } from './error-payload';
import type { HandlerTable } from './handler-table';
import { contextHandlers } from './handlers/contexts';
import { settingsHandlers } from './handlers/settings';
import { storeDbHandlers } from './handlers/store-db';
import { storeHandlers } from './handlers/stores';
import { storeLogHandlers } from './handlers/store-logs';
import { storeMetricsHandlers } from './handlers/store-metrics';
import { toolHandlers } from './handlers/tools';
import type { AppServices } from './services';

/** Main's implementation of every method in the shared table, and nothing more. */
export const HANDLERS = {
  ...contextHandlers,
  ...storeHandlers,
  ...storeDbHandlers,
  ...storeLogHandlers,
  ...storeMetricsHandlers,
  ...toolHandlers,
  ...settingsHandlers,
} satisfies HandlerTable;

export function isInvokeMethod(value: unknown): value is InvokeMethod {
  return typeof value === 'string' && (INVOKE_METHODS as readonly string[]).includes(value);
}

export interface DispatchOptions {
  /**
   * Told about errors that become 'internal' or 'unavailable', so main can log them. Receives the
   * method and the error's name, with its SQLite code when it has one (a lock and a full disk must
   * not look the same in the log); never the message, which may carry anything, secrets included.
   */
  onInternalError?(method: string, errorName: string): void;
  /**
   * One debug line per call for the app log: `ipc <method> <ok|error code> <ms>ms`. Never the
   * argument or the result, which may hold passwords.
   */
  debug?(line: string): void;
}

export type Dispatch = (method: string, arg: unknown) => Promise<IpcEnvelope<unknown>>;

type AnyHandler = (services: AppServices, arg: unknown) => unknown;

/**
 * The one entry point both transports call; it never rejects. It checks the argument against the
 * method's schema once, so no implementation sees an unchecked value.
 */
export function createDispatch(services: AppServices, opts: DispatchOptions = {}): Dispatch {
  return async (method, arg) => {
    const started = performance.now();
    const done = (name: string, envelope: IpcEnvelope<unknown>): IpcEnvelope<unknown> => {
      const outcome = envelope.ok ? 'ok' : `error ${envelope.error.code}`;
      opts.debug?.(`ipc ${name} ${outcome} ${Math.round(performance.now() - started)}ms`);
      return envelope;
    };
    if (!isInvokeMethod(method)) {
      // The name came from the page; it is not echoed into the log.
      return done('<unknown>', {
        ok: false,
        error: { code: 'invalid-argument', message: 'Unknown method.' },
      });
    }
    try {
      const parsed = parseArg(method, arg);
      // parseArg checked `parsed` against this very method's schema, which TypeScript cannot
      // correlate across the union of methods.
      const handler = HANDLERS[method] as AnyHandler;
      const value: unknown = await handler(services, parsed);
      return done(method, { ok: true, value });
    } catch (error) {
      const payload = toErrorPayload(error);
      if (payload.code === 'internal' || payload.code === 'unavailable') {
        opts.onInternalError?.(method, errorName(error));
      }
      return done(method, { ok: false, error: payload });
    }
  };
}

function errorName(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const code =
    'sqliteCode' in error && typeof error.sqliteCode === 'string' ? error.sqliteCode : '';
  return /^SQLITE_[A-Z_]+$/.test(code) ? `${error.name} (${code})` : error.name;
}
