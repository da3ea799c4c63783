// Opening a store in the user's browser. The renderer names a store and a target, never a URL:
// the only URLs that leave the app are the ones the engine recorded for a store it knows.
import type { ParsedArg } from '../../src-shared/ipc/contract';
import type { Store } from '../../src-shared/types/store-types';
import { IpcError } from '../../src-shared/ipc/ipc-error';
import type { AppServices } from './services';

const OPENABLE: ReadonlySet<Store['status']> = new Set(['Ready', 'Updating']);

/**
 * Hands the store's own URL to the host (Electron's shell; `serve` prints it) and returns it, so
 * a page in a browser, where main cannot open a tab, opens the same checked URL itself.
 */
export async function openStore(
  services: AppServices,
  { storeId, target }: ParsedArg<'openStore'>,
): Promise<{ url: string }> {
  const { store } = services.stores.get(storeId);
  // Once WordPress answered, a Failed or Cancelled store opens too: its owner may have to sign
  // in to fix what stopped it (e.g. enable Cash on Delivery) before a retry.
  if (!OPENABLE.has(store.status) && !store.adminAvailable) {
    throw new IpcError(
      'not-ready',
      `Store ${store.name} is ${store.status}; it can be opened once WordPress answers.`,
    );
  }
  const url =
    target === 'admin'
      ? await adminUrlFor(services, store)
      : target === 'mail'
        ? await services.storeMail.url(store)
        : storeUrlFor(store, target);
  await services.openExternal(url);
  return { url };
}

/**
 * The admin opens signed in when the store has one-click login: a single-use, short-lived URL on
 * the store's own origin. Otherwise, or when it cannot be had (an older store, a Secret that
 * cannot be read), the plain admin URL with WordPress's login page, as before.
 */
async function adminUrlFor(services: AppServices, store: Store): Promise<string> {
  const plain = storeUrlFor(store, 'admin');
  const login = await services.stores.adminLoginUrl?.(store.id).catch(() => null);
  if (!login) return plain;
  const url = parseUrl(login);
  if (!url || !isWebUrl(url) || url.origin !== new URL(plain).origin) return plain;
  return url.href;
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
