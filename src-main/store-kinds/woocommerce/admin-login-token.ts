// One-click admin login: a short-lived, single-use token signed with the store's login key,
// which the chart's must-use plugin (charts/woocommerce/files/storefleet-admin-login.php)
// checks before it signs the store's admin in.
//
// Format (both sides): `<payload>.<signature>`, each base64url without padding.
//   payload   = JSON {"v":1,"user":"<login>","nonce":"<16 random bytes, base64url>","exp":<unix seconds>}
//   signature = HMAC-SHA256(key, <payload as sent, the base64url text>)
// The key is the `login-key` value of the store's Secret, as UTF-8 bytes.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The query parameter the plugin reads, on the store's home URL. */
export const LOGIN_QUERY_PARAM = 'storefleet-login';
/** How long a token stays good; the plugin refuses any whose expiry is more than 60 s away. */
export const LOGIN_TOKEN_TTL_SECONDS = 30;
/** What the plugin accepts at most (it tolerates the store's clock lagging the app's by the rest). */
export const LOGIN_TOKEN_MAX_TTL_SECONDS = 60;
/** Shorter keys are refused on both sides. */
export const LOGIN_KEY_MIN_LENGTH = 32;

const NONCE_BYTES = 16;
const NONCE = /^[A-Za-z0-9_-]{22}$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

export interface AdminLoginPayload {
  v: 1;
  user: string;
  nonce: string;
  exp: number;
}

function checkKey(key: string): Buffer {
  if (key.length < LOGIN_KEY_MIN_LENGTH) {
    throw new Error(`the login key must be at least ${LOGIN_KEY_MIN_LENGTH} characters long`);
  }
  return Buffer.from(key, 'utf8');
}

function sign(key: Buffer, payload: string): string {
  return createHmac('sha256', key).update(payload, 'ascii').digest('base64url');
}

/** A token that signs `user` in once, until `now + ttlSeconds` (seconds since the epoch). */
export function signAdminLoginToken(o: {
  key: string;
  user: string;
  nowSeconds?: number;
  ttlSeconds?: number;
  /** for tests only: a fixed nonce (22 base64url characters) */
  nonce?: string;
}): string {
  const key = checkKey(o.key);
  if (o.user === '' || o.user.length > 60)
    throw new Error('the admin user name must be 1-60 characters');
  const ttl = o.ttlSeconds ?? LOGIN_TOKEN_TTL_SECONDS;
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > LOGIN_TOKEN_MAX_TTL_SECONDS) {
    throw new Error(`a login token lives 1 to ${LOGIN_TOKEN_MAX_TTL_SECONDS} seconds`);
  }
  const now = o.nowSeconds ?? Math.floor(Date.now() / 1000);
  const nonce = o.nonce ?? randomBytes(NONCE_BYTES).toString('base64url');
  if (!NONCE.test(nonce)) throw new Error('a login token nonce is 16 bytes in base64url');
  const body: AdminLoginPayload = { v: 1, user: o.user, nonce, exp: now + ttl };
  const payload = Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
  return `${payload}.${sign(key, payload)}`;
}

/**
 * The payload of a token signed with `key` that has not expired, else null. The plugin is the
 * real check (it also refuses a second use); this one keeps the format honest in tests.
 */
export function readAdminLoginToken(
  token: string,
  key: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): AdminLoginPayload | null {
  const parts = token.split('.');
  if (parts.length !== 2) return null;
  const [payload, signature] = parts as [string, string];
  if (!BASE64URL.test(payload) || !BASE64URL.test(signature)) return null;
  const expected = Buffer.from(sign(checkKey(key), payload), 'ascii');
  const given = Buffer.from(signature, 'ascii');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!body || typeof body !== 'object') return null;
  const b = body as Record<string, unknown>;
  if (b['v'] !== 1 || typeof b['user'] !== 'string' || b['user'] === '') return null;
  if (typeof b['nonce'] !== 'string' || !NONCE.test(b['nonce'])) return null;
  const exp = b['exp'];
  if (typeof exp !== 'number' || !Number.isInteger(exp)) return null;
  if (exp < nowSeconds || exp > nowSeconds + LOGIN_TOKEN_MAX_TTL_SECONDS) return null;
  return { v: 1, user: b['user'], nonce: b['nonce'], exp };
}

/** `<store URL>/?storefleet-login=<token>`: the plugin answers on the store's home page. */
export function adminLoginUrl(storeUrl: string, token: string): string {
  const url = new URL(storeUrl);
  url.pathname = '/';
  url.search = '';
  url.hash = '';
  url.searchParams.set(LOGIN_QUERY_PARAM, token);
  return url.href;
}
