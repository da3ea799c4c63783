// Medusa stores on the test cluster, whose pods run no container: the image named in the values
// (as on a k3s server) and the real Medusa driver's storefront check sent to the LOCAL STAND-IN
// of a Medusa server instead of the store's pod. No test-runner hooks here: the engine's cluster
// tests (through medusa-int-support.ts) and the provisioning benchmark both use it.
import type { StoreKindDriver, StoreRef } from '../../src-main/store-kinds/driver';
import type { MedusaStandIn } from '../stand-ins/medusa/medusa-stand-in';

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
 * driver's and the engine's own. `standIn` is told the store's URL, so stores verified at the
 * same time can each have their own stand-in (one stand-in has one admin user).
 */
export function towardMedusaStandIn(
  standIn: (storeUrl: string) => MedusaStandIn,
): (driver: StoreKindDriver) => StoreKindDriver {
  return (driver) => ({
    ...driver,
    verify: async (target, context) => {
      const to = standIn(target.url);
      if (context) {
        const { login } = await context.readSecrets();
        to.switches.adminEmail = login.username;
        to.switches.adminPassword = login.password;
      }
      const url = new URL(target.url);
      url.port = new URL(to.url).port;
      return driver.verify({ ...target, url: url.origin }, context);
    },
  });
}
