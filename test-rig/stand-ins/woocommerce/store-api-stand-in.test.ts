// Keeps the LOCAL STAND-IN of the Store API faithful to the observed WooCommerce behaviour,
// request by request, so the client tests that rely on it test something real.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingressTransport } from '../../../src-main/store-kinds/http/ingress-transport';
import { startStoreApiStandIn, type StoreApiStandIn } from './store-api-stand-in';
import type { StorefrontTransport } from '../../../src-main/store-kinds/http/storefront-transport';

let standIn: StoreApiStandIn;
let shop: StorefrontTransport;
const api = '/wp-json/wc/store/v1';

beforeAll(async () => {
  standIn = await startStoreApiStandIn();
  standIn.addStore('contract.localhost');
  shop = ingressTransport(standIn.url('contract.localhost'));
});

afterAll(async () => {
  await standIn.close();
});

async function call(
  method: 'GET' | 'POST',
  path: string,
  headers: Record<string, string> = {},
  json?: unknown,
): Promise<{ status: number; headers: Record<string, string>; json: Record<string, unknown> }> {
  const res = await shop({
    method,
    path,
    headers: json === undefined ? headers : { ...headers, 'Content-Type': 'application/json' },
    body: json === undefined ? undefined : JSON.stringify(json),
  });
  return {
    status: res.status,
    headers: res.headers,
    json: JSON.parse(res.body) as Record<string, unknown>,
  };
}

describe('LOCAL STAND-IN of the WooCommerce Store API', () => {
  it('issues a JWT-like Cart-Token, a Nonce and an empty cart', async () => {
    const res = await call('GET', `${api}/cart`);
    expect(res.status).toBe(200);
    expect(res.headers['cart-token']).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(res.headers['nonce']).toMatch(/^[0-9a-f]{10}$/);
    expect(res.headers['nonce-timestamp']).toMatch(/^\d+$/);
    expect(res.json).toMatchObject({ items_count: 0, totals: { total_price: '0' } });
  });

  it('answers add-item with 201 and minor-unit string totals, then checks out with COD', async () => {
    const token = (await call('GET', `${api}/cart`)).headers['cart-token'] ?? '';
    const added = await call(
      'POST',
      `${api}/cart/add-item`,
      { 'Cart-Token': token },
      { id: 12, quantity: 2 },
    );
    expect(added.status).toBe(201);
    expect(added.json).toMatchObject({
      items_count: 2,
      needs_payment: true,
      needs_shipping: false,
      payment_methods: ['cod'],
      totals: { total_price: '2000' },
    });
    const order = await call(
      'POST',
      `${api}/checkout`,
      { 'Cart-Token': token },
      { billing_address: { email: 'a@example.com' }, payment_method: 'cod' },
    );
    expect(order.status).toBe(200);
    expect(order.json).toMatchObject({
      status: 'processing',
      payment_method: 'cod',
      payment_result: { payment_status: 'success' },
    });
    expect(order.json['order_key']).toMatch(/^wc_order_/);
  });

  it('treats a garbled Cart-Token as no token: fresh cart on GET, Nonce needed to write', async () => {
    const got = await call('GET', `${api}/cart`, { 'Cart-Token': 'x.y.z' });
    expect(got.status).toBe(200);
    expect(got.json).toMatchObject({ items_count: 0 });
    expect(got.headers['cart-token']).not.toBe('x.y.z');
    const nonce = got.headers['nonce'] ?? '';
    const noNonce = await call(
      'POST',
      `${api}/cart/add-item`,
      { 'Cart-Token': 'x.y.z' },
      { id: 12 },
    );
    expect(noNonce).toMatchObject({
      status: 401,
      json: { code: 'woocommerce_rest_missing_nonce' },
    });
    const withNonce = await call(
      'POST',
      `${api}/cart/add-item`,
      { 'Cart-Token': 'x.y.z', Nonce: nonce },
      { id: 12, quantity: 1 },
    );
    expect(withNonce).toMatchObject({ status: 201, json: { items_count: 1 } });
    const checkout = await call(
      'POST',
      `${api}/checkout`,
      { 'Cart-Token': 'x.y.z', Nonce: nonce },
      { billing_address: { email: 'a@example.com' }, payment_method: 'cod' },
    );
    expect(checkout).toMatchObject({
      status: 409,
      json: {
        code: 'woocommerce_rest_cart_empty',
        data: { status: 409, cart: { items_count: 0 } },
      },
    });
  });

  it('puts the session headers on error answers too', async () => {
    const res = await call('POST', `${api}/cart/add-item`, {}, { id: 12 });
    expect(res.status).toBe(401);
    for (const name of ['cart-token', 'nonce', 'nonce-timestamp', 'user-id', 'cart-hash']) {
      expect(res.headers[name], name).toMatch(/\S/);
    }
  });

  it('follows the error table with {code, message, data.status} bodies', async () => {
    const missing = await call('POST', `${api}/cart/add-item`, {}, { id: 12 });
    expect(missing).toMatchObject({
      status: 401,
      json: { code: 'woocommerce_rest_missing_nonce', data: { status: 401 } },
    });
    const token = (await call('GET', `${api}/cart`)).headers['cart-token'] ?? '';
    const unknown = await call(
      'POST',
      `${api}/cart/add-item`,
      { 'Cart-Token': token },
      { id: 999 },
    );
    expect(unknown).toMatchObject({
      status: 400,
      json: { code: 'woocommerce_rest_cart_invalid_product' },
    });
    expect(unknown.json['message']).toContain('&quot;999&quot;');
    const empty = await call(
      'POST',
      `${api}/checkout`,
      { 'Cart-Token': token },
      { payment_method: 'cod' },
    );
    expect(empty).toMatchObject({ status: 409, json: { code: 'woocommerce_rest_cart_empty' } });
    await call('POST', `${api}/cart/add-item`, { 'Cart-Token': token }, { id: 12 });
    const bacs = await call(
      'POST',
      `${api}/checkout`,
      { 'Cart-Token': token },
      { billing_address: { email: 'a@example.com' }, payment_method: 'bacs' },
    );
    expect(bacs).toMatchObject({
      status: 400,
      json: { code: 'woocommerce_rest_checkout_payment_method_disabled' },
    });
  });

  it('lists products with sku and paging headers, in both URL forms', async () => {
    const pretty = await shop({ method: 'GET', path: `${api}/products?per_page=5`, headers: {} });
    const plain = await shop({
      method: 'GET',
      path: '/?rest_route=/wc/store/v1/products&per_page=5',
      headers: {},
    });
    expect(pretty.headers['x-wp-total']).toBe('2');
    expect(JSON.parse(plain.body)).toEqual(JSON.parse(pretty.body));
    expect(JSON.parse(pretty.body)).toContainEqual(
      expect.objectContaining({ id: 12, sku: 'storefleet-demo' }),
    );
    const tooMany = await call('GET', `${api}/products?per_page=101`);
    expect(tooMany).toMatchObject({ status: 400, json: { code: 'rest_invalid_param' } });
  });

  it('answers an unknown host like a reverse proxy without a route', async () => {
    const res = await ingressTransport(standIn.url('nobody.localhost'))({
      method: 'GET',
      path: `${api}/cart`,
      headers: {},
    });
    expect(res).toMatchObject({ status: 404, body: '404 page not found\n' });
  });

  it('refuses to serve the same host twice and forgets removed stores', () => {
    standIn.addStore('twice.localhost');
    expect(() => standIn.addStore('twice.localhost')).toThrow(/already serves twice.localhost/);
    standIn.removeStore('twice.localhost');
    expect(() => standIn.orders('twice.localhost')).toThrow(/no store for host/);
  });
});
