// A guest checkout through the WooCommerce Store API (wc/store/v1): the same calls a
// block-based storefront makes, so a placed order proves the shop really sells.
import type { z } from 'zod';
import { assertGuestSeesShop } from './shop-page';
import { answerError, contentError } from './store-api-errors';
import { parseBody, StoreApi } from './store-api-http';
import { assertSellable, findDemoProduct } from './store-api-product';
import { cartSchema, checkoutSchema } from './store-api-schemas';
import type { StorefrontTransport } from '../http/storefront-transport';

export type { StorefrontTransport } from '../http/storefront-transport';
export { StorefrontError } from '../http/storefront-error';

export interface PlacedOrder {
  orderId: number;
  status: string;
  orderKey: string;
  /** order total in minor units (cents), as the Store API reports it */
  totalMinor: string;
}

const ACCEPTED_ORDER_STATUSES = new Set(['pending', 'processing', 'on-hold']);

// A fixed, obviously synthetic customer; example.com is reserved for exactly this.
const VERIFY_BILLING_ADDRESS = {
  first_name: 'Storefleet',
  last_name: 'Verification',
  address_1: '1 Example Street',
  city: 'San Francisco',
  state: 'CA',
  postcode: '94103',
  country: 'US',
  email: 'verify@example.com',
  phone: '5550100',
};

interface CartSession {
  headers: Record<string, string>;
}

async function openCart(api: StoreApi): Promise<CartSession> {
  const answer = await api.send('GET', '/cart');
  if (answer.status !== 200) throw answerError('cart', answer.status, answer.body, answer.headers);
  parseBody('cart', answer, cartSchema, 'cart');
  const token = answer.headers['cart-token'];
  if (!token) {
    throw contentError('cart', answer.status, 'the store did not issue a Cart-Token header');
  }
  const headers: Record<string, string> = { 'Cart-Token': token };
  const nonce = answer.headers['nonce'];
  if (nonce) headers['Nonce'] = nonce;
  return { headers };
}

async function addItem(api: StoreApi, cart: CartSession, productId: number): Promise<string> {
  const answer = await api.send('POST', '/cart/add-item', {
    headers: cart.headers,
    json: { id: productId, quantity: 1 },
  });
  if (answer.status >= 400)
    throw answerError('add-item', answer.status, answer.body, answer.headers);
  const body = parseBody('add-item', answer, cartSchema, 'cart');
  // A Cart-Token the store does not recognise is not an error to WooCommerce: it silently
  // answers with a fresh, empty cart, and the later checkout would fail for a misleading reason.
  if (answer.status !== 201 || body.items_count < 1) {
    throw contentError(
      'add-item',
      answer.status,
      `the store answered HTTP ${answer.status} with ${body.items_count} items in the cart, so it did not accept the Cart-Token it had issued`,
    );
  }
  return body.totals.total_price;
}

async function checkout(api: StoreApi, cart: CartSession): Promise<z.infer<typeof checkoutSchema>> {
  const answer = await api.send('POST', '/checkout', {
    headers: cart.headers,
    json: { billing_address: VERIFY_BILLING_ADDRESS, payment_method: 'cod' },
  });
  if (answer.status !== 200)
    throw answerError('checkout', answer.status, answer.body, answer.headers);
  const order = parseBody('checkout', answer, checkoutSchema, 'order');
  if (order.payment_method !== 'cod') {
    throw contentError(
      'checkout',
      200,
      `order ${order.order_id} was placed with "${order.payment_method}" instead of Cash on Delivery`,
    );
  }
  if (
    !ACCEPTED_ORDER_STATUSES.has(order.status) ||
    order.payment_result?.payment_status === 'failure'
  ) {
    throw contentError(
      'checkout',
      200,
      `order ${order.order_id} ended in status "${order.status}" instead of pending, processing or on-hold`,
    );
  }
  return order;
}

/**
 * Places one Cash-on-Delivery order for the product with this SKU; rejects with a StorefrontError.
 * Everything that can refuse the store without leaving an order behind runs before the cart: the
 * product must be for sale and not free, and a guest must see the shop (not a "coming soon"
 * page). `onItemSent` is called just before the first request that changes a cart, after which
 * repeating the attempt could place a second order.
 */
export async function placeCodOrder(
  transport: StorefrontTransport,
  o: { sku: string; signal?: AbortSignal; onItemSent?: () => void },
): Promise<PlacedOrder> {
  if (!o.sku.trim()) throw new Error('a product SKU is required to place a verification order');
  const api = new StoreApi(transport, o.signal);
  const product = await findDemoProduct(api, o.sku);
  assertSellable(product, o.sku);
  await assertGuestSeesShop(api, product, o.sku);
  const cart = await openCart(api);
  o.signal?.throwIfAborted();
  o.onItemSent?.();
  const totalMinor = await addItem(api, cart, product.id);
  const order = await checkout(api, cart);
  return {
    orderId: order.order_id,
    status: order.status,
    orderKey: order.order_key,
    totalMinor,
  };
}
