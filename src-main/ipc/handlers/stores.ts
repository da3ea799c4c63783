import type { HelmRevision, StoreCredentials } from '../../../src-shared/types/service-types';
import type { Store, StoreWithEvents } from '../../../src-shared/types/store-types';
import { IpcError } from '../../../src-shared/ipc/ipc-error';
import { parseArg } from '../../../src-shared/ipc/parse-arg';
import type { AppServices } from '../services';

export async function listStores(services: AppServices, arg: unknown): Promise<Store[]> {
  const { context } = parseArg('listStores', arg);
  return Promise.resolve(services.stores.list(context));
}

export async function getStore(services: AppServices, arg: unknown): Promise<StoreWithEvents> {
  const { storeId } = parseArg('getStore', arg);
  return Promise.resolve(services.stores.get(storeId));
}

export async function createStore(services: AppServices, arg: unknown): Promise<Store> {
  const input = parseArg('createStore', arg);
  return Promise.resolve(services.stores.create(input));
}

export async function cancelStore(services: AppServices, arg: unknown): Promise<null> {
  const { storeId } = parseArg('cancelStore', arg);
  await services.stores.cancel(storeId);
  return null;
}

export async function deleteStore(services: AppServices, arg: unknown): Promise<null> {
  const { storeId } = parseArg('deleteStore', arg);
  await services.stores.delete(storeId);
  return null;
}

export async function upgradeStore(services: AppServices, arg: unknown): Promise<null> {
  const input = parseArg('upgradeStore', arg);
  await services.stores.upgrade(input);
  return null;
}

export async function rollbackStore(services: AppServices, arg: unknown): Promise<null> {
  const { storeId, revision } = parseArg('rollbackStore', arg);
  await services.stores.rollback(storeId, revision);
  return null;
}

export async function stopStore(services: AppServices, arg: unknown): Promise<null> {
  const { storeId } = parseArg('stopStore', arg);
  await services.stores.stop(storeId);
  return null;
}

export async function startStore(services: AppServices, arg: unknown): Promise<null> {
  const { storeId } = parseArg('startStore', arg);
  await services.stores.start(storeId);
  return null;
}

export async function storeHistory(services: AppServices, arg: unknown): Promise<HelmRevision[]> {
  const { storeId } = parseArg('storeHistory', arg);
  return services.stores.history(storeId);
}

export async function revealCredentials(
  services: AppServices,
  arg: unknown,
): Promise<StoreCredentials> {
  const { storeId } = parseArg('revealCredentials', arg);
  return services.stores.revealCredentials(storeId);
}

const OPENABLE: ReadonlySet<Store['status']> = new Set(['Ready', 'Updating']);

/**
 * The renderer names a store and a target, never a URL: the only URLs that reach the user's
 * browser are the ones the engine recorded for a store it knows.
 */
export async function openStore(services: AppServices, arg: unknown): Promise<null> {
  const { storeId, target } = parseArg('openStore', arg);
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
