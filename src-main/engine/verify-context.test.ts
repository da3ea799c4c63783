import { describe, expect, it } from 'vitest';
import type { StoreSettings } from '../db/store-repository';
import { medusaDriver } from '../store-kinds/medusa/driver';
import type { OpContext } from './op-context';
import { Redactor } from './redactor';
import { verifyContext } from './verify-context';

function context(secretData: Record<string, string> | null): {
  ctx: OpContext;
  kept: () => StoreSettings;
  redactor: Redactor;
} {
  let settings: StoreSettings = { memoryLimit: '900Mi' };
  const redactor = new Redactor();
  const ctx = {
    store: { id: 'st_1', namespace: 'store-shop', adminUrl: 'http://shop.localhost/app' },
    ref: { id: 'st_1', name: 'shop', namespace: 'store-shop' },
    driver: medusaDriver,
    cluster: { readSecretData: () => Promise.resolve(secretData) },
    redactor,
    settings: {
      get: () => settings,
      set: (next: StoreSettings) => {
        settings = next;
      },
    },
  } as unknown as OpContext;
  return { ctx, kept: () => settings, redactor };
}

describe('verifyContext', () => {
  it("reads the admin login from the store's Secret, teaching the redactor first", async () => {
    const secrets = medusaDriver.generateSecrets();
    const data = {
      'database-password': secrets.databasePassword ?? '',
      'jwt-secret': secrets.jwtSecret ?? '',
      'cookie-secret': secrets.cookieSecret ?? '',
      'admin-password': secrets.adminPassword ?? '',
      'admin-email': 'admin@shop.localhost',
    };
    const { ctx, redactor } = context(data);
    const read = await verifyContext(ctx).readSecrets();
    expect(read).toEqual({
      secrets,
      login: { username: 'admin@shop.localhost', password: secrets.adminPassword },
    });
    expect(redactor.redact('st_1', `a ${secrets.jwtSecret ?? ''} b`)).not.toContain(
      secrets.jwtSecret,
    );
  });

  it('says so in a sentence when the Secret is missing', async () => {
    await expect(verifyContext(context(null).ctx).readSecrets()).rejects.toThrow(
      "The store's credentials Secret shop-credentials is missing from namespace store-shop.",
    );
  });

  it("keeps the cart in the store's settings beside the others, and clears it", () => {
    const { ctx, kept } = context(null);
    const { checkpoint } = verifyContext(ctx);
    expect(checkpoint.get()).toBeUndefined();
    checkpoint.set('cart_01JABC');
    expect(kept()).toEqual({ memoryLimit: '900Mi', verifyCartId: 'cart_01JABC' });
    expect(checkpoint.get()).toBe('cart_01JABC');
    checkpoint.set(undefined);
    expect(kept()).toEqual({ memoryLimit: '900Mi' });
    expect(() => checkpoint.set('cart id; drop table')).toThrow(/cannot be kept/);
  });
});
