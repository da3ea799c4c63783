// The Medusa verifier against the REAL Medusa server of the `medusa` test project (images/medusa,
// Medusa 2.21.2 on a throwaway PostgreSQL): an order, resuming a kept cart, and each refusal a
// user can meet, produced through the admin API and put back afterwards. Each test checks the
// sentence a user would read, and that the admin password and tokens are not in it.
import { createServer, type AddressInfo } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { medusaServer } from '../../../test-rig/medusa/medusa-server';
import {
  medusaTarget,
  memoryCheckpoint,
  secretsIn,
  type MemoryCheckpoint,
} from '../../../test-rig/stand-ins/medusa/medusa-verify-support';
import { verifyMedusaStore } from './verify-medusa-store';

const server = medusaServer();
const admin = { email: server.adminEmail, password: server.adminPassword };
let token = '';

type Row = Record<string, unknown> & { id: string };

async function adminCall(
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<Record<string, unknown>> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok)
    throw new Error(`${method} ${path} answered ${res.status}: ${String(json['message'])}`);
  return json;
}

const list = async (path: string, key: string): Promise<Row[]> =>
  (await adminCall('GET', path))[key] as Row[];

function target(checkpoint?: MemoryCheckpoint) {
  return medusaTarget(server.url, admin, { checkpoint, timeoutMs: 90_000 });
}

/** The verify's failure; the test fails if it placed an order instead. */
async function failure(
  p: Promise<unknown>,
): Promise<{ error: unknown; message: string; stage: unknown }> {
  const error: unknown = await p.then(
    () => new Error('the verify placed an order'),
    (e: unknown) => e,
  );
  const message = error instanceof Error ? error.message : String(error);
  expect(secretsIn(error, [admin.password, token])).toEqual([]);
  // No bearer token of any session (a JWT starts with eyJ).
  expect(message).not.toMatch(/eyJ[\w-]{10,}/);
  return { error, message, stage: (error as { stage?: unknown }).stage };
}

async function orderCount(): Promise<number> {
  return Number((await adminCall('GET', '/admin/orders?fields=id&limit=1'))['count']);
}

beforeAll(async () => {
  const res = await fetch(`${server.url}/auth/user/emailpass`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(admin),
  });
  token = ((await res.json()) as { token: string }).token;
});

describe('verifyMedusaStore against a REAL Medusa 2.21.2 server', () => {
  it('places an order the admin sees, with the Storefleet Storefront key', async () => {
    const checkpoint = memoryCheckpoint();
    const result = await verifyMedusaStore(target(checkpoint));
    const keys = await list('/admin/api-keys?type=publishable', 'api_keys');
    expect(result.publishableKey).toBe(
      keys.find((k) => k['title'] === 'Storefleet Storefront')?.['token'],
    );
    const { order } = (await adminCall(
      'GET',
      `/admin/orders/${result.orderId}?fields=id,display_id,status,payment_status,email`,
    )) as { order: Row };
    expect(order).toMatchObject({
      id: result.orderId,
      display_id: result.displayId,
      status: 'pending',
      payment_status: 'authorized',
      email: 'verify@example.com',
    });
    expect(result.status).toBe('pending');
    expect(checkpoint.history).toEqual([expect.stringMatching(/^cart_/), undefined]);
  });

  it('a kept cart that was completed gives back its order, not a second one', async () => {
    const first = memoryCheckpoint();
    const placed = await verifyMedusaStore(target(first));
    const cartId = first.history[0];
    const before = await orderCount();
    const resumed = memoryCheckpoint(cartId);
    await expect(verifyMedusaStore(target(resumed))).resolves.toMatchObject({
      orderId: placed.orderId,
    });
    expect(await orderCount()).toBe(before);
    expect(resumed.get()).toBeUndefined();
  });

  it('an unknown kept cart starts over', async () => {
    const checkpoint = memoryCheckpoint('cart_01UNKNOWN0000000000000000');
    const before = await orderCount();
    await verifyMedusaStore(target(checkpoint));
    expect(await orderCount()).toBe(before + 1);
    expect(checkpoint.history).toEqual([undefined, expect.stringMatching(/^cart_/), undefined]);
  });

  it('missing key: the Storefleet Storefront key renamed', async () => {
    const key = (await list('/admin/api-keys?type=publishable', 'api_keys')).find(
      (k) => k['title'] === 'Storefleet Storefront',
    );
    if (!key) throw new Error('the seed made no Storefleet Storefront key');
    await adminCall('POST', `/admin/api-keys/${key.id}`, { title: 'Renamed Storefront' });
    try {
      const { message, stage } = await failure(verifyMedusaStore(target()));
      expect(stage).toBe('api-key');
      expect(message).toBe(
        `Finding the store's publishable API key failed: the store has no publishable API key titled "Storefleet Storefront" (it has "Renamed Storefront")`,
      );
    } finally {
      await adminCall('POST', `/admin/api-keys/${key.id}`, { title: 'Storefleet Storefront' });
    }
  });

  it('wrong key: a key with no sales channel, and a revoked key', async () => {
    const { api_key: bare } = (await adminCall('POST', '/admin/api-keys', {
      title: 'Storefleet Bare Key',
      type: 'publishable',
    })) as { api_key: Row };
    try {
      const bareFailure = await failure(
        verifyMedusaStore(target(), { keyTitle: 'Storefleet Bare Key' }),
      );
      expect(bareFailure.stage).toBe('product');
      expect(bareFailure.message).toBe(
        'Finding the demo product failed: its publishable API key is not linked to a sales channel (the store said "Publishable key needs to have a sales channel configured")',
      );
      await adminCall('POST', `/admin/api-keys/${bare.id}/revoke`, {});
      const revoked = await failure(
        verifyMedusaStore(target(), { keyTitle: 'Storefleet Bare Key' }),
      );
      expect(revoked.message).toBe(
        `Finding the store's publishable API key failed: the publishable API key "Storefleet Bare Key" has been revoked`,
      );
    } finally {
      await adminCall('POST', `/admin/api-keys/${bare.id}/revoke`, {}).catch(() => undefined);
      await adminCall('DELETE', `/admin/api-keys/${bare.id}`);
    }
  });

  it('product out of stock: refused before any cart', async () => {
    const [item] = await list(
      '/admin/inventory-items?sku=storefleet-demo-1&fields=id,*location_levels',
      'inventory_items',
    );
    const level = (item?.['location_levels'] as Row[] | undefined)?.[0];
    if (!item || !level) throw new Error('the seed made no stock level for storefleet-demo-1');
    const stocked = Number(level['stocked_quantity']);
    const path = `/admin/inventory-items/${item.id}/location-levels/${String(level['location_id'])}`;
    await adminCall('POST', path, { stocked_quantity: 0 });
    try {
      const checkpoint = memoryCheckpoint();
      const { message, stage } = await failure(verifyMedusaStore(target(checkpoint)));
      expect(stage).toBe('product');
      expect(message).toBe(
        'Finding the demo product failed: the product "storefleet-demo" is out of stock',
      );
      expect(checkpoint.history).toEqual([]);
    } finally {
      await adminCall('POST', path, { stocked_quantity: stocked });
    }
  });

  it('no shipping option: named, then the same cart becomes the order once it is back', async () => {
    const [option] = await list('/admin/shipping-options?fields=id,*rules', 'shipping_options');
    const rules = (option?.['rules'] as Row[] | undefined) ?? [];
    if (!option || !rules.some((r) => r['attribute'] === 'enabled_in_store')) {
      throw new Error('the seed made no shipping option enabled in the store');
    }
    const withStoreRule = (value: string) =>
      rules.map((r) => ({
        id: r.id,
        attribute: r['attribute'],
        operator: r['operator'],
        value: r['attribute'] === 'enabled_in_store' ? value : r['value'],
      }));
    await adminCall('POST', `/admin/shipping-options/${option.id}`, {
      rules: withStoreRule('false'),
    });
    const checkpoint = memoryCheckpoint();
    try {
      const { message, stage } = await failure(verifyMedusaStore(target(checkpoint)));
      expect(stage).toBe('shipping-options');
      expect(message).toMatch(
        /^Listing the shipping options failed: the store offers no shipping option for an address in the region "Storefleet" \(country (DE|FR|NL)\)$/,
      );
    } finally {
      await adminCall('POST', `/admin/shipping-options/${option.id}`, {
        rules: withStoreRule('true'),
      });
    }
    const cartId = checkpoint.get();
    expect(cartId).toMatch(/^cart_/);
    const result = await verifyMedusaStore(target(checkpoint));
    const { order } = (await adminCall(
      'GET',
      `/admin/orders/${result.orderId}?fields=id,*cart`,
    ).catch(() => ({ order: null }))) as { order: Row | null };
    expect(order?.id).toBe(result.orderId);
    expect(checkpoint.history).toEqual([cartId, undefined]);
  });

  it('no payment session: the region without the system payment provider', async () => {
    const [region] = await list('/admin/regions?fields=id,name,*payment_providers', 'regions');
    if (!region) throw new Error('the seed made no region');
    const providers = ((region['payment_providers'] as Row[] | undefined) ?? []).map((p) => p.id);
    expect(providers).toContain('pp_system_default');
    await adminCall('POST', `/admin/regions/${region.id}`, { payment_providers: [] });
    try {
      const { message, stage } = await failure(verifyMedusaStore(target()));
      expect(stage).toBe('region');
      expect(message).toBe(
        `Finding the store's region failed: the region "Storefleet" does not offer Medusa's system payment provider (pp_system_default), which the check pays with`,
      );
    } finally {
      await adminCall('POST', `/admin/regions/${region.id}`, { payment_providers: providers });
    }
  });

  it('server down: the store does not answer at its address', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const { message, stage } = await failure(
      verifyMedusaStore(medusaTarget(`http://127.0.0.1:${port}`, admin)),
    );
    expect(stage).toBe('connect');
    expect(message).toContain(
      `because could not reach the store at http://127.0.0.1:${port}: nothing is listening there (connection refused).)`,
    );
  });

  it('after all of the above the store still sells', async () => {
    await expect(verifyMedusaStore(target())).resolves.toMatchObject({ status: 'pending' });
  });
});
