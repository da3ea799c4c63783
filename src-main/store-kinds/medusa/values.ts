import type { StoreRef, StoreSecrets } from '../driver';
import { checkSecrets } from './secrets';
import {
  STOPPED_KEY,
  applyExtra,
  checkExtra,
  checkStoreAndHost,
  setPath,
  settingsIn,
  type ExtraKey,
} from '../values-parts';
import { MEMORY_LIMIT_EXPECTED, isMemoryLimit } from '../../../src-shared/rules/memory-limit-rule';

const IMAGE_REPOSITORY = /^[a-z0-9][a-z0-9._/:-]{0,254}$/;
const IMAGE_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

// The values a Medusa store keeps per store; everything else comes from the values file.
const EXTRA_KEYS: Record<string, ExtraKey> = {
  memoryLimit: {
    path: ['medusa', 'resources', 'limits', 'memory'],
    check: isMemoryLimit,
    expected: MEMORY_LIMIT_EXPECTED,
  },
  stopped: STOPPED_KEY,
  // The image the image step made ready (built here and imported into k3d).
  medusaImageRepository: {
    path: ['medusa', 'image', 'repository'],
    check: (value) => IMAGE_REPOSITORY.test(value),
    expected: 'an image repository such as storefleet/medusa-backend',
  },
  medusaImageTag: {
    path: ['medusa', 'image', 'tag'],
    check: (value) => IMAGE_TAG.test(value),
    expected: 'an image tag (letters, digits, ".", "_" or "-", at most 128)',
  },
};

export const MEDUSA_EXTRA_KEYS = Object.keys(EXTRA_KEYS);

/**
 * The per-store settings found in a release's values, as buildValues takes them back. An
 * allow-list: everything else in those values, the secrets first, is left behind.
 */
export function settingsFromValues(values: Record<string, unknown>): Record<string, string> {
  return settingsIn(values, EXTRA_KEYS);
}

// Medusa's own check of an email (@medusajs/utils validateEmail), and the chart's.
const MEDUSA_EMAIL = /^[A-Za-z0-9._%+-]+@([A-Za-z0-9-]+\.)+[A-Za-z]{2,}$/;

/**
 * The admin's email, the user name of its login: an address at the store's own host keeps
 * stores apart (Medusa accepts `admin@shop.localhost`); a fixed one when the host does not fit.
 */
export function medusaAdminEmail(host: string): string {
  const email = `admin@${host}`;
  return email.length <= 100 && MEDUSA_EMAIL.test(email) ? email : 'admin@example.com';
}

/** The per-store values given to `helm upgrade --install` on top of the values file. */
export function buildValues(o: {
  store: StoreRef;
  host: string;
  secrets: StoreSecrets;
  extra?: Record<string, string>;
}): Record<string, unknown> {
  checkStoreAndHost(o.store, o.host);
  const secrets = checkSecrets(o.secrets);
  const extra = checkExtra(
    o.extra,
    EXTRA_KEYS,
    (key) => `"${key}" cannot be set on a Medusa store; allowed: ${MEDUSA_EXTRA_KEYS.join(', ')}`,
  );

  const values: Record<string, unknown> = {
    store: { id: o.store.id, name: o.store.name },
    ingress: { host: o.host },
    secrets: {
      databasePassword: secrets.databasePassword,
      jwtSecret: secrets.jwtSecret,
      cookieSecret: secrets.cookieSecret,
      adminPassword: secrets.adminPassword,
    },
    medusa: { adminEmail: medusaAdminEmail(o.host) },
  };
  applyExtra(values, extra, EXTRA_KEYS);
  // An image the app built and imported is on the nodes only: never pulled from a registry.
  if (o.extra?.['medusaImageTag'] !== undefined) {
    setPath(values, ['medusa', 'image', 'pullPolicy'], 'IfNotPresent');
  }
  return values;
}
