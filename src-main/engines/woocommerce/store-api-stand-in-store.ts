// LOCAL STAND-IN of one WooCommerce store's Store API (wc/store/v1), used where WordPress cannot
// run. It mimics the observed behaviour of WooCommerce 10.2 (see the product's Store API notes):
// JWT-like Cart-Tokens, Nonce headers, 201 on add-item, minor-unit string totals, and the same
// error codes and statuses. It is not WooCommerce and must never be presented as a store.
import { createHash, randomBytes } from 'node:crypto';
import { StandInCartTokens } from './store-api-stand-in-tokens';

export interface StandInStoreOptions {
  sku?: string;
  codEnabled?: boolean;
  priceMinor?: number;
  /** false makes /wp-json/ a 404 page, as WordPress does with plain permalinks */
  prettyPermalinks?: boolean;
}

export interface StandInOrder {
  id: number;
  paymentMethod: string;
  status: string;
}

export interface StandInReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

interface Product {
  id: number;
  name: string;
  slug: string;
  sku: string;
  priceMinor: number;
}

interface CartLine {
  productId: number;
  quantity: number;
}

const JSON_TYPE = 'application/json; charset=UTF-8';

function wpError(status: number, code: string, message: string): StandInReply {
  return {
    status,
    headers: { 'content-type': JSON_TYPE },
    body: JSON.stringify({ code, message, data: { status } }),
  };
}

export class StandInStore {
  readonly prettyPermalinks: boolean;
  private readonly tokens = new StandInCartTokens();
  private readonly products: Product[];
  private readonly codEnabled: boolean;
  private readonly carts = new Map<string, CartLine[]>();
  private readonly nonce = randomBytes(5).toString('hex');
  private readonly placed: StandInOrder[] = [];
  private nextOrderId = 14;

  constructor(
    private readonly host: string,
    o: StandInStoreOptions = {},
  ) {
    const priceMinor = o.priceMinor ?? 1000;
    if (!Number.isInteger(priceMinor) || priceMinor < 0) {
      throw new Error('priceMinor must be a whole number of minor units');
    }
    this.codEnabled = o.codEnabled ?? true;
    this.prettyPermalinks = o.prettyPermalinks ?? true;
    // A second product makes the verifier pick by SKU rather than take the first one listed.
    this.products = [
      { id: 11, name: 'Beanie', slug: 'beanie', sku: 'woo-beanie', priceMinor: 1800 },
      {
        id: 12,
        name: 'Storefleet demo product',
        slug: 'storefleet-demo',
        sku: o.sku ?? 'storefleet-demo',
        priceMinor,
      },
    ];
  }

  orders(): StandInOrder[] {
    return this.placed.map((order) => ({ ...order }));
  }

  handle(
    method: string,
    route: string,
    query: URLSearchParams,
    headers: Record<string, string>,
    body: string,
  ): StandInReply {
    const key = `${method} ${route.replace(/\/+$/, '')}`;
    switch (key) {
      case 'GET /wc/store/v1/products':
        return this.listProducts(query);
      case 'GET /wc/store/v1/cart':
      case 'POST /wc/store/v1/cart/add-item':
      case 'POST /wc/store/v1/checkout':
        return this.cartRoute(key, headers, body);
      default:
        return wpError(
          404,
          'rest_no_route',
          'No route was found matching the URL and request method.',
        );
    }
  }

  private listProducts(query: URLSearchParams): StandInReply {
    const perPage = Number(query.get('per_page') ?? '10');
    const page = Number(query.get('page') ?? '1');
    if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100) {
      return wpError(400, 'rest_invalid_param', 'Invalid parameter(s): per_page');
    }
    if (!Number.isInteger(page) || page < 1) {
      return wpError(400, 'rest_invalid_param', 'Invalid parameter(s): page');
    }
    const slice = this.products.slice((page - 1) * perPage, page * perPage);
    const list = slice.map((p) => ({
      id: p.id,
      name: p.name,
      slug: p.slug,
      sku: p.sku,
      permalink: `http://${this.host}/product/${p.slug}/`,
      prices: { price: String(p.priceMinor), currency_code: 'USD', currency_minor_unit: 2 },
      is_purchasable: true,
      is_in_stock: true,
    }));
    return {
      status: 200,
      headers: {
        'content-type': JSON_TYPE,
        'x-wp-total': String(this.products.length),
        'x-wp-totalpages': String(Math.max(1, Math.ceil(this.products.length / perPage))),
      },
      body: JSON.stringify(list),
    };
  }

  private newCart(): string {
    const id = `t_${randomBytes(15).toString('hex')}`;
    this.carts.set(id, []);
    return id;
  }

  private cartRoute(key: string, headers: Record<string, string>, body: string): StandInReply {
    const token = headers['cart-token'];
    let cartId: string | null = null;
    if (token !== undefined) {
      cartId = this.tokens.read(token);
      // Observed: a token the store cannot validate is not refused; a fresh cart comes back.
      if (cartId === null) return this.cartReply(200, this.newCart());
    } else if (key !== 'GET /wc/store/v1/cart') {
      const nonce = headers['nonce'];
      if (nonce === undefined) {
        return wpError(
          401,
          'woocommerce_rest_missing_nonce',
          'Missing the Nonce header. This endpoint requires a valid nonce.',
        );
      }
      if (nonce !== this.nonce) {
        return wpError(403, 'woocommerce_rest_invalid_nonce', 'Nonce is invalid.');
      }
    }
    const id = cartId ?? this.newCart();
    if (!this.carts.has(id)) this.carts.set(id, []);
    if (key === 'GET /wc/store/v1/cart') return this.cartReply(200, id);
    const json = parseJson(body);
    if (json === undefined) return wpError(400, 'rest_invalid_json', 'Invalid JSON body passed.');
    return key === 'POST /wc/store/v1/cart/add-item'
      ? this.addItem(id, json)
      : this.checkout(id, json);
  }

  private addItem(cartId: string, json: Record<string, unknown>): StandInReply {
    const product = this.products.find((p) => p.id === json['id']);
    if (!product) {
      const shown = typeof json['id'] === 'number' ? json['id'] : 0;
      return wpError(
        400,
        'woocommerce_rest_cart_invalid_product',
        `No product with the ID &quot;${shown}&quot; was found.`,
      );
    }
    const quantity = typeof json['quantity'] === 'number' ? json['quantity'] : 1;
    if (!Number.isInteger(quantity) || quantity < 1) {
      return wpError(400, 'rest_invalid_param', 'Invalid parameter(s): quantity');
    }
    const lines = this.carts.get(cartId) ?? [];
    const line = lines.find((l) => l.productId === product.id);
    if (line) line.quantity += quantity;
    else lines.push({ productId: product.id, quantity });
    this.carts.set(cartId, lines);
    return this.cartReply(201, cartId);
  }

  private checkout(cartId: string, json: Record<string, unknown>): StandInReply {
    const lines = this.carts.get(cartId) ?? [];
    if (lines.length === 0) {
      return wpError(409, 'woocommerce_rest_cart_empty', 'Cannot create order from empty cart.');
    }
    const method = json['payment_method'];
    if (typeof method !== 'string' || method !== 'cod' || !this.codEnabled) {
      const shown = typeof method === 'string' ? method : '';
      return wpError(
        400,
        'woocommerce_rest_checkout_payment_method_disabled',
        `The selected payment method (${shown}) isn&#039;t available.`,
      );
    }
    const billing = json['billing_address'];
    const email =
      billing && typeof billing === 'object'
        ? (billing as Record<string, unknown>)['email']
        : undefined;
    if (typeof email !== 'string' || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) {
      return wpError(400, 'rest_invalid_param', 'Invalid parameter(s): billing_address');
    }
    const id = this.nextOrderId++;
    const orderKey = `wc_order_${randomBytes(7).toString('base64url')}`;
    this.placed.push({ id, paymentMethod: method, status: 'processing' });
    this.carts.set(cartId, []);
    const order = {
      order_id: id,
      status: 'processing',
      order_key: orderKey,
      order_number: String(id),
      customer_note: '',
      customer_id: 0,
      billing_address: billing,
      shipping_address: billing,
      payment_method: method,
      payment_result: {
        payment_status: 'success',
        payment_details: [],
        redirect_url: `http://${this.host}/checkout/order-received/${id}/?key=${orderKey}`,
      },
    };
    return { status: 200, headers: { 'content-type': JSON_TYPE }, body: JSON.stringify(order) };
  }

  private cartReply(status: number, cartId: string): StandInReply {
    const lines = this.carts.get(cartId) ?? [];
    let total = 0;
    let count = 0;
    const items = lines.map((line) => {
      const p = this.products.find((x) => x.id === line.productId);
      const lineTotal = (p?.priceMinor ?? 0) * line.quantity;
      total += lineTotal;
      count += line.quantity;
      return {
        key: createHash('md5').update(String(line.productId)).digest('hex'),
        id: line.productId,
        quantity: line.quantity,
        name: p?.name ?? '',
        sku: p?.sku ?? '',
        totals: { line_total: String(lineTotal), currency_minor_unit: 2 },
      };
    });
    const cart = {
      items,
      coupons: [],
      items_count: count,
      items_weight: 0,
      needs_payment: total > 0,
      needs_shipping: false,
      payment_methods: this.codEnabled ? ['cod'] : [],
      totals: {
        total_items: String(total),
        total_tax: '0',
        total_price: String(total),
        currency_code: 'USD',
        currency_minor_unit: 2,
      },
      errors: [],
    };
    return {
      status,
      headers: {
        'content-type': JSON_TYPE,
        'cart-token': this.tokens.issue(cartId),
        nonce: this.nonce,
        'nonce-timestamp': String(Math.floor(Date.now() / 1000)),
      },
      body: JSON.stringify(cart),
    };
  }
}

function parseJson(body: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body || '{}');
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
