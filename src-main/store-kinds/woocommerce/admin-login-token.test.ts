import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  LOGIN_QUERY_PARAM,
  LOGIN_TOKEN_TTL_SECONDS,
  adminLoginUrl,
  readAdminLoginToken,
  signAdminLoginToken,
} from './admin-login-token';

const KEY = 'k'.repeat(20) + 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const NOW = 1_800_000_000;

describe('admin login token', () => {
  it('is base64url JSON and an HMAC-SHA256 of that text with the key', () => {
    const token = signAdminLoginToken({
      key: KEY,
      user: 'admin',
      nowSeconds: NOW,
      nonce: 'AAAAAAAAAAAAAAAAAAAAAA',
    });
    const [payload, signature] = token.split('.');
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(JSON.parse(Buffer.from(payload ?? '', 'base64url').toString())).toEqual({
      v: 1,
      user: 'admin',
      nonce: 'AAAAAAAAAAAAAAAAAAAAAA',
      exp: NOW + LOGIN_TOKEN_TTL_SECONDS,
    });
    expect(signature).toBe(
      createHmac('sha256', Buffer.from(KEY))
        .update(payload ?? '')
        .digest('base64url'),
    );
  });

  it('carries a fresh 16-byte nonce each time', () => {
    const nonces = new Set(
      Array.from({ length: 20 }, () => {
        const token = signAdminLoginToken({ key: KEY, user: 'admin', nowSeconds: NOW });
        return readAdminLoginToken(token, KEY, NOW)?.nonce;
      }),
    );
    expect(nonces.size).toBe(20);
    for (const nonce of nonces) expect(Buffer.from(nonce ?? '', 'base64url')).toHaveLength(16);
  });

  it('reads back what it signed, until the expiry', () => {
    const token = signAdminLoginToken({ key: KEY, user: 'admin', nowSeconds: NOW });
    expect(readAdminLoginToken(token, KEY, NOW)?.user).toBe('admin');
    expect(readAdminLoginToken(token, KEY, NOW + LOGIN_TOKEN_TTL_SECONDS)).not.toBeNull();
    expect(readAdminLoginToken(token, KEY, NOW + LOGIN_TOKEN_TTL_SECONDS + 1)).toBeNull();
  });

  it('refuses another key, a changed payload and malformed text', () => {
    const token = signAdminLoginToken({ key: KEY, user: 'admin', nowSeconds: NOW });
    expect(readAdminLoginToken(token, `${KEY}x`, NOW)).toBeNull();
    const [, signature] = token.split('.');
    const changed = Buffer.from(
      JSON.stringify({ v: 1, user: 'root', nonce: 'A'.repeat(22), exp: NOW + 10 }),
    ).toString('base64url');
    expect(readAdminLoginToken(`${changed}.${signature}`, KEY, NOW)).toBeNull();
    for (const bad of ['', 'abc', 'a.b.c', '%%.%%', `${token}.`]) {
      expect(readAdminLoginToken(bad, KEY, NOW)).toBeNull();
    }
  });

  it('lives at most 60 seconds and needs a long key', () => {
    expect(() => signAdminLoginToken({ key: KEY, user: 'admin', ttlSeconds: 61 })).toThrow(
      /1 to 60 seconds/,
    );
    expect(() => signAdminLoginToken({ key: 'short', user: 'admin' })).toThrow(/at least 32/);
    expect(() => signAdminLoginToken({ key: KEY, user: '' })).toThrow(/1-60 characters/);
    const far = signAdminLoginToken({ key: KEY, user: 'admin', nowSeconds: NOW + 40 });
    expect(readAdminLoginToken(far, KEY, NOW)).toBeNull();
  });

  it('puts the token on the store home page, whatever path the store URL had', () => {
    expect(adminLoginUrl('http://shop1.localhost:8080/wp-admin/?x=1#y', 'a.b')).toBe(
      `http://shop1.localhost:8080/?${LOGIN_QUERY_PARAM}=a.b`,
    );
  });
});
