// The publishable API key the storefront uses, read through the admin API: Medusa makes its own
// "Default Publishable API Key" on every start, so the key is chosen by its title, never blindly.
import { quoted, stepError } from './store-api-errors';
import type { MedusaHttp } from './store-api-http';
import { apiKeysSchema, authTokenSchema } from './store-api-schemas';

export const DEFAULT_KEY_TITLE = 'Storefleet Storefront';

/** Signs in as the store's admin; the token is kept out of every message from then on. */
export async function signIn(
  http: MedusaHttp,
  admin: { email: string; password: string },
): Promise<string> {
  const { token } = await http.call('sign-in', 'POST', '/auth/user/emailpass', authTokenSchema, {
    json: { email: admin.email, password: admin.password },
  });
  http.keepSecret(token);
  return token;
}

/** The token of the live publishable key titled `title`; a clear error when there is none. */
export async function findPublishableKey(
  http: MedusaHttp,
  token: string,
  title: string,
): Promise<string> {
  const { api_keys: keys } = await http.call(
    'api-key',
    'GET',
    '/admin/api-keys?type=publishable&limit=100',
    apiKeysSchema,
    { token },
  );
  const titled = keys.filter((k) => k.title === title);
  const live = titled.find((k) => !k.revoked_at);
  if (live) return live.token;
  if (titled.length > 0) {
    throw stepError('api-key', `the publishable API key "${title}" has been revoked`, {
      code: 'key-revoked',
      secrets: http.hidden(),
    });
  }
  const others = keys
    .slice(0, 5)
    .map((k) => `"${quoted(k.title, http.hidden()).slice(0, 60)}"`)
    .join(', ');
  throw stepError(
    'api-key',
    `the store has no publishable API key titled "${title}" (it has ${others || 'none'})`,
    { code: 'key-missing', secrets: http.hidden() },
  );
}
