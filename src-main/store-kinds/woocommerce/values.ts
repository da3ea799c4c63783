import type { StoreRef, StoreSecrets } from '../driver';
import { checkSecrets } from './secrets';
import {
  STOPPED_KEY,
  applyExtra,
  checkExtra,
  checkStoreAndHost,
  settingsIn,
  type ExtraKey,
} from '../values-parts';
import {
  WORDPRESS_IMAGE_TAG_EXPECTED,
  isWordpressImageTag,
} from '../../../src-shared/rules/image-tag-rule';
import { MEMORY_LIMIT_EXPECTED, isMemoryLimit } from '../../../src-shared/rules/memory-limit-rule';
import {
  WOOCOMMERCE_VERSION_EXPECTED,
  isWoocommerceVersion,
} from '../../../src-shared/rules/woocommerce-version-rule';

export const DEFAULT_ADMIN_USER = 'admin';

// The only values a user may change per store; everything else comes from the values file.
const EXTRA_KEYS: Record<string, ExtraKey> = {
  wordpressImageTag: {
    path: ['images', 'wordpress', 'tag'],
    check: isWordpressImageTag,
    expected: WORDPRESS_IMAGE_TAG_EXPECTED,
  },
  woocommerceVersion: {
    path: ['woocommerce', 'version'],
    check: isWoocommerceVersion,
    expected: WOOCOMMERCE_VERSION_EXPECTED,
  },
  memoryLimit: {
    path: ['wordpress', 'resources', 'limits', 'memory'],
    check: isMemoryLimit,
    expected: MEMORY_LIMIT_EXPECTED,
  },
  stopped: STOPPED_KEY,
};

export const EXTRA_VALUE_KEYS = Object.keys(EXTRA_KEYS);

// What a user may change and Storefleet keeps per store.
const SETTING_KEYS = ['wordpressImageTag', 'woocommerceVersion', 'memoryLimit', 'stopped'];

/**
 * The user-changeable settings found in a release's values, as buildValues takes them back.
 * An allow-list: everything else in those values, the passwords first, is left behind.
 */
export function settingsFromValues(values: Record<string, unknown>): Record<string, string> {
  return settingsIn(values, EXTRA_KEYS, SETTING_KEYS);
}

// WordPress mails the admin; an address at the store's own host keeps stores apart, within
// the 100 characters the chart allows.
function adminEmail(host: string): string {
  const email = `admin@${host}`;
  return email.length <= 100 ? email : 'admin@example.com';
}

/** The per-store values given to `helm upgrade --install` on top of the values file. */
export function buildValues(o: {
  store: StoreRef;
  host: string;
  secrets: StoreSecrets;
  extra?: Record<string, string>;
  demoSku: string;
  adminUser?: string;
}): Record<string, unknown> {
  checkStoreAndHost(o.store, o.host);
  const secrets = checkSecrets(o.secrets);
  const extra = checkExtra(
    o.extra,
    EXTRA_KEYS,
    (key) => `"${key}" cannot be set per store; allowed: ${EXTRA_VALUE_KEYS.join(', ')}`,
  );

  const values: Record<string, unknown> = {
    store: { id: o.store.id, name: o.store.name },
    ingress: { host: o.host },
    secrets: {
      mariadbRootPassword: secrets.mariadbRootPassword,
      mariadbPassword: secrets.mariadbPassword,
      wordpressAdminPassword: secrets.wordpressAdminPassword,
      ...(secrets.loginKey === undefined ? {} : { loginKey: secrets.loginKey }),
    },
    wordpress: {
      adminUser: o.adminUser ?? DEFAULT_ADMIN_USER,
      adminEmail: adminEmail(o.host),
    },
    demoProduct: { sku: o.demoSku },
  };
  applyExtra(values, extra, EXTRA_KEYS);
  return values;
}
