// The Medusa verifier through the production ingress transport against the LOCAL STAND-IN of a
// Medusa 2.21.2 server: the order, the key it chooses, resuming a kept cart, a store that is down.
import { createServer, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  startMedusaStandIn,
  type MedusaStandIn,
  type MedusaStandInOptions,
} from '../../../test-rig/stand-ins/medusa/medusa-stand-in';
import {
  medusaTarget,
  memoryCheckpoint,
  secretsIn,
  type MemoryCheckpoint,
} from '../../../test-rig/stand-ins/medusa/medusa-verify-support';
import { verifyMedusaStore } from './verify-medusa-store';

const running: MedusaStandIn[] = [];

async function standIn(o?: MedusaStandInOptions): Promise<MedusaStandIn> {
  const s = await startMedusaStandIn(o);
  running.push(s);
  return s;
}

function target(s: MedusaStandIn, checkpoint?: MemoryCheckpoint) {
  return medusaTarget(
    s.url,
    { email: s.switches.adminEmail, password: s.switches.adminPassword },
    { checkpoint },
  );
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

describe('verifyMedusaStore against the LOCAL STAND-IN of a Medusa server', () => {
  it('places one order with the Storefleet Storefront key and clears the checkpoint', async () => {
    const s = await standIn();
    const checkpoint = memoryCheckpoint();
    const result = await verifyMedusaStore(target(s, checkpoint));
    const [order] = s.orders();
    expect(result).toEqual({
      orderId: order?.id,
      displayId: 1,
      status: 'pending',
      publishableKey: 'pk_storefleet00000000000000000000000000000000',
    });
    expect(s.orders()).toHaveLength(1);
    expect(order?.email).toBe('verify@example.com');
    const cartId = s.carts()[0]?.id;
    expect(checkpoint.history).toEqual([cartId, undefined]);
    expect(s.requests().map((r) => r.replace(/\?.*? /, ' '))).toEqual([
      'POST /auth/user/emailpass 200',
      'GET /admin/api-keys 200',
      'GET /store/regions 200',
      'GET /store/payment-providers 200',
      'GET /store/products 200',
      'POST /store/carts 200',
      `POST /store/carts/${cartId} 200`,
      'GET /store/shipping-options 200',
      `POST /store/carts/${cartId}/shipping-methods 200`,
      'POST /store/payment-collections 200',
      expect.stringMatching(
        /^POST \/store\/payment-collections\/pay_col_\w+\/payment-sessions 200$/,
      ),
      `POST /store/carts/${cartId}/complete 200`,
    ]);
  });

  it('asks for the product by handle in the region, with prices and stock', async () => {
    const s = await standIn({ productHandle: 'other-demo' });
    await verifyMedusaStore(target(s), { productHandle: 'other-demo' });
    const products = s.requests().find((r) => r.startsWith('GET /store/products'));
    const query = new URL(`http://x${products?.split(' ')[1] ?? ''}`).searchParams;
    expect(Object.fromEntries(query)).toEqual({
      handle: 'other-demo',
      region_id: 'reg_standin0storefleet',
      fields: '*variants.calculated_price,+variants.inventory_quantity',
    });
  });

  it("never takes Medusa's own default key, even when it is listed first", async () => {
    const s = await standIn();
    const result = await verifyMedusaStore(target(s));
    expect(s.switches.keys[0]?.title).toBe('Default Publishable API Key');
    expect(result.publishableKey).toBe(s.switches.keys[1]?.token);
  });

  it('a missing Storefleet Storefront key is named, with the keys the store has', async () => {
    const s = await standIn({
      keys: [{ title: 'Default Publishable API Key', token: 'pk_default0' }],
    });
    const p = verifyMedusaStore(target(s));
    await expect(p).rejects.toMatchObject({ stage: 'api-key', code: 'key-missing' });
    await expect(p).rejects.toThrow(
      `Finding the store's publishable API key failed: the store has no publishable API key titled "Storefleet Storefront" (it has "Default Publishable API Key")`,
    );
    expect(s.carts()).toEqual([]);
  });

  it('a revoked Storefleet Storefront key is refused before the Store API', async () => {
    const s = await standIn();
    const key = s.switches.keys[1];
    if (key) key.revoked = true;
    const p = verifyMedusaStore(target(s));
    await expect(p).rejects.toThrow(
      `Finding the store's publishable API key failed: the publishable API key "Storefleet Storefront" has been revoked`,
    );
    expect(s.requests().some((r) => r.includes('/store/'))).toBe(false);
  });

  it('a key the Store API does not accept quotes the store', async () => {
    const s = await standIn({ refusedKeys: ['pk_storefleet00000000000000000000000000000000'] });
    const p = verifyMedusaStore(target(s));
    await expect(p).rejects.toMatchObject({ stage: 'region', status: 400, code: 'not_allowed' });
    await expect(p).rejects.toThrow(
      `Finding the store's region failed: the store did not accept its publishable API key (the store said "A valid publishable key is required to proceed with the request")`,
    );
  });

  it('a key linked to no sales channel is explained, quoting the store', async () => {
    const s = await standIn({
      keys: [{ title: 'Storefleet Storefront', token: 'pk_unlinked', noSalesChannel: true }],
    });
    const p = verifyMedusaStore(target(s));
    await expect(p).rejects.toMatchObject({ stage: 'product', status: 400, code: 'invalid_data' });
    await expect(p).rejects.toThrow(
      'Finding the demo product failed: its publishable API key is not linked to a sales channel (the store said "Publishable key needs to have a sales channel configured")',
    );
    expect(s.carts()).toEqual([]);
  });

  it("Medusa's default key (no products in its sales channel) gives a missing product", async () => {
    const s = await standIn();
    const p = verifyMedusaStore(target(s), { keyTitle: 'Default Publishable API Key' });
    await expect(p).rejects.toMatchObject({ stage: 'product', code: 'product-missing' });
    await expect(p).rejects.toThrow(
      `Finding the demo product failed: the store sells no product with the handle "storefleet-demo" through its publishable API key's sales channel`,
    );
    expect(s.carts()).toEqual([]);
  });

  it('a wrong admin password is a sentence that does not repeat it', async () => {
    const s = await standIn();
    const password = 'wrong-password-that-must-not-show-0123';
    const p = verifyMedusaStore(medusaTarget(s.url, { email: s.switches.adminEmail, password }));
    const error: unknown = await p.catch((e: unknown) => e);
    expect(String(error)).toBe(
      `StorefrontError: Signing in to the store's admin API failed: the admin email or password in the store's Secret is not accepted (the store said "Invalid email or password")`,
    );
    expect(secretsIn(error, [password, s.switches.adminPassword])).toEqual([]);
  });

  it('resumes a kept cart that was completed: the same order, no second one', async () => {
    const s = await standIn({ dropCompleteAnswer: true });
    const checkpoint = memoryCheckpoint();
    const first = await verifyMedusaStore(target(s, checkpoint)).catch((e: unknown) => e);
    expect(first).toMatchObject({ stage: 'connect', code: 'ECONNRESET' });
    expect(s.orders()).toHaveLength(1);
    const cartId = s.carts()[0]?.id;
    expect(checkpoint.get()).toBe(cartId);

    s.switches.dropCompleteAnswer = false;
    const second = await verifyMedusaStore(target(s, checkpoint));
    expect(second.orderId).toBe(s.orders()[0]?.id);
    expect(s.orders()).toHaveLength(1);
    expect(s.carts()).toHaveLength(1);
    expect(checkpoint.get()).toBeUndefined();
    expect(s.requests().filter((r) => r.startsWith(`GET /store/carts/${cartId}`))).toEqual([
      `GET /store/carts/${cartId} 200`,
    ]);
  });

  it('resumes a kept cart that was not completed: the same cart becomes the order', async () => {
    const s = await standIn({ shippingOptions: false });
    const checkpoint = memoryCheckpoint();
    await expect(verifyMedusaStore(target(s, checkpoint))).rejects.toMatchObject({
      stage: 'shipping-options',
    });
    const cartId = checkpoint.get();
    expect(cartId).toBe(s.carts()[0]?.id);

    s.switches.shippingOptions = true;
    const result = await verifyMedusaStore(target(s, checkpoint));
    expect(s.carts()).toHaveLength(1);
    expect(s.orders()).toEqual([expect.objectContaining({ id: result.orderId, cart_id: cartId })]);
    expect(checkpoint.get()).toBeUndefined();
  });

  it('an unknown kept cart (404) starts over with a new cart', async () => {
    const s = await standIn();
    const checkpoint = memoryCheckpoint('cart_lost_with_the_old_database');
    const result = await verifyMedusaStore(target(s, checkpoint));
    expect(s.requests()).toContain('GET /store/carts/cart_lost_with_the_old_database 404');
    expect(s.carts()).toHaveLength(1);
    expect(result.orderId).toBe(s.orders()[0]?.id);
    expect(checkpoint.history).toEqual([undefined, s.carts()[0]?.id, undefined]);
  });

  it('a store that is down: not answering at its address, then the port-forward is tried', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const password = 'down-store-password-0123456789';
    const p = verifyMedusaStore(
      medusaTarget(`http://down.localhost:${port}`, { email: 'a@example.com', password }),
    );
    const error: unknown = await p.catch((e: unknown) => e);
    expect(error).toMatchObject({ stage: 'connect', code: 'kubeconfig' });
    expect(String(error)).toMatch(
      new RegExp(
        `Could not read the kubeconfig /nonexistent/kubeconfig.*Tried through a port-forward to the store's pod because could not reach the store at http://down\\.localhost:${port}: nothing is listening there \\(connection refused\\)\\.\\)$`,
      ),
    );
    expect(secretsIn(error, [password])).toEqual([]);
  });
});
