import { IpcError } from '../../src-shared/ipc/ipc-error';
import type { StoreKind } from '../../src-shared/types/store-types';
import { findInAppRoot } from '../store-kinds/app-root';

/** Each kind's local values file, relative to the app's root. */
export const LOCAL_VALUES_FILES: Record<StoreKind, string> = {
  woocommerce: 'helm-values/values-local.yaml',
  medusa: 'helm-values/medusa/values-local.yaml',
};

/**
 * The values file of each kind: the one given (STOREFLEET_VALUES_FILE for WooCommerce,
 * STOREFLEET_MEDUSA_VALUES_FILE for Medusa, e.g. their values-prod.yaml on a server),
 * else the kind's local values file in the app's own root, looked up when first asked. A
 * missing file is refused with a sentence naming it.
 */
export function valuesFiles(
  given: Partial<Record<StoreKind, string>> = {},
  from: string = import.meta.dirname,
): (kind: StoreKind) => string {
  return (kind) => {
    const file = given[kind] ?? findInAppRoot(LOCAL_VALUES_FILES[kind], from);
    if (!file) {
      throw new IpcError(
        'unavailable',
        `The values file of ${kind === 'medusa' ? 'Medusa' : 'WooCommerce'} stores (${LOCAL_VALUES_FILES[kind]}) was not found in this installation.`,
      );
    }
    return file;
  };
}
