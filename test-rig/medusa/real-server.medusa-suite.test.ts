// The real Medusa backend Storefleet ships (images/medusa), run natively by the `medusa` project's
// global setup through its entry script: migrations and the seed ran, the admin exists once,
// the dashboard's session cookie works over plain http, and a Store API order goes through.
import { join } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { client, placeOrder, rows, storefrontKey, type Answer, type Row } from './by-hand';
import { medusaServer } from './medusa-server';

const server = medusaServer();
const { call, ok } = client(server.url);

async function signIn(password = server.adminPassword): Promise<Answer> {
  return call('/auth/user/emailpass', { body: { email: server.adminEmail, password } });
}

let token = '';

beforeAll(async () => {
  const answer = await signIn();
  expect(answer.status).toBe(200);
  token = answer.body.token as string;
});

describe('native Medusa backend (images/medusa)', () => {
  it('answers /health with 200 and no key', async () => {
    const res = await fetch(`${server.url}/health`);
    expect(res.status).toBe(200);
  });

  it('refuses a wrong admin password', async () => {
    const answer = await signIn(`${server.adminPassword}-wrong`);
    expect(answer.status).toBe(401);
  });

  it('ran the seed: region, product, shipping option and the storefront key exist', async () => {
    const regions = rows(
      await ok('/admin/regions?limit=100&fields=*countries,*payment_providers', { token }),
      'regions',
    );
    const region = regions.find((r) => r.name === 'Storefleet');
    expect(region).toMatchObject({ currency_code: 'eur' });
    const countries = (region?.countries as { iso_2: string }[]).map((c) => c.iso_2).sort();
    expect(countries).toEqual(['de', 'fr', 'nl']);
    expect((region?.payment_providers as { id: string }[]).map((p) => p.id)).toContain(
      'pp_system_default',
    );

    const products = rows(
      await ok('/admin/products?handle=storefleet-demo&fields=*variants,*sales_channels', {
        token,
      }),
      'products',
    );
    expect(products).toHaveLength(1);
    expect(products[0]).toMatchObject({ title: 'Storefleet Demo Product', status: 'published' });
    const variants = products[0]?.variants as Row[];
    expect(variants.map((v) => v.sku)).toEqual(['storefleet-demo-1']);
    expect(variants[0]).toMatchObject({ manage_inventory: true });

    const keys = rows(
      await ok('/admin/api-keys?type=publishable&limit=100', { token }),
      'api_keys',
    );
    expect(keys.filter((k) => k.title === 'Storefleet Storefront')).toHaveLength(1);

    const options = rows(
      await ok('/admin/shipping-options?limit=100', { token }),
      'shipping_options',
    );
    expect(options.filter((o) => o.name === 'Standard Shipping')).toHaveLength(1);
    const locations = rows(
      await ok('/admin/stock-locations?limit=100', { token }),
      'stock_locations',
    );
    expect(locations.filter((l) => l.name === 'Storefleet Warehouse')).toHaveLength(1);
  });

  it('ensure-admin run again succeeds and leaves exactly one admin with the same password', async () => {
    const result = await execa(join(server.appDir, 'bin', 'storefleet-medusa'), ['ensure-admin'], {
      extendEnv: false,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        MEDUSA_DISABLE_TELEMETRY: 'true',
        MEDUSA_APP_DIR: server.appDir,
        DATABASE_URL: server.databaseUrl,
        MEDUSA_ADMIN_EMAIL: server.adminEmail,
        MEDUSA_ADMIN_PASSWORD: server.adminPassword,
      },
      reject: false,
      all: true,
    });
    const output = result.all ?? '';
    expect(output).not.toContain(server.adminPassword);
    expect(result.exitCode).toBe(0);
    expect(output).toContain('already exists');

    const users = rows(await ok(`/admin/users?limit=100`, { token }), 'users');
    expect(users.filter((u) => u.email === server.adminEmail)).toHaveLength(1);
    expect((await signIn()).status).toBe(200);
  }, 120_000);

  it('sets the session cookie over plain http when MEDUSA_COOKIE_SECURE=false', async () => {
    const answer = await call('/auth/session', { method: 'POST', token });
    expect(answer.status).toBe(200);
    const cookie = answer.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^connect\.sid=/);
    expect(cookie).not.toMatch(/;\s*Secure/i);
    const sid = cookie.split(';')[0] ?? '';
    const me = await fetch(`${server.url}/admin/users/me`, { headers: { cookie: sid } });
    expect(me.status).toBe(200);
  });

  it('sells the demo product at 10.00 EUR in the region Storefleet', async () => {
    const key = await storefrontKey(server.url, token);
    const region = rows(await ok('/store/regions', { key }), 'regions').find(
      (r) => r.name === 'Storefleet',
    );
    const products = rows(
      await ok(
        `/store/products?handle=storefleet-demo&region_id=${region?.id}&fields=*variants.calculated_price`,
        { key },
      ),
      'products',
    );
    const variant = (products[0]?.variants as Row[])[0];
    expect(variant?.calculated_price).toMatchObject({
      calculated_amount: 10,
      currency_code: 'eur',
    });
  });

  it('places one order through the Store API with the storefront key (steps 1-9)', async () => {
    const key = await storefrontKey(server.url, token);
    expect(key).toMatch(/^pk_/);
    const { cartId, completed } = await placeOrder(server.url, key);
    expect(completed.type).toBe('order');
    const order = completed.order as Row;
    expect(order.id).toMatch(/^order_/);

    // Completing again returns the same order: a resumed verify places no second order.
    const again = await ok(`/store/carts/${cartId}/complete`, { key, body: {} });
    expect((again.order as Row | undefined)?.id).toBe(order.id);
    const adminOrder = (await ok(`/admin/orders/${order.id}?fields=+payment_status`, { token }))
      .order as Row;
    expect(adminOrder.payment_status).toBe('authorized');
  });
});
