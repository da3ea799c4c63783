// The storefront verifier against the LOCAL STAND-IN of the Store API, one case of the observed
// WooCommerce 10.2.4 behaviour per test: each test checks what the stand-in answered (so the
// stand-in stays faithful) and what the verifier made of it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingressTransport } from '../http/ingress-transport';
import {
  caseStores,
  caseTarget as target,
} from '../../../test-rig/stand-ins/woocommerce/stand-in-case-support';
import { placeCodOrder } from './store-api-client';
import {
  startStoreApiStandIn,
  type StoreApiStandIn,
} from '../../../test-rig/stand-ins/woocommerce/store-api-stand-in';
import type { StorefrontTransport } from '../http/storefront-transport';
import { verifyStorefront } from './verify-storefront';

let standIn: StoreApiStandIn;
const store = caseStores(() => standIn, 'case');
const sku = 'storefleet-demo';

beforeAll(async () => {
  standIn = await startStoreApiStandIn();
});

afterAll(async () => {
  await standIn.close();
});

describe('verifier cases against the LOCAL STAND-IN of the Store API', () => {
  it('plain permalinks: /wp-json/ answers 301 and then a page; ?rest_route= places the order', async () => {
    const s = store({ prettyPermalinks: false });
    const redirect = await ingressTransport(standIn.url(s.host))({
      method: 'GET',
      path: '/wp-json/wc/store/v1/products?per_page=5',
      headers: {},
    });
    expect(redirect.status).toBe(301);
    const location = new URL(redirect.headers['location'] ?? '');
    const page = await ingressTransport(standIn.url(s.host))({
      method: 'GET',
      path: `${location.pathname}${location.search}`,
      headers: {},
    });
    expect(page.status).toBe(200);
    expect(page.body).toMatch(/^<!DOCTYPE html>/);

    const order = await placeCodOrder(s.transport, { sku });
    expect(s.paths().slice(0, 2)).toEqual([
      '301 /wp-json/wc/store/v1/products?per_page=100&page=1',
      '200 /?rest_route=/wc/store/v1/products&per_page=100&page=1',
    ]);
    expect(standIn.orders(s.host)).toEqual([
      { id: order.orderId, paymentMethod: 'cod', status: 'processing' },
    ]);
  });

  it('a site address mismatch: both addresses redirect elsewhere', async () => {
    const moved: StorefrontTransport = (req) =>
      Promise.resolve({
        status: 301,
        headers: { location: `https://elsewhere.example${req.path}` },
        body: '',
      });
    const paths: string[] = [];
    const p = placeCodOrder(
      (req) => {
        paths.push(req.path);
        return moved(req);
      },
      { sku },
    );
    await expect(p).rejects.toThrow(
      'Listing products failed: the store redirected to https://elsewhere.example/?rest_route=/wc/store/v1/products&per_page=100&page=1; its WordPress site address may not match this URL',
    );
    expect(paths).toHaveLength(2);
  });

  it('missing Nonce and Cart-Token: 401 woocommerce_rest_missing_nonce', async () => {
    const s = store(undefined, (req) =>
      req.method === 'POST'
        ? { ...req, headers: { Accept: 'application/json', 'Content-Type': 'application/json' } }
        : req,
    );
    await expect(placeCodOrder(s.transport, { sku })).rejects.toMatchObject({
      stage: 'add-item',
      status: 401,
      code: 'woocommerce_rest_missing_nonce',
    });
  });

  it('a malformed Cart-Token with a valid Nonce: 201 into a new cart, then checkout 409', async () => {
    const s = store(undefined, (req) =>
      req.method === 'POST' ? { ...req, headers: { ...req.headers, 'Cart-Token': 'a.b' } } : req,
    );
    const p = placeCodOrder(s.transport, { sku });
    await expect(p).rejects.toMatchObject({
      stage: 'checkout',
      status: 409,
      code: 'woocommerce_rest_cart_empty',
    });
    const added = s.seen.find((x) => x.path.endsWith('/add-item'));
    expect(added?.status).toBe(201);
    expect(JSON.parse(added?.body ?? '{}')).toMatchObject({ items_count: 1 });
  });

  it('error answers carry the session headers, and the verifier still reports the error', async () => {
    const s = store({ codEnabled: false });
    await expect(placeCodOrder(s.transport, { sku })).rejects.toMatchObject({
      stage: 'checkout',
      status: 400,
    });
    const refused = s.seen.find((x) => x.path.endsWith('/checkout'));
    for (const name of ['cart-token', 'nonce', 'nonce-timestamp', 'user-id', 'cart-hash']) {
      expect(refused?.headers[name], name).toMatch(/\S/);
    }
  });

  it('quantity 0: 400 woocommerce_rest_product_invalid_quantity with the store message', async () => {
    const s = store(undefined, (req) =>
      req.path.endsWith('/add-item') ? { ...req, body: '{"id":12,"quantity":0}' } : req,
    );
    const p = placeCodOrder(s.transport, { sku });
    await expect(p).rejects.toMatchObject({
      stage: 'add-item',
      status: 400,
      code: 'woocommerce_rest_product_invalid_quantity',
    });
    await expect(p).rejects.toThrow(/"Storefleet demo product" must be at least 1/);
  });

  it('checkout without a billing email: 400 woocommerce_rest_missing_email_address, a draft left', async () => {
    const s = store(undefined, (req) =>
      req.path.endsWith('/checkout') ? { ...req, body: '{"payment_method":"cod"}' } : req,
    );
    await expect(placeCodOrder(s.transport, { sku })).rejects.toMatchObject({
      stage: 'checkout',
      status: 400,
      code: 'woocommerce_rest_missing_email_address',
    });
    expect(standIn.orders(s.host)).toEqual([]);
    expect(standIn.orders(s.host, { drafts: true })).toMatchObject([{ status: 'checkout-draft' }]);
  });

  it('COD enabled but not for virtual orders: 400 with the store message quoted, a draft left', async () => {
    const s = store({ codForVirtual: false });
    const p = verifyStorefront(target(standIn.url(s.host)));
    await expect(p).rejects.toMatchObject({
      stage: 'checkout',
      status: 400,
      code: 'woocommerce_rest_checkout_payment_method_disabled',
    });
    await expect(p).rejects.toThrow(
      /not available for this order.*; the store says: "Cash on delivery is not available for this order, please try a different payment method\."/,
    );
    expect(standIn.orders(s.host, { drafts: true })).toMatchObject([{ status: 'checkout-draft' }]);
  });

  it('database down: 500 wp_die on every route, reported in the store words, not retried', async () => {
    const s = store({ databaseDown: true });
    const page = await ingressTransport(standIn.url(s.host))({
      method: 'GET',
      path: '/product/storefleet-demo/',
      headers: {},
    });
    expect(page.status).toBe(500);
    expect(JSON.parse(page.body)).toMatchObject({ code: 'wp_die' });
    const started = Date.now();
    await expect(placeCodOrder(s.transport, { sku })).rejects.toThrow(
      'Listing products failed: Error establishing a database connection (wp_die)',
    );
    expect(s.paths()).toEqual(['500 /wp-json/wc/store/v1/products?per_page=100&page=1']);
    await expect(verifyStorefront(target(standIn.url(s.host)))).rejects.toMatchObject({
      status: 500,
    });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('WooCommerce inactive: 404 rest_no_route', async () => {
    const s = store({ woocommerceActive: false });
    const p = verifyStorefront(target(standIn.url(s.host)));
    await expect(p).rejects.toMatchObject({
      stage: 'products',
      status: 404,
      code: 'rest_no_route',
    });
    await expect(p).rejects.toThrow(/is the WooCommerce plugin active\?/);
  });

  it('every failed checkout leaves a checkout-draft, which a later success turns into the order', async () => {
    let drop = true;
    const s = store(undefined, (req) =>
      drop && req.path.endsWith('/checkout') ? { ...req, body: '{"payment_method":"cod"}' } : req,
    );
    await expect(placeCodOrder(s.transport, { sku })).rejects.toMatchObject({ stage: 'checkout' });
    const [draft] = standIn.orders(s.host, { drafts: true });
    expect(draft).toMatchObject({ status: 'checkout-draft' });
    drop = false;
    const order = await placeCodOrder(s.transport, { sku });
    // A new cart session, so a new order; the first session's draft stays behind.
    expect(order.orderId).not.toBe(draft?.id);
    expect(standIn.orders(s.host, { drafts: true }).map((o) => o.status)).toEqual([
      'checkout-draft',
      'processing',
    ]);
  });
});
