import type { StoreKindDriver } from '../store-kinds/driver';
import type { Store } from '../../src-shared/types/store-types';
import type { StoreCluster } from './cluster-port';
import { readStoreSecretData } from './credentials';
import type { Redactor } from './redactor';

/**
 * A one-click admin login URL for a store (single use, short-lived), signed from its Secret;
 * null when its kind has no one-click login or its Secret has no login key yet (a store from
 * before it, until its next upgrade). The token is handed to the redactor before the URL leaves,
 * so it is scrubbed from any later log line or event about the store.
 */
export async function readAdminLoginUrl(
  cluster: Pick<StoreCluster, 'readSecretData'>,
  driver: StoreKindDriver,
  store: Store,
  redactor: Redactor,
): Promise<string | null> {
  if (!driver.adminLoginUrl) return null;
  const data = await readStoreSecretData(cluster, driver, store, redactor);
  if (!data) return null;
  const login = driver.adminLoginUrl(store.url, data);
  if (!login) return null;
  redactor.remember(store.id, [login.token, login.url]);
  return login.url;
}
