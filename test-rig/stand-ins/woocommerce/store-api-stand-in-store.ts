// LOCAL STAND-IN of one WooCommerce store's Store API (wc/store/v1), used where WordPress cannot
// run. It mimics the observed behaviour of WooCommerce 10.2 (see the product's Store API notes):
// JWT-like Cart-Tokens, Nonce headers, 201 on add-item, minor-unit string totals, session headers
// on every cart answer (errors included), and the same error codes and statuses. It is not
// WooCommerce and must never be presented as a store.
import { createHash, randomBytes } from 'node:crypto';
import {
  cartBody,
  listProducts,
  type CartBody,
  type CartLine,
  type Product,
} from './store-api-stand-in-catalog';
import { standInCheckout, type StandInOrder } from './store-api-stand-in-checkout';
import { comingSoonPage, productPage, WP_NOT_FOUND } from './store-api-stand-in-pages';
import { jsonReply, NO_REST_ROUTE, wpError, type StandInReply } from './store-api-stand-in-replies';
import { StandInCartTokens } from './store-api-stand-in-tokens';

export type { StandInOrder } from './store-api-stand-in-checkout';
export type { StandInReply } from './store-api-stand-in-replies';

export interface StandInStoreOptions {
  sku?: string;
  /** Cash on Delivery enabled at all */
  codEnabled?: boolean;
  /** COD's "Accept COD if the order is virtual"; the demo product is virtual */
  codForVirtual?: boolean;
  priceMinor?: number;
  inStock?: boolean;
  purchasable?: boolean;
  /** false: WordPress redirects /wp-json/… (301) and only ?rest_route= reaches the API */
  prettyPermalinks?: boolean;
  /** WooCommerce's coming-soon mode: the Store API sells while guests see a "coming soon" page */
  comingSoon?: boolean;
  /** WordPress cannot reach its database: every route answers 500 wp_die */
  databaseDown?: boolean;
  /** false: the WooCommerce plugin is deactivated, so wc/store routes do not exist */
  woocommerceActive?: boolean;
}

interface Cart {
  lines: CartLine[];
  draftId?: number;
}

const CART_ROUTES = new Set([
  'GET /wc/store/v1/cart',
  'POST /wc/store/v1/cart/add-item',
  'POST /wc/store/v1/checkout',
]);

export class StandInStore {
  readonly prettyPermalinks: boolean;
  readonly comingSoon: boolean;
  readonly databaseDown: boolean;
  readonly woocommerceActive: boolean;
  private readonly tokens = new StandInCartTokens();
  private readonly products: Product[];
  private readonly codEnabled: boolean;
  private readonly codForVirtual: boolean;
  private readonly carts = new Map<string, Cart>();
  private readonly nonce = randomBytes(5).toString('hex');
  private readonly placed: StandInOrder[] = [];
  private lastOrderId = 13;

  constructor(
    readonly host: string,
    o: StandInStoreOptions = {},
  ) {
    const priceMinor = o.priceMinor ?? 1000;
    if (!Number.isInteger(priceMinor) || priceMinor < 0) {
      throw new Error('priceMinor must be a whole number of minor units');
    }
    this.codEnabled = o.codEnabled ?? true;
    this.codForVirtual = o.codForVirtual ?? true;
    this.prettyPermalinks = o.prettyPermalinks ?? true;
    this.comingSoon = o.comingSoon ?? false;
    this.databaseDown = o.databaseDown ?? false;
    this.woocommerceActive = o.woocommerceActive ?? true;
    // A second product makes the verifier pick by SKU rather than take the first one listed.
    const beanie = { id: 11, name: 'Beanie', slug: 'beanie', sku: 'woo-beanie', priceMinor: 1800 };
    this.products = [
      { ...beanie, inStock: true, purchasable: true },
      {
        id: 12,
        name: 'Storefleet demo product',
        slug: 'storefleet-demo',
        sku: o.sku ?? 'storefleet-demo',
        priceMinor,
        inStock: o.inStock ?? true,
        purchasable: o.purchasable ?? true,
      },
    ];
  }

  /** Sells out, or restocks, the demo product (the last product listed). */
  setDemoInStock(inStock: boolean): void {
    const demo = this.products[this.products.length - 1];
    if (demo) demo.inStock = inStock;
  }

  /** Every order, `checkout-draft` ones included, oldest first. */
  orders(): StandInOrder[] {
    return this.placed.map((order) => ({ ...order }));
  }

  private permalink(p: Product): string {
    return this.prettyPermalinks
      ? `http://${this.host}/product/${p.slug}/`
      : `http://${this.host}/?product=${p.slug}`;
  }

  /** A guest's GET of a storefront page, or null when no product lives at that address. */
  page(url: URL): StandInReply | null {
    const slug = this.prettyPermalinks
      ? /^\/product\/([^/]+)\/?$/.exec(url.pathname)?.[1]
      : url.pathname === '/'
        ? url.searchParams.get('product')
        : undefined;
    const product = this.products.find((p) => p.slug === slug);
    if (!product) return null;
    if (!this.woocommerceActive) return WP_NOT_FOUND;
    return this.comingSoon
      ? comingSoonPage(this.host, product.name)
      : productPage(this.host, product);
  }

  handle(
    method: string,
    route: string,
    query: URLSearchParams,
    headers: Record<string, string>,
    body: string,
  ): StandInReply {
    if (!this.woocommerceActive) return NO_REST_ROUTE;
    const key = `${method} ${route.replace(/\/+$/, '')}`;
    if (key === 'GET /wc/store/v1/products') {
      return listProducts(this.products, query, (p) => this.permalink(p));
    }
    if (CART_ROUTES.has(key)) return this.cartRoute(key, headers, body);
    return NO_REST_ROUTE;
  }

  private newCart(): string {
    const id = `t_${randomBytes(15).toString('hex')}`;
    this.carts.set(id, { lines: [] });
    return id;
  }

  /**
   * A valid Cart-Token selects its cart and spares the Nonce. Without one (absent, malformed,
   * foreign) the request runs in a new, empty session, and writes need a valid Nonce.
   */
  private cartRoute(key: string, headers: Record<string, string>, body: string): StandInReply {
    const token = headers['cart-token'];
    const known = token === undefined ? null : this.tokens.read(token);
    const cartId = known !== null && this.carts.has(known) ? known : this.newCart();
    return this.withSession(cartId, this.cartAction(key, cartId, known !== null, headers, body));
  }

  private cartAction(
    key: string,
    cartId: string,
    hasToken: boolean,
    headers: Record<string, string>,
    body: string,
  ): StandInReply {
    if (key === 'GET /wc/store/v1/cart') return jsonReply(200, this.cartBody(cartId));
    if (!hasToken) {
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
    const json = parseJson(body);
    if (json === undefined) return wpError(400, 'rest_invalid_json', 'Invalid JSON body passed.');
    return key === 'POST /wc/store/v1/cart/add-item'
      ? this.addItem(cartId, json)
      : this.checkout(cartId, json);
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
    const quantity = json['quantity'] === undefined ? 1 : json['quantity'];
    if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 1) {
      return wpError(
        400,
        'woocommerce_rest_product_invalid_quantity',
        `The quantity of &quot;${product.name}&quot; must be at least 1.`,
      );
    }
    if (!product.purchasable) {
      return wpError(
        400,
        'woocommerce_rest_product_not_purchasable',
        `You cannot add &quot;${product.name}&quot; to the cart because the product cannot be purchased.`,
      );
    }
    if (!product.inStock) {
      return wpError(
        400,
        'woocommerce_rest_product_out_of_stock',
        `You cannot add &quot;${product.name}&quot; to the cart because the product is out of stock.`,
      );
    }
    const cart = this.carts.get(cartId) ?? { lines: [] };
    const line = cart.lines.find((l) => l.productId === product.id);
    if (line) line.quantity += quantity;
    else cart.lines.push({ productId: product.id, quantity });
    this.carts.set(cartId, cart);
    return jsonReply(201, this.cartBody(cartId));
  }

  private checkout(cartId: string, json: Record<string, unknown>): StandInReply {
    const cart = this.carts.get(cartId) ?? { lines: [] };
    const body = this.cartBody(cartId);
    const { reply, placed } = standInCheckout(
      {
        host: this.host,
        codEnabled: this.codEnabled,
        codForVirtual: this.codForVirtual,
        orders: this.placed,
        nextOrderId: () => ++this.lastOrderId,
        cartBody: () => body,
      },
      cart,
      { totalMinor: Number(body.totals.total_price), itemsCount: body.items_count },
      json,
    );
    if (placed) this.carts.set(cartId, { lines: [] });
    return reply;
  }

  private cartBody(cartId: string): CartBody {
    return cartBody(this.products, this.carts.get(cartId)?.lines ?? [], this.codEnabled);
  }

  /** The session headers WooCommerce puts on every cart answer, refusals included. */
  private withSession(cartId: string, reply: StandInReply): StandInReply {
    const lines = this.carts.get(cartId)?.lines ?? [];
    reply.headers = {
      ...reply.headers,
      'cart-token': this.tokens.issue(cartId),
      nonce: this.nonce,
      'nonce-timestamp': String(Math.floor(Date.now() / 1000)),
      'user-id': '0',
      'cart-hash': createHash('md5').update(JSON.stringify(lines)).digest('hex'),
    };
    return reply;
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
