// The LOCAL STAND-IN of a Medusa 2.21.2 server answers as MEDUSA.md measured on a real one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMedusaStandIn, type MedusaStandIn } from './medusa-stand-in';

let s: MedusaStandIn;
const key = 'pk_storefleet00000000000000000000000000000000';

beforeAll(async () => {
  s = await startMedusaStandIn();
});

afterAll(async () => {
  await s.close();
});

async function call(
  method: 'GET' | 'POST',
  path: string,
  o: { json?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${s.url}${path}`, {
    method,
    headers: {
      'x-publishable-api-key': key,
      ...(o.json === undefined ? {} : { 'content-type': 'application/json' }),
      ...o.headers,
    },
    body: o.json === undefined ? undefined : JSON.stringify(o.json),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function newCart(): Promise<string> {
  const { body } = await call('POST', '/store/carts', {
    json: {
      region_id: 'reg_standin0storefleet',
      items: [{ variant_id: 'variant_standin0demo', quantity: 1 }],
    },
  });
  return (body['cart'] as { id: string }).id;
}

describe('LOCAL STAND-IN of a Medusa server: measured answers', () => {
  it('a Store API route without a key, or with a wrong one, is 400 not_allowed', async () => {
    const none = await call('GET', '/store/regions', { headers: { 'x-publishable-api-key': '' } });
    expect(none.status).toBe(400);
    expect(none.body).toMatchObject({ type: 'not_allowed' });
    expect(String(none.body['message'])).toMatch(
      /^Publishable API key required in the request header: x-publishable-api-key/,
    );
    const wrong = await call('GET', '/store/regions', {
      headers: { 'x-publishable-api-key': 'pk_wrong' },
    });
    expect(wrong).toEqual({
      status: 400,
      body: {
        type: 'not_allowed',
        message: 'A valid publishable key is required to proceed with the request',
      },
    });
  });

  it('an admin route without a token is 401 Unauthorized', async () => {
    const res = await call('GET', '/admin/api-keys?type=publishable');
    expect(res).toEqual({ status: 401, body: { message: 'Unauthorized' } });
  });

  it('complete refuses a cart without shipping method, payment collection or session', async () => {
    const id = await newCart();
    const complete = () => call('POST', `/store/carts/${id}/complete`);
    expect((await complete()).body['message']).toBe(
      'No shipping method selected but the cart contains items that require shipping.',
    );
    await call('POST', `/store/carts/${id}/shipping-methods`, {
      json: { option_id: 'so_standin0standard' },
    });
    expect((await complete()).body['message']).toBe(
      'Payment collection has not been initiated for cart',
    );
    const collection = await call('POST', '/store/payment-collections', { json: { cart_id: id } });
    const again = await call('POST', '/store/payment-collections', { json: { cart_id: id } });
    expect(again.body).toEqual(collection.body);
    expect((await complete()).body['message']).toBe(
      'Payment sessions are required to complete cart',
    );
  });

  it('a completed cart completes again to the same order', async () => {
    const id = await newCart();
    await call('POST', `/store/carts/${id}/shipping-methods`, {
      json: { option_id: 'so_standin0standard' },
    });
    const { body } = await call('POST', '/store/payment-collections', { json: { cart_id: id } });
    const collectionId = (body['payment_collection'] as { id: string }).id;
    await call('POST', `/store/payment-collections/${collectionId}/payment-sessions`, {
      json: { provider_id: 'pp_system_default' },
    });
    const first = await call('POST', `/store/carts/${id}/complete`);
    const second = await call('POST', `/store/carts/${id}/complete`);
    expect(first.body).toMatchObject({ type: 'order', order: { status: 'pending' } });
    expect(second.body).toEqual(first.body);
    const cart = await call('GET', `/store/carts/${id}`);
    expect((cart.body['cart'] as { completed_at: string | null }).completed_at).toEqual(
      expect.any(String),
    );
  });

  it('strict bodies refuse unknown fields; an unknown cart is 404 not_found', async () => {
    const strict = await call('POST', '/store/carts', {
      json: { region_id: 'reg_standin0storefleet', colour: 'blue' },
    });
    expect(strict.status).toBe(400);
    expect(strict.body['type']).toBe('invalid_data');
    const missing = await call('GET', '/store/carts/cart_nope');
    expect(missing).toMatchObject({ status: 404, body: { type: 'not_found' } });
  });

  it('out of stock: adding the variant to a cart is refused', async () => {
    s.switches.stock = 0;
    const res = await call('POST', '/store/carts', {
      json: {
        region_id: 'reg_standin0storefleet',
        items: [{ variant_id: 'variant_standin0demo', quantity: 1 }],
      },
    });
    s.switches.stock = 1_000_000;
    expect(res).toEqual({
      status: 400,
      body: { type: 'not_allowed', message: 'Some variant does not have the required inventory' },
    });
  });
});
