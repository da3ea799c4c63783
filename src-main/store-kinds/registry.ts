import type { StoreKind } from '../../src-shared/types/store-types';
import type { StoreKindDriver, StoreKindEntry } from './driver';
import { medusaDriver } from './medusa/driver';
import { woocommerceDriver } from './woocommerce/driver';

/** The store kinds this installation knows: drivers it can run, and kinds still to come. */
export interface StoreKindRegistry {
  /** the driver of an installed kind; undefined for an unknown or planned one */
  driver(kind: string): StoreKindDriver | undefined;
  /** kinds with a driver, whether or not it is available here */
  installed(): StoreKind[];
  /** every kind, as the kind picker shows it */
  entries(): StoreKindEntry[];
}

export function createStoreKindRegistry(
  drivers: readonly StoreKindDriver[],
  planned: readonly StoreKindEntry[] = [],
): StoreKindRegistry {
  const byKind = new Map<string, StoreKindDriver>(drivers.map((d) => [d.kind, d]));
  return {
    driver: (kind) => byKind.get(kind),
    installed: () => drivers.map((d) => d.kind),
    entries: () => [
      ...drivers.map(({ kind, displayName, available, unavailableReason }) => ({
        kind,
        displayName,
        available,
        ...(unavailableReason === undefined ? {} : { unavailableReason }),
      })),
      ...planned.filter((p) => !byKind.has(p.kind)),
    ],
  };
}

/**
 * A kind shown but not offered, for tests of the planned-kind path (the registry lists planned
 * kinds that have no driver as unavailable).
 */
export const MEDUSA_PLANNED: StoreKindEntry = {
  kind: 'medusa',
  displayName: 'Medusa',
  available: false,
  unavailableReason: 'Medusa stores are not available in this version.',
};

/** Adding a store kind means adding its driver here; the engine sees only this registry. */
export const storeKinds: StoreKindRegistry = createStoreKindRegistry([
  woocommerceDriver,
  medusaDriver,
]);
