// Part of the LOCAL STAND-IN of the WooCommerce Store API. Cart-Tokens are HS256 JWTs signed
// with a per-store secret, like WooCommerce's, so another store's token is as invalid as a
// garbled one.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const TOKEN_LIFETIME_S = 2 * 24 * 3600;

function b64url(data: string | Buffer): string {
  return Buffer.from(data).toString('base64url');
}

export class StandInCartTokens {
  private readonly secret = randomBytes(32);

  issue(cartId: string): string {
    const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
    const exp = Math.floor(Date.now() / 1000) + TOKEN_LIFETIME_S;
    const payload = b64url(JSON.stringify({ user_id: cartId, exp, iss: 'store-api' }));
    return `${head}.${payload}.${b64url(this.sign(`${head}.${payload}`))}`;
  }

  /** The cart id a token names, or null when it is malformed, forged, foreign or expired. */
  read(token: string): string | null {
    const [head, payload, sig, extra] = token.split('.');
    if (!head || !payload || !sig || extra !== undefined) return null;
    const want = this.sign(`${head}.${payload}`);
    const got = Buffer.from(sig, 'base64url');
    if (got.length !== want.length || !timingSafeEqual(got, want)) return null;
    try {
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
        user_id?: unknown;
        exp?: unknown;
      };
      if (typeof claims.user_id !== 'string' || typeof claims.exp !== 'number') return null;
      return claims.exp > Date.now() / 1000 ? claims.user_id : null;
    } catch {
      return null;
    }
  }

  private sign(data: string): Buffer {
    return createHmac('sha256', this.secret).update(data).digest();
  }
}
