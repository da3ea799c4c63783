import type { StoreKindDriver, StoreRef } from '../store-kinds/driver';
import type { StoreCredentials } from '../../src-shared/types/service-types';
import type { Store } from '../../src-shared/types/store-types';
import type { StoreCluster } from './cluster-port';
import { EngineError } from './engine-error';
import type { Redactor } from './redactor';

/**
 * The data of a store's credentials Secret (null when there is none). Every value is handed to
 * the redactor before anything else sees it, so whatever reads the secrets (an install, an
 * upgrade, a rollback, a reveal) also teaches a redactor that started afresh after a restart.
 */
export async function readStoreSecretData(
  cluster: Pick<StoreCluster, 'readSecretData'>,
  driver: StoreKindDriver,
  store: StoreRef,
  redactor: Redactor,
): Promise<Record<string, string> | null> {
  const data = await cluster.readSecretData(
    store.namespace,
    driver.workloads(store).credentialsSecret,
  );
  if (data) redactor.remember(store.id, Object.values(data));
  return data;
}

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
  const data = await readStoreSecretData(cluster, driver, store, redactor);
  if (!data) {
    throw new EngineError(
      'not-found',
      `The store's credentials Secret ${secretName} is missing from ${store.namespace}.`,
    );
  }
  return driver.credentialsFromSecretData(data, store.adminUrl);
}
