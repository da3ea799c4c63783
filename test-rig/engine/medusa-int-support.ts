// Medusa stores on the test cluster, whose pods run no container: the storefront check of the
// real Medusa driver goes to the LOCAL STAND-IN of a Medusa server instead of the store's pod.
import { afterAll, beforeAll } from 'vitest';
import type { StoreKindDriver, StoreRef } from '../../src-main/store-kinds/driver';
import { startMedusaStandIn, type MedusaStandIn } from '../stand-ins/medusa/medusa-stand-in';

/** What the image step is told to use: an image named in the values, as on a k3s server. */
export const STAND_IN_MEDUSA_IMAGE = {
  repository: 'registry.example.com/storefleet/medusa-backend',
  tag: 'int-test',
};

/**
 * Values naming the Medusa image for the Medusa stores among `names` (the WooCommerce chart
 * refuses unknown values, so its stores get none).
 */
export function medusaImageOverride(
  names: ReadonlySet<string>,
): (store: StoreRef) => Record<string, unknown> | undefined {
  return (store) =>
    names.has(store.name) ? { medusa: { image: STAND_IN_MEDUSA_IMAGE } } : undefined;
}

/**
 * The Medusa driver with its storefront check sent to the stand-in's port (the host stays the
 * store's). The stand-in's admin user becomes the one in the store's Secret, as the chart's setup
 * Job makes it on a real cluster; the verify itself, its Secret read and its checkpoint, are the
 * driver's and the engine's own.
 */
export function towardMedusaStandIn(
  standIn: () => MedusaStandIn,
): (driver: StoreKindDriver) => StoreKindDriver {
  return (driver) => ({
    ...driver,
    verify: async (target, context) => {
      if (context) {
        const { login } = await context.readSecrets();
        standIn().switches.adminEmail = login.username;
        standIn().switches.adminPassword = login.password;
      }
      const url = new URL(target.url);
      url.port = new URL(standIn().url).port;
      return driver.verify({ ...target, url: url.origin }, context);
    },
  });
}

/** One Medusa stand-in for a test file, started before its tests and closed after them. */
export function useMedusaStandIn(): () => MedusaStandIn {
  let current: MedusaStandIn | undefined;
  beforeAll(async () => {
    current = await startMedusaStandIn();
  });
  afterAll(() => current?.close());
  return () => {
    if (!current) throw new Error('the Medusa stand-in starts in beforeAll');
    return current;
  };
}
