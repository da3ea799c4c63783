// What the verifier refuses before anything goes into a cart, against the LOCAL STAND-IN of the
// Store API: a product that cannot prove Cash on Delivery, and a shop guests cannot see (coming-soon
// mode). Each test checks the stand-in's answers too, and that such a refusal leaves no order,
// not even a checkout draft.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  caseStores,
  caseTarget as target,
  touchedCart,
} from '../../../test-rig/stand-ins/woocommerce/stand-in-case-support';
import { placeCodOrder } from './store-api-client';
import {
  startStoreApiStandIn,
  type StoreApiStandIn,
} from '../../../test-rig/stand-ins/woocommerce/store-api-stand-in';
import type { StorefrontTransport } from '../http/storefront-transport';
import { verifyStorefront } from './verify-storefront';

let standIn: StoreApiStandIn;
const store = caseStores(() => standIn, 'shopcase');
const sku = 'storefleet-demo';

beforeAll(async () => {
  standIn = await startStoreApiStandIn();
});

afterAll(async () => {
  await standIn.close();
});

describe('verifier checks before the cart against the LOCAL STAND-IN of the Store API', () => {
  it('out of stock: refused from the product list before any cart exists', async () => {
    const s = store({ inStock: false });
    const p = verifyStorefront(target(standIn.url(s.host)));
    await expect(p).rejects.toMatchObject({ stage: 'products', code: null });
    await expect(p).rejects.toThrow(
      /"Storefleet demo product" \(SKU storefleet-demo\) is out of stock/,
    );
    expect(standIn.orders(s.host, { drafts: true })).toEqual([]);
  });

  it('out of stock at add-item: 400 woocommerce_rest_product_out_of_stock', async () => {
    const s = store();
    // The last one sells while the verifier opens its cart.
    const racing: StorefrontTransport = async (req) => {
      if (req.path.endsWith('/cart')) standIn.setDemoInStock(s.host, false);
      return s.transport(req);
    };
    const p = placeCodOrder(racing, { sku });
    await expect(p).rejects.toMatchObject({
      stage: 'add-item',
      status: 400,
      code: 'woocommerce_rest_product_out_of_stock',
    });
    await expect(p).rejects.toThrow(/the demo product is out of stock/);
    expect(standIn.orders(s.host, { drafts: true })).toEqual([]);
  });

  it('a free product: refused before the cart, although its checkout would complete', async () => {
    const s = store({ priceMinor: 0 });
    const p = verifyStorefront(target(standIn.url(s.host)));
    await expect(p).rejects.toMatchObject({ stage: 'products' });
    await expect(p).rejects.toThrow(/is free, and WooCommerce completes a free order/);
    expect(standIn.orders(s.host, { drafts: true })).toEqual([]);
    // What the refusal avoids: the stand-in, like WooCommerce, completes a free order.
    const cart = await s.transport({
      method: 'GET',
      path: '/wp-json/wc/store/v1/cart',
      headers: {},
    });
    const session = { 'Cart-Token': cart.headers['cart-token'] ?? '' };
    await s.transport({
      method: 'POST',
      path: '/wp-json/wc/store/v1/cart/add-item',
      headers: { ...session, 'Content-Type': 'application/json' },
      body: '{"id":12,"quantity":1}',
    });
    const order = await s.transport({
      method: 'POST',
      path: '/wp-json/wc/store/v1/checkout',
      headers: { ...session, 'Content-Type': 'application/json' },
      body: JSON.stringify({ billing_address: { email: 'a@example.com' }, payment_method: 'cod' }),
    });
    expect(order.status).toBe(200);
    expect(JSON.parse(order.body)).toMatchObject({
      status: 'completed',
      payment_result: { payment_status: 'success' },
    });
  });

  it('a product the store will not sell: refused before the cart', async () => {
    const s = store({ purchasable: false });
    await expect(placeCodOrder(s.transport, { sku })).rejects.toThrow(
      /cannot be bought \(the store lists it as not purchasable\)/,
    );
    expect(touchedCart(s.seen)).toBe(false);
  });

  it('coming-soon mode: the product page is 200 with the name in <title>, but no shop', async () => {
    const s = store({ comingSoon: true });
    const p = verifyStorefront(target(standIn.url(s.host)));
    await expect(p).rejects.toMatchObject({ stage: 'product-page', status: 200 });
    await expect(p).rejects.toThrow(
      /guests see a "coming soon" page instead of the shop \(\/product\/storefleet-demo\/\): turn off coming-soon mode in WooCommerce → Settings → Site visibility/,
    );
    expect(standIn.orders(s.host, { drafts: true })).toEqual([]);
    // The Store API of such a store would still sell: placing an order without the page check
    // is exactly the fault this guards against.
    const res = await s.transport({
      method: 'GET',
      path: '/product/storefleet-demo/',
      headers: {},
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatch(/<title>Storefleet demo product &#8211; /);
    expect(res.body).not.toContain('single_add_to_cart_button');
  });

  it('an open shop: the product page with its add-to-cart form and price, checked before the cart', async () => {
    const s = store();
    const order = await placeCodOrder(s.transport, { sku });
    expect(order.status).toBe('processing');
    expect(s.paths()).toEqual([
      '200 /wp-json/wc/store/v1/products?per_page=100&page=1',
      '200 /product/storefleet-demo/',
      '200 /wp-json/wc/store/v1/cart',
      '201 /wp-json/wc/store/v1/cart/add-item',
      '200 /wp-json/wc/store/v1/checkout',
    ]);
    const page = s.seen[1]?.body ?? '';
    expect(page).toContain('single_add_to_cart_button');
    expect(page).toContain('woocommerce-Price-amount');
  });

  it('a product page without an add-to-cart form or price is refused before the cart', async () => {
    const s = store();
    const bare: StorefrontTransport = async (req) => {
      const res = await s.transport(req);
      if (!req.path.startsWith('/product/')) return res;
      return { ...res, body: res.body.replace(/<form[\s\S]*<\/form>/, '') };
    };
    await expect(placeCodOrder(bare, { sku })).rejects.toThrow(
      /shows guests no add-to-cart button for the demo product "Storefleet demo product"/,
    );
    expect(touchedCart(s.seen)).toBe(false);
  });
});
