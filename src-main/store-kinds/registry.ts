import type { StoreKind } from '../../src-shared/types/store-types';
import type { StoreKindDriver } from './types';
import { woocommerceDriver } from './woocommerce/driver';

// Adding a store kind means adding its driver here; the engine only ever sees this list.
export const storeKindDrivers: readonly StoreKindDriver[] = [woocommerceDriver];

export function driverFor(kind: StoreKind): StoreKindDriver {
  const driver = storeKindDrivers.find((d) => d.kind === kind);
  if (!driver) throw new Error(`no driver for store kind "${String(kind)}"`);
  return driver;
}
