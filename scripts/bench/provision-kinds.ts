// What each store kind needs around the engine in the provisioning benchmark, on the test
// cluster whose pods run no container: where its storefront check goes (a LOCAL STAND-IN of the
// store's API) and, for Medusa, the image named in the values as on a k3s server.
import {
  startMedusaStandIn,
  type MedusaStandIn,
} from '../../test-rig/stand-ins/medusa/medusa-stand-in';
import type { StoreApiStandIn } from '../../test-rig/stand-ins/woocommerce/store-api-stand-in';
import {
  STAND_IN_MEDUSA_IMAGE,
  medusaImageOverride,
  towardMedusaStandIn,
} from '../../test-rig/engine/medusa-stand-in-driver';
import type { TestEngineOptions } from '../../test-rig/engine/test-engine';
import type { StoreKind } from '../../src-shared/types/store-types';

export interface KindRig {
  kind: StoreKind;
  /** what the engine is built with for this kind */
  engineOptions: Partial<TestEngineOptions>;
  /** before the stores `names` are created */
  addStores(names: readonly string[]): Promise<void>;
  /** after they are deleted */
  removeStores(names: readonly string[]): Promise<void>;
}

/** What stood in for each kind, printed with the figures. */
export const STAND_INS: Record<StoreKind, string> = {
  woocommerce:
    'storefront verify sent to the local WooCommerce Store API stand-in (test-rig/stand-ins/woocommerce), one for all stores',
  medusa: `image named in the values (${STAND_IN_MEDUSA_IMAGE.repository}:${STAND_IN_MEDUSA_IMAGE.tag}, as a k3s server's values would; nothing built, imported or pulled); verify (admin sign-in, publishable key, Store API order) sent to the local Medusa Store API stand-in (test-rig/stand-ins/medusa), one per store`,
};

export function woocommerceRig(standIn: StoreApiStandIn): KindRig {
  return {
    kind: 'woocommerce',
    engineOptions: {},
    addStores: (names) => {
      for (const name of names) standIn.addStore(`${name}.localhost`);
      return Promise.resolve();
    },
    removeStores: (names) => {
      for (const name of names) standIn.removeStore(`${name}.localhost`);
      return Promise.resolve();
    },
  };
}

/**
 * Medusa stores: the image named in the values, and each store's verify sent to a Medusa
 * stand-in of its own (one stand-in has one admin user, and stores verify at the same time).
 */
export function medusaRig(): KindRig {
  const names = new Set<string>();
  const standIns = new Map<string, MedusaStandIn>();
  const standInFor = (storeUrl: string): MedusaStandIn => {
    const host = new URL(storeUrl).hostname;
    const found = standIns.get(host);
    if (!found) throw new Error(`no Medusa stand-in for ${host}`);
    return found;
  };
  return {
    kind: 'medusa',
    engineOptions: {
      overrideValues: medusaImageOverride(names),
      wrapMedusaDriver: towardMedusaStandIn(standInFor),
    },
    addStores: async (added) => {
      for (const name of added) {
        names.add(name);
        standIns.set(`${name}.localhost`, await startMedusaStandIn());
      }
    },
    removeStores: async (removed) => {
      for (const name of removed) {
        names.delete(name);
        await standIns.get(`${name}.localhost`)?.close();
        standIns.delete(`${name}.localhost`);
      }
    },
  };
}
