import type { StoreSecrets } from '../driver';
import { generatePassword, PASSWORD_ALPHABET } from './passwords';

/** Our secret names and the keys the chart stores them under in `<release>-credentials`. */
export const SECRET_KEYS = {
  mariadbRootPassword: 'mariadb-root-password',
  mariadbPassword: 'mariadb-password',
  wordpressAdminPassword: 'wordpress-admin-password',
} as const;

export type WoocommerceSecretName = keyof typeof SECRET_KEYS;

export const ADMIN_USER_KEY = 'wordpress-admin-user';

const MIN_LENGTH = 24;
const SAFE = new RegExp(`^[${PASSWORD_ALPHABET}_-]+$`);

export function generateSecrets(): StoreSecrets {
  const out: StoreSecrets = {};
  for (const name of Object.keys(SECRET_KEYS)) out[name] = generatePassword(32);
  return out;
}

// Errors name the key, never the value: a message may end up in an event or a log.
function checkPassword(value: string | undefined, where: string): string {
  if (value === undefined || value === '') throw new Error(`${where} is missing`);
  if (value.length < MIN_LENGTH || !SAFE.test(value)) {
    throw new Error(
      `${where} is not a password this app generated (expected at least ${MIN_LENGTH} letters or digits; base64-encoded Secret data must be decoded first)`,
    );
  }
  return value;
}

/** Checks that all three secrets are present and safe to hand to the chart. */
export function checkSecrets(secrets: StoreSecrets): Record<WoocommerceSecretName, string> {
  const out = {} as Record<WoocommerceSecretName, string>;
  for (const name of Object.keys(SECRET_KEYS) as WoocommerceSecretName[]) {
    out[name] = checkPassword(secrets[name], `secret ${name}`);
  }
  return out;
}

/** Secrets read back from the store's Secret (decoded data), so an upgrade keeps them. */
export function secretsFromSecretData(data: Record<string, string>): StoreSecrets {
  const out: StoreSecrets = {};
  for (const [name, key] of Object.entries(SECRET_KEYS)) {
    out[name] = checkPassword(data[key], `the store's Secret key ${key}`);
  }
  return out;
}

export function credentialsFromSecretData(
  data: Record<string, string>,
  adminUrl: string,
): { username: string; password: string; adminUrl: string } {
  const username = data[ADMIN_USER_KEY];
  if (!username) throw new Error(`the store's Secret has no ${ADMIN_USER_KEY}`);
  const password = data[SECRET_KEYS.wordpressAdminPassword];
  if (!password) {
    throw new Error(`the store's Secret has no ${SECRET_KEYS.wordpressAdminPassword}`);
  }
  return { username, password, adminUrl };
}
