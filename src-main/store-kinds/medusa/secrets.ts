import type { StoreSecrets } from '../driver';
import { PASSWORD_ALPHABET, generatePassword } from '../woocommerce/passwords';

/** Our secret names and the keys the chart stores them under in `<release>-credentials`. */
export const MEDUSA_SECRET_KEYS = {
  databasePassword: 'database-password',
  jwtSecret: 'jwt-secret',
  cookieSecret: 'cookie-secret',
  adminPassword: 'admin-password',
} as const;

export type MedusaSecretName = keyof typeof MEDUSA_SECRET_KEYS;

/** The admin's email, kept in the Secret beside its password: the login's user name. */
export const ADMIN_EMAIL_KEY = 'admin-email';

const MIN_LENGTH = 24;
// Letters and digits only: the database password goes into Medusa's DATABASE_URL unescaped.
const SAFE = new RegExp(`^[${PASSWORD_ALPHABET}]+$`);

/** Four CSPRNG secrets of 32 letters and digits (about 190 bits each). */
export function generateSecrets(): StoreSecrets {
  const out: StoreSecrets = {};
  for (const name of Object.keys(MEDUSA_SECRET_KEYS)) out[name] = generatePassword(32);
  return out;
}

// Errors name the key, never the value: a message may end up in an event or a log.
function checkSecret(value: string | undefined, where: string): string {
  if (value === undefined || value === '') throw new Error(`${where} is missing`);
  if (value.length < MIN_LENGTH || !SAFE.test(value)) {
    throw new Error(
      `${where} is not a secret this app generated (expected at least ${MIN_LENGTH} letters or digits; base64-encoded Secret data must be decoded first)`,
    );
  }
  return value;
}

/** Checks that all four secrets are present and safe to hand to the chart. */
export function checkSecrets(secrets: StoreSecrets): Record<MedusaSecretName, string> {
  const out = {} as Record<MedusaSecretName, string>;
  for (const name of Object.keys(MEDUSA_SECRET_KEYS) as MedusaSecretName[]) {
    out[name] = checkSecret(secrets[name], `secret ${name}`);
  }
  return out;
}

/** Secrets read back from the store's Secret (decoded data), so an upgrade keeps them. */
export function secretsFromSecretData(data: Record<string, string>): StoreSecrets {
  const out: StoreSecrets = {};
  for (const [name, key] of Object.entries(MEDUSA_SECRET_KEYS)) {
    out[name] = checkSecret(data[key], `the store's Secret key ${key}`);
  }
  return out;
}

/** The admin login: its email is the user name Medusa's admin asks for. */
export function credentialsFromSecretData(
  data: Record<string, string>,
  adminUrl: string,
): { username: string; password: string; adminUrl: string } {
  const username = data[ADMIN_EMAIL_KEY];
  if (!username) throw new Error(`the store's Secret has no ${ADMIN_EMAIL_KEY}`);
  const password = data[MEDUSA_SECRET_KEYS.adminPassword];
  if (!password) throw new Error(`the store's Secret has no ${MEDUSA_SECRET_KEYS.adminPassword}`);
  return { username, password, adminUrl };
}
