import type { StoreSecrets } from '../driver';
import { LOGIN_KEY_MIN_LENGTH, adminLoginUrl, signAdminLoginToken } from './admin-login-token';
import { generatePassword, PASSWORD_ALPHABET } from './passwords';

/** Our secret names and the keys the chart stores them under in `<release>-credentials`. */
export const SECRET_KEYS = {
  mariadbRootPassword: 'mariadb-root-password',
  mariadbPassword: 'mariadb-password',
  wordpressAdminPassword: 'wordpress-admin-password',
} as const;

export type WoocommerceSecretName = keyof typeof SECRET_KEYS;

export const ADMIN_USER_KEY = 'wordpress-admin-user';

/**
 * The key that signs one-click admin logins (admin-login-token.ts), our name and its key in the
 * Secret. Optional: stores created before it have none until their next upgrade adds one.
 */
export const LOGIN_KEY_NAME = 'loginKey';
export const LOGIN_KEY_SECRET_KEY = 'login-key';
const LOGIN_KEY_LENGTH = 64;

const MIN_LENGTH = 24;
const SAFE = new RegExp(`^[${PASSWORD_ALPHABET}_-]+$`);

export function generateSecrets(): StoreSecrets {
  const out: StoreSecrets = {};
  for (const name of Object.keys(SECRET_KEYS)) out[name] = generatePassword(32);
  out[LOGIN_KEY_NAME] = generatePassword(LOGIN_KEY_LENGTH);
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

/**
 * Checks that all three passwords are present and safe to hand to the chart, and the login key
 * when there is one.
 */
export function checkSecrets(
  secrets: StoreSecrets,
): Record<WoocommerceSecretName, string> & { loginKey?: string } {
  const out = {} as Record<WoocommerceSecretName, string> & { loginKey?: string };
  for (const name of Object.keys(SECRET_KEYS) as WoocommerceSecretName[]) {
    out[name] = checkPassword(secrets[name], `secret ${name}`);
  }
  const loginKey = secrets[LOGIN_KEY_NAME];
  if (loginKey !== undefined) out.loginKey = checkLoginKey(loginKey, `secret ${LOGIN_KEY_NAME}`);
  return out;
}

function checkLoginKey(value: string, where: string): string {
  const key = checkPassword(value, where);
  if (key.length < LOGIN_KEY_MIN_LENGTH) {
    throw new Error(`${where} is too short for a login key (at least ${LOGIN_KEY_MIN_LENGTH})`);
  }
  return key;
}

/**
 * Secrets read back from the store's Secret (decoded data), so an upgrade keeps them. A store
 * from before one-click admin login has no login key: it gets a fresh one, which the upgrade
 * then adds to its Secret.
 */
export function secretsFromSecretData(data: Record<string, string>): StoreSecrets {
  const out: StoreSecrets = {};
  for (const [name, key] of Object.entries(SECRET_KEYS)) {
    out[name] = checkPassword(data[key], `the store's Secret key ${key}`);
  }
  const loginKey = data[LOGIN_KEY_SECRET_KEY];
  out[LOGIN_KEY_NAME] =
    loginKey === undefined || loginKey === ''
      ? generatePassword(LOGIN_KEY_LENGTH)
      : checkLoginKey(loginKey, `the store's Secret key ${LOGIN_KEY_SECRET_KEY}`);
  return out;
}

/**
 * A one-click login URL for the store's admin, signed with the login key in the store's Secret
 * (decoded data); null for a store whose Secret has no login key yet. The token is returned
 * apart too, so the caller can keep it out of every log.
 */
export function adminLoginFromSecretData(
  data: Record<string, string>,
  storeUrl: string,
  nowSeconds?: number,
): { url: string; token: string } | null {
  const key = data[LOGIN_KEY_SECRET_KEY];
  const user = data[ADMIN_USER_KEY];
  if (!key || !user || key.length < LOGIN_KEY_MIN_LENGTH) return null;
  const token = signAdminLoginToken({
    key,
    user,
    ...(nowSeconds === undefined ? {} : { nowSeconds }),
  });
  return { url: adminLoginUrl(storeUrl, token), token };
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
