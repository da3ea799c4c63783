import type { StoreRef, StoreSecrets } from '../driver';
import { checkSecrets } from './secrets';
import { isDnsSubdomain } from '../../../src-shared/rules/dns-label';
import {
  WORDPRESS_IMAGE_TAG_EXPECTED,
  isWordpressImageTag,
} from '../../../src-shared/rules/image-tag-rule';
import { MEMORY_LIMIT_EXPECTED, isMemoryLimit } from '../../../src-shared/rules/memory-limit-rule';
import { STORE_ID_PROBLEM, isStoreId } from '../../../src-shared/rules/store-id-rule';
import { storeNameProblem } from '../../../src-shared/rules/store-name-rule';
import {
  WOOCOMMERCE_VERSION_EXPECTED,
  isWoocommerceVersion,
} from '../../../src-shared/rules/woocommerce-version-rule';

export const DEFAULT_ADMIN_USER = 'admin';

function isBoolean(value: string): boolean {
  return value === 'true' || value === 'false';
}

interface ExtraKey {
  /** where the value goes in the chart's values */
  path: readonly string[];
  check: (value: string) => boolean;
  expected: string;
  convert?: (value: string) => unknown;
}

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
  stopped: {
    path: ['store', 'stopped'],
    check: isBoolean,
    expected: 'true or false',
    convert: (value) => value === 'true',
  },
};

export const EXTRA_VALUE_KEYS = Object.keys(EXTRA_KEYS);

// What a user may change and Storefleet keeps per store.
const SETTING_KEYS = ['wordpressImageTag', 'woocommerceVersion', 'memoryLimit', 'stopped'];

function getPath(source: Record<string, unknown>, path: readonly string[]): unknown {
  let node: unknown = source;
  for (const key of path) {
    if (!node || typeof node !== 'object' || Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/**
 * The user-changeable settings found in a release's values, as buildValues takes them back.
 * An allow-list: everything else in those values, the passwords first, is left behind.
 */
export function settingsFromValues(values: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of SETTING_KEYS) {
    const spec = EXTRA_KEYS[key] as ExtraKey;
    const value = getPath(values, spec.path);
    const text = typeof value === 'boolean' || typeof value === 'string' ? String(value) : null;
    if (text !== null && spec.check(text)) out[key] = text;
  }
  return out;
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (next && typeof next === 'object' && !Array.isArray(next)) {
      node = next as Record<string, unknown>;
    } else {
      const created: Record<string, unknown> = {};
      node[key] = created;
      node = created;
    }
  }
  node[path[path.length - 1] as string] = value;
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
  const nameProblem = storeNameProblem(o.store.name);
  if (nameProblem) {
    throw new Error(
      `store name "${o.store.name}" cannot name a release (a DNS-1123 label): ${nameProblem}`,
    );
  }
  if (!isStoreId(o.store.id)) {
    throw new Error(
      `store id "${o.store.id}" is not a valid Kubernetes label value: ${STORE_ID_PROBLEM}`,
    );
  }
  // The chart insists on a dot: a store host is always <name>.<domain>.
  if (!isDnsSubdomain(o.host, { minLabels: 2 }))
    throw new Error(`"${o.host}" is not a valid host name`);
  const secrets = checkSecrets(o.secrets);
  const extra = Object.entries(o.extra ?? {});
  for (const [key, value] of extra) {
    const spec = EXTRA_KEYS[key];
    if (!spec) {
      throw new Error(`"${key}" cannot be set per store; allowed: ${EXTRA_VALUE_KEYS.join(', ')}`);
    }
    if (!spec.check(value)) throw new Error(`${key} must be ${spec.expected}`);
  }

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
  for (const [key, value] of extra) {
    const spec = EXTRA_KEYS[key] as ExtraKey;
    setPath(values, spec.path, spec.convert ? spec.convert(value) : value);
  }
  return values;
}
