// The production client and ingress transport, run against the LOCAL STAND-IN of the
// WooCommerce Store API (WordPress cannot run here). Stores are addressed as
// http://<name>.localhost:<port>, so the transport's *.localhost resolution is exercised too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingressTransport } from '../http/ingress-transport';
import { placeCodOrder, StorefrontError, type StorefrontTransport } from './store-api-client';
import {
  startStoreApiStandIn,
  type StoreApiStandIn,
} from '../../../test-rig/stand-ins/woocommerce/store-api-stand-in';

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

  it('falls back to ?rest_route= when /wp-json/ is redirected (plain permalinks: 301, then a page)', async () => {
    const { host, transport } = newStore({ prettyPermalinks: false });
    const seen: string[] = [];
    const logged: StorefrontTransport = async (req) => {
      const res = await transport(req);
      seen.push(`${res.status} ${req.path}`);
      return res;
    };
    const order = await placeCodOrder(logged, { sku: 'storefleet-demo' });
    expect(standIn.orders(host).map((o) => o.id)).toEqual([order.orderId]);
    expect(seen).toEqual([
      '301 /wp-json/wc/store/v1/products?per_page=100&page=1',
      '200 /?rest_route=/wc/store/v1/products&per_page=100&page=1',
      '200 /?product=storefleet-demo',
      '200 /?rest_route=/wc/store/v1/cart',
      '201 /?rest_route=/wc/store/v1/cart/add-item',
      '200 /?rest_route=/wc/store/v1/checkout',
    ]);
  });

  it('turns "COD disabled" into a checkout refusal in plain words', async () => {
    const { host, transport } = newStore({ codEnabled: false });
    const p = placeCodOrder(transport, { sku: 'storefleet-demo' });
    await expect(p).rejects.toMatchObject({
      stage: 'checkout',
      status: 400,
      code: 'woocommerce_rest_checkout_payment_method_disabled',
    });
    await expect(p).rejects.toThrow(
      /^Checkout refused: Cash on Delivery is not enabled, or not available for this order \(.*\); the store says: "The selected payment method \(cod\) isn't available\." \(woocommerce_rest_checkout_payment_method_disabled\)$/,
    );
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
  ])(
    'reports a %s Cart-Token: the item goes into a new cart and checkout finds the cart empty',
    async (_label, kind) => {
      const { host, transport } = newStore();
      const other = newStore();
      const badToken = kind === 'foreign' ? await freshToken(other.transport) : 'not.a-jwt';
      const added: { status: number; body: string }[] = [];
      const tampered: StorefrontTransport = async (req) => {
        const write = req.method === 'POST';
        const res = await transport(
          write ? { ...req, headers: { ...req.headers, 'Cart-Token': badToken } } : req,
        );
        if (req.path.endsWith('/add-item')) added.push(res);
        return res;
      };
      const p = placeCodOrder(tampered, { sku: 'storefleet-demo' });
      await expect(p).rejects.toMatchObject({
        stage: 'checkout',
        status: 409,
        code: 'woocommerce_rest_cart_empty',
      });
      await expect(p).rejects.toThrow(/did not keep the cart session \(Cart-Token\)/);
      // With the valid Nonce, WooCommerce put the item into a new cart rather than refuse it.
      expect(added.map((a) => a.status)).toEqual([201]);
      expect(JSON.parse(added[0]?.body ?? '{}')).toMatchObject({ items_count: 1 });
      expect(standIn.orders(host, { drafts: true })).toEqual([]);
    },
  );

  it('refuses an add-item answer that does not hold the item', async () => {
    const { host, transport } = newStore();
    const emptied: StorefrontTransport = async (req) => {
      const res = await transport(req);
      if (!req.path.endsWith('/add-item')) return res;
      const cart = JSON.parse(res.body) as Record<string, unknown>;
      return { ...res, status: 200, body: JSON.stringify({ ...cart, items_count: 0 }) };
    };
    const p = placeCodOrder(emptied, { sku: 'storefleet-demo' });
    await expect(p).rejects.toMatchObject({ stage: 'add-item', status: 200, code: null });
    await expect(p).rejects.toThrow(/0 items in the cart, so it did not accept the Cart-Token/);
    expect(standIn.orders(host, { drafts: true })).toEqual([]);
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
