import { describe, expect, it } from 'vitest';
import { makeStore } from '../db/test-helpers';
import type { StoreKindDriver } from '../store-kinds/driver';
import { readAdminLoginToken } from '../store-kinds/woocommerce/admin-login-token';
import { woocommerceDriver } from '../store-kinds/woocommerce/driver';
import { readAdminLoginUrl } from './admin-login';
import { REDACTED, Redactor } from './redactor';

const KEY = 'K'.repeat(64);
const store = makeStore({ name: 'shop', status: 'Ready' });
const secret = {
  'wordpress-admin-user': 'admin',
  'login-key': KEY,
  'mariadb-password': 'p'.repeat(32),
};

function cluster(data: Record<string, string> | null) {
  const reads: string[] = [];
  return {
    reads,
    readSecretData: (namespace: string, name: string) => {
      reads.push(`${namespace}/${name}`);
      return Promise.resolve(data);
    },
  };
}

describe('readAdminLoginUrl', () => {
  it('signs a login URL from the store’s Secret and teaches the redactor its token', async () => {
    const c = cluster(secret);
    const redactor = new Redactor();
    const url = await readAdminLoginUrl(c, woocommerceDriver, store, redactor);
    expect(c.reads).toEqual(['store-shop/shop-credentials']);
    const token = new URL(url ?? '').searchParams.get('storefleet-login') ?? '';
    expect(readAdminLoginToken(token, KEY)?.user).toBe('admin');
    expect(url?.startsWith('http://shop.localhost/?storefleet-login=')).toBe(true);
    expect(redactor.redact(store.id, `opened ${url} and ${token}; key ${KEY}`)).toBe(
      `opened ${REDACTED} and ${REDACTED}; key ${REDACTED}`,
    );
  });

  it('is null for a store without a login key or without a Secret', async () => {
    const { 'login-key': _key, ...older } = secret;
    const redactor = new Redactor();
    expect(await readAdminLoginUrl(cluster(older), woocommerceDriver, store, redactor)).toBeNull();
    expect(await readAdminLoginUrl(cluster(null), woocommerceDriver, store, redactor)).toBeNull();
  });

  it('is null for a kind without one-click login, without reading its Secret', async () => {
    const withoutLogin: StoreKindDriver = { ...woocommerceDriver, adminLoginUrl: undefined };
    const c = cluster(secret);
    expect(await readAdminLoginUrl(c, withoutLogin, store, new Redactor())).toBeNull();
    expect(c.reads).toEqual([]);
  });
});
