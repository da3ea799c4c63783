import type { StoreRef, StoreSecrets } from '../driver';
import { checkSecrets } from './secrets';
import { isDnsSubdomain } from '../../../src-shared/rules/dns-label';
import { MEMORY_LIMIT_EXPECTED, isMemoryLimit } from '../../../src-shared/rules/memory-limit-rule';
import { STORE_ID_PROBLEM, isStoreId } from '../../../src-shared/rules/store-id-rule';
import { storeNameProblem } from '../../../src-shared/rules/store-name-rule';

const IMAGE_REPOSITORY = /^[a-z0-9][a-z0-9._/:-]{0,254}$/;
const IMAGE_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

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

// The values a Medusa store keeps per store; everything else comes from the values file.
const EXTRA_KEYS: Record<string, ExtraKey> = {
  memoryLimit: {
    path: ['medusa', 'resources', 'limits', 'memory'],
    check: isMemoryLimit,
    expected: MEMORY_LIMIT_EXPECTED,
  },
  stopped: {
    path: ['store', 'stopped'],
    check: isBoolean,
    expected: 'true or false',
    convert: (value) => value === 'true',
  },
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

function getPath(source: Record<string, unknown>, path: readonly string[]): unknown {
  let node: unknown = source;
  for (const key of path) {
    if (!node || typeof node !== 'object' || Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
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

/**
 * The per-store settings found in a release's values, as buildValues takes them back. An
 * allow-list: everything else in those values, the secrets first, is left behind.
 */
export function settingsFromValues(values: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, spec] of Object.entries(EXTRA_KEYS)) {
    const value = getPath(values, spec.path);
    const text = typeof value === 'boolean' || typeof value === 'string' ? String(value) : null;
    if (text !== null && text !== '' && spec.check(text)) out[key] = text;
  }
  return out;
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
  if (!isDnsSubdomain(o.host, { minLabels: 2 })) {
    throw new Error(`"${o.host}" is not a valid host name`);
  }
  const secrets = checkSecrets(o.secrets);
  const extra = Object.entries(o.extra ?? {});
  for (const [key, value] of extra) {
    const spec = EXTRA_KEYS[key];
    if (!spec) {
      throw new Error(
        `"${key}" cannot be set on a Medusa store; allowed: ${MEDUSA_EXTRA_KEYS.join(', ')}`,
      );
    }
    if (!spec.check(value)) throw new Error(`${key} must be ${spec.expected}`);
  }

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
  for (const [key, value] of extra) {
    const spec = EXTRA_KEYS[key] as ExtraKey;
    setPath(values, spec.path, spec.convert ? spec.convert(value) : value);
  }
  // An image the app built and imported is on the nodes only: never pulled from a registry.
  if (o.extra?.['medusaImageTag'] !== undefined) {
    setPath(values, ['medusa', 'image', 'pullPolicy'], 'IfNotPresent');
  }
  return values;
}
