import type { StoreKindDriver } from '../engines/types';
import type { StoreCredentials } from '../shared/service-types';
import type { Store } from '../shared/store-types';
import type { StoreCluster } from './cluster-port';
import { EngineError } from './engine-error';
import type { Redactor } from './redactor';

/**
 * A store's login, read from its Secret in the cluster each time (never from the database).
 * The values are handed to the redactor first, so they are scrubbed from any later log line.
 */
export async function readCredentials(
  cluster: StoreCluster,
  driver: StoreKindDriver,
  store: Store,
  redactor: Redactor,
): Promise<StoreCredentials> {
  const secretName = driver.workloads(store).credentialsSecret;
  const data = await cluster.readSecretData(store.namespace, secretName);
  if (!data) {
    throw new EngineError(
      'not-found',
      `The store's credentials Secret ${secretName} is missing from ${store.namespace}.`,
    );
  }
  redactor.remember(store.id, Object.values(data));
  return driver.credentialsFromSecretData(data, store.adminUrl);
}
