// The production client and ingress transport, run against the LOCAL STAND-IN of the
// WooCommerce Store API (WordPress cannot run here). Stores are addressed as
// http://<name>.localhost:<port>, so the transport's *.localhost resolution is exercised too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingressTransport } from './ingress-transport';
import { placeCodOrder, StorefrontError, type StorefrontTransport } from './store-api-client';
import { startStoreApiStandIn, type StoreApiStandIn } from './store-api-stand-in';

let standIn: StoreApiStandIn;
let hostCounter = 0;

function newStore(o?: Parameters<StoreApiStandIn['addStore']>[1]): {
  host: string;
  transport: StorefrontTransport;
} {
  const host = `shop${++hostCounter}.localhost`;
  standIn.addStore(host, o);
  return { host, transport: ingressTransport(standIn.url(host)) };
}

/** Rewrites requests on their way out, to reproduce what a misbehaving client or proxy sends. */
function rewriting(
  transport: StorefrontTransport,
  rewrite: (req: Parameters<StorefrontTransport>[0]) => Promise<Parameters<StorefrontTransport>[0]>,
): StorefrontTransport {
  return async (req) => transport(await rewrite(req));
}

async function freshToken(transport: StorefrontTransport): Promise<string> {
  const res = await transport({ method: 'GET', path: '/wp-json/wc/store/v1/cart', headers: {} });
  const token = res.headers['cart-token'];
  if (!token) throw new Error('stand-in issued no Cart-Token');
  return token;
}

beforeAll(async () => {
  standIn = await startStoreApiStandIn();
});

afterAll(async () => {
  await standIn.close();
});

describe('placeCodOrder against the LOCAL STAND-IN of the Store API', () => {
  it('places a COD order that the store records', async () => {
    const { host, transport } = newStore({ priceMinor: 1250 });
    const order = await placeCodOrder(transport, { sku: 'storefleet-demo' });
    expect(order).toMatchObject({ status: 'processing', totalMinor: '1250' });
    expect(order.orderKey).toMatch(/^wc_order_/);
    expect(standIn.orders(host)).toEqual([
      { id: order.orderId, paymentMethod: 'cod', status: 'processing' },
    ]);
    const second = await placeCodOrder(transport, { sku: 'storefleet-demo' });
    expect(second.orderId).toBe(order.orderId + 1);
  });

  it('keeps stores apart by host name', async () => {
    const a = newStore();
    const b = newStore();
    await placeCodOrder(a.transport, { sku: 'storefleet-demo' });
    expect(standIn.orders(a.host)).toHaveLength(1);
    expect(standIn.orders(b.host)).toHaveLength(0);
  });

  it('finds the product by SKU, not by position in the list', async () => {
    const { transport } = newStore({ sku: 'custom-sku' });
    const order = await placeCodOrder(transport, { sku: 'custom-sku' });
    expect(order.totalMinor).toBe('1000');
  });

  it('reports a missing demo product at the products stage', async () => {
    const { transport } = newStore({ sku: 'other-sku' });
    const p = placeCodOrder(transport, { sku: 'storefleet-demo' });
    await expect(p).rejects.toBeInstanceOf(StorefrontError);
    await expect(p).rejects.toMatchObject({ stage: 'products', code: null });
    await expect(p).rejects.toThrow(/no published product has the SKU "storefleet-demo"/);
  });

  it('falls back to ?rest_route= when /wp-json/ is a 404 page (plain permalinks)', async () => {
    const { host, transport } = newStore({ prettyPermalinks: false });
    const paths: string[] = [];
    const logged = rewriting(transport, (req) => {
      paths.push(req.path);
      return Promise.resolve(req);
    });
    const order = await placeCodOrder(logged, { sku: 'storefleet-demo' });
    expect(standIn.orders(host).map((o) => o.id)).toEqual([order.orderId]);
    expect(paths[0]).toBe('/wp-json/wc/store/v1/products?per_page=100&page=1');
    expect(paths.slice(1)).toEqual([
      '/?rest_route=/wc/store/v1/products&per_page=100&page=1',
      '/?rest_route=/wc/store/v1/cart',
      '/?rest_route=/wc/store/v1/cart/add-item',
      '/?rest_route=/wc/store/v1/checkout',
    ]);
  });

  it('turns "COD disabled" into a checkout refusal in plain words', async () => {
    const { host, transport } = newStore({ codEnabled: false });
    const p = placeCodOrder(transport, { sku: 'storefleet-demo' });
    await expect(p).rejects.toMatchObject({
      stage: 'checkout',
      status: 400,
      code: 'woocommerce_rest_checkout_payment_method_disabled',
      message:
        'Checkout refused: Cash on Delivery is not enabled (woocommerce_rest_checkout_payment_method_disabled)',
    });
    expect(standIn.orders(host)).toEqual([]);
  });

  it('reports 401 missing nonce when neither Cart-Token nor Nonce is sent', async () => {
    const { transport } = newStore();
    const stripped = rewriting(transport, (req) =>
      Promise.resolve({
        ...req,
        headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      }),
    );
    const p = placeCodOrder(stripped, { sku: 'storefleet-demo' });
    await expect(p).rejects.toMatchObject({
      stage: 'add-item',
      status: 401,
      code: 'woocommerce_rest_missing_nonce',
    });
  });

  it('reports 400 invalid product when the product id is unknown', async () => {
    const { transport } = newStore();
    const wrongId = rewriting(transport, (req) =>
      Promise.resolve(
        req.path.endsWith('/add-item')
          ? { ...req, body: JSON.stringify({ id: 999, quantity: 1 }) }
          : req,
      ),
    );
    const p = placeCodOrder(wrongId, { sku: 'storefleet-demo' });
    await expect(p).rejects.toMatchObject({
      stage: 'add-item',
      status: 400,
      code: 'woocommerce_rest_cart_invalid_product',
    });
    await expect(p).rejects.toThrow(/demo product does not exist/);
  });

  it('reports 409 empty cart when checkout runs on a cart without items', async () => {
    const { host, transport } = newStore();
    // A second, valid but empty cart of the same store is used for the checkout only.
    const otherCart = await freshToken(transport);
    const swapped = rewriting(transport, (req) =>
      Promise.resolve(
        req.path.endsWith('/checkout')
          ? { ...req, headers: { ...req.headers, 'Cart-Token': otherCart } }
          : req,
      ),
    );
    const p = placeCodOrder(swapped, { sku: 'storefleet-demo' });
    await expect(p).rejects.toMatchObject({
      stage: 'checkout',
      status: 409,
      code: 'woocommerce_rest_cart_empty',
    });
    expect(standIn.orders(host)).toEqual([]);
  });

  it.each([
    ['foreign (issued by another store)', 'foreign'],
    ['malformed', 'malformed'],
  ])('detects a %s Cart-Token from the empty cart add-item returns', async (_label, kind) => {
    const { transport } = newStore();
    const other = newStore();
    const badToken = kind === 'foreign' ? await freshToken(other.transport) : 'not.a-jwt';
    const tampered = rewriting(transport, (req) =>
      Promise.resolve(
        req.path.endsWith('/add-item')
          ? { ...req, headers: { ...req.headers, 'Cart-Token': badToken } }
          : req,
      ),
    );
    const p = placeCodOrder(tampered, { sku: 'storefleet-demo' });
    await expect(p).rejects.toMatchObject({ stage: 'add-item', status: 200, code: null });
    await expect(p).rejects.toThrow(/0 items in the cart, so it did not accept the Cart-Token/);
  });

  it('reports a host the ingress has no route for at the products stage', async () => {
    const transport = ingressTransport(standIn.url('unknown.localhost'));
    const p = placeCodOrder(transport, { sku: 'storefleet-demo' });
    await expect(p).rejects.toMatchObject({ stage: 'products', status: 404, code: null });
    await expect(p).rejects.toThrow(/HTTP 404 without a Store API error: 404 page not found/);
  });

  it('rejects an empty SKU before any request', async () => {
    const { host, transport } = newStore();
    await expect(placeCodOrder(transport, { sku: ' ' })).rejects.toThrow(/SKU is required/);
    expect(standIn.orders(host)).toEqual([]);
  });

  it('stops when the signal is aborted', async () => {
    const { host, transport } = newStore();
    const controller = new AbortController();
    controller.abort(new Error('store deleted'));
    const p = placeCodOrder(transport, { sku: 'storefleet-demo', signal: controller.signal });
    await expect(p).rejects.toThrow('store deleted');
    expect(standIn.orders(host)).toEqual([]);
  });
});

describe('placeCodOrder error wording, with canned answers standing in for a misconfigured WordPress', () => {
  it('explains a redirect as a site address mismatch', async () => {
    const redirecting: StorefrontTransport = () =>
      Promise.resolve({
        status: 301,
        headers: { location: 'https://elsewhere.example/wp-json/wc/store/v1/products' },
        body: '',
      });
    const p = placeCodOrder(redirecting, { sku: 'storefleet-demo' });
    await expect(p).rejects.toMatchObject({ stage: 'products', status: 301 });
    await expect(p).rejects.toThrow(
      'Listing products failed: the store redirected to https://elsewhere.example/wp-json/wc/store/v1/products; its WordPress site address may not match this URL',
    );
  });

  it('decodes HTML entities in messages of unknown error codes', async () => {
    const refusing: StorefrontTransport = () =>
      Promise.resolve({
        status: 403,
        headers: {},
        body: JSON.stringify({
          code: 'rest_forbidden',
          message: 'Sorry, you aren&#8217;t allowed to do that &amp; more.',
          data: { status: 403 },
        }),
      });
    await expect(placeCodOrder(refusing, { sku: 'storefleet-demo' })).rejects.toThrow(
      'Listing products failed: Sorry, you aren’t allowed to do that & more. (rest_forbidden)',
    );
  });
});
