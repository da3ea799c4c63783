import type { ParsedArg } from '../../../src-shared/ipc/contract';
import type { Store } from '../../../src-shared/types/store-types';
import { IpcError } from '../../../src-shared/ipc/ipc-error';
import type { HandlerPart } from '../handler-table';
import type { AppServices } from '../services';

export const storeHandlers = {
  listStores: (services, { context }) => services.stores.list(context),
  getStore: (services, { storeId }) => services.stores.get(storeId),
  createStore: (services, input) => services.stores.create(input),
  cancelStore: async (services, { storeId }) => {
    await services.stores.cancel(storeId);
    return null;
  },
  deleteStore: async (services, { storeId }) => {
    await services.stores.delete(storeId);
    return null;
  },
  upgradeStore: async (services, input) => {
    await services.stores.upgrade(input);
    return null;
  },
  rollbackStore: async (services, { storeId, revision }) => {
    await services.stores.rollback(storeId, revision);
    return null;
  },
  stopStore: async (services, { storeId }) => {
    await services.stores.stop(storeId);
    return null;
  },
  startStore: async (services, { storeId }) => {
    await services.stores.start(storeId);
    return null;
  },
  storeHistory: (services, { storeId }) => services.stores.history(storeId),
  revealCredentials: (services, { storeId }) => services.stores.revealCredentials(storeId),
  openStore: (services, arg) => openStore(services, arg),
} satisfies HandlerPart;

const OPENABLE: ReadonlySet<Store['status']> = new Set(['Ready', 'Updating']);

/**
 * The renderer names a store and a target, never a URL: the only URLs that reach the user's
 * browser are the ones the engine recorded for a store it knows.
 */
async function openStore(
  services: AppServices,
  { storeId, target }: ParsedArg<'openStore'>,
): Promise<null> {
  const { store } = services.stores.get(storeId);
  if (!OPENABLE.has(store.status)) {
    throw new IpcError(
      'not-ready',
      `Store ${store.name} is ${store.status}; it can be opened once Ready.`,
    );
  }
  await services.openExternal(storeUrlFor(store, target));
  return null;
}

export function storeUrlFor(store: Store, target: 'storefront' | 'admin'): string {
  const raw = target === 'admin' ? store.adminUrl : store.url;
  const url = parseUrl(raw);
  const base = parseUrl(store.url);
  // The admin URL must live on the storefront's own origin; anything else was not produced by us.
  if (!url || !base || !isWebUrl(url) || url.origin !== base.origin) {
    throw new IpcError('forbidden', `Store ${store.name} has no address Storefleet can open.`);
  }
  return url.href;
}

function parseUrl(raw: string): URL | null {
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

function isWebUrl(url: URL): boolean {
  return (url.protocol === 'http:' || url.protocol === 'https:') && !url.username && !url.password;
}
