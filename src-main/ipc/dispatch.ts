import type { IpcEnvelope, InvokeMethod, InvokeResult } from '../../src-shared/ipc/contract';
import { INVOKE_METHODS } from '../../src-shared/ipc/contract';
import * as contexts from './handlers/contexts';
import * as settings from './handlers/settings';
import * as stores from './handlers/stores';
import * as tools from './handlers/tools';
import { toErrorPayload } from './error-payload';
import type { AppServices } from './services';

export type Handler<M extends InvokeMethod> = (
  services: AppServices,
  arg: unknown,
) => Promise<InvokeResult<M>>;

export const HANDLERS: { [M in InvokeMethod]: Handler<M> } = {
  listContexts: contexts.listContexts,
  selectContext: contexts.selectContext,
  probeContext: contexts.probeContext,
  listStores: stores.listStores,
  getStore: stores.getStore,
  createStore: stores.createStore,
  cancelStore: stores.cancelStore,
  deleteStore: stores.deleteStore,
  upgradeStore: stores.upgradeStore,
  rollbackStore: stores.rollbackStore,
  stopStore: stores.stopStore,
  startStore: stores.startStore,
  storeHistory: stores.storeHistory,
  revealCredentials: stores.revealCredentials,
  openStore: stores.openStore,
  toolStatus: tools.toolStatus,
  storeKinds: tools.storeKinds,
  getSettings: settings.getSettings,
  updateSettings: settings.updateSettings,
};

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
}

export type Dispatch = (method: string, arg: unknown) => Promise<IpcEnvelope<unknown>>;

/** The one entry point both transports call; it never rejects. */
export function createDispatch(services: AppServices, opts: DispatchOptions = {}): Dispatch {
  return async (method, arg) => {
    if (!isInvokeMethod(method)) {
      return { ok: false, error: { code: 'invalid-argument', message: 'Unknown method.' } };
    }
    try {
      const value: unknown = await HANDLERS[method](services, arg);
      return { ok: true, value };
    } catch (error) {
      const payload = toErrorPayload(error);
      if (payload.code === 'internal' || payload.code === 'unavailable') {
        opts.onInternalError?.(method, errorName(error));
      }
      return { ok: false, error: payload };
    }
  };
}

function errorName(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const code =
    'sqliteCode' in error && typeof error.sqliteCode === 'string' ? error.sqliteCode : '';
  return /^SQLITE_[A-Z_]+$/.test(code) ? `${error.name} (${code})` : error.name;
}
