import { randomUUID } from 'node:crypto';
import type { StoreRepository } from '../db/store-repository';
import type { StoreKindDriver, StoreRef } from '../store-kinds/driver';
import type { Settings } from '../../src-shared/types/service-types';
import type { Store, StoreKind } from '../../src-shared/types/store-types';
import { storeNamespace } from '../../src-shared/rules/store-name-rule';
import { createLimitError, rateWindowStart } from './create-limits';
import { EngineError } from './engine-error';
import { storefrontPortOf, type StorefrontPort } from './engine-deps';

/**
 * Checks the name and the limits and writes the new Queued store with its pending provision, in
 * one transaction: a refused store leaves no row behind, and two racing creates cannot both pass.
 */
export function admitNewStore(o: {
  repo: StoreRepository;
  driver: StoreKindDriver;
  context: string;
  name: string;
  kind: StoreKind;
  settings: Settings;
  now: Date;
  storeDomain: string;
  storefrontPort: StorefrontPort | undefined;
}): Store {
  const { repo, driver, context, name, kind, now } = o;
  return repo.transaction(() => {
    const clash = repo.findByName(context, name);
    if (clash) {
      throw new EngineError(
        'conflict',
        `A store named "${name}" already exists in context "${context}".`,
      );
    }
    const limit = createLimitError(
      {
        active: repo.countActive(context),
        createdInWindow: repo.countCreatedSince(context, rateWindowStart(now)),
        context,
      },
      o.settings,
    );
    if (limit) throw limit;
    const ref: StoreRef = { id: randomUUID(), name, namespace: storeNamespace(name) };
    const url = driver.storeUrl(
      driver.host(ref, o.storeDomain),
      'http',
      storefrontPortOf(o.storefrontPort, context),
    );
    const at = now.toISOString();
    const row: Store = {
      ...ref,
      kind,
      context,
      status: 'Queued',
      step: null,
      error: null,
      url,
      adminUrl: driver.adminUrl(url),
      createdAt: at,
      updatedAt: at,
      statusSince: at,
      helmRevision: null,
      adminAvailable: false,
    };
    repo.insert(row);
    repo.setPendingOp(row.id, { op: 'provision' });
    return row;
  });
}
