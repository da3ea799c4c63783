// Part of the LOCAL STAND-IN of a Medusa 2.21.2 server: sign-in and the admin API-key list.
import { randomBytes } from 'node:crypto';
import { json, medusaError, UNAUTHORIZED, type StandInReply } from './medusa-stand-in-replies';
import type { MedusaStandInSwitches } from './medusa-stand-in-state';

export class StandInAdmin {
  private readonly tokens = new Set<string>();

  constructor(private readonly switches: MedusaStandInSwitches) {}

  /** Every token issued so far (tests check none reaches a message). */
  issued(): string[] {
    return [...this.tokens];
  }

  signIn(body: Record<string, unknown>): StandInReply {
    const { email, password } = body;
    if (email !== this.switches.adminEmail || password !== this.switches.adminPassword) {
      return medusaError(401, 'unauthorized', 'Invalid email or password');
    }
    // A JWT-shaped token: three base64url parts.
    const token = [
      'eyJhbGciOiJIUzI1NiJ9',
      randomBytes(24).toString('base64url'),
      randomBytes(16).toString('base64url'),
    ].join('.');
    this.tokens.add(token);
    return json(200, { token });
  }

  apiKeys(headers: Record<string, string>, query: URLSearchParams): StandInReply {
    const bearer = /^Bearer (.+)$/.exec(headers['authorization'] ?? '')?.[1];
    if (!bearer || !this.tokens.has(bearer)) return UNAUTHORIZED;
    const type = query.get('type');
    const keys = type === null || type === 'publishable' ? this.switches.keys : [];
    const api_keys = keys.map((k, i) => ({
      id: `apk_standin${i}`,
      token: k.token,
      redacted: `${k.token.slice(0, 6)}***`,
      title: k.title,
      type: 'publishable',
      revoked_at: k.revoked ? '2026-01-01T00:00:00.000Z' : null,
      created_at: '2026-01-01T00:00:00.000Z',
    }));
    return json(200, { api_keys, count: api_keys.length, offset: 0, limit: 50 });
  }

  /** The key's token when it is a live key, for the /store routes. */
  liveKey(token: string): boolean {
    if (this.switches.refusedKeys.includes(token)) return false;
    return this.switches.keys.some((k) => k.token === token && !k.revoked);
  }
}
