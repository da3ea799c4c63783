// A guest checkout through the WooCommerce Store API (wc/store/v1): the same calls a
// block-based storefront makes, so a placed order proves the shop really sells.
import type { z } from 'zod';
import { answerError, contentError } from './store-api-errors';
import { cartSchema, checkoutSchema, productListSchema } from './store-api-schemas';
import type { StorefrontStage } from './storefront-error';
import type { StorefrontTransport } from './storefront-transport';

export type { StorefrontTransport } from './storefront-transport';
export { StorefrontError } from './storefront-error';

export interface PlacedOrder {
  orderId: number;
  status: string;
  orderKey: string;
  /** order total in minor units (cents), as the Store API reports it */
  totalMinor: string;
}

const ACCEPTED_ORDER_STATUSES = new Set(['pending', 'processing', 'on-hold']);
const PAGE_SIZE = 100;
const MAX_PAGES = 20;

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

/** With pretty permalinks off, /wp-json/ is a 404 page and only ?rest_route= reaches the API. */
type RouteStyle = 'wp-json' | 'rest-route';

function storePath(style: RouteStyle, route: string, query = ''): string {
  if (style === 'wp-json') return `/wp-json/wc/store/v1${route}${query ? `?${query}` : ''}`;
  return `/?rest_route=/wc/store/v1${route}${query ? `&${query}` : ''}`;
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

class StoreApi {
  style: RouteStyle = 'wp-json';

  constructor(
    private readonly transport: StorefrontTransport,
    private readonly signal: AbortSignal | undefined,
  ) {}

  async send(
    method: 'GET' | 'POST',
    route: string,
    o: { query?: string; headers?: Record<string, string>; json?: unknown } = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = { Accept: 'application/json', ...o.headers };
    let body: string | undefined;
    if (o.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(o.json);
    }
    this.signal?.throwIfAborted();
    return this.transport({
      method,
      path: storePath(this.style, route, o.query),
      headers,
      body,
      signal: this.signal,
    });
  }
}

function parseBody<T extends z.ZodType>(
  stage: StorefrontStage,
  answer: Answer,
  schema: T,
  what: string,
): z.infer<T> {
  let json: unknown;
  try {
    json = JSON.parse(answer.body);
  } catch {
    throw contentError(
      stage,
      answer.status,
      `the answer was not JSON, so this does not look like the WooCommerce Store API`,
    );
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path.join('.') || 'body';
    throw contentError(stage, answer.status, `the ${what} in the answer is malformed (${field})`);
  }
  return parsed.data;
}

async function findProductId(api: StoreApi, sku: string): Promise<number> {
  for (let page = 1; page <= MAX_PAGES; page++) {
    const query = `per_page=${PAGE_SIZE}&page=${page}`;
    let answer = await api.send('GET', '/products', { query });
    if (answer.status === 404 && page === 1 && api.style === 'wp-json') {
      api.style = 'rest-route';
      answer = await api.send('GET', '/products', { query });
    }
    if (answer.status !== 200)
      throw answerError('products', answer.status, answer.body, answer.headers);
    const products = parseBody('products', answer, productListSchema, 'product list');
    const match = products.find((p) => p.sku === sku);
    if (match) return match.id;
    const totalPages = Number(answer.headers['x-wp-totalpages'] ?? '1');
    if (products.length < PAGE_SIZE || page >= totalPages) break;
  }
  throw contentError(
    'products',
    200,
    `no published product has the SKU "${sku}" (the store's set-up should have created it)`,
  );
}

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

/** Places one Cash-on-Delivery order for the product with this SKU; rejects with a StorefrontError. */
export async function placeCodOrder(
  transport: StorefrontTransport,
  o: { sku: string; signal?: AbortSignal },
): Promise<PlacedOrder> {
  if (!o.sku.trim()) throw new Error('a product SKU is required to place a verification order');
  const api = new StoreApi(transport, o.signal);
  const productId = await findProductId(api, o.sku);
  const cart = await openCart(api);
  const totalMinor = await addItem(api, cart, productId);
  const order = await checkout(api, cart);
  return {
    orderId: order.order_id,
    status: order.status,
    orderKey: order.order_key,
    totalMinor,
  };
}
