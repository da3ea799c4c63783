// Part of the LOCAL STAND-IN of the WooCommerce Store API: the products it sells, the product
// list (GET /products, with WooCommerce's paging headers) and the cart body.
import { createHash } from 'node:crypto';
import { jsonReply, wpError, type StandInReply } from './store-api-stand-in-replies';

export interface Product {
  id: number;
  name: string;
  slug: string;
  sku: string;
  priceMinor: number;
  inStock: boolean;
  purchasable: boolean;
}

export interface CartLine {
  productId: number;
  quantity: number;
}

export interface CartBody {
  items_count: number;
  totals: { total_price: string; [key: string]: unknown };
  [key: string]: unknown;
}

export function listProducts(
  products: Product[],
  query: URLSearchParams,
  permalink: (p: Product) => string,
): StandInReply {
  const perPage = Number(query.get('per_page') ?? '10');
  const page = Number(query.get('page') ?? '1');
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100) {
    return wpError(400, 'rest_invalid_param', 'Invalid parameter(s): per_page');
  }
  if (!Number.isInteger(page) || page < 1) {
    return wpError(400, 'rest_invalid_param', 'Invalid parameter(s): page');
  }
  const slice = products.slice((page - 1) * perPage, page * perPage);
  const list = slice.map((p) => ({
    id: p.id,
    name: p.name,
    slug: p.slug,
    type: 'simple',
    permalink: permalink(p),
    sku: p.sku,
    prices: {
      price: String(p.priceMinor),
      regular_price: String(p.priceMinor),
      sale_price: String(p.priceMinor),
      currency_code: 'USD',
      currency_minor_unit: 2,
    },
    is_purchasable: p.purchasable,
    is_in_stock: p.inStock,
    add_to_cart: { text: p.inStock ? 'Add to cart' : 'Read more', minimum: 1, maximum: 9999 },
  }));
  const reply = jsonReply(200, list);
  reply.headers['x-wp-total'] = String(products.length);
  reply.headers['x-wp-totalpages'] = String(Math.max(1, Math.ceil(products.length / perPage)));
  return reply;
}

export function cartBody(products: Product[], lines: CartLine[], codEnabled: boolean): CartBody {
  let total = 0;
  let count = 0;
  const items = lines.map((line) => {
    const p = products.find((x) => x.id === line.productId);
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
  return {
    items,
    coupons: [],
    items_count: count,
    items_weight: 0,
    needs_payment: total > 0,
    needs_shipping: false,
    payment_methods: codEnabled ? ['cod'] : [],
    totals: {
      total_items: String(total),
      total_tax: '0',
      total_price: String(total),
      currency_code: 'USD',
      currency_minor_unit: 2,
    },
    errors: [],
  };
}
